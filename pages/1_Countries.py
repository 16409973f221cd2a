"""One country or bloc at a time: mentions over time, partners, sanctions both
ways, countries named with it, and the sentences behind every number."""

from __future__ import annotations

import streamlit as st

from ui import aggregates, charts, downloads, evidence, page, reference

tables, chosen, view = page.start("Countries", "🏳️")

st.title("Countries and blocs")
if not chosen.focus:
    st.info("Pick a country or bloc in the sidebar, or click one of the bars below.")
    measures = aggregates.country_measures(view)
    if (measures["articles"] > 0).any():
        st.altair_chart(charts.top_bar(measures, "articles", "Countries by number of articles that mention them"),
                        key="countries_pick", on_select=page.picks_country("countries_pick"),
                        selection_mode=charts.PICK)
    st.stop()

code = chosen.focus[0] if len(chosen.focus) == 1 else st.selectbox(
    "Show", chosen.focus, format_func=reference.label, help="The filters hold several; pick which one to show.")
name = reference.label(code)
st.header(name)
if view["articles"].empty:
    page.nothing(f"No article names {name} under these filters.")
    st.stop()

# Pre-aggregated frames for this country or bloc.
own_mentions = evidence.mentions_of(view, code)
timeline, period_label = aggregates.over_time(aggregates.once_per_article(own_mentions, []), view["articles"],
                                              span=aggregates.date_span(tables["articles"], chosen))
allies = evidence.alliances_of(view, code)
partner_kinds = aggregates.partners(view["alliances"], code)
senders = aggregates.sanctions_by(view["sanctions"], code, role="target")
targets = aggregates.sanctions_by(view["sanctions"], code, role="sender")
sanction_rows = evidence.sanctions_of(view, code)
neighbours = aggregates.named_with(view["countries"], view["mentions"], code)

cols = st.columns(4)
cols[0].metric("Articles naming it", own_mentions["article_id"].nunique())
cols[1].metric("Mentions", len(own_mentions))
cols[2].metric("Alliance partners", partner_kinds["partner"].nunique())
cols[3].metric("Sanctions reported", len(aggregates.sanction_reports(sanction_rows)),
               help="One per article, target, sender and action; the evidence lists every sentence.")

left, right = st.columns(2)
with left:
    if timeline.empty:
        page.nothing(f"No dated mention of {name}.")
    else:
        page.time_chart(timeline, period_label, f"Articles naming {name} per {period_label.lower()}", "Articles")
with right:
    if partner_kinds.empty:
        page.nothing(f"{name} has no alliances in the filtered articles.")
    else:
        st.altair_chart(charts.stacked_bar(partner_kinds, "partner_name", "articles", "kind",
                                           f"Partners of {name}: articles per alliance kind",
                                           "Articles reporting the kind",
                                           "Partner"))
        page.trust("alliances")

left, right = st.columns(2)
with left:
    if senders.empty:
        page.nothing(f"Nobody sanctions {name} in the filtered articles.")
    else:
        st.altair_chart(charts.stacked_bar(senders, "other_name", "articles", "action", f"Who sanctions {name}: "
                                           "articles per sender and action", "Articles", "Sender"))
        page.trust("senders")
with right:
    if targets.empty:
        page.nothing(f"{name} sanctions nobody in the filtered articles.")
    else:
        st.altair_chart(charts.stacked_bar(targets, "other_name", "articles", "action", f"Whom {name} sanctions: "
                                           "articles per target and action", "Articles", "Target"))
        page.trust("senders")

if not neighbours.empty:
    st.altair_chart(charts.top_bar(neighbours, "articles", f"Countries most often named in the same articles as "
                                   f"{name} (click one to show it)"), key="countries_with",
                    on_select=page.picks_country("countries_with"), selection_mode=charts.PICK)

st.subheader("Evidence")
tab_m, tab_a, tab_s = st.tabs([f"Mentions ({len(own_mentions)})", f"Alliances ({len(allies)})",
                               f"Sanctions ({len(sanction_rows)})"])
with tab_m:
    downloads.made(tables, chosen, view, evidence.mention_evidence_of, code, name=f"mentions-{code}", key="ev_m")
with tab_a:
    downloads.made(tables, chosen, view, evidence.alliance_evidence_of, code, name=f"alliances-{code}", key="ev_a")
with tab_s:
    downloads.made(tables, chosen, view, evidence.sanction_evidence_of, code, name=f"sanctions-{code}", key="ev_s")
