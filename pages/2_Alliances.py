"""Alliances: the most reported pairs as a network (or every pair of countries
as a line on a world map), the top pairs by kind, whether each pair are formal
co-members of a bloc, and the evidence."""

from __future__ import annotations

import streamlit as st

from ui import aggregates, charts, downloads, evidence, network, page

tables, chosen, view = page.start("Alliances", "🤝")

st.title("Alliances")
st.caption("Pairs of countries or blocs that a sentence reports as allied: by treaty, membership, military, "
           "economic or partnership ties.")
allies = view["alliances"]
if allies.empty:
    page.nothing("No alliance matches these filters." if not tables["alliances"].empty
                 else "The tables hold no alliance rows yet.")
    st.stop()

# Pre-aggregated frames.
totals = aggregates.pair_totals(allies)
totals["co_members"] = aggregates.co_members(totals, allies)
lines, undrawn = aggregates.pair_lines(totals)
by_kind = aggregates.pairs(allies)
top = by_kind[by_kind["pair"].isin(totals["pair"].head(20))]

cols = st.columns(4)
cols[0].metric("Pairs", len(totals))
cols[1].metric("Alliances reported", len(aggregates.alliance_reports(allies)),
               help="One per article, pair and kind: a headline and a sentence of the text that say the same "
                    f"count once. The evidence below lists every sentence ({len(allies):,} rows).")
cols[2].metric("Articles", allies["article_id"].nunique())
cols[3].metric("Pairs sharing a bloc", int(totals["co_members"].fillna(False).sum()))

shown_as = st.radio("Show the pairs as", ["Network", "Map"], horizontal=True, key="pairs_as", bind="query-params",
                    help="Network: the pairs reported in most articles, blocs included, around a circle. Map: "
                         "every pair of countries as a line between their capitals.")
if shown_as == "Map":
    map_col, side_col = st.columns([4, 1])
    with map_col:
        if lines.empty:
            page.nothing("None of these pairs can be drawn: each has a bloc as a party.")
        else:
            st.altair_chart(charts.pair_map(lines, "Allied pairs: a line between capitals, wider with more articles"))
            page.trust("alliances")
    with side_col:
        st.markdown("**Not on the map**")
        if undrawn.empty:
            st.caption("Every pair is drawn.")
        else:
            # A list, not a table: a column this narrow cut a table's headers.
            shown = undrawn.head(page.UNDRAWN_LISTED)
            more = (f", and {len(undrawn) - len(shown):,} more in the Pairs table below"
                    if len(undrawn) > len(shown) else "")
            st.caption("Pairs with a bloc (no single capital) or a place without coordinates, with their articles: "
                       + ", ".join(f"{row.pair} ({row.articles:,})" for row in shown.itertuples()) + more + ".")
else:
    nodes, edges = network.network(totals)
    st.altair_chart(charts.pair_network(nodes, edges, f"The {len(edges)} pairs reported in most articles: "
                                        "a line per pair, wider with more articles"))
    if len(totals) > len(edges):
        st.caption(f"{len(totals) - len(edges):,} more pairs are in the Pairs table below and on the map.")
    page.trust("alliances")

st.altair_chart(charts.stacked_bar(top, "pair", "articles", "kind", "Top pairs: articles reporting each alliance "
                                   "kind (an article reporting two kinds counts in both)", "Articles per kind",
                                   "Pair"))
page.trust("alliance kinds")

st.subheader("Pairs")
source = "column co_members of the alliances table" if "co_members" in allies.columns else \
    "memberships in data/bloc_members.csv"
st.caption(f"co_members: both parties belong to one bloc (from the {source}).")
downloads.table(totals[["pair", "party_a", "party_b", "articles", "kinds", "co_members", "evidence"]],
                "alliance-pairs", key="pairs")

st.subheader("Evidence: every alliance row")
downloads.made(tables, chosen, view, evidence.alliance_evidence_of, name="alliances", key="alliance_rows")
