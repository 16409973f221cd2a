"""What an append needs from the tables already built: the articles they hold
(as dedupe keys) and a check that new parts would have the same columns.

Used by `build --append` and by the follower, which loads the keys once and
keeps them up to date between passes instead of reading them every time."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from etl import store
from etl.inputs import InputError
from etl.inputs.dedupe import Seen


def remember(seen: Seen, out_dir: Path) -> None:
    """Make the articles already built count as seen, so an append skips them."""
    files = store.parts(out_dir, "seen")
    if files and store.row_count(out_dir, "seen") == store.row_count(out_dir, "articles"):
        # Plain Python lists straight from Arrow: no pandas rows for 100,000s of articles.
        keys = pq.read_table([str(f) for f in files], partitioning=None)
        seen.add_keys(keys["article_id"].to_pylist(), keys["url"].to_pylist(), keys["text_key"].to_pylist())
        return
    articles = store.read_table(out_dir, "articles", ["article_id", "url", "text"])  # tables of an older build
    if articles is None:
        return
    for article_id, url, text in zip(articles["article_id"], articles["url"], articles["text"]):
        seen.add(str(article_id), None if pd.isna(url) else str(url), "" if pd.isna(text) else str(text))


def same_columns(out_dir: Path, empty: dict[str, pd.DataFrame]) -> None:
    """Appending rows of other columns would make a table unreadable as one."""
    for name, df in empty.items():
        found = store.parts(out_dir, name)
        if found and pq.read_schema(found[0]).names != list(df.columns):
            raise InputError(f"{out_dir}: cannot append, the existing {name} table was written by another "
                             f"version of this tool (other columns); rebuild it without --append")
