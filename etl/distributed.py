"""The build on a Dask cluster: `python -m etl build --engine dask --scheduler ADDRESS`.

This process (the client) reads the articles and writes the tables; the
workers only run `extract` on batches of articles. So the workers need this
package and its data/, but neither the input nor the output folder. The tables
are the local build's, split by the month of each article's `published` date:

    out/mentions.parquet/month=2024-03/part-00000.parquet
    out/mentions.parquet/month=undated/part-00000.parquet    (articles with no date)

All is staged in a hidden folder in `out` and swapped in at the end, so a
failed build leaves the previous tables. --append is refused (docs/cluster.md).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import pandas as pd

from etl import store
from etl.batches import batched
from etl.build import TABLE_NAMES, BuildResult, rejected_jsonl, rejected_table
from etl.extract import extract_batch
from etl.inputs import Article, Columns, InputError, Reader

if TYPE_CHECKING:  # importing distributed takes about a second: only when used
    from distributed import Client, Future

BATCH_ARTICLES = 300  # big enough that a task outweighs its scheduling, small enough to stream
IN_FLIGHT_PER_THREAD = 2  # batches queued per worker thread: workers stay busy, memory stays flat
CONNECT_SECONDS = 10.0
LOCAL = "local"  # --scheduler local: a throwaway cluster in this machine, to try the engine
UNDATED = "undated"


def months(articles: pd.DataFrame) -> dict[str, str]:
    """article_id -> "YYYY-MM" of its published date, or "undated"."""
    labels = articles["published"].dt.strftime("%Y-%m").astype(object).where(articles["published"].notna(), UNDATED)
    return dict(zip(articles["article_id"], labels, strict=True))


class MonthlyParts:
    """The open parts, one per (table, month) that the latest batch touched.

    A part stays open while consecutive batches add rows to its month, so an
    input in date order gives about one part per month, and only the months of
    one batch are ever open (file handles stay bounded on a long corpus)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.open: dict[tuple[str, str], store.PartWriter] = {}
        self.started: dict[tuple[str, str], int] = {}  # parts begun per (table, month)

    def add(self, tables: dict[str, pd.DataFrame], month_of: dict[str, str]) -> None:
        touched = set()
        for name, df in tables.items():
            for month, rows in df.groupby(df["article_id"].map(month_of), sort=True):
                key = (name, str(month))
                if key not in self.open:
                    number = self.started.get(key, 0)
                    self.started[key] = number + 1
                    final = store.table_dir(self.root, name) / f"month={month}" / f"{store.PART_PREFIX}{number:05d}.parquet"
                    self.open[key] = store.PartWriter(final)
                self.open[key].write(rows)
                touched.add(key)
        for key in [k for k in self.open if k not in touched]:
            self.finish(key)

    def finish(self, key: tuple[str, str]) -> None:
        writer = self.open.pop(key)
        writer.close()
        writer.commit()

    def close(self, empty: dict[str, pd.DataFrame]) -> None:
        """Finish every part; a table with no rows at all gets one empty part
        at its root (it has no month), so its columns are still known."""
        for key in list(self.open):
            self.finish(key)
        written = {name for name, _ in self.started}
        for name, df in empty.items():
            if name not in written:
                write_part(store.table_dir(self.root, name) / f"{store.PART_PREFIX}00000.parquet", df)

    def discard(self) -> None:
        for writer in self.open.values():
            writer.discard()


def write_part(final: Path, df: pd.DataFrame) -> None:
    writer = store.PartWriter(final)
    writer.write(df)
    writer.close()
    writer.commit()


