"""From an input path to the Parquet tables: streamed in batches, written atomically."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any, TextIO

import pandas as pd
import pyarrow.parquet as pq

from etl import store
from etl.batches import TableSink, batched, mapped_in_order
from etl.inputs import Article, Columns, InputError, Problem, Reader
from etl.inputs.dedupe import text_key
from etl.mentions import article_mentions
from etl.relations import article_relations
from etl.relations.membership import bloc_members, expand_bloc_senders, with_co_members
from etl.tables import alliances_table, articles_table, countries_table, mentions_table, sanctions_table

TABLE_NAMES = ("articles", "mentions", "countries", "alliances", "sanctions", "ambiguous")
BATCH_ARTICLES = 500  # articles per batch: one pool task, one row group per table


@dataclass
class BuildResult:
    """What a build did. Its tables are kept in memory only for a build without
    an output folder; otherwise `tables` reads them back from it."""

    out_dir: Path | None = None
    kept: dict[str, pd.DataFrame] | None = None
    counts: dict[str, int] = field(default_factory=dict)
    country_codes: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    duplicates: int = 0
    appended: bool = False
    before: int = 0  # articles already in the tables an append adds to

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        if self.kept is None:
            assert self.out_dir is not None
            self.kept = {name: store.read_table(self.out_dir, name) for name in TABLE_NAMES}  # type: ignore[misc]
        return self.kept

    def tally(self, tables: dict[str, pd.DataFrame]) -> None:
        for name in TABLE_NAMES:
            self.counts[name] = self.counts.get(name, 0) + len(tables[name])
        self.country_codes.update(tables["countries"]["iso3"].dropna())

    def summary(self) -> str:
        c = self.counts
        articles = c.get("articles", 0)
        what = (f"added {articles} new articles ({self.before + articles} in the tables now)" if self.appended
                else f"built {articles} articles")
        return (
            f"{what}, {c.get('mentions', 0)} mentions, "
            f"{len(self.country_codes)} countries, {c.get('alliances', 0)} alliance rows, "
            f"{c.get('sanctions', 0)} sanction rows, {c.get('ambiguous', 0)} ambiguous matches set aside; "
            f"{self.duplicates} duplicates skipped; {len(self.problems)} problems; {self.seconds:.1f} s"
        )


def article_row(art: Article) -> dict[str, Any]:
    return {"article_id": art.article_id, "title": art.title, "source": art.source, "url": art.url,
            "published": art.published, "text": art.text, "input_file": art.input_file}


def article_extraction(
    art: Article, mentions_of: Callable[[Article], list[dict[str, Any]]] | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The per-article work: (mention rows, alliance rows, sanction rows)."""
    found = mentions_of(art) if mentions_of else article_mentions(art.article_id, art.title, art.text)
    accepted = [m for m in found if not m["ambiguous"]]
    alliances, sanctions = article_relations(art.article_id, art.title, art.text, accepted)
    return found, alliances, sanctions


def in_input_order(df: pd.DataFrame, position: dict[str, int]) -> pd.DataFrame:
    """Rows grouped by article in the order the articles were read (each
    table's own order within an article), so that neither the batch size nor
    the number of workers nor appending changes a table."""
    key = df["article_id"].map(position)
    return df.iloc[key.argsort(kind="stable")].reset_index(drop=True) if len(df) else df


