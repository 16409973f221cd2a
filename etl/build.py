"""From an input path to the five Parquet tables, written atomically."""

from __future__ import annotations

import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from etl.inputs import Article, Columns, InputError, Problem, Reader
from etl.mentions import article_mentions
from etl.relations import article_relations
from etl.relations.membership import bloc_members, expand_bloc_senders, with_co_members
from etl.tables import alliances_table, articles_table, countries_table, mentions_table, sanctions_table

TABLE_NAMES = ("articles", "mentions", "countries", "alliances", "sanctions", "ambiguous")
PROGRESS_EVERY = 50
CHUNK_ARTICLES = 200  # articles per pool task in extract_parallel


@dataclass
class BuildResult:
    tables: dict[str, pd.DataFrame]
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    duplicates: int = 0
    appended: int | None = None  # new articles, when added to existing tables

    def summary(self) -> str:
        t = self.tables
        added = "" if self.appended is None else f"added {self.appended} new articles; "
        return (
            f"{added}built {len(t['articles'])} articles, {len(t['mentions'])} mentions, "
            f"{t['countries']['iso3'].nunique()} countries, {len(t['alliances'])} alliance rows, "
            f"{len(t['sanctions'])} sanction rows, {len(t['ambiguous'])} ambiguous matches set aside; "
            f"{self.duplicates} duplicates skipped; {len(self.problems)} problems; {self.seconds:.1f} s"
        )


def article_row(art: Article) -> dict[str, Any]:
    return {"article_id": art.article_id, "title": art.title, "source": art.source, "url": art.url,
            "published": art.published, "text": art.text, "input_file": art.input_file}


def report_progress(progress: TextIO | None, done: int, total: int, step: int = PROGRESS_EVERY) -> None:
    if progress and (done % step == 0 or done == total):
        progress.write(f"\r  extracting {done}/{total} articles ({100 * done // total}%)")
        if done == total:
            progress.write("\n")


