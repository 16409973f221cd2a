"""Article bodies, read only when the Articles page needs them (to search them
or to show one): they are most of the tables' bytes and no other page uses them."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import streamlit as st

from etl import store
from ui import loaders


@st.cache_resource(show_spinner="Reading the articles' text…", max_entries=4)
def read_texts(folder: str, stamp: loaders.Version) -> pd.Series:
    """Text by article id, once per (folder, version); the version is only a cache key."""
    del stamp
    df = store.read_table(folder, "articles", columns=["article_id", "text"])
    if df is None or "text" not in df.columns:
        return pd.Series([], dtype="string", index=pd.Index([], dtype="string"))
    texts = pd.Series(df["text"].astype("string").array, index=pd.Index(df["article_id"].astype("string")))
    pa.default_memory_pool().release_unused()  # what reading freed (see ui.tables.read_all)
    return texts


@st.cache_resource(show_spinner="Reading the articles' text…", max_entries=4)
def read_both(sample: str, sample_stamp: loaders.Version, mine: str, mine_stamp: loaders.Version) -> pd.Series:
    """The sample's and the uploaded texts, uploaded ids renamed as loaders.combine renames them."""
    theirs, own = read_texts(sample, sample_stamp), read_texts(mine, mine_stamp)
    renamed = loaders.renames(theirs.index, own.index)
    own = pd.Series(own.array, index=pd.Index([renamed.get(a, a) for a in own.index], dtype="string"))
    return pd.concat([theirs, own])


def shown() -> pd.Series:
    """The texts of the tables that loaders.load_tables gave this run."""
    sources = st.session_state.get(loaders.SHOWN) or []
    if len(sources) == 2:
        return read_both(*sources[0], *sources[1])
    return read_texts(*sources[0]) if sources else pd.Series([], dtype="string")


def bodies(texts: pd.Series, article_ids: pd.Series) -> pd.Series:
    """The text of each article in `article_ids`, aligned with it (missing: <NA>)."""
    return pd.Series(texts.reindex(article_ids.astype("string")).array, index=article_ids.index, dtype="string")


def text_of(texts: pd.Series, article_id: str) -> str | None:
    body = texts.get(article_id)
    return body if isinstance(body, str) else None


def search(articles: pd.DataFrame, texts: pd.Series, query: str) -> pd.DataFrame:
    """The articles whose title or text contains `query`, ignoring case."""
    hit = articles["title"].str.contains(query, case=False, regex=False) | bodies(
        texts, articles["article_id"]).str.contains(query, case=False, regex=False)
    return articles[hit.fillna(False).astype(bool)]


LISTED = ["published", "title", "source", "url", "article_id"]


def listing(view: dict[str, pd.DataFrame], query: str, texts: pd.Series | None) -> pd.DataFrame:
    """The view's articles (those matching `query` in title or text, given one), newest first."""
    arts = view["articles"]
    if query and texts is not None:
        arts = search(arts, texts, query)
    return arts.sort_values("published", ascending=False, na_position="last")[LISTED].reset_index(drop=True)
