"""The copy of a table that a person reads: missing values as "—" (Streamlit's
grid writes the word "None"), and only http(s) addresses as links.

Downloads never go through here: they keep the missing values and the
addresses as the tables hold them (ui.downloads)."""

from __future__ import annotations

import pandas as pd

MISSING = "—"
LINK_SCHEMES = ("http://", "https://")


def is_link(value: object) -> bool:
    """An address a click may open: http(s) only (never javascript:, data:, file:)."""
    return isinstance(value, str) and value.strip().lower().startswith(LINK_SCHEMES)


def links(urls: pd.Series) -> pd.Series:
    """The http(s) addresses; anything else (and a missing one) as an empty, unlinked cell."""
    values = urls.astype("string")
    ok = values.str.strip().str.lower().str.startswith(LINK_SCHEMES).fillna(False).astype(bool)
    return values.where(ok, "")


def filled(values: pd.Series) -> pd.Series:
    """`values` with every missing cell as MISSING; a column that needs it becomes text."""
    if not values.isna().any():
        return values
    if isinstance(values.dtype, pd.CategoricalDtype):
        grown = values if MISSING in values.cat.categories else values.cat.add_categories([MISSING])
        return grown.fillna(MISSING)
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.strftime("%Y-%m-%d").astype("string").fillna(MISSING)
    if pd.api.types.is_string_dtype(values) or values.dtype == object:
        return values.astype("string").fillna(MISSING)
    # Numbers and flags with gaps: as text, so that the gap can read "—".
    return values.astype("string").fillna(MISSING)


def readable(df: pd.DataFrame) -> pd.DataFrame:
    """The frame as shown: links checked, gaps as MISSING (columns unchanged otherwise)."""
    updates = {c: links(df[c]) if c == "url" else filled(df[c]) for c in df.columns
               if c == "url" or df[c].isna().any()}
    return df.assign(**updates) if updates else df
