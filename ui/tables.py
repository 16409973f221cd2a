"""The tables as the pages hold them in memory: only the columns they use, and
short repeated text as categoricals that share their categories.

Filtering copies every column it keeps, so text columns are what made a filter
change slow and the app big. As categoricals a filter copies small integer
codes, a sentence repeated by each of its mentions is stored once, and the
shared, sorted categories of article_id make its codes the integer article key
that ui.view filters by. Sorted categories also sort and compare like the
strings. Article bodies are not held here at all: see ui.texts."""

from __future__ import annotations

from functools import reduce
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from etl import store
from etl import tables as schema
from ui import view

SCHEMAS: dict[str, dict[str, str]] = {
    "articles": schema.ARTICLE_COLUMNS, "mentions": schema.MENTION_COLUMNS,
    "ambiguous": schema.MENTION_COLUMNS, "countries": schema.COUNTRY_COLUMNS,
    "alliances": schema.ALLIANCE_COLUMNS, "sanctions": schema.SANCTION_COLUMNS,
}
# The pages rebuild countries from the filtered mentions, so that table is never read.
LOADED = ("articles", "mentions", "ambiguous", "alliances", "sanctions")
SKIPPED = {"articles": ("text", "input_file")}  # the body is read on demand (ui.texts); input_file is never shown
UNIQUE_TEXT = ("title", "url")  # one value per article: nothing to share, so plain strings
# Columns holding the same kind of value share one category set, so they compare and concatenate.
SHARED = {"party_a": "place", "party_b": "place", "target": "place", "sender": "place", "code": "place",
          "iso3": "place"}
NULLABLE = {"int64": "Int64", "bool": "boolean", "float64": "Float64", "string": "category"}
STRING_COLUMNS = frozenset(c for cols in SCHEMAS.values() for c, t in cols.items() if t == "string")


def read(folder: Path | str, name: str) -> pd.DataFrame | None:
    """One table's kept columns from all its parts, text read straight into
    dictionaries (never materialised as one string per row), or None."""
    file_schema = store.schema(folder, name)
    if file_schema is None:
        return None
    wanted = [f.name for f in file_schema if f.name not in SKIPPED.get(name, ())]
    texts = [f.name for f in file_schema if f.name in wanted and f.name not in UNIQUE_TEXT
             and (pa.types.is_string(f.type) or pa.types.is_large_string(f.type))]
    return store.read_table(folder, name, columns=wanted, dictionary=texts)


def conform(name: str, df: pd.DataFrame | None) -> pd.DataFrame:
    """Every expected column with its declared type (string columns as
    categoricals, except title and url), so pages code against the contract
    even when a table is missing or was written by an older build. Extra
    columns (co_members, shared_blocs) are kept, their text as categoricals."""
    declared = {c: t for c, t in SCHEMAS[name].items() if c not in SKIPPED.get(name, ())}
    df = pd.DataFrame(columns=list(declared)) if df is None else df.drop(columns=list(SKIPPED.get(name, ())),
                                                                             errors="ignore")
    updates: dict[str, pd.Series] = {}
    for col in dict.fromkeys([*df.columns, *declared]):
        dtype = declared.get(col)
        if col not in df.columns:  # all missing: the nullable twin of the declared type
            updates[col] = pd.Series(pd.NA, index=df.index, dtype=NULLABLE.get(str(dtype), dtype))
        elif isinstance(df[col].dtype, pd.CategoricalDtype):
            continue
        elif dtype == "string" and col not in UNIQUE_TEXT or dtype is None and pd.api.types.is_string_dtype(df[col]):
            updates[col] = df[col].astype("category")
        elif dtype is not None and str(df[col].dtype) != dtype:
            updates[col] = df[col].astype(dtype)
    # assign, not a new frame: that would copy every column into consolidated blocks
    return df.assign(**updates)


