"""build --engine dask on a LocalCluster gives the local engine's tables, split by month."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import distributed  # pinned in requirements.txt: a missing install fails here rather than skipping
import pandas as pd
import pandas.testing as pdt
import pytest

from etl import distributed as engine
from etl import store
from etl.build import TABLE_NAMES, build
from etl.cli import main
from etl.distributed import build_on_cluster
from etl.inputs import InputError
from tests.helpers import write_jsonl

ALL_TABLES = (*TABLE_NAMES, "rejected", "sanctions_expanded")
TEXTS = [
    "France and Germany signed a defence treaty. The EU imposed sanctions on Iran.",
    "Russia and China signed a partnership agreement. The United States imposed sanctions on North Korea.",
    "Japan and India held talks in Tokyo. Canada imposed sanctions on Belarus. Officials in Atlanta, Georgia cheered.",
    "Nothing of note happened in the markets today.",
]
# Three months, out of date order (a month's part is closed and reopened), and undated articles.
DATES = ["2024-01-05", "2024-03-02", "2024-01-20", None, "2024-02-11", "2024-03-30", "2024-02-01", None,
         "2024-01-31", "2024-03-15", "not a date"]


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """One cluster for the module: starting it is most of the test's time."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as local:  # any free port: 8787 may be taken
        yield local.scheduler_address


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    records: list[dict[str, object] | str] = [
        {"id": f"a{i:02d}", "title": f"Report {i}", "published": day, "text": f"{TEXTS[i % len(TEXTS)]} Item {i}."}
        for i, day in enumerate(DATES)
    ]
    records += ["{not json", {"id": "a00", "title": "again", "text": "A repeated id."}, {"id": "empty", "text": ""}]
    return write_jsonl(tmp_path / "articles.jsonl", records)


def closed_port_address() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"tcp://127.0.0.1:{s.getsockname()[1]}"


def in_row_order(df: pd.DataFrame) -> pd.DataFrame:
    """Rows sorted on every column: the engines write the same rows in other parts."""
    return df.sort_values(list(df.columns), ignore_index=True, na_position="first")


def test_same_tables_as_the_local_engine(cluster: str, corpus: Path, tmp_path: Path) -> None:
    local = build(corpus, tmp_path / "local", progress=None, expand_blocs=True)
    dask = build_on_cluster(corpus, tmp_path / "dask", cluster, batch=3, progress=None, expand_blocs=True)
    assert dask.summary().split("; ")[:-1] == local.summary().split("; ")[:-1]  # all but the seconds
    assert "built 11 articles" in dask.summary() and len(dask.problems) == 4
    for name in ALL_TABLES:
        mine, theirs = store.read_table(tmp_path / "dask", name), store.read_table(tmp_path / "local", name)
        assert mine is not None and theirs is not None, name
        pdt.assert_frame_equal(in_row_order(mine), in_row_order(theirs), obj=name)
    for name in ("mentions", "alliances", "sanctions", "ambiguous", "sanctions_expanded"):
        assert len(store.read_table(tmp_path / "dask", name)) > 0, name  # type: ignore[arg-type]
    out = tmp_path / "dask"
    assert (out / "rejected.jsonl").read_text() == (tmp_path / "local" / "rejected.jsonl").read_text()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # nothing staged is left


def test_parts_are_split_by_month(cluster: str, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dask"
    build_on_cluster(corpus, out, cluster, batch=4, progress=None)
    folders = {p.parent.name for p in store.parts(out, "articles")}
    assert folders == {"month=2024-01", "month=2024-02", "month=2024-03", "month=undated"}
    for part in store.parts(out, "articles"):
        published = pd.read_parquet(part)["published"]
        labels = set(published.dt.strftime("%Y-%m").fillna("undated"))
        assert {f"month={label}" for label in labels} == {part.parent.name}
    for name in TABLE_NAMES:  # all have rows here (a table with none has one empty part at its root)
        assert all(p.parent.name.startswith("month=") for p in store.parts(out, name)), name
    # The mentions of a month's articles are in that month's parts.
    january = pd.concat(pd.read_parquet(p) for p in (out / "mentions.parquet" / "month=2024-01").glob("part-*.parquet"))
    assert set(january["article_id"]) == {"a00", "a02", "a08"}


def test_a_scheduler_that_cannot_be_reached(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    build(corpus, out, progress=None)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    address = closed_port_address()
    with pytest.raises(InputError, match=f"cannot reach the Dask scheduler at '{address}'"):
        build_on_cluster(corpus, out, address, progress=None, connect_timeout=1)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before


def test_a_failed_build_leaves_the_previous_tables(cluster: str, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    build_on_cluster(corpus, out, cluster, progress=None)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    with pytest.raises(InputError, match="no such file"):
        build_on_cluster(tmp_path / "missing.jsonl", out, cluster, progress=None)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before


def test_cli(cluster: str, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
             monkeypatch: pytest.MonkeyPatch) -> None:
    out = str(tmp_path / "out")
    # "local" starts a throwaway cluster of its own (the module's cluster serves the other builds).
    assert main(["build", "--input", str(corpus), "--out", out, "--engine", "dask", "--scheduler", "local"]) == 0
    printed = capsys.readouterr()
    assert "built 11 articles" in printed.out and "extracted" not in printed.err  # small builds stay quiet
    assert (Path(out) / "sanctions.parquet" / "month=2024-01").is_dir()

    def error_of(*extra: str) -> str:
        assert main(["build", "--input", str(corpus), "--out", out, "--quiet", *extra]) == 2
        return capsys.readouterr().err

    assert "--engine dask needs --scheduler" in error_of("--engine", "dask")
    assert "--engine dask needs --scheduler" in error_of("--scheduler", cluster)
    assert "--append is not supported with --engine dask" in error_of("--engine", "dask", "--scheduler", cluster,
                                                                       "--append")
    monkeypatch.setattr(engine, "CONNECT_SECONDS", 1.0)
    address = closed_port_address()
    err = error_of("--engine", "dask", "--scheduler", address)
    assert err.startswith("error: cannot reach the Dask scheduler") and address in err and "Traceback" not in err
    err = error_of("--engine", "dask", "--scheduler", "nonsense")  # no port: refused before connecting
    assert err.startswith("error: cannot reach the Dask scheduler at 'nonsense'") and "Traceback" not in err
