"""Pre-aggregations behind the charts and the article highlighter."""

from __future__ import annotations

import pandas as pd

from etl.memberships import bloc_members, with_co_members
from tests.ui.helpers import mini_raw, mini_tables
from ui import aggregates, evidence, tables
from ui.filters import Filters
from ui.view import apply, countries_from


def test_country_measures_count_each_measure(mini: dict[str, pd.DataFrame]) -> None:
    m = aggregates.country_measures(apply(mini, Filters())).set_index("iso3")
    # a1 reports Iran and Russia allied in two sentences (treaty, economic): one article.
    assert m.loc["RUS", ["articles", "mentions", "sanctioned", "alliances"]].tolist() == [2, 2, 1, 1]
    assert m.loc["XKX", "numeric"] is pd.NA or pd.isna(m.loc["XKX", "numeric"])
    assert "EU" not in m.index  # blocs are not drawn as countries


def test_pairs_are_unordered(mini: dict[str, pd.DataFrame]) -> None:
    totals = aggregates.pair_totals(mini["alliances"])
    assert totals.loc[0, ["party_a", "party_b", "articles", "kinds"]].tolist() == ["IRN", "RUS", 1, "economic, treaty"]
    assert len(totals) == 2


def test_co_members_prefers_the_etl_column() -> None:
    allies = mini_tables()["alliances"].assign(co_members=[True, True, False])
    totals = aggregates.pair_totals(allies)
    assert aggregates.co_members(totals, allies).tolist() == [True, False]


def test_partners_and_sanctions_both_ways(mini: dict[str, pd.DataFrame]) -> None:
    assert set(aggregates.partners(mini["alliances"], "RUS")["partner"]) == {"IRN"}
    who = aggregates.sanctions_by(mini["sanctions"], "RUS", role="target")
    assert who[["other", "action", "articles"]].values.tolist() == [["USA", "imposed", 1]]
    assert aggregates.sanctions_by(mini["sanctions"], "USA", role="sender")["other"].tolist() == ["RUS"]
    countries = countries_from(mini["mentions"])
    assert aggregates.named_with(countries, mini["mentions"], "RUS")["iso3"].tolist() == ["IRN", "USA"]


def test_highlight_escapes_every_piece_of_text() -> None:
    text = "<script>alert(1)</script> Iran & Russia"
    start = text.index("Iran")
    out = evidence.highlight(text, [(start, start + 4, 'IRN "x"', False)])
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert 'title="IRN &quot;x&quot;"' in out and "&amp; Russia" in out and ">Iran</mark>" in out


def test_highlight_skips_overlaps_and_bad_offsets() -> None:
    out = evidence.highlight("South Korea", [(0, 11, "KOR", False), (6, 11, "KOR", False), (5, 99, "x", False)])
    assert out.count("<mark") == 1


def test_article_html_marks_title_and_text(mini: dict[str, pd.DataFrame]) -> None:
    article = mini["articles"].iloc[1]
    mentions = pd.concat([mini["mentions"], mini["ambiguous"]])
    text = mini_raw()["articles"]["text"][1]
    page = evidence.article_html(article, text, mentions[mentions["article_id"] == "a2"])
    assert page.count("<mark") == 3 and "dashed" in page  # Georgia is shown as doubtful


def test_co_members_without_the_etl_column_answers_as_the_etl_does() -> None:
    # Tables from an older build have no co_members column: the dashboard asks
    # etl.memberships, so Finland and NATO are co-members on both sides.
    pairs = [("FIN", "NATO"), ("FIN", "SWE"), ("CUB", "USA"), ("NATO", "RUS")]
    raw = {**mini_raw(), "alliances": pd.DataFrame({"article_id": ["x"] * 4, "party_a": [a for a, _ in pairs],
                                                    "party_b": [b for _, b in pairs], "kind": ["membership"] * 4})}
    allies = tables.lean(raw)["alliances"]
    totals = aggregates.pair_totals(allies)
    shown = dict(zip(zip(totals["party_a"], totals["party_b"]), aggregates.co_members(totals, allies)))
    etl = with_co_members(pd.DataFrame({"article_id": ["x"] * 4, "party_a": [a for a, _ in pairs],
                                        "party_b": [b for _, b in pairs]}),
                          pd.DataFrame({"article_id": ["x"], "published": [pd.NaT]}), bloc_members())
    assert shown == {("FIN", "NATO"): True, ("FIN", "SWE"): True, ("CUB", "USA"): False, ("NATO", "RUS"): False}
    assert shown == dict(zip(zip(etl["party_a"], etl["party_b"]), etl["co_members"]))


def repeated() -> dict[str, pd.DataFrame]:
    """The hand-made tables where a2's headline and text both report USA sanctioning
    Russia (imposed), and a1 says Iran and Russia signed a treaty twice."""
    raw = mini_raw()
    s, a = raw["sanctions"], raw["alliances"]
    raw["sanctions"] = pd.concat([s, s[s["article_id"] == "a2"].assign(field="title", evidence="US sanctions Russia")],
                                 ignore_index=True)
    raw["alliances"] = pd.concat([a, a[a["kind"] == "treaty"].assign(party_a="RUS", party_b="IRN", sentence=1)],
                                 ignore_index=True)
    from ui.tables import lean

    return lean(raw)


def test_an_article_reporting_a_sanction_twice_counts_once() -> None:
    view = apply(repeated(), Filters())
    assert len(view["sanctions"]) == 4  # the evidence keeps both sentences
    assert len(aggregates.sanction_reports(view["sanctions"])) == 3
    m = aggregates.country_measures(view).set_index("iso3")
    assert m.loc["RUS", "sanctioned"] == 1
    cell = aggregates.sender_target(view["sanctions"]).set_index(["sender", "target"]).loc[("USA", "RUS")]
    assert (cell["articles"], cell["rows"]) == (1, 2)
    assert aggregates.sanctions_by(view["sanctions"], "RUS", role="target")[["other", "articles"]].values.tolist() \
        == [["USA", 1]]
    timeline, _ = aggregates.over_time(view["sanctions"], view["articles"], by="action")
    assert timeline.loc[timeline["action"] == "imposed", "count"].tolist() == [1]


def test_an_alliance_said_twice_in_an_article_counts_once() -> None:
    view = apply(repeated(), Filters())
    assert len(view["alliances"]) == 4
    reports = aggregates.alliance_reports(view["alliances"])
    assert sorted(map(tuple, reports[["party_a", "party_b", "kind"]].astype(str).values.tolist())) == [
        ("IRN", "RUS", "economic"), ("IRN", "RUS", "treaty"), ("SRB", "XKX", "partnership")]
    assert aggregates.country_measures(view).set_index("iso3").loc["IRN", "alliances"] == 1
    assert aggregates.pairs(view["alliances"]).set_index("kind").loc["treaty", "articles"] == 1
