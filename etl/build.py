"""From an input path to the Parquet tables: streamed in batches, written atomically."""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass, field
from collections.abc import Iterable
from itertools import chain
from pathlib import Path
from typing import TextIO

import pandas as pd

from etl import store
from etl.appends import remember, same_columns
from etl.batches import TableSink, batched
from etl.extract import extract_batch, extract_batches, joined
from etl.inputs import Article, Columns, Problem, Reader

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
        self.country_codes.update(tables["countries"]["iso3"].dropna().unique())

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
    if append and out is not None and store.has_table(out, "articles"):
        remember(reader.seen, out)
    return write_articles(reader.read(input_path), reader, out, append=append, expand_blocs=expand_blocs,
                          progress=progress, workers=workers, batch=batch, started=started)


def write_articles(
    articles: Iterable[Article],
    reader: Reader,
    out: Path | None,
    *,
    append: bool = False,
    expand_blocs: bool = False,
    progress: TextIO | None = None,
    workers: int = 1,
    batch: int = BATCH_ARTICLES,
    started: float | None = None,
) -> BuildResult:
    """The second half of build: extract the articles (read lazily through
    reader, whose problems and duplicates the result reports) and write their
    tables to out, as new parts when appending to tables already there, or
    keep them in memory when out is None. The follower calls it directly."""
    started = time.perf_counter() if started is None else started
    appending = append and out is not None and store.has_table(out, "articles")
    empty = extract_batch([], expand_blocs)  # written first: every table exists, typed, even with no rows
    before = 0
    if appending:
        assert out is not None
        same_columns(out, empty)
        before = store.row_count(out, "articles")
    result = BuildResult(out_dir=out, appended=append, before=before)
    batches = batched(articles, batch)
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
            assert out is not None
            jsonl = out / "rejected.jsonl"
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
