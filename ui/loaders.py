"""Where the tables are (decided here only) and loading them once per version."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import streamlit as st

from etl import tables as schema
from etl.build import TABLE_NAMES, build
from etl.paths import SAMPLE_INPUT, SAMPLE_TABLES
from ui import filters

ENV_VAR = "DASHBOARD_TABLES"
UPLOADED = "_uploaded_tables"  # session key: folder of the tables built from this session's uploads
UPLOAD_PREFIX = "upload:"
SCHEMAS: dict[str, dict[str, str]] = {
    "articles": schema.ARTICLE_COLUMNS, "mentions": schema.MENTION_COLUMNS,
    "ambiguous": schema.MENTION_COLUMNS, "countries": schema.COUNTRY_COLUMNS,
    "alliances": schema.ALLIANCE_COLUMNS, "sanctions": schema.SANCTION_COLUMNS,
}
NULLABLE = {"int64": "Int64", "bool": "boolean", "float64": "Float64"}


class TablesNotFound(RuntimeError):
    """No tables folder was given and there is no sample to build one from."""


def tables_arg(argv: Sequence[str]) -> str | None:
    """`streamlit run dashboard.py -- --tables DIR` puts `--tables DIR` in sys.argv."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--tables")
    known, _ = parser.parse_known_args(list(argv))
    return known.tables


def resolve_tables_dir(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> Path:
    """--tables, then $DASHBOARD_TABLES, then the bundled sample tables, then a
    build of the sample articles into the temp folder (the only place a
    read-only host such as Streamlit Community Cloud lets us write)."""
    argv = sys.argv[1:] if argv is None else argv
    env = os.environ if env is None else env
    chosen = tables_arg(argv) or env.get(ENV_VAR)
    if chosen:
        return Path(chosen).expanduser().resolve()
    if (SAMPLE_TABLES / "articles.parquet").exists():
        return SAMPLE_TABLES
    if SAMPLE_INPUT.exists():
        return built_sample(SAMPLE_INPUT)
    raise TablesNotFound(f"no tables: pass --tables DIR, set {ENV_VAR}, or add {SAMPLE_INPUT}")


def built_sample(input_path: Path) -> Path:
    """Tables built from the sample into a temp folder named after the input's
    modification time, so an edited sample is rebuilt and an unchanged one is not."""
    stamp = int(input_path.stat().st_mtime_ns)
    out = Path(tempfile.gettempdir()) / f"sanctions-dashboard-tables-{stamp}"
    if not (out / "articles.parquet").exists():
        build(input_path, out_dir=out, progress=None)
    return out


def version(folder: Path) -> float:
    """The newest modification time among the tables: the cache key's second half."""
    times = [p.stat().st_mtime for p in folder.glob("*.parquet")]
    if not times:
        raise TablesNotFound(f"{folder} holds no .parquet tables")
    return max(times)


def conform(name: str, df: pd.DataFrame | None) -> pd.DataFrame:
    """Every expected column with its declared type, so pages can code against the
    contract even when a table is missing or was written by an older build.
    Extra columns (co_members, shared_blocs) are kept as they are."""
    columns = SCHEMAS[name]
    if df is None:
        return pd.DataFrame(columns=list(columns)).astype(columns)
    df = df.copy()
    for col, dtype in columns.items():
        if col in df.columns:
            df[col] = df[col].astype(dtype)
        else:  # all missing: the nullable twin of the declared type
            df[col] = pd.Series(pd.NA, index=df.index, dtype=NULLABLE.get(dtype, dtype))
    return df


@st.cache_data(show_spinner="Loading tables…", max_entries=4)
def read_tables(folder: str, mtime: float) -> dict[str, pd.DataFrame]:
    """Parquet tables read once per (folder, version); mtime is only a cache key."""
    del mtime
    out = {}
    for name in TABLE_NAMES:
        path = Path(folder) / f"{name}.parquet"
        out[name] = conform(name, pd.read_parquet(path) if path.exists() else None)
    return out


def combine(sample: dict[str, pd.DataFrame], mine: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The sample's rows then the uploaded ones; an uploaded article id that the
    sample also uses gets the prefix "upload:" in every table."""
    taken = set(sample["articles"]["article_id"].dropna().astype(str))
    renamed: dict[str, str] = {}
    for article_id in mine["articles"]["article_id"].dropna().astype(str):
        new = article_id
        while new in taken:
            new = UPLOAD_PREFIX + new
        if new != article_id:
            renamed[article_id] = new
        taken.add(new)
    out = {}
    for name, theirs in sample.items():
        own = mine[name]
        if renamed and "article_id" in own.columns:
            own = own.assign(article_id=own["article_id"].map(lambda a: renamed.get(a, a)).astype(
                own["article_id"].dtype))
        parts = [part for part in (theirs, own) if len(part)]
        out[name] = conform(name, pd.concat(parts, ignore_index=True)) if len(parts) == 2 else (
            parts[0] if parts else theirs)
    return out


@st.cache_data(show_spinner="Loading tables…", max_entries=4)
def read_both(sample: str, sample_mtime: float, mine: str, mine_mtime: float) -> dict[str, pd.DataFrame]:
    """The sample and the uploaded tables together, once per pair of versions."""
    return combine(read_tables(sample, sample_mtime), read_tables(mine, mine_mtime))


def uploaded_dir() -> Path | None:
    """This session's uploaded tables (built by pages/5_Upload.py), if any."""
    folder = st.session_state.get(UPLOADED)
    if isinstance(folder, str) and (Path(folder) / "articles.parquet").exists():
        return Path(folder)
    return None


def load_tables() -> dict[str, pd.DataFrame]:
    """The tables the session chose: the sample (default), its uploads, or both."""
    folder = resolve_tables_dir()
    mine = uploaded_dir()
    choice = filters.dataset(st.sidebar, mine is not None)
    if mine is None or choice == "sample":
        return read_tables(str(folder), version(folder))
    if choice == "mine":
        return read_tables(str(mine), version(mine))
    return read_both(str(folder), version(folder), str(mine), version(mine))
