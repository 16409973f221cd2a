"""Articles: search and list them; open one to read it with every mention
highlighted, beside the rows extracted from it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import display, downloads, evidence, page, texts

tables, chosen, view = page.start("Articles", "📰")

st.title("Articles")
query = st.text_input("Search titles and text", key="q", bind="query-params", placeholder="e.g. oil price cap")
bodies = texts.shown() if query else None  # read only for a search: they are most of the tables' bytes
listing = texts.listing(view, query, bodies)
if listing.empty:
    page.nothing("No article matches this search and these filters.")
    st.stop()
downloads.table(listing, "articles", key="article_list", height=300,
                again=downloads.Again(tables, chosen, texts.listing, (query, bodies)))

# The first articles of the list, and the one already open (a link may name any).
wanted = st.session_state.get("article") or page.linked_article(st.query_params.get("article"))
openable = listing.head(page.OPENABLE_ARTICLES)
if wanted is not None and wanted not in set(openable["article_id"].astype(str)):
    openable = pd.concat([openable, listing[listing["article_id"] == wanted]])
labels = {str(a): f"{t if isinstance(t, str) else '(untitled)'} [{a}]"
          for a, t in zip(openable["article_id"], openable["title"], strict=True)}
more = f"; search to reach the other {len(listing) - len(openable):,}" if len(listing) > len(openable) else ""
article_id = st.selectbox("Open an article", list(labels), format_func=labels.__getitem__, key="article",
                          bind="query-params", index=None, placeholder="Choose an article to read it",
                          help=f"The {min(len(listing), page.OPENABLE_ARTICLES):,} newest articles listed above"
                               f"{more}.")
if article_id is None:
    st.stop()

# Everything extracted from the chosen article, under the current filters.
arts = view["articles"]
article = arts[arts["article_id"] == article_id].iloc[0]
mentions = view["mentions"][view["mentions"]["article_id"] == article_id]
allies = view["alliances"][view["alliances"]["article_id"] == article_id]
sanctions = view["sanctions"][view["sanctions"]["article_id"] == article_id]

read_col, rows_col = st.columns([3, 2])
with read_col:
    with st.container(border=True):
        st.html(evidence.article_html(article, texts.text_of(texts.shown(), article_id), mentions))
    if display.is_link(article["url"]):
        st.link_button("Open the original", article["url"])
with rows_col:
    st.caption("Highlighted: countries and blocs found (hover for code, route and confidence); dashed: "
               "ambiguous matches, when included.")
    tab_m, tab_a, tab_s = st.tabs([f"Mentions ({len(mentions)})", f"Alliances ({len(allies)})",
                                   f"Sanctions ({len(sanctions)})"])
    with tab_m:
        downloads.table(mentions[["surface", "name", "code", "via", "confidence", "field", "sentence", "ambiguous"]],
                        f"mentions-{article_id}", key="art_m")
    with tab_a:
        downloads.table(evidence.alliance_rows(allies, arts), f"alliances-{article_id}", key="art_a")
    with tab_s:
        downloads.table(evidence.sanction_rows(sanctions, arts), f"sanctions-{article_id}", key="art_s")
