"""The one filter expression: unfiltered tables + Filters -> the tables a page shows.

Pure pandas, no Streamlit, so tests can check every rule directly. Tables are
those of ui.tables: article_id is a categorical whose categories are every
article, so "rows of these articles" is a boolean array indexed by its codes
rather than a string lookup per row."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ui import reference
from ui.filters import Filters


def in_dates(published: pd.Series, f: Filters) -> pd.Series:
    """Inside the picked range; with no range every article counts, undated ones too."""
    keep = pd.Series(True, index=published.index)
    if f.start is not None:
        keep &= published >= pd.Timestamp(f.start)
    if f.end is not None:
        keep &= published < pd.Timestamp(f.end) + pd.Timedelta(days=1)
    return keep.fillna(False).astype(bool)


def article_set(article_ids: pd.Series) -> np.ndarray:
    """A flag per article code (plus a last, False one that code -1, no article, reads)."""
    flags = np.zeros(len(article_ids.cat.categories) + 1, dtype=bool)
    flags[article_ids.cat.codes.to_numpy()] = True
    flags[-1] = False
    return flags


def of_articles(df: pd.DataFrame, flags: np.ndarray) -> np.ndarray:
    return flags[df["article_id"].cat.codes.to_numpy()]


def countries_from(mentions: pd.DataFrame) -> pd.DataFrame:
    """The countries table rebuilt from the mentions left after filtering, so that
    minimum confidence and ambiguous matches count the same way everywhere.

    Grouped by hand on one integer key (article code, place code): a sort of
    mostly sorted integers is several times faster than pandas' groupby here."""
    arts, places = mentions["article_id"], mentions["code"]
    a, c = arts.cat.codes.to_numpy().astype(np.int64), places.cat.codes.to_numpy().astype(np.int64)
    rows = (mentions["kind"] == "country").to_numpy() & (a >= 0) & (c >= 0)
    width = len(places.cat.categories)
    key = a[rows] * width + c[rows]
    order = np.argsort(key, kind="stable")
    key = key[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else np.zeros(0, dtype=np.int64)
    best = np.fmax.reduceat(mentions["confidence"].to_numpy()[rows][order], starts) if len(key) else np.zeros(0)
    iso3 = pd.Series(pd.Categorical.from_codes(key[starts] % width, dtype=places.dtype))
    return pd.DataFrame({
        "article_id": pd.Categorical.from_codes(key[starts] // width, dtype=arts.dtype), "iso3": iso3,
        # Names come from the few categories, not from each row.
        "name": lookup(iso3, reference.name_of), "numeric": lookup(iso3, lambda code: reference.numerics().get(code)),
        "mentions": np.diff(np.r_[starts, len(key)]).astype(np.int64), "confidence": best.astype(np.float64),
    })


def lookup(codes: pd.Series, fn: Callable[[str], str | None]) -> pd.Series:
    """fn of each value of a categorical, computed once per category (a sorted categorical)."""
    mapped = [fn(c) for c in codes.cat.categories]
    categories = pd.Index(sorted({v for v in mapped if v is not None}))
    recode = np.append(categories.get_indexer(pd.Index(mapped, dtype=object)), -1)
    return pd.Series(pd.Categorical.from_codes(recode[codes.cat.codes.to_numpy()], categories=categories),
                     index=codes.index)


def involves(df: pd.DataFrame, cols: tuple[str, str], codes: tuple[str, ...]) -> pd.Series:
    return df[cols[0]].isin(codes).fillna(False) | df[cols[1]].isin(codes).fillna(False)


def apply(tables: dict[str, pd.DataFrame], f: Filters) -> dict[str, pd.DataFrame]:
    """Filtered copies of articles, mentions, countries, alliances and sanctions.

    Date and source pick articles; everything else is restricted to them.
    Countries/blocs keep the articles that name one of them (with all their
    mentions, so co-mentioned countries stay visible) and the alliance and
    sanction rows in which one of them is a party."""
    arts = tables["articles"]
    keep = in_dates(arts["published"], f).to_numpy()
    if f.sources:
        keep = keep & arts["source"].isin(f.sources).to_numpy()
    picked = article_set(arts["article_id"][keep])

    # Masks first, then one copy of each table.
    mentions = tables["mentions"]
    if f.include_ambiguous:
        mentions = pd.concat([mentions, tables["ambiguous"]], ignore_index=True).sort_values(
            ["article_id", "field", "start"], kind="stable", ignore_index=True)
    allies, sanctions = tables["alliances"], tables["sanctions"]
    m_keep = (mentions["confidence"] >= f.min_confidence).to_numpy() & of_articles(mentions, picked)
    a_keep = (allies["confidence"] >= f.min_confidence).to_numpy() & of_articles(allies, picked)
    if f.kinds:
        a_keep &= allies["kind"].isin(f.kinds).to_numpy()
    s_keep = (sanctions["confidence"] >= f.min_confidence).to_numpy() & of_articles(sanctions, picked)
    if f.actions:
        s_keep &= sanctions["action"].isin(f.actions).to_numpy()

    if f.focus:
        a_keep &= involves(allies, ("party_a", "party_b"), f.focus).to_numpy()
        s_keep &= involves(sanctions, ("target", "sender"), f.focus).to_numpy()
        naming = mentions["article_id"][m_keep & mentions["code"].isin(f.focus).to_numpy()]
        named = article_set(naming) | article_set(allies["article_id"][a_keep]) | article_set(
            sanctions["article_id"][s_keep])
        keep = keep & of_articles(arts, named)
        m_keep &= of_articles(mentions, named)

    mentions = mentions[m_keep].reset_index(drop=True)
    every = tables.get("countries")
    if every is not None and not f.include_ambiguous and f.min_confidence <= tables["mentions"]["confidence"].min():
        # Every mention of the kept articles was kept: their rows of the whole table are the answer.
        countries = every[of_articles(every, article_set(arts["article_id"][keep]))].reset_index(drop=True)
    else:
        countries = countries_from(mentions)
    return {
        "articles": arts[keep].reset_index(drop=True),
        "mentions": mentions,
        "countries": countries,
        "alliances": allies[a_keep].reset_index(drop=True),
        "sanctions": sanctions[s_keep].reset_index(drop=True),
    }
