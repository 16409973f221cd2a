"""Fixtures for the dashboard tests: tables built once per session into tmp."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from etl import store
from etl.build import TABLE_NAMES
from tests.ui.helpers import build_tables, sample_input


@pytest.fixture(scope="session")
def tables_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample (or the tiny corpus) built, with relation tables never empty."""
    return build_tables(sample_input(), tmp_path_factory.mktemp("tables"))


@pytest.fixture(scope="session")
def tables(tables_dir: Path) -> dict[str, pd.DataFrame]:
    """The built tables as they are on disk (every column)."""
    return {name: store.read_table(tables_dir, name) for name in TABLE_NAMES}


@pytest.fixture
def app_env(tables_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the dashboard at the test tables, as `DASHBOARD_TABLES=...` would."""
    monkeypatch.setenv("DASHBOARD_TABLES", str(tables_dir))
    return tables_dir


@pytest.fixture(scope="session")
def mini() -> dict[str, pd.DataFrame]:
    from tests.ui.helpers import mini_tables

    return mini_tables()


@pytest.fixture(scope="session")
def mini_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from etl.build import write_tables
    from tests.ui.helpers import mini_raw

    out = tmp_path_factory.mktemp("mini")
    write_tables(mini_raw(), out)
    return out


@pytest.fixture
def mini_env(mini_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DASHBOARD_TABLES", str(mini_dir))
    return mini_dir
