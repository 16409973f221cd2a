"""A table is a folder of Parquet parts: what readers see, whatever wrote them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import fsspec
import pandas as pd
import pandas.testing as pdt
import pytest

from etl import store


def frame(ids: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"article_id": pd.array(ids, dtype="string"), "n": range(len(ids))})


def write(path: Path, df: pd.DataFrame) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    df.to_parquet(path, index=False)


def test_parts_are_read_in_path_order_and_hidden_ones_never(tmp_path: Path) -> None:
    write(tmp_path / "t.parquet" / "part-00001.parquet", frame(["c"]))
    write(tmp_path / "t.parquet" / "part-00000.parquet", frame(["a", "b"]))
    write(tmp_path / "t.parquet" / ".part-00002.parquet.99.tmp", frame(["half-written"]))
    write(tmp_path / "t.parquet" / ".staging-1" / "part-00000.parquet", frame(["staged"]))
    assert store.read_table(tmp_path, "t")["article_id"].tolist() == ["a", "b", "c"]
    assert store.row_count(tmp_path, "t") == 3
    assert store.next_part(tmp_path, "t").name == "part-00002.parquet"


def test_month_folders_add_no_column(tmp_path: Path) -> None:
    write(tmp_path / "t.parquet" / "month=2024-01" / "part-00000.parquet", frame(["a"]))
    write(tmp_path / "t.parquet" / "month=undated" / "part-00000.parquet", frame(["b"]))
    got = store.read_table(tmp_path, "t")
    assert list(got.columns) == ["article_id", "n"] and got["article_id"].tolist() == ["a", "b"]


def test_an_older_single_file_still_reads_and_becomes_the_first_part(tmp_path: Path) -> None:
    write(tmp_path / "t.parquet", frame(["a"]))
    assert store.read_table(tmp_path, "t", columns=["article_id", "missing"])["article_id"].tolist() == ["a"]
    store.adopt_legacy(tmp_path, "t")
    assert store.parts(tmp_path, "t") == [tmp_path / "t.parquet" / "part-00000.parquet"]
    assert store.read_table(tmp_path, "t")["article_id"].tolist() == ["a"]
    assert store.read_table(tmp_path, "nothing") is None and not store.has_table(tmp_path, "nothing")


def test_version_changes_when_a_part_is_added(tmp_path: Path) -> None:
    write(tmp_path / "t.parquet" / "part-00000.parquet", frame(["a"]))
    before = store.version(tmp_path, ["t"])
    write(tmp_path / "t.parquet" / "part-00001.parquet", frame(["b"]))
    assert store.version(tmp_path, ["t"]) != before and store.version(tmp_path, ["t"])[0] == 2


@pytest.fixture
def memory_folder(tmp_path: Path) -> Iterator[str]:
    """Tables copied to an in-memory fsspec filesystem, standing in for a bucket."""
    write(tmp_path / "tables" / "t.parquet" / "part-00000.parquet", frame(["a", "b"]))
    write(tmp_path / "tables" / "t.parquet" / "month=2024-01" / "part-00000.parquet", frame(["c"]))
    fs = fsspec.filesystem("memory")
    fs.put(str(tmp_path / "tables"), "/bucket-test/tables", recursive=True)
    yield "memory://bucket-test/tables"
    fs.rm("/bucket-test", recursive=True)


def test_tables_read_from_a_url_as_from_a_folder(tmp_path: Path, memory_folder: str) -> None:
    pdt.assert_frame_equal(store.read_table(memory_folder, "t"), store.read_table(tmp_path / "tables", "t"))
    assert store.row_count(memory_folder, "t") == 3
    count, newest = store.version(memory_folder, ["t"])
    assert count == 2 and newest > 0
    assert store.read_table(memory_folder, "absent") is None