@contextmanager
def connect(scheduler: str, timeout: float) -> Iterator[Client]:
    """A client of the scheduler at `scheduler`, or of a local cluster for "local"."""
    from distributed import Client, LocalCluster
    from distributed.comm import get_address_host_port

    if scheduler == LOCAL:
        with LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, dashboard_address=":0") as cluster:
            with Client(cluster, set_as_default=False) as client:
                yield client
        return
    try:
        get_address_host_port(scheduler)  # a malformed address fails here, before a Client that complains at exit
        client = Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as err:
        raise InputError(f"cannot reach the Dask scheduler at {scheduler!r} within {timeout:g} s ({err}); "
                         f"start one with `dask scheduler`, or pass --scheduler {LOCAL}") from None
    with client:
        yield client


def run_batches(client: Client, groups: Iterable[list[Article]], parts: MonthlyParts, result: BuildResult,
                expand_blocs: bool, progress: TextIO | None, quiet_below: int) -> None:
    """Submit every batch; write each batch's tables in input order (so the
    parts are the same from run to run) while at most `window` batches wait."""
    window = max(4, IN_FLIGHT_PER_THREAD * sum(client.nthreads().values()))
    pending: deque[Future] = deque()
    done, started = 0, time.perf_counter()

    def collect() -> None:
        nonlocal done
        tables = pending.popleft().result()
        parts.add(tables, months(tables["articles"]))
        result.tally(tables)
        done += len(tables["articles"])
        if progress and done >= quiet_below:  # one line, rewritten per batch; small builds stay quiet
            rate = done / max(time.perf_counter() - started, 1e-9)
            progress.write(f"\r  extracted {done} articles on the cluster ({rate:,.0f}/s)")

    try:
        for group in groups:
            pending.append(client.submit(extract_batch, group, expand_blocs, pure=False))
            if len(pending) >= window:
                collect()
        while pending:
            collect()
    finally:
        client.cancel(list(pending))  # after a failure: nothing left running for us
    if progress and done >= quiet_below:
        progress.write("\n")


def build_on_cluster(
    input_path: Path | str,
    out_dir: Path | str,
    scheduler: str,
    *,
    batch: int = BATCH_ARTICLES,
    progress: TextIO | None = sys.stderr,
    expand_blocs: bool = False,
    columns: Columns | None = None,
    allow_private: bool = False,
    append: bool = False,
    connect_timeout: float | None = None,
) -> BuildResult:
    """build() with the extraction on the Dask cluster at `scheduler` (an
    address such as tcp://host:8786, or "local") and the tables partitioned by
    month; the same rows as the local engine, in other parts."""
    if batch < 1:
        raise ValueError(f"batch must be at least 1, not {batch}")
    if append:
        raise InputError("--append is not supported with --engine dask; rebuild from all the articles, "
                         "or append with --engine local")
    started = time.perf_counter()
    out = Path(out_dir)
    reader = Reader(columns=columns or Columns(), allow_private=allow_private, skip=out)
    result = BuildResult(out_dir=out, problems=reader.problems)
    names = [*TABLE_NAMES, "seen", "rejected", *(["sanctions_expanded"] if expand_blocs else [])]
    staged = out / f".dask-build-{os.getpid()}"
    jsonl = out / f".rejected.jsonl.{os.getpid()}.tmp"
    with connect(scheduler, CONNECT_SECONDS if connect_timeout is None else connect_timeout) as client:
        parts = MonthlyParts(staged)
        try:
            run_batches(client, batched(reader.read(input_path), batch), parts, result, expand_blocs, progress,
                        quiet_below=batch)
            parts.close(extract_batch([], expand_blocs))  # the empty tables: their columns and types
            write_part(store.table_dir(staged, "rejected") / f"{store.PART_PREFIX}00000.parquet",
                       rejected_table(reader.problems))
            jsonl.write_text(rejected_jsonl(reader.problems), encoding="utf-8")
        except BaseException:
            parts.discard()
            shutil.rmtree(staged, ignore_errors=True)
            jsonl.unlink(missing_ok=True)
            raise
    store.replace_tables(out, staged, names)
    os.replace(jsonl, out / "rejected.jsonl")
    result.duplicates, result.seconds = reader.duplicates, time.perf_counter() - started
    return result
