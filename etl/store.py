"""Where a table lives in a tables folder, and how it is read and written.

A table is a folder of Parquet parts named like a Parquet file, so that
pandas.read_parquet("tables/mentions.parquet") and DuckDB read it whole:

    tables/mentions.parquet/part-00000.parquet        a local build (rows streamed in batches)
    tables/mentions.parquet/part-00001.parquet        what one `build --append` added
    tables/mentions.parquet/month=2024-03/part-00000.parquet   the Dask engine (by month)

Parts are written under a hidden name and renamed when complete; readers skip
hidden names, so a reader never sees half a part. A single file written by an
older build (tables/mentions.parquet) still reads.

A folder may also be an fsspec URL (s3://bucket/tables, gs://..., memory://...)
for reading: the dashboard can read tables synced to object storage, given the
filesystem's package (s3fs, gcsfs...). Builds write to local folders only:
object stores cannot rename a part into place.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

PART_PREFIX = "part-"


def is_url(folder: Path | str) -> bool:
    return isinstance(folder, str) and "://" in folder


def filesystem(folder: Path | str) -> Any:
    """The fsspec filesystem of a URL folder (pyarrow reads through it), None for a local one."""
    if not is_url(folder):
        return None
    import fsspec  # installed with dask; only URL folders need it

    return fsspec.core.url_to_fs(str(folder))[0]


def visible(path: PurePosixPath | Path, root: PurePosixPath | Path) -> bool:
    return not any(piece.startswith((".", "_")) for piece in path.relative_to(root).parts)


def table_dir(folder: Path, name: str) -> Path:
    """Where a table lives: `name.parquet`, so that pandas.read_parquet,
    DuckDB and our scorer read the folder of parts as one table."""
    return folder / f"{name}.parquet"


def remote_parts(folder: str, name: str) -> list[PurePosixPath]:
    fs = filesystem(folder)
    root = PurePosixPath(fs._strip_protocol(folder)) / f"{name}.parquet"
    if fs.isdir(str(root)):
        return sorted(p for p in map(PurePosixPath, fs.find(str(root))) if p.suffix == ".parquet" and visible(p, root))
    return [root] if fs.isfile(str(root)) else []


def parts(folder: Path | str, name: str) -> list[Path]:
    """Every finished part of a table, in path order ([] when there is no table).
    For a URL folder: paths within its filesystem (see filesystem())."""
    if is_url(folder):
        return remote_parts(str(folder), name)  # type: ignore[return-value]
    root = table_dir(Path(folder), name)
    if root.is_dir():
        return sorted(p for p in root.rglob("*.parquet") if visible(p, root))
    return [root] if root.is_file() else []


def has_table(folder: Path | str, name: str) -> bool:
    return bool(parts(folder, name))


def schema(folder: Path | str, name: str) -> pa.Schema | None:
    """The columns of a table, from its first part's footer (None: no such table)."""
    files = parts(folder, name)
    return pq.read_schema(str(files[0]), filesystem=filesystem(folder)) if files else None


def read_table(folder: Path | str, name: str, columns: Sequence[str] | None = None,
               dictionary: Sequence[str] = ()) -> pd.DataFrame | None:
    """The table's rows from all its parts (only `columns`, when given), or None
    when the folder has no such table. Month partition keys are not added: every
    part carries its own columns. Columns named in `dictionary` are read as
    dictionaries (pandas categoricals), never one string object per row."""
    files = parts(folder, name)
    if not files:
        return None
    fs = filesystem(folder)
    if columns is not None:
        present = set(pq.read_schema(str(files[0]), filesystem=fs).names)
        columns = [c for c in columns if c in present]
    table = pq.read_table([str(f) for f in files], columns=None if columns is None else list(columns),
                          partitioning=None, filesystem=fs, read_dictionary=list(dictionary) or None)
    return table.to_pandas(self_destruct=True, split_blocks=True)


def row_count(folder: Path | str, name: str) -> int:
    """Rows of a table, from the Parquet footers alone."""
    fs = filesystem(folder)
    return sum(pq.ParquetFile(str(p), filesystem=fs).metadata.num_rows for p in parts(folder, name))


def modified(info: dict[str, Any]) -> float:
    """A file's modification time from fsspec's info(), whose key differs by store."""
    for key in ("mtime", "LastModified", "last_modified", "updated", "created"):
        value = info.get(key)
        if isinstance(value, datetime):
            return value.timestamp()
        if isinstance(value, (int, float)):
            return float(value)
        if isinstance(value, str):
            return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    return 0.0


def version(folder: Path | str, names: Iterable[str]) -> tuple[int, float]:
    """(number of parts, newest modification time) over the named tables: it
    changes whenever a build or an append finishes, so it keys caches."""
    files = [p for name in names for p in parts(folder, name)]
    if is_url(folder):
        fs = filesystem(folder)
        return len(files), max((modified(fs.info(str(p))) for p in files), default=0.0)
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
    root = table_dir(Path(folder), name)
    taken = [p.stem for p in root.glob(f"{PART_PREFIX}*.parquet")] if root.is_dir() else []
    numbers = [int(stem[len(PART_PREFIX):]) for stem in taken if stem[len(PART_PREFIX):].isdigit()]
    return root / f"{PART_PREFIX}{max(numbers, default=-1) + 1:05d}.parquet"


def adopt_legacy(folder: Path | str, name: str) -> None:
    """Move a table written by an older build (name.parquet) to its first part,
    so that parts can be added beside it."""
    path = table_dir(Path(folder), name)
    if path.is_file():
        moving = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        os.replace(path, moving)
        path.mkdir()
        os.replace(moving, path / f"{PART_PREFIX}00000.parquet")


def replace_tables(folder: Path, staged: Path, names: Iterable[str]) -> None:
    """Swap every table staged under `staged` into `folder`, replacing the
    previous ones (folders of parts or an older build's single files), then
    remove `staged`."""
    retired = folder / f".retired-{os.getpid()}"
    retired.mkdir(exist_ok=True)
    for name in names:
        new, old = table_dir(staged, name), table_dir(folder, name)
        if not new.exists():
            continue
        if old.exists():
            os.replace(old, retired / old.name)
        os.replace(new, old)
    shutil.rmtree(retired, ignore_errors=True)
    shutil.rmtree(staged, ignore_errors=True)
