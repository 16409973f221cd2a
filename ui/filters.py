"""The sidebar filters, declared once, and the one expression that applies them.

Every widget is bound to the URL (bind="query-params"), so a copied link
reproduces the view. Streamlit drops a page's bound parameters when the user
switches page, so the last values are also kept in session state and put back
(into the widgets and the URL) when another page starts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui import reference
from ui.theme import ALLIANCE_KINDS, SANCTION_ACTIONS

SHADOW = "_filters_last"
# The radio's labels are what the URL holds (?dataset=mine), so they are the values themselves.
DATASETS = {"sample": "the bundled articles", "mine": "only those you uploaded", "both": "the sample and yours"}
DATASET_LAST = "_dataset_last"
URL: Literal["query-params"] = "query-params"  # every filter lives in the URL: a copied link is the view
KEYS = ("dates", "source", "country", "bloc", "kind", "action", "conf", "ambiguous")


@dataclass(frozen=True)
class Filters:
    start: dt.date | None = None  # None: no date bound (null dates are kept)
    end: dt.date | None = None
    sources: tuple[str, ...] = ()  # empty: every source / country / kind ...
    countries: tuple[str, ...] = ()
    blocs: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    min_confidence: float = 0.0
    include_ambiguous: bool = False

    @property
    def focus(self) -> tuple[str, ...]:
        return self.countries + self.blocs


@dataclass(frozen=True)
class Options:
    dates: tuple[dt.date, dt.date] | None
    sources: list[str]
    countries: list[str]
    blocs: list[str]


def options(tables: dict[str, pd.DataFrame]) -> Options:
    """Choices offered in the sidebar: what occurs anywhere in the unfiltered tables."""
    published = tables["articles"]["published"].dropna()
    span = (published.min().date(), published.max().date()) if len(published) else None
    places = [tables["mentions"]["code"], tables["ambiguous"]["code"], tables["alliances"]["party_a"],
              tables["alliances"]["party_b"], tables["sanctions"]["target"], tables["sanctions"]["sender"]]
    codes = {str(c) for col in places for c in col.dropna().unique()}  # unique() of a categorical: from its codes
    blocs = reference.bloc_codes()
    return Options(
        dates=span,
        sources=sorted({str(s) for s in tables["articles"]["source"].dropna().unique()}),
        countries=sorted((c for c in codes if c not in blocs), key=reference.label),
        blocs=sorted(c for c in codes if c in blocs),
    )


def url_values(key: str, value: object) -> list[str]:
    """A value as the URL spells it (multiselects use their labels)."""
    if key == "ambiguous":
        return ["true"]
    if isinstance(value, (list, tuple)):
        if key == "dates":
            return [d.isoformat() for d in value]
        if key in ("country", "bloc"):
            return [reference.label(v) for v in value]
        return [str(v) for v in value]
    return [f"{value:g}"]


def restore_on_page_switch(defaults: dict[str, object]) -> None:
    """Put the last page's filter values back when the user opens another page."""
    shadow: dict[str, object] = st.session_state.setdefault(SHADOW, {})
    ctx = get_script_run_ctx()
    page = ctx.page_script_hash if ctx else ""
    if shadow.get("_page") in (None, page):
        return
    carried = {k: v for k, v in shadow.items() if k in defaults and v != defaults[k]}
    for key, value in carried.items():
        st.session_state[key] = value
    try:
        st.query_params.update({k: url_values(k, v) for k, v in carried.items()})
    except StreamlitAPIException:
        pass  # the widgets still carry the values; only the address bar lags one rerun


def remember(values: dict[str, object]) -> None:
    ctx = get_script_run_ctx()
    st.session_state[SHADOW] = {**values, "_page": ctx.page_script_hash if ctx else ""}


def forget_dates() -> None:
    """Another set of articles has another date span: drop the date filter (and
    its URL value) so the new span is shown whole, not cut to the old one."""
    st.session_state.pop("dates", None)
    shadow = st.session_state.get(SHADOW)
    if isinstance(shadow, dict):
        shadow.pop("dates", None)
    try:
        del st.query_params["dates"]
    except (KeyError, StreamlitAPIException):
        pass


def show_uploads() -> None:
    """After a successful upload every page shows the user's articles (the
    "Articles to show" choice, drawn after this, leads back to the sample in one click)."""
    forget_dates()
    # As when a page carries the choice over from the last one (dataset() below): the
    # widget is drawn afresh from DATASET_LAST, so the link and every page follow it.
    st.session_state.pop("dataset", None)
    st.session_state[DATASET_LAST] = "mine"
    try:
        del st.query_params["dataset"]
    except (KeyError, StreamlitAPIException):
        pass


