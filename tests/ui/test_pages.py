"""Every page through streamlit.testing.v1.AppTest: runs on the sample, each
filter moves the numbers it should (on hand-made tables whose counts are known),
and a filter that leaves nothing shows a message instead of a chart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["dashboard.py", "pages/1_Countries.py", "pages/2_Alliances.py", "pages/3_Sanctions.py",
         "pages/4_Articles.py"]


def run(page: str, **query: str | list[str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / page), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def charts(at: AppTest) -> list[str]:
    """The Vega-Lite specs of the page's charts."""
    return [e.proto.spec for e in at.main if getattr(e, "type", "") == "vega_lite_chart"]


def metrics(at: AppTest) -> dict[str, str]:
    assert not at.exception, [e.value for e in at.exception]
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_sample(page: str, app_env: Path) -> None:
    at = run(page)
    assert not at.exception, [e.value for e in at.exception]
    assert charts(at) or at.info or at.dataframe
    assert at.sidebar.multiselect(key="country") is not None and at.sidebar.slider(key="conf") is not None


def test_country_page_on_the_sample_with_its_most_named_country(app_env: Path,
                                                                tables: dict[str, pd.DataFrame]) -> None:
    top = tables["countries"]["name"].value_counts().index[0]
    at = run("pages/1_Countries.py", country=top)
    assert int(metrics(at)["Articles naming it"]) > 0


def test_overview_numbers_on_the_hand_made_tables(mini_env: Path) -> None:
    m = metrics(run("dashboard.py"))
    assert (m["Articles"], m["Sources"], m["Countries"], m["Alliance pairs"], m["Sanction targets"]) == (
        "3", "2", "5", "2", "3")
    assert m["Date span"] == "2024–2025"


@pytest.mark.parametrize(("key", "value", "expected"), [
    ("source", ["Post"], {"Articles": "1", "Countries": "2", "Alliance pairs": "0", "Sanction targets": "1"}),
    ("dates", (dt.date(2024, 1, 10), dt.date(2024, 6, 30)), {"Articles": "2", "Sanction targets": "2"}),
    ("country", ["IRN"], {"Articles": "1", "Alliance pairs": "1", "Sanction targets": "1"}),
    ("bloc", ["EU"], {"Articles": "1", "Alliance pairs": "0", "Sanction targets": "1"}),
    ("kind", ["treaty"], {"Articles": "3", "Alliance pairs": "1", "Sanction targets": "3"}),
    ("action", ["imposed"], {"Articles": "3", "Alliance pairs": "2", "Sanction targets": "1"}),
    ("conf", 0.96, {"Articles": "3", "Countries": "4", "Alliance pairs": "0", "Sanction targets": "0"}),
    ("ambiguous", True, {"Countries": "6"}),
])
def test_each_filter_changes_its_numbers(mini_env: Path, key: str, value: object, expected: dict[str, str]) -> None:
    at = run("dashboard.py")
    widget = at.sidebar.checkbox(key=key) if key == "ambiguous" else (
        at.sidebar.slider(key=key) if key == "conf" else
        at.sidebar.date_input(key=key) if key == "dates" else at.sidebar.multiselect(key=key))
    widget.set_value(value).run()
    got = metrics(at)
    assert {k: got[k] for k in expected} == expected


def test_the_url_reproduces_the_view(mini_env: Path) -> None:
    at = run("pages/1_Countries.py", country="Russia", source="Post")
    assert at.sidebar.multiselect(key="country").value == ["RUS"]
    assert metrics(at)["Articles naming it"] == "1"


def test_a_filter_that_leaves_nothing_says_so(mini_env: Path) -> None:
    for page in PAGES:
        at = run(page, source="Post", country="Serbia")
        assert not at.exception, (page, [e.value for e in at.exception])
        assert at.info, page
        assert not charts(at), page


def test_a_country_without_alliances_says_so(mini_env: Path) -> None:
    at = run("pages/1_Countries.py", country="United States")
    assert any("has no alliances" in i.value for i in at.info)
    assert any("Whom United States sanctions" in spec for spec in charts(at))


def test_alliance_and_sanction_pages_follow_their_filters(mini_env: Path) -> None:
    assert metrics(run("pages/2_Alliances.py"))["Pairs"] == "2"
    assert metrics(run("pages/2_Alliances.py", kind="partnership"))["Pairs"] == "1"
    assert metrics(run("pages/3_Sanctions.py"))["Sanctions reported"] == "3"
    assert metrics(run("pages/3_Sanctions.py", action=["imposed", "threatened"]))["Sanctions reported"] == "2"


def test_articles_page_searches_and_opens_one(mini_env: Path) -> None:
    at = run("pages/4_Articles.py", q="Kosovo")
    assert any("1 rows shown" in c.value for c in at.caption)
    at.selectbox(key="article").set_value("a3").run()
    html = at.get("html")[0].proto.body
    assert html.count("<mark") == 2 and ">Kosovo</mark>" in html


def test_overview_lists_only_the_latest_articles(mini_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sent to each browser session, a list of every article was 11 MB at 100,000."""
    monkeypatch.setattr("ui.page.LATEST_ARTICLES", 2)
    at = run("dashboard.py")
    assert not at.exception, [e.value for e in at.exception]
    shown = at.dataframe[-1].value
    assert list(shown["article_id"]) == ["a3", "a2"]  # the newest first
    assert any("The 2 latest of 3 articles" in c.value for c in at.caption)


def test_articles_page_offers_the_newest_but_opens_any_linked_article(mini_env: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Every title as an option was 8 MB per session at 100,000 articles; a
    shared link to an older article must still open it."""
    monkeypatch.setattr("ui.page.OPENABLE_ARTICLES", 1)
    at = run("pages/4_Articles.py")
    assert at.selectbox(key="article").options == ["Kosovo talks [a3]"]  # the newest
    assert "search to reach the other 2" in at.selectbox(key="article").help
    linked = run("pages/4_Articles.py", article="Iran and Russia sign treaty [a1]")  # as the URL holds it
    assert not linked.exception, [e.value for e in linked.exception]
    assert linked.selectbox(key="article").value == "a1"
    assert ">Iran</mark>" in linked.get("html")[0].proto.body


def test_the_articles_tabs_lead_with_what_a_reader_looks_for(mini_env: Path) -> None:
    at = run("pages/4_Articles.py", article="Iran and Russia sign treaty [a1]")
    assert not at.exception, [e.value for e in at.exception]
    mentions, alliances, sanctions = (frame.value for frame in at.dataframe[-3:])
    assert list(mentions.columns[:2]) == ["surface", "name"]
    assert list(alliances.columns[:2]) == ["pair", "kind"]
    assert alliances[["pair", "kind"]].values.tolist() == [["Iran – Russia", "treaty"], ["Russia – Iran", "economic"]]
    assert list(sanctions.columns[:3]) == ["target_name", "sender_name", "action"]
    assert sanctions[["target_name", "sender_name", "action"]].values.tolist() == [
        ["Iran", "European Union", "threatened"]]
