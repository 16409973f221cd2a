"""From an input path to the five Parquet tables, written atomically."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from etl.inputs import Article, Problem, Reader
from etl.mentions import article_mentions
from etl.relations import article_relations
from etl.tables import alliances_table, articles_table, countries_table, mentions_table, sanctions_table

TABLE_NAMES = ("articles", "mentions", "countries", "alliances", "sanctions", "ambiguous")
PROGRESS_EVERY = 50


@dataclass
class BuildResult:
    tables: dict[str, pd.DataFrame]
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        t = self.tables
        return (
            f"built {len(t['articles'])} articles, {len(t['mentions'])} mentions, "
            f"{t['countries']['iso3'].nunique()} countries, {len(t['alliances'])} alliance rows, "
            f"{len(t['sanctions'])} sanction rows, {len(t['ambiguous'])} ambiguous matches set aside; "
            f"{len(self.problems)} problems; {self.seconds:.1f} s"
        )


def extract(articles: list[Article], progress: TextIO | None = None) -> dict[str, pd.DataFrame]:
    """The five tables for a list of articles (no I/O besides progress)."""
    article_rows: list[dict[str, Any]] = []
    mention_rows: list[dict[str, Any]] = []
    alliance_rows: list[dict[str, Any]] = []
    sanction_rows: list[dict[str, Any]] = []
    total = len(articles)
    for done, art in enumerate(articles, start=1):
        article_rows.append(
            {"article_id": art.article_id, "title": art.title, "source": art.source, "url": art.url,
             "published": art.published, "text": art.text, "input_file": art.input_file}
        )
        found = article_mentions(art.article_id, art.title, art.text)
        mention_rows.extend(found)
        accepted = [m for m in found if not m["ambiguous"]]
        alliances, sanctions = article_relations(art.article_id, art.title, art.text, accepted)
        alliance_rows.extend(alliances)
        sanction_rows.extend(sanctions)
        if progress and (done % PROGRESS_EVERY == 0 or done == total):
            progress.write(f"\r  extracting {done}/{total} articles ({100 * done // total}%)")
            if done == total:
                progress.write("\n")
    # Ambiguous matches (Georgia beside Atlanta, "western Ukraine") are kept in
    # a table of their own so that they never count as mentions by default.
    mentions = mentions_table(r for r in mention_rows if not r["ambiguous"])
    return {
        "articles": articles_table(article_rows),
        "mentions": mentions,
        "countries": countries_table(mentions),
        "alliances": alliances_table(alliance_rows),
        "sanctions": sanctions_table(sanction_rows),
        "ambiguous": mentions_table(r for r in mention_rows if r["ambiguous"]),
    }


def rejected_table(problems: list[Problem]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"source": p.file, "line": p.line, "reason": p.reason} for p in problems],
        columns=["source", "line", "reason"],
    ).astype({"source": "string", "line": "Int64", "reason": "string"})


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> None:
    """Write every table to a temporary file first, then rename them all, so a
    failure part-way leaves the previous tables as they were."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staged = []
    try:
        for name, df in tables.items():
            tmp = out_dir / f".{name}.parquet.{os.getpid()}.tmp"
            df.to_parquet(tmp, index=False)
            staged.append((tmp, out_dir / f"{name}.parquet"))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, final in staged:
        os.replace(tmp, final)


def build(input_path: Path, out_dir: Path | None = None, progress: TextIO | None = sys.stderr) -> BuildResult:
    """Read, extract and (when out_dir is given) write the tables."""
    started = time.perf_counter()
    reader = Reader()
    articles = list(reader.read(Path(input_path)))
    tables = extract(articles, progress if len(articles) >= PROGRESS_EVERY else None)
    result = BuildResult(tables, reader.problems)
    if out_dir is not None:
        write_tables({**tables, "rejected": rejected_table(reader.problems)}, Path(out_dir))
    result.seconds = time.perf_counter() - started
    return result
