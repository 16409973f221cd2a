"""The alliance network: the most reported pairs, their parties around a circle
(blocs included, which the map cannot draw), and the Alliances page's choice
between network and map."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

from tests.ui.test_pages import charts, run
from ui import network, reference
from ui import charts as chart_builders


def totals_of(pairs: list[tuple[str, str, str, int]]) -> pd.DataFrame:
    """What aggregates.pair_totals returns: one row per pair, most articles first."""
    rows = [{"party_a": a, "party_b": b, "pair": f"{reference.short(a)} – {reference.short(b)}", "articles": n,
             "kinds": kinds} for a, b, kinds, n in pairs]
    return pd.DataFrame(rows).astype({"party_a": "category", "party_b": "category", "pair": "string",
                                      "kinds": "string"})


def test_the_top_pairs_join_their_parties_around_a_circle() -> None:
    totals = totals_of([("CHN", "RUS", "treaty", 3), ("FIN", "NATO", "membership", 2),
                        ("IRN", "RUS", "economic, military", 1), ("CUB", "VEN", "economic", 1)])
    nodes, edges = network.network(totals, top=3)
    # Parties by the articles of their pairs, the first at the top of the circle.
    assert nodes[["code", "name", "articles"]].values.tolist() == [
        ["RUS", "Russia", 4], ["CHN", "China", 3], ["FIN", "Finland", 2], ["NATO", "NATO", 2], ["IRN", "Iran", 1]]
    assert (nodes.loc[0, "x"], nodes.loc[0, "y"]) == (0.0, 1.0)
    assert all(math.isclose(x * x + y * y, 1.0, abs_tol=1e-3) for x, y in zip(nodes["x"], nodes["y"]))
    assert edges[["pair", "kind", "articles"]].values.tolist() == [
        ["China – Russia", "treaty", 3], ["Finland – NATO", "membership", 2],
        ["Iran – Russia", network.SEVERAL, 1]]  # Cuba – Venezuela is beyond the top 3
    at = nodes.set_index("code")
    assert (edges.loc[1, "x2"], edges.loc[1, "y2"]) == (at.loc["NATO", "x"], at.loc["NATO", "y"])


def test_the_network_chart_colours_lines_by_kind_and_labels_every_party() -> None:
    totals = totals_of([("CHN", "RUS", "treaty", 3), ("IRN", "RUS", "economic, military", 1)])
    spec = chart_builders.pair_network(*network.network(totals), "Pairs").to_dict()
    lines, dots, labels = spec["layer"]
    assert lines["mark"]["type"] == "rule" and lines["encoding"]["color"]["field"] == "kind"
    assert network.SEVERAL in lines["encoding"]["color"]["scale"]["domain"]
    assert lines["encoding"]["strokeWidth"]["legend"]["format"] == "d"
    assert labels["encoding"]["text"]["field"] == "name"


def test_the_alliances_page_shows_the_network_first_and_the_map_on_request(app_env: Path) -> None:
    def marks(page_charts: list[str]) -> list[list[str]]:
        return [[layer["mark"]["type"] for layer in json.loads(spec).get("layer", [])] for spec in page_charts]

    assert ["rule", "circle", "text"] in marks(charts(run("pages/2_Alliances.py")))
    assert ["geoshape", "rule", "circle"] in marks(charts(run("pages/2_Alliances.py", pairs_as="Map")))
