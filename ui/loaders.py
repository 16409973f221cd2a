"""Where the tables are (decided here only) and loading them once per version."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd
import streamlit as st

from etl import store
from etl.build import TABLE_NAMES, build
from etl.paths import SAMPLE_INPUT, SAMPLE_TABLES
from ui import filters, tables

ENV_VAR = "DASHBOARD_TABLES"
UPLOADED = "_uploaded_tables"  # session key: folder of the tables built from this session's uploads
UPLOAD_PREFIX = "upload:"
SHOWN = "_shown_tables"  # session key: the (folder, version) pairs this run's tables came from, for ui.texts
Version = tuple[int, float]


class TablesNotFound(RuntimeError):
    """No tables folder was given and there is no sample to build one from."""


def tables_arg(argv: Sequence[str]) -> str | None:
    """`streamlit run Overview.py -- --tables DIR` puts `--tables DIR` in sys.argv."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--tables")
    known, _ = parser.parse_known_args(list(argv))
    return known.tables


def resolve_tables_dir(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> Path | str:
    """--tables, then $DASHBOARD_TABLES, then the bundled sample tables, then a
    build of the sample articles into the temp folder (the only place a
    read-only host such as Streamlit Community Cloud lets us write). A URL
    (s3://bucket/tables) stays a string: etl.store reads it through fsspec."""
    argv = sys.argv[1:] if argv is None else argv
    env = os.environ if env is None else env
    chosen = tables_arg(argv) or env.get(ENV_VAR)
    if chosen and store.is_url(chosen):
        return chosen
    if chosen:
        return Path(chosen).expanduser().resolve()
    if store.has_table(SAMPLE_TABLES, "articles"):
        return SAMPLE_TABLES
    if SAMPLE_INPUT.exists():
        return built_sample(SAMPLE_INPUT)
    raise TablesNotFound(f"no tables: pass --tables DIR, set {ENV_VAR}, or add {SAMPLE_INPUT}")


def built_sample(input_path: Path) -> Path:
    """Tables built from the sample into a temp folder named after the input's
    modification time, so an edited sample is rebuilt and an unchanged one is not."""
    stamp = int(input_path.stat().st_mtime_ns)
    out = Path(tempfile.gettempdir()) / f"sanctions-dashboard-tables-{stamp}"
    if not store.has_table(out, "articles"):
        build(input_path, out_dir=out, progress=None)
    return out


def version(folder: Path | str) -> Version:
    """(number of parts, newest modification time) of the tables: the cache
    key's second half, which changes whenever a build or an append finishes."""
    found = store.version(folder, TABLE_NAMES)
    if not found[0]:
        raise TablesNotFound(f"{folder} holds no tables")
    return found


# cache_resource hands every run the same frames (cache_data would unpickle a
# copy of them on each rerun); nothing modifies them: ui.view builds new frames.
@st.cache_resource(show_spinner="Loading tables…", max_entries=4)
def read_tables(folder: str, stamp: Version) -> dict[str, pd.DataFrame]:
    """The tables read once per (folder, version); the version is only a cache key."""
    del stamp
    return tables.read_all(folder)


def renames(taken_ids: Iterable[str], new_ids: Iterable[str]) -> dict[str, str]:
    """Uploaded ids that the sample also uses, each with the prefix "upload:"
    (repeated until the id is free)."""
    taken = set(taken_ids)
    renamed: dict[str, str] = {}
    for article_id in new_ids:
        new = article_id
        while new in taken:
            new = UPLOAD_PREFIX + new
        if new != article_id:
            renamed[article_id] = new
        taken.add(new)
    return renamed


def ids(df: pd.DataFrame) -> list[str]:
    return [str(a) for a in df["article_id"].dropna()]


def combine(sample: dict[str, pd.DataFrame], mine: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The sample's rows then the uploaded ones; an uploaded article id that the
    sample also uses gets the prefix "upload:" in every table."""
    renamed = renames(ids(sample["articles"]), ids(mine["articles"]))
    out: dict[str, pd.DataFrame | None] = {}
    for name, theirs in sample.items():
        own = mine[name]
        if renamed:
            own = own.assign(article_id=own["article_id"].astype("string").replace(renamed))
        parts = [tables.plain(part) for part in (theirs, own) if len(part)]
        out[name] = pd.concat(parts, ignore_index=True) if parts else None
    return tables.lean(out)


@st.cache_resource(show_spinner="Loading tables…", max_entries=4)
def read_both(sample: str, sample_stamp: Version, mine: str, mine_stamp: Version) -> dict[str, pd.DataFrame]:
    """The sample and the uploaded tables together, once per pair of versions."""
    return combine(read_tables(sample, sample_stamp), read_tables(mine, mine_stamp))


def uploaded_dir() -> Path | None:
    """This session's uploaded tables (built by pages/5_Upload.py), if any."""
    folder = st.session_state.get(UPLOADED)
    if isinstance(folder, str) and store.has_table(folder, "articles"):
        with contextlib.suppress(OSError):
            os.utime(folder)  # in use: ui.upload.sweep keeps it
        return Path(folder)
    return None


def load_tables() -> dict[str, pd.DataFrame]:
    """The tables the session chose: the sample (default), its uploads, or both."""
    folder = resolve_tables_dir()
    mine = uploaded_dir()
    choice = filters.dataset(st.sidebar, mine is not None)
    sources = [folder] if mine is None or choice == "sample" else [mine] if choice == "mine" else [folder, mine]
    shown = [(str(f), version(f)) for f in sources]
    st.session_state[SHOWN] = shown
    return read_tables(*shown[0]) if len(shown) == 1 else read_both(*shown[0], *shown[1])
