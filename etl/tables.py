"""The five output tables, one pure function each: records or frames in, frame out.

Column lists are the contract of ../shared/eval/README.md plus our own
columns; row order is fixed so that two builds of the same input are equal."""

from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter
from typing import Any

import pandas as pd
import pyarrow as pa

from etl.knowledge import places

ARTICLE_COLUMNS = {
    "article_id": "string", "title": "string", "source": "string", "url": "string",
    "published": "datetime64[us]", "text": "string", "input_file": "string",
}
MENTION_COLUMNS = {
    "article_id": "string", "field": "string", "sentence": "int64", "start": "int64", "end": "int64",
    "surface": "string", "code": "string", "name": "string", "kind": "string", "via": "string",
    "confidence": "float64", "ambiguous": "bool", "reason": "string", "sentence_text": "string",
}
COUNTRY_COLUMNS = {
    "article_id": "string", "iso3": "string", "name": "string", "numeric": "string",
    "mentions": "int64", "confidence": "float64",
}
ALLIANCE_COLUMNS = {
    "article_id": "string", "field": "string", "sentence": "int64", "party_a": "string", "party_b": "string",
    "kind": "string", "evidence": "string", "cue": "string", "rule": "string", "confidence": "float64",
}
SANCTION_COLUMNS = {
    "article_id": "string", "field": "string", "sentence": "int64", "target": "string", "sender": "string",
    "action": "string", "evidence": "string", "cue": "string", "rule": "string", "confidence": "float64",
}


def column(values: list[Any], dtype: str) -> pd.api.extensions.ExtensionArray | Any:
    # Text goes to Arrow in one call: pandas' own conversion checks each string first.
    if dtype == "string":
        return pd.array(pa.array(values, type=pa.large_string()), dtype="string")
    return pd.array(values, dtype=dtype)


def frame(records: Iterable[dict[str, Any]], columns: dict[str, str]) -> pd.DataFrame:
    """Column by column: building from a list of row dicts is twice as slow."""
    rows = records if isinstance(records, list) else list(records)
    return pd.DataFrame({name: column(list(map(itemgetter(name), rows)), dtype) for name, dtype in columns.items()})


def articles_table(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    df = pd.DataFrame(list(records), columns=list(ARTICLE_COLUMNS))
    df["published"] = pd.to_datetime(df["published"], errors="coerce", format="mixed", utc=True).dt.tz_localize(None)
    return df.astype(ARTICLE_COLUMNS).sort_values("article_id", ignore_index=True)


def mentions_table(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    df = frame(records, MENTION_COLUMNS)
    return df.sort_values(["article_id", "field", "start", "code"], ignore_index=True)


def countries_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """(article, country) with its number of mentions and the surest one's confidence."""
    grouped = (
        mentions[mentions["kind"] == "country"]
        .groupby(["article_id", "code"], as_index=False)
        .agg(mentions=("code", "size"), confidence=("confidence", "max"))
        .rename(columns={"code": "iso3"})
    )
    known = places()
    grouped["name"] = grouped["iso3"].map({code: place.name for code, place in known.items()})
    grouped["numeric"] = grouped["iso3"].map({code: place.numeric or None for code, place in known.items()})
    return grouped[list(COUNTRY_COLUMNS)].astype(COUNTRY_COLUMNS).sort_values(["article_id", "iso3"], ignore_index=True)


def alliances_table(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    df = frame(records, ALLIANCE_COLUMNS)
    df = df.sort_values(["article_id", "field", "sentence", "party_a", "party_b", "kind"], ignore_index=True)
    return df.drop_duplicates(["article_id", "field", "sentence", "party_a", "party_b", "kind"], ignore_index=True)


def sanctions_table(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    df = frame(records, SANCTION_COLUMNS)
    df = df.sort_values(["article_id", "field", "sentence", "target", "sender", "action"], ignore_index=True, na_position="first")
    return df.drop_duplicates(["article_id", "field", "sentence", "target", "sender", "action"], ignore_index=True)
