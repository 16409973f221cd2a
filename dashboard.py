"""Overview: headline figures, a world map of the chosen measure, top countries,
mentions over time and the latest articles. Run: streamlit run dashboard.py"""

from __future__ import annotations

import streamlit as st

from ui import aggregates, charts, downloads, freshness, loaders, page
from ui.theme import MEASURES, measure_title

tables, chosen, view = page.start("Overview", "🌍")

st.title("Sanctions & alliances in the news")
st.caption("Who allies with whom and who sanctions whom, as extracted from news articles. Every number "
           "traces back to a sentence; pick filters in the sidebar, click a country to focus on it.")

if view["articles"].empty:
    page.nothing()
    st.stop()

# Pre-aggregated frames: the charts below only draw them.
arts = view["articles"]
measures = aggregates.country_measures(view)
pair_count = len(aggregates.pair_totals(view["alliances"]))
dated = arts["published"].dropna()
span = f"{dated.min():%Y}–{dated.max():%Y}" if len(dated) else "no dates"
span_help = f"{dated.min():%d %b %Y} to {dated.max():%d %b %Y}" if len(dated) else None
timeline, period_label = aggregates.over_time(arts, arts, span=aggregates.date_span(tables["articles"], chosen))

cols = st.columns([1, 1, 1, 1, 1, 1.5])
cols[0].metric("Articles", len(arts))
cols[1].metric("Sources", arts["source"].nunique())
cols[2].metric("Countries", view["countries"]["iso3"].nunique())
cols[3].metric("Alliance pairs", pair_count)
cols[4].metric("Sanction targets", view["sanctions"]["target"].nunique())
cols[5].metric("Date span", span, help=span_help)
st.caption(freshness.line(tables["articles"], loaders.resolve_tables_dir()))

# A widget keeps its format_func in the session until the session ends: a lambda
# here would keep this script's globals (every filtered table) alive with it.
measure = st.segmented_control("Colour the map by", list(MEASURES), format_func=measure_title,
                               default="articles", key="measure", required=True, bind="query-params")
description = MEASURES[measure][1]
map_col, side_col = st.columns([4, 1])
with map_col:
    st.altair_chart(charts.choropleth(measures, measure, f"Countries by {description}"), key="overview_map",
                    on_select=page.picks_country("overview_map"), selection_mode=charts.PICK)
    if measure in ("sanctioned", "alliances"):  # counts of extracted relations, with their error rate
        page.trust("sanctions" if measure == "sanctioned" else "alliances")
with side_col:
    st.markdown("**Not on the map**")
    missing = aggregates.unshaped(measures, measure)
    if missing.empty:
        st.caption("Every country with a value has a shape on the map.")
    else:  # a list, not a table: a column this narrow cut the table's headers
        st.caption("No shape at this scale (Kosovo, small states): " + ", ".join(
            f"{row.name} ({getattr(row, measure):,})" for row in missing.itertuples()) + ".")

left, right = st.columns(2)
with left:
    if (measures[measure] > 0).any():
        st.altair_chart(charts.top_bar(measures, measure, f"Top countries: {description}"), key="overview_bar",
                        on_select=page.picks_country("overview_bar"), selection_mode=charts.PICK)
    else:
        page.nothing(f"No country has any {MEASURES[measure][0].lower()} under these filters.")
with right:
    if timeline.empty:
        page.nothing("No dated mentions under these filters.")
    else:
        page.time_chart(timeline, period_label, f"Articles per {period_label.lower()}", "Articles")

st.subheader("Latest articles")
latest = arts.sort_values("published", ascending=False, na_position="last")[
    ["published", "title", "source", "url", "article_id"]].head(page.LATEST_ARTICLES)
if len(arts) > len(latest):
    st.caption(f"The {len(latest)} latest of {len(arts):,} articles; the Articles page lists and searches them all.")
downloads.table(latest, "articles-latest", key="latest", height=320)
