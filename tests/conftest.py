"""Shared fixtures: a small corpus written by this team (tests/helpers.py holds the shared functions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import CORPUS


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A writable copy of the small test corpus (JSON articles)."""
    target = tmp_path / "corpus"
    target.mkdir()
    for path in sorted(CORPUS.glob("*.json")):
        (target / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return target