def share_categories(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Give every categorical column of a kind the same sorted categories; the
    article ids are those of the articles table (rows of other articles can
    never pass a filter, so they lose their id)."""
    groups: dict[str, list[pd.Index]] = {}
    for df in tables.values():
        for col in df.columns:
            if isinstance(df[col].dtype, pd.CategoricalDtype):
                groups.setdefault(SHARED.get(col, col), []).append(used(df[col]))
    merged = {group: pd.Index(reduce(pd.Index.union, cats)).sort_values() for group, cats in groups.items()}
    merged["article_id"] = used(tables["articles"]["article_id"]).sort_values()
    out = {}
    for name, df in tables.items():
        updates = {col: df[col].cat.set_categories(merged[SHARED.get(col, col)]) for col in df.columns
                   if isinstance(df[col].dtype, pd.CategoricalDtype)
                   and not df[col].cat.categories.equals(merged[SHARED.get(col, col)])}
        out[name] = df.assign(**updates) if updates else df
    return out


def used(values: pd.Series) -> pd.Index:
    """The categories that occur (a concatenation or a filter can leave others)."""
    codes = values.cat.codes.to_numpy()
    counts = np.bincount(codes[codes >= 0], minlength=len(values.cat.categories))
    return values.cat.categories[counts > 0]


def in_order(df: pd.DataFrame) -> pd.DataFrame:
    """Mentions sorted by (article, field, start), as a build writes them;
    checked first, because sorting 2 million rows is most of a cold load."""
    keys = [df[c].cat.codes.to_numpy() for c in ("article_id", "field")] + [df["start"].to_numpy()]
    ahead = np.zeros(max(len(df) - 1, 0), dtype=bool)  # row i+1 sorts before row i
    tied = np.ones(max(len(df) - 1, 0), dtype=bool)
    for key in keys:
        ahead |= tied & (key[1:] < key[:-1])
        tied &= key[1:] == key[:-1]
    if not ahead.any():
        return df.reset_index(drop=True)
    return df.sort_values(["article_id", "field", "start"], kind="stable", ignore_index=True)


def lean(raw: dict[str, pd.DataFrame | None]) -> dict[str, pd.DataFrame]:
    """Conformed tables with shared categories; mentions in reading order
    (article, field, start), so a filter keeps them sorted."""
    tables = share_categories({name: conform(name, raw.get(name)) for name in LOADED})
    for name in ("mentions", "ambiguous"):
        tables[name] = in_order(tables[name])
    tables["articles"] = tables["articles"].reset_index(drop=True)
    # Every article's countries, once: a filter that drops no mention by its
    # confidence only has to pick the rows of the articles it keeps (ui.view).
    tables["countries"] = view.countries_from(tables["mentions"])
    return tables


def read_all(folder: Path | str) -> dict[str, pd.DataFrame]:
    tables = lean({name: read(folder, name) for name in LOADED})
    # Arrow's allocator keeps what reading freed (a few hundred MB at 100,000 articles) unless asked.
    pa.default_memory_pool().release_unused()
    return tables


def plain(df: pd.DataFrame) -> pd.DataFrame:
    """The frame as users see and download it: categoricals back to the string
    type the tables declare (other text as pandas' default string type)."""
    updates = {col: strings(df[col], "string" if col in STRING_COLUMNS else "str") for col in df.columns
               if isinstance(df[col].dtype, pd.CategoricalDtype)}
    return df.assign(**updates) if updates else df


def strings(values: pd.Series, dtype: str) -> pd.Series:
    """A categorical's values as strings, taken in Arrow: pandas' own astype goes
    through a Python object per row, which was most of an evidence table's cost."""
    codes = values.cat.codes.to_numpy()
    categories = pa.array(values.cat.categories.astype("string").array)  # Arrow-backed: no copy per call
    taken = categories.take(pa.array(codes, mask=codes < 0))
    return pd.Series(pd.array(taken, dtype="string"), index=values.index, name=values.name).astype(dtype)
