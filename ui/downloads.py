"""Downloads of exactly the rows a table shows: CSV (spreadsheet-safe), Parquet,
and a data dictionary of its columns."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st

from ui import display, view
from ui.filters import Filters
from ui.tables import plain

# A spreadsheet runs a cell that starts with one of these as a formula
# (CSV injection); a leading quote makes it plain text.
FORMULA_STARTS = ("=", "+", "-", "@")

COLUMNS: dict[str, str] = {
    "article_id": "Identifier of the article the row comes from",
    "title": "Headline of the article", "source": "Publisher of the article", "url": "Link to the article",
    "published": "Publication date and time (UTC)", "text": "Body of the article", "input_file": "File it was read from",
    "field": "Where the match is: title or text", "sentence": "Sentence number within the field (from 0)",
    "start": "Character offset where the match starts in the field", "end": "Character offset where it ends",
    "surface": "The words as written in the article", "code": "ISO 3166-1 alpha-3 code, or bloc code",
    "name": "Name of the country or bloc", "kind": "country or bloc (mentions); alliance kind (alliances)",
    "via": "How it was recognised: name, alias, demonym, capital or metonym",
    "confidence": "Extractor's confidence, 0 to 1", "ambiguous": "True if the match was set aside as doubtful",
    "reason": "Why a match was set aside", "sentence_text": "The sentence containing the match",
    "iso3": "ISO 3166-1 alpha-3 code", "numeric": "ISO 3166-1 numeric code (map join key)",
    "mentions": "Number of mentions", "party_a": "First party (country or bloc code)",
    "party_b": "Second party (country or bloc code)", "evidence": "Sentence the row was extracted from",
    "cue": "Words that triggered the rule", "rule": "Name of the extraction rule",
    "target": "Country or bloc being sanctioned", "sender": "Country or bloc imposing the sanction (may be empty)",
    "action": "imposed, threatened, lifted, evaded or existing", "co_members": "Both parties belong to one bloc",
    "shared_blocs": "Blocs both parties belong to", "pair": "The two parties, by name",
    "articles": "Number of distinct articles", "kinds": "Alliance kinds reported for the pair",
    "partner": "The other party", "rows": "Number of extracted rows", "period": "Start of the period",
    "target_name": "Name of the country or bloc being sanctioned",
    "sender_name": "Name of the country or bloc imposing the sanction (empty when the sentence names none)",
    "party_a_name": "Name of the first party", "party_b_name": "Name of the second party",
    "partner_name": "Name of the other party", "other_name": "Name of the other party",
    "count": "Number counted in the period",
}


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """Text cells starting with = + - @ get a leading single quote; numbers are untouched."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_string_dtype(out[col]) or out[col].dtype == object:
            out[col] = out[col].map(lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v)
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    return neutralise(df).to_csv(index=False).encode("utf-8")


def parquet_bytes(df: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    df.to_parquet(buffer, index=False)
    return buffer.getvalue()


def dictionary(df: pd.DataFrame) -> pd.DataFrame:
    """One row per column of `df`: its name, type and meaning."""
    return pd.DataFrame({"column": list(df.columns), "type": [str(t) for t in df.dtypes],
                         "meaning": [COLUMNS.get(c, "") for c in df.columns]})


@dataclass(frozen=True)
class Again:
    """How to make a table's rows again when one of its downloads is clicked:
    `make` (a function of the ui package, never one made in a page script)
    applied to the filtered view of the shared, cached tables.

    A download button keeps what it is given for its session's life, and
    Streamlit keeps a closed session for two minutes: this keeps a few
    references where the rows themselves were 10-60 MB per session on the
    100,000-article tables."""

    tables: dict[str, pd.DataFrame] = field(repr=False)
    filters: Filters
    make: Callable[..., pd.DataFrame]
    args: tuple[Any, ...] = ()

    def rows(self) -> pd.DataFrame:
        return self.make(view.apply(self.tables, self.filters), *self.args)


def made(tables: dict[str, pd.DataFrame], filters: Filters, shown: dict[str, pd.DataFrame],
         make: Callable[..., pd.DataFrame], *args: Any, name: str, key: str, height: int | None = None) -> None:
    """table() of make(shown, *args), the view this run shows, whose downloads
    make the same rows again on click (Again) instead of keeping them."""
    table(make(shown, *args), name, key, height, Again(tables, filters, make, args))


def table(df: pd.DataFrame, name: str, key: str, height: int | None = None, again: Again | None = None) -> None:
    """Show `df` and offer exactly its rows for download (CSV, Parquet, dictionary),
    its categoricals (ui.tables) as the strings they stand for.

    The table is sent to the browser as it is: a categorical travels as an
    Arrow dictionary, so a sentence shared by many rows is sent once (plain
    strings made the evidence tables of 100,000 articles hundreds of MB in the
    server). The downloads are built on click, as plain strings, from `again`
    when given (big tables: see Again), else from `df` itself."""
    columns = plain(df.iloc[:0])  # the columns' types as the downloads and the dictionary have them
    shown = display.readable(df)
    config: dict[str, Any] = {c: st.column_config.Column(help=COLUMNS.get(c)) for c in shown.columns}
    for c in shown.columns:
        if pd.api.types.is_datetime64_any_dtype(shown[c]):
            config[c] = st.column_config.DatetimeColumn(help=COLUMNS.get(c), format="YYYY-MM-DD")
        elif c == "url":
            config[c] = st.column_config.LinkColumn(help=COLUMNS.get(c))
    rows_height = 35 * (len(df) + 1) + 3  # never a tall frame of blank rows under a short table
    st.dataframe(shown, hide_index=True, column_config=config,
                 height=min(height, rows_height) if height else "auto", key=f"{key}_table")
    st.caption(f"{len(df)} rows shown · the downloads hold exactly these rows")
    rows: Callable[[], pd.DataFrame] = again.rows if again is not None else (lambda: df)
    cols = st.columns(3)
    cols[0].download_button("CSV", data=lambda: csv_bytes(plain(rows())), file_name=f"{name}.csv", mime="text/csv",
                            key=f"{key}_csv", on_click="ignore")
    cols[1].download_button("Parquet", data=lambda: parquet_bytes(plain(rows())), file_name=f"{name}.parquet",
                            mime="application/vnd.apache.parquet", key=f"{key}_parquet", on_click="ignore")
    cols[2].download_button("Data dictionary", data=lambda: csv_bytes(dictionary(columns)),
                            file_name=f"{name}-dictionary.csv", mime="text/csv", key=f"{key}_dict",
                            on_click="ignore")
