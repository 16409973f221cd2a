"""Articles in batches through a process pool, and batch tables into parts.

Batches keep memory flat however large the input: the reader yields articles
lazily, at most a few batches are in flight, and each batch's tables are
appended to the parts as row groups, then dropped."""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import chain, islice
from pathlib import Path
from typing import TypeVar

import pandas as pd

from etl import store

T = TypeVar("T")
R = TypeVar("R")
IN_FLIGHT_PER_WORKER = 2  # enough to keep every worker busy while the parent writes


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def mapped_in_order(fn: Callable[[T], R], items: Iterable[T], workers: int,
                    warm_up: Callable[[], object] | None = None) -> Iterator[R]:
    """fn over items in `workers` processes, results in input order, with a
    bounded number of items submitted ahead (Executor.map would read the whole
    input first). One worker or a single item: in this process, no pool."""
    it = iter(items)
    first = list(islice(it, 2))
    if workers <= 1 or len(first) < 2:
        yield from map(fn, chain(first, it))
        return
    items = chain(first, it)
    if warm_up is not None:
        warm_up()  # loaded once here, inherited by the forked workers
    with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        pending: deque[Future[R]] = deque()
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def die_with_parent(parent: int) -> None:
    """A worker asks Linux to end it when its parent ends: a parent killed
    outright (SIGKILL) cannot shut its pool down, and the workers would wait
    for work forever. Elsewhere, or without prctl, nothing changes."""
    # The follower's SIGTERM handler is inherited through fork; in a worker it
    # would print a traceback instead of just ending.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(1)


class TableSink:
    """One new part per table, filled batch by batch and published together by
    commit(): for a full build the staged tables replace the old ones, for an
    append the new parts join them. Until then readers see the old tables."""

    def __init__(self, out_dir: Path, append: bool) -> None:
        self.out_dir = out_dir
        self.append = append
        self.staged = out_dir / f".staging-{os.getpid()}"
        self.writers: dict[str, store.PartWriter] = {}

    def part_path(self, name: str) -> Path:
        if self.append:
            store.adopt_legacy(self.out_dir, name)
            return store.next_part(self.out_dir, name)
        return store.table_dir(self.staged, name) / f"{store.PART_PREFIX}00000.parquet"

    def write(self, tables: dict[str, pd.DataFrame]) -> None:
        for name, df in tables.items():
            if name not in self.writers:
                self.writers[name] = store.PartWriter(self.part_path(name))
            self.writers[name].write(df)

    def commit(self) -> None:
        for writer in self.writers.values():
            writer.close()
        with signals_held():
            for writer in self.writers.values():
                writer.commit()
            if not self.append:
                store.replace_tables(self.out_dir, self.staged, self.writers)

    def discard(self) -> None:
        for writer in self.writers.values():
            writer.discard()
        shutil.rmtree(self.staged, ignore_errors=True)


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while the parts are renamed into place: stopped
    between two renames, an append would leave new articles without their
    mentions. The signal is delivered as soon as the renames are done. Signal
    handlers belong to the main thread; elsewhere (a dashboard session) the
    renames run as they are."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {sig: signal.signal(sig, lambda number, frame: caught.append(number))
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, signal.SIG_DFL if handler is None else handler)
        for number in caught[:1]:
            signal.raise_signal(number)
