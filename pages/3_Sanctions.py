"""Sanctions: a map of targets, who sanctions whom, actions over time, evidence."""

from __future__ import annotations

import streamlit as st

from ui import aggregates, charts, downloads, evidence, page, reference

tables, chosen, view = page.start("Sanctions", "🚫")

st.title("Sanctions")
st.caption("Sanctions reported as imposed, threatened, lifted, evaded or already in force, with who sends them "
           "(when the sentence says) and who is targeted.")
sanctions = view["sanctions"]
if sanctions.empty:
    page.nothing("No sanction matches these filters." if not tables["sanctions"].empty
                 else "The tables hold no sanction rows yet.")
    st.stop()

# Pre-aggregated frames.
measures = aggregates.country_measures(view)
bloc_targets = sanctions.loc[~sanctions["target"].isin(measures["iso3"]), "target"].astype("string").value_counts()
matrix = aggregates.sender_target(sanctions)
timeline, period_label = aggregates.over_time(sanctions, view["articles"], by="action",
                                              span=aggregates.date_span(tables["articles"], chosen))

cols = st.columns(4)
cols[0].metric("Sanctions reported", len(aggregates.sanction_reports(sanctions)),
               help="One per article, target, sender and action: a headline and a sentence of the text that say "
                    f"the same count once. The evidence below lists every sentence ({len(sanctions):,} rows).")
cols[1].metric("Targets", sanctions["target"].nunique())
cols[2].metric("Named senders", sanctions["sender"].nunique())
cols[3].metric("Articles", sanctions["article_id"].nunique())

map_col, side_col = st.columns([4, 1])
with map_col:
    st.altair_chart(charts.choropleth(measures, "sanctioned", "Countries by number of articles reporting them "
                                      "as a sanction target"), key="sanctions_map",
                    on_select=page.picks_country("sanctions_map"), selection_mode=charts.PICK)
    page.trust("sanctions")
with side_col:
    st.markdown("**Not on the map**")
    missing = aggregates.unshaped(measures, "sanctioned")
    others = [f"{reference.label(code)}: {n}" for code, n in bloc_targets.items()]
    others += [f"{row.name}: {row.sanctioned}" for row in missing.itertuples()]
    st.caption("\n\n".join(others) if others else "Every target is on the map.")

st.altair_chart(charts.heatmap(matrix, "Who sanctions whom: articles reporting each sender and target"))
page.trust("senders")
if timeline.empty:
    page.nothing("No dated sanction rows.")
else:
    page.time_chart(timeline, period_label, f"Articles reporting sanctions per {period_label.lower()}, by action (an "
                    "article with two actions counts in both)", "Articles", split="action")
    page.trust("actions")

st.subheader("Evidence: every sanction row")
downloads.made(tables, chosen, view, evidence.sanction_evidence_of, name="sanctions", key="sanction_rows")
