"""Where the tables come from, resolved in one place."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from etl import store
from ui import loaders, tables


def test_tables_flag_wins_over_env(tmp_path: Path) -> None:
    got = loaders.resolve_tables_dir(["--tables", str(tmp_path / "a")], {"DASHBOARD_TABLES": str(tmp_path / "b")})
    assert got == tmp_path / "a"
    assert loaders.resolve_tables_dir([], {"DASHBOARD_TABLES": str(tmp_path / "b")}) == tmp_path / "b"


def test_sample_input_is_built_into_the_temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    corpus_dir: Path) -> None:
    sample = tmp_path / "sample" / "articles.jsonl"
    sample.parent.mkdir()
    sample.write_text("".join(p.read_text(encoding="utf-8").replace("\n", " ") + "\n"
                              for p in sorted(corpus_dir.glob("*.json"))), encoding="utf-8")
    monkeypatch.setattr(loaders, "SAMPLE_TABLES", tmp_path / "nowhere")
    monkeypatch.setattr(loaders, "SAMPLE_INPUT", sample)
    monkeypatch.setattr(loaders.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    folder = loaders.resolve_tables_dir([], {})
    assert folder.parent == tmp_path / "tmp" and store.has_table(folder, "articles")
    assert len(store.read_table(folder, "articles")) == 3
    assert loaders.resolve_tables_dir([], {}) == folder  # same mtime: built once


def test_no_tables_anywhere_says_how_to_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loaders, "SAMPLE_TABLES", tmp_path / "none")
    monkeypatch.setattr(loaders, "SAMPLE_INPUT", tmp_path / "none.jsonl")
    with pytest.raises(loaders.TablesNotFound, match="--tables"):
        loaders.resolve_tables_dir([], {})


def test_conform_adds_missing_columns_and_keeps_extra_ones() -> None:
    df = tables.conform("alliances", pd.DataFrame({"party_a": ["RUS"], "co_members": [True]}))
    assert list(df.columns[:2]) == ["party_a", "co_members"] and "evidence" in df.columns
    assert df["evidence"].isna().all() and str(df["sentence"].dtype) == "Int64"
    assert isinstance(df["party_a"].dtype, pd.CategoricalDtype) and df["co_members"].tolist() == [True]
    assert tables.conform("ambiguous", None).empty
