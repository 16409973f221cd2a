"""Chart builders through chart.to_dict(): marks, encodings, joins, colours."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ui import aggregates, charts, theme
from ui.filters import Filters
from ui.view import apply


def spec_data(spec: dict[str, Any], data: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of an inline or named dataset in a to_dict() spec."""
    if "values" in data:
        return data["values"]
    return spec["datasets"][data["name"]]


def measures(mini: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return aggregates.country_measures(apply(mini, Filters()))


def test_choropleth_joins_topojson_ids_on_zero_padded_numeric_strings(mini: dict[str, pd.DataFrame]) -> None:
    spec = charts.choropleth(measures(mini), "articles", "Countries by articles").to_dict()
    assert spec["mark"]["type"] == "geoshape"
    assert spec["projection"]["type"] == "equalEarth"
    assert spec["data"]["format"] == {"type": "topojson", "feature": "countries"}
    assert any(g["id"] == "004" for g in spec["data"]["values"]["objects"]["countries"]["geometries"])
    lookup = spec["transform"][0]
    assert lookup["lookup"] == "id" and lookup["from"]["key"] == "numeric"
    rows = spec_data(spec, lookup["from"]["data"])
    assert {r["iso3"]: r["numeric"] for r in rows}["RUS"] == "643"
    assert all(isinstance(r["numeric"], str) and len(r["numeric"]) == 3 for r in rows)
    assert "XKX" not in {r["iso3"] for r in rows}  # no shape: listed beside the map instead


def test_choropleth_has_tooltip_legend_title_and_click_selection(mini: dict[str, pd.DataFrame]) -> None:
    spec = charts.choropleth(measures(mini), "sanctioned", "Targets").to_dict()
    enc = spec["encoding"]
    assert enc["color"]["condition"]["title"] == theme.measure_title("sanctioned")
    assert [t["title"] for t in enc["tooltip"]] == ["Country", theme.measure_title("sanctioned")]
    assert spec["params"][0]["name"] == charts.PICK
    assert spec["params"][0]["select"]["fields"] == ["iso3"]


def test_unshaped_countries_are_listed(mini: dict[str, pd.DataFrame]) -> None:
    assert aggregates.unshaped(measures(mini), "articles")["name"].tolist() == ["Kosovo"]


def test_top_bar_is_sorted_and_clickable(mini: dict[str, pd.DataFrame]) -> None:
    spec = charts.top_bar(measures(mini), "articles", "Top").to_dict()
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["y"]["sort"] == "-x"
    assert spec["encoding"]["x"]["field"] == "articles" and spec["encoding"]["x"]["axis"]["title"] == "Articles"
    assert spec["params"][0]["name"] == charts.PICK
    assert spec_data(spec, spec["data"])[0]["name"] == "Russia"


def test_one_colour_per_kind_and_action_everywhere(mini: dict[str, pd.DataFrame]) -> None:
    v = apply(mini, Filters())
    bar = charts.stacked_bar(aggregates.pairs(v["alliances"]), "pair", "articles", "kind", "t", "x", "Pair").to_dict()
    assert bar["encoding"]["color"]["scale"] == {"domain": list(theme.ALLIANCE_KINDS),
                                                  "range": list(theme.ALLIANCE_KINDS.values())}
    counts, label = aggregates.over_time(v["sanctions"], v["articles"], by="action")
    bars = charts.time_bars(counts, label, "t", "Articles", split="action").to_dict()
    assert bars["encoding"]["color"]["scale"]["range"] == list(theme.SANCTION_ACTIONS.values())
    assert bars["encoding"]["x"]["field"] == "label"
    assert bars["encoding"]["y"]["axis"]["title"] == "Articles"


def test_heatmap_is_sender_by_target(mini: dict[str, pd.DataFrame]) -> None:
    matrix = aggregates.sender_target(apply(mini, Filters())["sanctions"])
    spec = charts.heatmap(matrix, "Who sanctions whom").to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rect", "text"]
    rect = spec["layer"][0]["encoding"]
    assert rect["x"]["field"] == "target_name" and rect["y"]["field"] == "sender_name"
    assert theme.UNNAMED_SENDER in set(matrix["sender_name"])


def test_pair_map_draws_a_line_between_capitals(mini: dict[str, pd.DataFrame]) -> None:
    totals = aggregates.pair_totals(apply(mini, Filters())["alliances"])
    lines, undrawn = aggregates.pair_lines(totals)
    spec = charts.pair_map(lines, "Pairs").to_dict()
    land, links, dots = spec["layer"]
    assert land["mark"]["type"] == "geoshape" and links["mark"]["type"] == "rule"
    assert {"longitude", "latitude", "longitude2", "latitude2", "strokeWidth"} <= set(links["encoding"])
    assert links["encoding"]["strokeWidth"]["title"] == "Articles"
    assert links["encoding"]["strokeWidth"]["legend"]["format"] == "d"  # one pair: "1", not "1.000000"
    assert set(lines["pair"]) | set(undrawn["pair"]) == set(totals["pair"])


def test_blocs_read_as_names_on_every_axis_not_codes() -> None:
    from ui import reference

    assert [reference.short(c) for c in ("WEST", "QUAD", "EU", "NATO", "RUS")] == [
        "The West", "Quad", "EU", "NATO", "Russia"]
    sanctions = pd.DataFrame({"article_id": pd.Categorical(["x", "y"]), "target": pd.Categorical(["RUS", "RUS"]),
                              "sender": pd.Categorical(["WEST", None]), "action": ["imposed", "imposed"]})
    matrix = aggregates.sender_target(sanctions)
    spec = charts.heatmap(matrix, "Who sanctions whom").to_dict()
    rows = spec["datasets"][spec["data"]["name"]] if "data" in spec else spec["datasets"][next(iter(spec["datasets"]))]
    assert sorted(r["sender_name"] for r in rows) == [theme.UNNAMED_SENDER, "The West"]
    assert "WEST" not in {r["sender_name"] for r in rows}


def test_the_heatmap_counts_articles_and_says_so(mini: dict[str, pd.DataFrame]) -> None:
    matrix = aggregates.sender_target(apply(mini, Filters())["sanctions"])
    spec = charts.heatmap(matrix, "Who sanctions whom: articles reporting each sender and target").to_dict()
    cells, labels = spec["layer"]
    assert (cells["encoding"]["color"]["field"], cells["encoding"]["color"]["title"]) == ("articles", "Articles")
    assert labels["encoding"]["text"]["field"] == "articles"


def test_a_skewed_map_uses_a_log_scale_and_says_so() -> None:
    base = {"iso3": ["USA", "RUS", "IRN", "FRA"], "name": ["United States", "Russia", "Iran", "France"],
            "numeric": ["840", "643", "364", "250"]}
    skewed = pd.DataFrame({**base, "articles": [300, 4, 2, 1]})
    color = charts.choropleth(skewed, "articles", "t").to_dict()["encoding"]["color"]["condition"]
    assert (color["scale"]["type"], color["title"]) == ("log", "Articles (log scale)")
    even = pd.DataFrame({**base, "articles": [5, 4, 2, 3]})
    color = charts.choropleth(even, "articles", "t").to_dict()["encoding"]["color"]["condition"]
    assert "type" not in color["scale"] and color["title"] == "Articles"
    assert color["legend"]["format"] == "d"


def test_every_period_is_on_the_axis_and_partial_ones_say_so(mini: dict[str, pd.DataFrame]) -> None:
    """The hand-made articles: 10 Jan 2024, 5 Jun 2024, 1 Feb 2025 (monthly bars)."""
    v = apply(mini, Filters())
    counts, label = aggregates.over_time(v["articles"], v["articles"])
    assert label == "Month" and len(counts) == 14  # Jan 2024 to Feb 2025, empty months as 0
    shown = counts[counts["count"] > 0]
    assert shown[["label", "count", "partial", "note"]].values.tolist() == [
        ["Jan 2024 (from 10 Jan)", 1, True, "from 10 Jan"], ["Jun 2024", 1, False, ""],
        ["Feb 2025 (to 1 Feb)", 1, True, "to 1 Feb"]]
    spec = charts.time_bars(counts, label, "Articles per month", "Articles").to_dict()
    x = spec["encoding"]["x"]
    assert x["sort"][:2] == ["Jan 2024 (from 10 Jan)", "Feb 2024"] and x["type"] == "ordinal" and len(x["sort"]) == 14
    assert spec["encoding"]["opacity"]["condition"][0] == {"test": "datum.partial", "value": charts.PARTIAL_OPACITY}


def test_a_year_with_four_weeks_of_news_is_marked_partial() -> None:
    from ui import periods

    published = pd.Series(pd.to_datetime(["2014-01-20", "2020-06-01", "2026-01-27"]))
    counts = pd.DataFrame({"period": pd.to_datetime(["2014-01-01", "2020-01-01", "2026-01-01"]), "count": [5, 9, 2]})
    out = periods.calendar(counts, published, "Year")
    assert out["label"].tolist()[:-1] == [str(y) for y in range(2014, 2026)]  # ends at the last year with data
    assert out.loc[out["partial"], ["label", "note"]].values.tolist() == [["2026 (to 27 Jan)", "to 27 Jan"]]
    assert out["label"].tolist()[0] == "2014"  # 94% of 2014 is covered: not marked


def test_one_period_still_reads_as_a_chart() -> None:
    from ui import periods

    published = pd.Series(pd.to_datetime(["2025-03-01", "2025-03-31"]))
    counts = periods.calendar(pd.DataFrame({"period": pd.to_datetime(["2025-03-01"]), "count": [2]}), published,
                              "Month")
    spec = charts.time_bars(counts, "Month", "t", "Articles").to_dict()
    assert spec["width"] == {"step": 90}  # one bar of a bar's width, not a block across the page
    assert spec["encoding"]["y"]["axis"]["format"] == "d"
    assert counts["partial"].tolist() == [False]


def test_partial_means_the_data_or_the_date_filter_ends_not_a_sparse_filter(mini: dict[str, pd.DataFrame]) -> None:
    """June 2024 picked whole: its one article (5 June) is a full month's count, not a partial month."""
    import datetime as dt

    june = Filters(start=dt.date(2024, 6, 1), end=dt.date(2024, 6, 30))
    span = aggregates.date_span(mini["articles"], june)
    assert span.tolist() == [pd.Timestamp("2024-06-01"), pd.Timestamp("2024-06-30")]
    counts, label = aggregates.over_time(apply(mini, june)["articles"], mini["articles"], span=span)
    assert (label, counts[["label", "count", "partial"]].values.tolist()) == ("Month", [["Jun 2024", 1, False]])
    everything = aggregates.date_span(mini["articles"], Filters())
    assert everything.tolist() == [pd.Timestamp("2024-01-10"), pd.Timestamp("2025-02-01")]
