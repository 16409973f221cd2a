"""Where a table lives in a tables folder, and how it is read and written.

A table is a folder of Parquet parts, read in path order:

    tables/mentions/part-00000.parquet        a local build (rows streamed in batches)
    tables/mentions/part-00001.parquet        what one `build --append` added
    tables/mentions/month=2024-03/part-00000.parquet   the Dask engine (by month)

Parts are written under a hidden name and renamed when complete; readers skip
hidden names, so a reader never sees half a part. A folder written by an older
build (tables/mentions.parquet) still reads.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

PART_PREFIX = "part-"


def visible(path: Path, root: Path) -> bool:
    return not any(piece.startswith((".", "_")) for piece in path.relative_to(root).parts)


def parts(folder: Path | str, name: str) -> list[Path]:
    """Every finished part of a table, in path order ([] when there is no table)."""
    root = Path(folder) / name
    if root.is_dir():
        return sorted(p for p in root.rglob("*.parquet") if visible(p, root))
    legacy = Path(folder) / f"{name}.parquet"
    return [legacy] if legacy.is_file() else []


def has_table(folder: Path | str, name: str) -> bool:
    return bool(parts(folder, name))


def read_table(folder: Path | str, name: str, columns: Sequence[str] | None = None) -> pd.DataFrame | None:
    """The table's rows from all its parts (only `columns`, when given), or None
    when the folder has no such table. Month partition keys are not added: every
    part carries its own columns."""
    files = parts(folder, name)
    if not files:
        return None
    if columns is not None:
        present = set(pq.read_schema(files[0]).names)
        columns = [c for c in columns if c in present]
    table = pq.read_table([str(f) for f in files], columns=None if columns is None else list(columns), partitioning=None)
    return table.to_pandas()


def row_count(folder: Path | str, name: str) -> int:
    """Rows of a table, from the Parquet footers alone."""
    return sum(pq.ParquetFile(p).metadata.num_rows for p in parts(folder, name))


def version(folder: Path | str, names: Iterable[str]) -> tuple[int, float]:
    """(number of parts, newest modification time) over the named tables: it
    changes whenever a build or an append finishes, so it keys caches."""
    files = [p for name in names for p in parts(folder, name)]
    return len(files), max((p.stat().st_mtime for p in files), default=0.0)


class PartWriter:
    """One part of one table, written row group by row group so memory stays
    flat; invisible until commit() renames it into place."""

    def __init__(self, final: Path) -> None:
        self.final = final
        self.tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
        self.writer: pq.ParquetWriter | None = None
        self.empty: pd.DataFrame | None = None

    def write(self, df: pd.DataFrame) -> None:
        if not len(df):
            self.empty = df if self.empty is None else self.empty
            return
        table = pa.Table.from_pandas(df, preserve_index=False)
        if self.writer is None:
            self.final.parent.mkdir(parents=True, exist_ok=True)
            self.writer = pq.ParquetWriter(self.tmp, table.schema)
        self.writer.write_table(table.cast(self.writer.schema))

    def close(self) -> None:
        """Finish the file; a table that received no rows gets an empty part,
        so its columns are still known."""
        if self.writer is None:
            self.final.parent.mkdir(parents=True, exist_ok=True)
            (self.empty if self.empty is not None else pd.DataFrame()).to_parquet(self.tmp, index=False)
        else:
            self.writer.close()

    def discard(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.tmp.unlink(missing_ok=True)

    def commit(self) -> None:
        os.replace(self.tmp, self.final)


def next_part(folder: Path | str, name: str) -> Path:
    """The path of the table's next part (part-00000.parquet in a new table)."""
    root = Path(folder) / name
    taken = [p.stem for p in root.glob(f"{PART_PREFIX}*.parquet")] if root.is_dir() else []
    numbers = [int(stem[len(PART_PREFIX):]) for stem in taken if stem[len(PART_PREFIX):].isdigit()]
    return root / f"{PART_PREFIX}{max(numbers, default=-1) + 1:05d}.parquet"


def adopt_legacy(folder: Path | str, name: str) -> None:
    """Move a table written by an older build (name.parquet) to its first part,
    so that parts can be added beside it."""
    legacy = Path(folder) / f"{name}.parquet"
    if legacy.is_file() and not (Path(folder) / name).exists():
        (Path(folder) / name).mkdir()
        os.replace(legacy, Path(folder) / name / f"{PART_PREFIX}00000.parquet")


def replace_tables(folder: Path, staged: Path, names: Iterable[str]) -> None:
    """Swap every table staged under `staged` into `folder`, replacing the
    previous ones (and their legacy single files), then remove `staged`."""
    retired = folder / f".retired-{os.getpid()}"
    retired.mkdir(exist_ok=True)
    for name in names:
        if not (staged / name).exists():
            continue
        if (folder / name).exists():
            os.replace(folder / name, retired / name)
        os.replace(staged / name, folder / name)
        (folder / f"{name}.parquet").unlink(missing_ok=True)
    shutil.rmtree(retired, ignore_errors=True)
    shutil.rmtree(staged, ignore_errors=True)