def extract(
    articles: list[Article],
    progress: TextIO | None = None,
    mentions_of: Callable[[Article], list[dict[str, Any]]] | None = None,
) -> dict[str, pd.DataFrame]:
    """The tables of a list of articles (no I/O besides progress).

    mentions_of replaces our mention finder (import-mentions passes another
    extractor's mentions); everything downstream of the mentions is shared."""
    mention_rows: list[dict[str, Any]] = []
    alliance_rows: list[dict[str, Any]] = []
    sanction_rows: list[dict[str, Any]] = []
    for done, art in enumerate(articles, start=1):
        found, alliances, sanctions = article_extraction(art, mentions_of)
        mention_rows.extend(found)
        alliance_rows.extend(alliances)
        sanction_rows.extend(sanctions)
        if progress and (done % 50 == 0 or done == len(articles)):
            progress.write(f"\r  extracting {done}/{len(articles)} articles ({100 * done // len(articles)}%)"
                           + ("\n" if done == len(articles) else ""))
    article_rows = [article_row(a) for a in articles]
    # Ambiguous matches (Georgia beside Atlanta, "western Ukraine") are kept in
    # a table of their own so that they never count as mentions by default.
    mentions = mentions_table(r for r in mention_rows if not r["ambiguous"])
    tables = {
        "articles": articles_table(article_rows),
        "mentions": mentions,
        "countries": countries_table(mentions),
        "alliances": with_co_members(alliances_table(alliance_rows), articles_table(article_rows), bloc_members()),
        "sanctions": sanctions_table(sanction_rows),
        "ambiguous": mentions_table(r for r in mention_rows if r["ambiguous"]),
    }
    position = {a.article_id: i for i, a in enumerate(articles)}
    return {name: in_input_order(df, position) for name, df in tables.items()}


def seen_table(articles: list[Article]) -> pd.DataFrame:
    """What --append needs to skip articles already built (id, URL, text digest),
    so that it need not read and digest every text built before."""
    return pd.DataFrame({
        "article_id": pd.array([a.article_id for a in articles], dtype="string"),
        "url": pd.array([a.url for a in articles], dtype="string"),
        "text_key": pd.Series([text_key(a.text) for a in articles], dtype=object),
    })


def extract_batch(articles: list[Article], expand_blocs: bool = False) -> dict[str, pd.DataFrame]:
    """One pool task (module level, so that it pickles): a batch's tables and
    its dedupe keys, and with expand_blocs its sanctions with bloc senders
    replaced by their members."""
    tables = {**extract(articles), "seen": seen_table(articles)}
    if expand_blocs:
        tables["sanctions_expanded"] = expand_bloc_senders(tables["sanctions"], tables["articles"], bloc_members())
    return tables


def warm_up() -> None:
    """Load the gazetteer, automaton and cues once, before workers fork."""
    text = "France and Germany signed a treaty. The EU imposed sanctions on Iran."
    article_relations("warm-up", "", text, article_mentions("warm-up", "", text))


def extract_batches(batches: Iterable[list[Article]], workers: int,
                    expand_blocs: bool = False) -> Iterable[dict[str, pd.DataFrame]]:
    """Each batch's tables in batch order, from `workers` processes."""
    return mapped_in_order(partial(extract_batch, expand_blocs=expand_blocs), batches, workers, warm_up)


