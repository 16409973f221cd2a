"""What every page does first: configure, load the cached tables, draw the
filters and apply them. Pages then only aggregate, chart and lay out."""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from ui import about, charts, filters, loaders, memory, view
from ui.charts import PICK


# Browser payloads are per session and the server keeps them for a while: a
# list of 100,000 articles was 11 MB on the Overview, their titles as options
# 8 MB on the Articles page.
LATEST_ARTICLES = 100  # the Overview's "Latest articles"; the Articles page lists them all
OPENABLE_ARTICLES = 1000  # choices in "Open an article"; a search (or a link) reaches any other
UNDRAWN_LISTED = 15  # pairs named beside the alliance map; the Pairs table holds them all


def start(title: str, icon: str) -> tuple[dict[str, pd.DataFrame], filters.Filters, dict[str, pd.DataFrame]]:
    """Page config, tables (cached), sidebar filters and the filtered view."""
    st.set_page_config(page_title=f"{title} · Sanctions & alliances", page_icon=icon, layout="wide")
    memory.limit_arenas()
    memory.trim()  # what the previous run (of any session) freed
    try:
        tables = loaders.load_tables()
    except loaders.TablesNotFound as err:
        st.error(f"No tables to show: {err}")
        st.stop()
    chosen = filters.sidebar(tables)
    return tables, chosen, view.apply(tables, chosen)


def linked_article(value: str | None) -> str | None:
    """The article id in a link's ?article=: the URL holds the option's label,
    "Title [id]" (the id alone is taken too)."""
    if not value:
        return None
    title, bracket, rest = value.rpartition(" [")
    return rest[:-1] if bracket and rest.endswith("]") else value


def picks_country(chart_key: str) -> Callable[[], None]:
    """on_select callback: a click on a country (map or bar) sets the country filter.

    A callback runs before the next script run, which is the only moment a
    widget's value (and so the URL it is bound to) may be changed."""

    def callback() -> None:
        event = st.session_state.get(chart_key) or {}
        points = (event.get("selection") or {}).get(PICK) or []
        codes = [p.get("iso3") for p in points if isinstance(p, dict) and p.get("iso3")]
        if codes:
            st.session_state["country"] = codes[:1]

    return callback


def nothing(message: str = "Nothing matches these filters. Widen the date range or clear a filter.") -> None:
    st.info(message)


ABOUT_LINK = "About this data: how far to trust this chart"


def trust(chart: str) -> None:
    """The note under a relations chart: how often such rows are right, and a
    link to the page that says how they are made and checked."""
    st.caption(about.note(chart))
    try:  # within the session (a plain link would reload the app and lose an upload)
        st.page_link(about.PAGE, label=ABOUT_LINK)
    except StreamlitPageNotFoundError:  # a page run on its own (streamlit run pages/...) knows no other page
        st.caption(f"{ABOUT_LINK}: the About this data page.")


def time_chart(counts: pd.DataFrame, period_label: str, title: str, y_title: str, split: str | None = None) -> None:
    """A time chart (ui.charts.time_bars); a few periods keep their bars' width
    instead of being stretched across the column (one month is not a block)."""
    chart = charts.time_bars(counts, period_label, title, y_title, split)
    st.altair_chart(chart, width="content" if isinstance(chart.width, alt.Step) else "stretch")
