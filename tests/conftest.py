"""Shared fixtures: a small corpus written by this team, and the paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "cases"
CORPUS = CASES / "corpus"


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A writable copy of the small test corpus (JSON articles)."""
    target = tmp_path / "corpus"
    target.mkdir()
    for path in sorted(CORPUS.glob("*.json")):
        (target / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def write_jsonl(path: Path, records: list[dict[str, object] | str]) -> Path:
    """Write records (dicts, or raw strings for deliberately broken lines)."""
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