def joined(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Batch tables one after the other (the first part may be empty: it carries the types)."""
    out = {}
    for name in parts[0]:
        frames = [p[name] for p in parts if len(p[name])] or [parts[0][name]]
        out[name] = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return out


def rejected_table(problems: list[Problem]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"source": p.file, "line": p.line, "reason": p.reason} for p in problems],
        columns=["source", "line", "reason"],
    ).astype({"source": "string", "line": "Int64", "reason": "string"})


def rejected_jsonl(problems: list[Problem]) -> str:
    """The rejected table for people: one JSON object per line."""
    rows = ({"source": p.file, "line": p.line, "reason": p.reason} for p in problems)
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path, texts: dict[str, str] | None = None) -> None:
    """Replace the named tables (and text files) in out_dir. Everything is
    written under hidden names first and swapped in at the end, so a failure
    part-way leaves the previous tables as they were."""
    out_dir.mkdir(parents=True, exist_ok=True)
    sink = TableSink(out_dir, append=False)
    staged_texts = []
    try:
        sink.write(tables)
        for file_name, content in (texts or {}).items():
            tmp = out_dir / f".{file_name}.{os.getpid()}.tmp"
            tmp.write_text(content, encoding="utf-8")
            staged_texts.append((tmp, out_dir / file_name))
        sink.commit()
    except BaseException:
        sink.discard()
        for tmp, _ in staged_texts:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, final in staged_texts:
        os.replace(tmp, final)


def remember(reader: Reader, out_dir: Path) -> None:
    """Make the articles already built count as seen, so --append skips them."""
    seen = store.read_table(out_dir, "seen")
    if seen is not None and len(seen) == store.row_count(out_dir, "articles"):
        for article_id, url, key in zip(seen["article_id"], seen["url"], seen["text_key"]):
            reader.seen.add_key(str(article_id), None if pd.isna(url) else str(url), bytes(key))
        return
    articles = store.read_table(out_dir, "articles", ["article_id", "url", "text"])  # tables of an older build
    assert articles is not None
    for article_id, url, text in zip(articles["article_id"], articles["url"], articles["text"]):
        reader.seen.add(str(article_id), None if pd.isna(url) else str(url), "" if pd.isna(text) else str(text))


def same_columns(out_dir: Path, empty: dict[str, pd.DataFrame]) -> None:
    """Appending rows of other columns would make a table unreadable as one."""
    for name, df in empty.items():
        found = store.parts(out_dir, name)
        if found and pq.read_schema(found[0]).names != list(df.columns):
            raise InputError(f"{out_dir}: cannot append, the existing {name} table was written by another "
                             f"version of this tool (other columns); rebuild it without --append")


def report(progress: TextIO | None, done: int, started: float, final: bool = False) -> None:
    if progress:
        rate = done / max(time.perf_counter() - started, 1e-9)
        progress.write(f"\r  extracted {done} articles ({rate:,.0f}/s)" + ("\n" if final else ""))


def build(
    input_path: Path | str,
    out_dir: Path | None = None,
    progress: TextIO | None = sys.stderr,
    *,
    columns: Columns | None = None,
    allow_private: bool = False,
    append: bool = False,
    expand_blocs: bool = False,
    workers: int = 1,
    batch: int = BATCH_ARTICLES,
) -> BuildResult:
    """Read, extract and (when out_dir is given) write the tables, batch by
    batch; with append, add the new articles to the tables already in out_dir
    as new parts; with expand_blocs, also write sanctions_expanded (bloc
    senders replaced by their members); with workers > 1, extract in that many
    processes (same tables)."""
    started = time.perf_counter()
    out = Path(out_dir) if out_dir is not None else None
    reader = Reader(columns=columns or Columns(), allow_private=allow_private, skip=out)
    appending = append and out is not None and store.has_table(out, "articles")
    empty = extract_batch([], expand_blocs)  # written first: every table exists, typed, even with no rows
    if appending:
        assert out is not None
        same_columns(out, empty)
        remember(reader, out)
    result = BuildResult(out_dir=out, appended=append, before=store.row_count(out, "articles") if appending else 0)
    batches = batched(reader.read(input_path), batch)
    first = next(batches, None)  # a missing or unreadable input fails here, before anything is written
    sink = TableSink(out, append=appending) if out is not None else None
    parts = [empty]
    try:
        if sink is not None:
            sink.write(empty)
        done = 0
        stream = chain([first], batches) if first is not None else iter([])
        for tables in extract_batches(stream, workers, expand_blocs):
            result.tally(tables)
            if sink is not None:
                sink.write(tables)
            else:
                parts.append(tables)
            done += len(tables["articles"])
            if done >= batch:  # one line of progress per batch; small builds stay quiet
                report(progress, done, started)
        if done >= batch:
            report(progress, done, started, final=True)
        result.problems, result.duplicates = reader.problems, reader.duplicates
        if sink is not None:
            sink.write({"rejected": rejected_table(reader.problems)})
            sink.commit()
            jsonl = out / "rejected.jsonl"  # type: ignore[operator]
            tmp = jsonl.with_name(f".rejected.jsonl.{os.getpid()}.tmp")
            tmp.write_text(rejected_jsonl(reader.problems), encoding="utf-8")
            os.replace(tmp, jsonl)
    except BaseException:
        if sink is not None:
            sink.discard()
        raise
    if sink is None:
        result.kept = joined(parts)
    result.seconds = time.perf_counter() - started
    return result
