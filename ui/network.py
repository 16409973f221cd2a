"""Who is allied with whom, as a network: the pairs most reported, their
parties placed on a circle (the most reported first, clockwise from the top)
and each pair a line between them. Unlike the map it also draws blocs, and
no line crosses a continent to reach its partner."""

from __future__ import annotations

import math

import pandas as pd

from ui import reference

TOP_PAIRS = 30  # more than this and the labels crowd the circle
SEVERAL = "several kinds"


def network(totals: pd.DataFrame, top: int = TOP_PAIRS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(nodes, edges) of the `top` pairs of aggregates.pair_totals (sorted by articles):
    nodes have code, name, articles (of these pairs), x, y; edges have pair, kind
    (its one kind, or "several kinds"), kinds, articles and both ends' x, y."""
    pairs = totals.head(top)
    ends = pd.concat([pairs[["party_a", "articles"]].set_axis(["code", "articles"], axis=1),
                      pairs[["party_b", "articles"]].set_axis(["code", "articles"], axis=1)])
    nodes = (ends.astype({"code": "string"}).groupby("code", as_index=False)["articles"].sum()
             .sort_values(["articles", "code"], ascending=[False, True], ignore_index=True))
    angles = [math.pi / 2 - 2 * math.pi * i / max(len(nodes), 1) for i in range(len(nodes))]
    nodes["x"] = [round(math.cos(a), 4) for a in angles]
    nodes["y"] = [round(math.sin(a), 4) for a in angles]
    nodes["name"] = nodes["code"].map(reference.short).astype("string")
    at = nodes.set_index("code")[["x", "y"]]
    edges = pd.DataFrame({
        "pair": pairs["pair"].astype("string").to_numpy(),
        "kinds": pairs["kinds"].astype("string").to_numpy(),
        "articles": pairs["articles"].to_numpy(),
        "x": at.loc[pairs["party_a"].astype("string"), "x"].to_numpy(),
        "y": at.loc[pairs["party_a"].astype("string"), "y"].to_numpy(),
        "x2": at.loc[pairs["party_b"].astype("string"), "x"].to_numpy(),
        "y2": at.loc[pairs["party_b"].astype("string"), "y"].to_numpy(),
    })
    edges.insert(1, "kind", edges["kinds"].where(~edges["kinds"].str.contains(",", regex=False), SEVERAL))
    return nodes, edges