def article_extraction(
    art: Article, mentions_of: Callable[[Article], list[dict[str, Any]]] | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The per-article work: (mention rows, alliance rows, sanction rows)."""
    found = mentions_of(art) if mentions_of else article_mentions(art.article_id, art.title, art.text)
    accepted = [m for m in found if not m["ambiguous"]]
    alliances, sanctions = article_relations(art.article_id, art.title, art.text, accepted)
    return found, alliances, sanctions


def assemble(
    article_rows: list[dict[str, Any]], mention_rows: list[dict[str, Any]],
    alliance_rows: list[dict[str, Any]], sanction_rows: list[dict[str, Any]],
) -> dict[str, pd.DataFrame]:
    """The tables from the rows of every article, in article order."""
    # Ambiguous matches (Georgia beside Atlanta, "western Ukraine") are kept in
    # a table of their own so that they never count as mentions by default.
    mentions = mentions_table(r for r in mention_rows if not r["ambiguous"])
    return {
        "articles": articles_table(article_rows),
        "mentions": mentions,
        "countries": countries_table(mentions),
        "alliances": with_co_members(alliances_table(alliance_rows), articles_table(article_rows), bloc_members()),
        "sanctions": sanctions_table(sanction_rows),
        "ambiguous": mentions_table(r for r in mention_rows if r["ambiguous"]),
    }


def extract(
    articles: list[Article],
    progress: TextIO | None = None,
    mentions_of: Callable[[Article], list[dict[str, Any]]] | None = None,
) -> dict[str, pd.DataFrame]:
    """The five tables for a list of articles (no I/O besides progress).

    mentions_of replaces our mention finder (import-mentions passes another
    extractor's mentions); everything downstream of the mentions is shared."""
    mention_rows: list[dict[str, Any]] = []
    alliance_rows: list[dict[str, Any]] = []
    sanction_rows: list[dict[str, Any]] = []
    total = len(articles)
    for done, art in enumerate(articles, start=1):
        found, alliances, sanctions = article_extraction(art, mentions_of)
        mention_rows.extend(found)
        alliance_rows.extend(alliances)
        sanction_rows.extend(sanctions)
        report_progress(progress, done, total)
    return assemble([article_row(a) for a in articles], mention_rows, alliance_rows, sanction_rows)


def extract_chunk(articles: list[Article]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """One pool task: the rows of a run of consecutive articles (module level, so it pickles)."""
    mention_rows: list[dict[str, Any]] = []
    alliance_rows: list[dict[str, Any]] = []
    sanction_rows: list[dict[str, Any]] = []
    for art in articles:
        found, alliances, sanctions = article_extraction(art)
        mention_rows.extend(found)
        alliance_rows.extend(alliances)
        sanction_rows.extend(sanctions)
    return mention_rows, alliance_rows, sanction_rows


def extract_parallel(
    articles: list[Article], workers: int, progress: TextIO | None = None, chunk: int = CHUNK_ARTICLES
) -> dict[str, pd.DataFrame]:
    """extract() with the per-article work spread over `workers` processes.

    Chunks are consecutive runs of articles and their rows are joined back in
    chunk order, so every table receives the same rows in the same order as
    from extract() and comes out identical. One worker: extract() in-process."""
    if workers <= 1 or len(articles) <= 1:
        return extract(articles, progress)
    size = max(1, min(chunk, -(-len(articles) // workers)))
    chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
    # Load the gazetteer, automaton and cues once here: forked workers inherit them.
    warm = "France and Germany signed a treaty. The EU imposed sanctions on Iran."
    article_relations("warm-up", "", warm, article_mentions("warm-up", "", warm))
    mention_rows: list[dict[str, Any]] = []
    alliance_rows: list[dict[str, Any]] = []
    sanction_rows: list[dict[str, Any]] = []
    done, total = 0, len(articles)
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks))) as pool:
        for part, (found, alliances, sanctions) in zip(chunks, pool.map(extract_chunk, chunks), strict=True):
            mention_rows.extend(found)
            alliance_rows.extend(alliances)
            sanction_rows.extend(sanctions)
            done += len(part)
            report_progress(progress, done, total, step=1)
    return assemble([article_row(a) for a in articles], mention_rows, alliance_rows, sanction_rows)


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
    """Write every table (and text file) to a temporary file first, then rename
    them all, so a failure part-way leaves the previous tables as they were."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staged = []
    try:
        for name, df in tables.items():
            tmp = out_dir / f".{name}.parquet.{os.getpid()}.tmp"
            df.to_parquet(tmp, index=False)
            staged.append((tmp, out_dir / f"{name}.parquet"))
        for file_name, content in (texts or {}).items():
            tmp = out_dir / f".{file_name}.{os.getpid()}.tmp"
            tmp.write_text(content, encoding="utf-8")
            staged.append((tmp, out_dir / file_name))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, final in staged:
        os.replace(tmp, final)


def existing_tables(out_dir: Path) -> dict[str, pd.DataFrame] | None:
    """The tables already in out_dir, or None when there are none yet."""
    if not (out_dir / "articles.parquet").exists():
        return None
    try:
        return {name: pd.read_parquet(out_dir / f"{name}.parquet") for name in TABLE_NAMES}
    except (OSError, ValueError) as err:
        raise InputError(f"{out_dir}: cannot append, the existing tables cannot be read ({err})") from None


def remember(reader: Reader, articles: pd.DataFrame) -> None:
    """Make the articles already built count as seen, so --append skips them."""
    for row in articles.itertuples():
        url = None if pd.isna(row.url) else str(row.url)
        reader.seen.add(str(row.article_id), url, "" if pd.isna(row.text) else str(row.text))


def merge_tables(old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Old rows then new ones, ordered as one build of all the articles would be.

    Every table is per article and the two article sets are disjoint, so a
    stable sort on article_id of two sorted tables gives the full order."""
    merged = {}
    for name, fresh in new.items():
        before = old.get(name)
        if before is None or list(before.columns) != list(fresh.columns):
            raise InputError(f"cannot append: the existing {name} table has other columns; rebuild without --append")
        parts = [part for part in (before.astype(fresh.dtypes.to_dict()), fresh) if len(part)]
        both = pd.concat(parts, ignore_index=True) if parts else fresh
        merged[name] = both.sort_values("article_id", kind="stable", ignore_index=True)
    return merged


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
) -> BuildResult:
    """Read, extract and (when out_dir is given) write the tables; with append,
    add the new articles to the tables already in out_dir; with expand_blocs,
    also write sanctions_expanded (bloc senders replaced by their members);
    with workers > 1, extract in that many processes (same tables)."""
    started = time.perf_counter()
    reader = Reader(columns=columns or Columns(), allow_private=allow_private, skip=Path(out_dir) if out_dir else None)
    old = existing_tables(Path(out_dir)) if append and out_dir is not None else None
    if old is not None:
        remember(reader, old["articles"])
    articles = list(reader.read(input_path))
    tables = extract_parallel(articles, workers, progress if len(articles) >= PROGRESS_EVERY else None)
    if old is not None:
        tables = merge_tables(old, tables)
    result = BuildResult(tables, reader.problems, duplicates=reader.duplicates,
                         appended=len(articles) if append else None)
    if out_dir is not None:
        extra = {"rejected": rejected_table(reader.problems)}
        if expand_blocs:
            extra["sanctions_expanded"] = expand_bloc_senders(tables["sanctions"], tables["articles"], bloc_members())
        write_tables({**tables, **extra}, Path(out_dir),
                     texts={"rejected.jsonl": rejected_jsonl(reader.problems)})
    result.seconds = time.perf_counter() - started
    return result