def dataset(where: DeltaGenerator, uploaded: bool) -> str:
    """Which articles every page shows: "sample", "mine" (this session's uploads)
    or "both". The radio appears only once the session has uploaded articles; a
    link asking for uploads that this session does not have shows the sample."""
    if not uploaded:
        if st.query_params.get("dataset", "sample") != "sample":
            where.caption("This link asks for uploaded articles, which live only in the browser session that "
                          "uploaded them; showing the sample. Upload yours on the Upload page.")
        return "sample"
    last = st.session_state.get(DATASET_LAST)
    # A page reached without the choice in its link takes the last page's, and puts it back in
    # the link (a bound widget falls back to its default without its link value); a choice
    # the user has just changed is not overruled.
    if "dataset" not in st.query_params and last in DATASETS and st.session_state.get("dataset", last) == last:
        st.session_state["dataset"] = last  # carried over from the last page
        try:
            st.query_params["dataset"] = str(last)
        except StreamlitAPIException:
            pass
    choice = where.radio("Articles to show", list(DATASETS), captions=list(DATASETS.values()),
                         key="dataset", bind="query-params", on_change=forget_dates,
                         help="The sample, the articles you uploaded on the Upload page (this browser session "
                              "only), or both. Every page and every download follows this choice.")
    choice = choice if choice in DATASETS else "sample"
    st.session_state[DATASET_LAST] = choice
    return str(choice)


def sidebar(tables: dict[str, pd.DataFrame]) -> Filters:
    """Declare every filter widget in the sidebar and return their values."""
    opt = options(tables)
    defaults: dict[str, object] = {"dates": opt.dates, "source": [], "country": [], "bloc": [], "kind": [],
                                   "action": [], "conf": 0.0, "ambiguous": False}
    restore_on_page_switch(defaults)
    with st.sidebar:
        st.header("Filters")
        dates = None
        if opt.dates:
            dates = st.date_input("Published between", value=opt.dates, min_value=opt.dates[0],
                                  max_value=opt.dates[1], key="dates", bind=URL)
        sources = st.multiselect("Sources", opt.sources, key="source", placeholder="All sources", bind=URL)
        countries = st.multiselect("Countries", opt.countries, format_func=reference.label, key="country",
                                   placeholder="All countries", help="Articles naming any of them, and the "
                                   "alliances and sanctions in which one of them is a party.", bind=URL)
        blocs = st.multiselect("Blocs", opt.blocs, format_func=reference.label, key="bloc",
                               placeholder="All blocs", help="Like Countries, for blocs named as such.", bind=URL)
        kinds = st.multiselect("Alliance kinds", list(ALLIANCE_KINDS), key="kind", placeholder="All kinds", bind=URL)
        actions = st.multiselect("Sanction actions", list(SANCTION_ACTIONS), key="action",
                                 placeholder="All actions", bind=URL)
        conf = st.slider("Minimum confidence", 0.0, 1.0, 0.0, 0.05, key="conf",
                         help="Drop rows the extractor is less sure of. A mention's confidence is the chance "
                              "it is right, measured on annotated news (0.9 or more for names, capitals and "
                              "demonyms; weak words such as Georgia or Jordan only when the context confirms "
                              "them); a relation's is the score of its rule or model.", bind=URL)
        ambiguous = st.checkbox("Include ambiguous matches", key="ambiguous",
                                help="Add the matches set aside as doubtful (Georgia beside Atlanta).", bind=URL)
    remember({k: st.session_state.get(k, defaults[k]) for k in KEYS})
    return to_filters(dates, opt.dates, sources, countries, blocs, kinds, actions, conf, ambiguous)


def to_filters(dates: object, span: tuple[dt.date, dt.date] | None, sources: list[str], countries: list[str],
               blocs: list[str], kinds: list[str], actions: list[str], conf: float, ambiguous: bool) -> Filters:
    """Widget values to Filters; the full date span means "no date filter"."""
    picked = tuple(dates) if isinstance(dates, (tuple, list)) else ()
    start = picked[0] if picked else None
    end = picked[1] if len(picked) > 1 else None  # a range still being picked has one end
    if span and start == span[0] and end in (span[1], None):
        start = end = None
    return Filters(start, end, tuple(sources), tuple(countries), tuple(blocs), tuple(kinds), tuple(actions),
                   float(conf), bool(ambiguous))
