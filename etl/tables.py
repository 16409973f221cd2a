"""The five output tables, one pure function each: records or frames in, frame out.

Column lists are the contract of ../shared/eval/README.md plus our own
columns; row order is fixed so that two builds of the same input are equal."""

from __future__ import annotations

from collections.abc import Callable, Iterable
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


def frame(rows: list[dict[str, Any]], columns: dict[str, str]) -> pd.DataFrame:
    """Column by column: building from a list of row dicts is twice as slow."""
    return pd.DataFrame({name: column(list(map(itemgetter(name), rows)), dtype) for name, dtype in columns.items()})


def by_article(records: Iterable[dict[str, Any]], within: Callable[[dict[str, Any]], tuple[Any, ...]]
               ) -> list[dict[str, Any]]:
    """Rows grouped by article in the order the articles first appear (the
    order they were read), each article's rows sorted by `within`. Sorted in
    Python before the frame is built: sorting the frame by its text columns
    cost more than building it."""
    rows = records if isinstance(records, list) else list(records)
    ids = list(map(itemgetter("article_id"), rows))
    rank: dict[str, int] = {}
    for article_id in ids:
        rank.setdefault(article_id, len(rank))
    keys = list(zip(map(rank.__getitem__, ids), map(within, rows)))
    return [rows[i] for i in sorted(range(len(rows)), key=keys.__getitem__)]


def distinct(rows: list[dict[str, Any]], key: Callable[[dict[str, Any]], tuple[Any, ...]]) -> list[dict[str, Any]]:
    """The first row of each key, in order."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for row in rows:
        k = key(row)
        if k not in seen:
            seen.add(k)
            out.append(row)
    return out


def articles_table(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Articles in the order given."""
    df = pd.DataFrame(list(records), columns=list(ARTICLE_COLUMNS))
    df["published"] = pd.to_datetime(df["published"], errors="coerce", format="mixed", utc=True).dt.tz_localize(None)
    return df.astype(ARTICLE_COLUMNS)


def mentions_table(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Mentions by article, then field, start and code."""
    return frame(by_article(records, itemgetter("field", "start", "code")), MENTION_COLUMNS)


def countries_table(mentions: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """(article, country) with its number of mentions and the surest one's
    confidence, from accepted mention rows; by article, then ISO3."""
    counted: dict[tuple[str, str], list[Any]] = {}
    for m in mentions:
        if m["kind"] != "country":
            continue
        seen = counted.get((m["article_id"], m["code"]))
        if seen is None:
            counted[(m["article_id"], m["code"])] = [1, m["confidence"]]
        else:
            seen[0] += 1
            seen[1] = max(seen[1], m["confidence"])
    known = places()
    rows = [{"article_id": article_id, "iso3": code, "name": known[code].name, "numeric": known[code].numeric or None,
             "mentions": n, "confidence": confidence} for (article_id, code), (n, confidence) in counted.items()]
    return frame(by_article(rows, itemgetter("iso3")), COUNTRY_COLUMNS)


ALLIANCE_KEY = itemgetter("field", "sentence", "party_a", "party_b", "kind")


def alliances_table(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """One row per (article, field, sentence, pair, kind): the first found."""
    rows = by_article(records, ALLIANCE_KEY)
    return frame(distinct(rows, itemgetter("article_id", "field", "sentence", "party_a", "party_b", "kind")),
                 ALLIANCE_COLUMNS)


def sanction_key(row: dict[str, Any]) -> tuple[Any, ...]:
    # A missing sender sorts first.
    return row["field"], row["sentence"], row["target"], row["sender"] is not None, row["sender"] or "", row["action"]


def sanctions_table(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """One row per (article, field, sentence, target, sender, action): the first found."""
    rows = by_article(records, sanction_key)
    return frame(distinct(rows, lambda r: (r["article_id"], *sanction_key(r))), SANCTION_COLUMNS)
