"""`python -m etl explain` prints mentions and each row with its rule and cue."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl import store
from etl.cli import main
from tests.helpers import write_jsonl


def test_explain_text_shows_mentions_rules_and_cues(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "--text", "Russia and Iran signed a treaty. The EU imposed sanctions on Russia."]) == 0
    out = capsys.readouterr().out
    assert "[text 0] Russia and Iran signed a treaty." in out
    assert "'Russia'→RUS" in out and "'Iran'→IRN" in out
    assert "alliance IRN–RUS treaty  rule=coordination cue='treaty'" in out
    assert "sanction RUS ← EU imposed  rule=object cue='sanctions'" in out


def test_explain_article_from_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": "a1", "title": "Finland joined NATO", "text": "It was 2023."}])
    assert main(["explain", "--article", "a1", "--input", str(path)]) == 0
    out = capsys.readouterr().out
    assert "[title 0] Finland joined NATO" in out and "alliance FIN–NATO membership" in out


def test_explain_unknown_article_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": "a1", "title": "t", "text": "Some text."}])
    assert main(["explain", "--article", "zz", "--input", str(path)]) == 2
    assert "no article with id 'zz'" in capsys.readouterr().err


def test_build_expand_blocs_writes_an_extra_table(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": "a1", "title": "t", "published": "2023-01-10",
                                                "text": "The EU imposed sanctions on Russian banks."}])
    assert main(["build", "--input", str(path), "--out", str(tmp_path / "out"), "--quiet", "--expand-blocs"]) == 0
    import pandas as pd
    expanded = store.read_table(tmp_path / "out", "sanctions_expanded")
    plain = store.read_table(tmp_path / "out", "sanctions")
    assert set(plain["sender"]) == {"EU"} and "DEU" in set(expanded["sender"]) and set(expanded["via_bloc"]) == {"EU"}
