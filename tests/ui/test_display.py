"""What a person reads in a table: gaps as "—" (never the word None), and a
link only for an http(s) address, on every page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from etl.build import write_tables
from tests.ui.helpers import mini_raw
from ui.display import MISSING, filled, links, readable

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["dashboard.py", "pages/1_Countries.py", "pages/2_Alliances.py", "pages/3_Sanctions.py",
         "pages/4_Articles.py"]


def test_gaps_read_as_a_dash_in_every_kind_of_column() -> None:
    df = pd.DataFrame({
        "sender": pd.Categorical(["USA", None]), "title": pd.array(["A", None], dtype="string"),
        "published": pd.to_datetime(["2024-06-05", None]), "line": pd.array([2, None], dtype="Int64"),
        "co_members": pd.array([True, None], dtype="boolean"), "n": [1, 2],
    })
    out = readable(df)
    assert out.to_dict("list") == {"sender": ["USA", MISSING], "title": ["A", MISSING],
                                   "published": ["2024-06-05", MISSING], "line": ["2", MISSING],
                                   "co_members": ["True", MISSING], "n": [1, 2]}
    assert isinstance(out["sender"].dtype, pd.CategoricalDtype)  # still sent as a dictionary
    assert df["title"].isna().sum() == 1  # the downloads' frame is untouched


def test_a_full_column_keeps_its_type() -> None:
    published = pd.Series(pd.to_datetime(["2024-06-05"]))
    assert filled(published) is published


def test_only_http_and_https_addresses_stay_links() -> None:
    urls = pd.Series(["https://a.org/x", "HTTP://b.org", "javascript:alert(1)", "data:text/html,x", None,
                      "file:///etc/passwd", " https://c.org"])
    assert links(urls).tolist() == ["https://a.org/x", "HTTP://b.org", "", "", "", "", " https://c.org"]


@pytest.fixture
def odd_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The hand-made tables with a javascript: address on a1 and none on a2."""
    raw = mini_raw()
    arts = raw["articles"].copy()
    arts["url"] = pd.array(["javascript:alert(1)", None, "https://example.org/a3"], dtype="string")
    write_tables({**raw, "articles": arts}, tmp_path)
    monkeypatch.setenv("DASHBOARD_TABLES", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize("page", PAGES)
def test_no_table_on_a_page_shows_a_gap_as_none(page: str, odd_urls: Path) -> None:
    at = AppTest.from_file(str(ROOT / page), default_timeout=60)
    at.query_params["country"] = "Russia" if page == "pages/1_Countries.py" else []
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.dataframe, page
    for frame in at.dataframe:
        shown = frame.value
        assert not shown.isna().any().any(), (page, shown.columns[shown.isna().any()].tolist())
        assert not shown.astype(str).isin(["None", "nan", "<NA>", "NaT"]).any().any(), page


def test_the_sanction_without_a_sender_reads_a_dash(mini_env: Path) -> None:
    at = AppTest.from_file(str(ROOT / "pages/3_Sanctions.py"), default_timeout=60).run()
    evidence = at.dataframe[-1].value
    assert evidence.set_index("article_id").loc["a3", ["sender", "sender_name"]].tolist() == [MISSING, MISSING]


def test_an_address_that_is_not_http_is_never_a_link(odd_urls: Path) -> None:
    at = AppTest.from_file(str(ROOT / "pages/4_Articles.py"), default_timeout=60).run()
    listing = at.dataframe[0].value.set_index("article_id")
    assert listing["url"].to_dict() == {"a3": "https://example.org/a3", "a2": "", "a1": ""}
    at.selectbox(key="article").set_value("a1").run()
    assert not at.exception and not at.get("link_button")
    at.selectbox(key="article").set_value("a3").run()
    assert [b.proto.url for b in at.get("link_button")] == ["https://example.org/a3"]
