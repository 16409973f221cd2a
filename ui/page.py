"""What every page does first: configure, load the cached tables, draw the
filters and apply them. Pages then only aggregate, chart and lay out."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from ui import filters, loaders, view
from ui.charts import PICK


def start(title: str, icon: str) -> tuple[dict[str, pd.DataFrame], filters.Filters, dict[str, pd.DataFrame]]:
    """Page config, tables (cached), sidebar filters and the filtered view."""
    st.set_page_config(page_title=f"{title} · Sanctions & alliances", page_icon=icon, layout="wide")
    try:
        tables = loaders.load_tables()
    except loaders.TablesNotFound as err:
        st.error(f"No tables to show: {err}")
        st.stop()
    chosen = filters.sidebar(tables)
    return tables, chosen, view.apply(tables, chosen)


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
    st.info(message, icon=":material/filter_alt_off:")
