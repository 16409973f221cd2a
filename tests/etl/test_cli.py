"""`python -m etl build` end to end on the team's small corpus, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest

from etl import store
from etl.build import TABLE_NAMES
from etl.cli import main
from tests.helpers import ROOT, write_jsonl

CONTRACT = {
    "articles": {"article_id", "title", "source", "url", "published"},
    "mentions": {"article_id", "sentence", "start", "end", "surface", "code", "kind", "via", "confidence"},
    "countries": {"article_id", "iso3", "mentions"},
    "alliances": {"article_id", "sentence", "party_a", "party_b", "kind", "evidence"},
    "sanctions": {"article_id", "sentence", "target", "sender", "action", "evidence"},
}


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "etl", *args], capture_output=True, text=True, cwd=ROOT, check=False)


def read_tables(folder: Path) -> dict[str, pd.DataFrame]:
    return {name: store.read_table(folder, name) for name in TABLE_NAMES}


def test_build_writes_the_contract_tables(corpus_dir: Path, tmp_path: Path) -> None:
    done = run_cli("build", "--input", str(corpus_dir), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert "built 3 articles" in done.stdout
    tables = read_tables(tmp_path / "out")
    for name, columns in CONTRACT.items():
        assert columns <= set(tables[name].columns), name
    countries = tables["countries"].groupby("article_id")["iso3"].apply(set).to_dict()
    assert countries == {"tc-treaty": {"IRN", "RUS"}, "tc-eu-belarus": {"BLR", "RUS"}, "tc-traps": {"USA"}}
    assert set(tables["ambiguous"]["code"]) >= {"GEO", "TCD", "JOR"}


def test_mention_offsets_slice_to_the_surface(corpus_dir: Path, tmp_path: Path) -> None:
    main(["build", "--input", str(corpus_dir), "--out", str(tmp_path), "--quiet"])
    tables = read_tables(tmp_path)
    docs = tables["articles"].set_index("article_id")
    for row in tables["mentions"].itertuples():
        text = docs.loc[row.article_id, row.field]
        assert text[row.start : row.end] == row.surface
        assert row.surface in row.sentence_text


def test_two_builds_are_identical(corpus_dir: Path, tmp_path: Path) -> None:
    main(["build", "--input", str(corpus_dir), "--out", str(tmp_path / "a"), "--quiet"])
    main(["build", "--input", str(corpus_dir), "--out", str(tmp_path / "b"), "--quiet"])
    first, second = read_tables(tmp_path / "a"), read_tables(tmp_path / "b")
    for name in TABLE_NAMES:
        pdt.assert_frame_equal(first[name], second[name])


def test_jsonl_input_keeps_ids_and_ignores_gold(corpus_dir: Path, tmp_path: Path) -> None:
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(corpus_dir.glob("*.json"))]
    jsonl = write_jsonl(tmp_path / "articles.jsonl", records)
    main(["build", "--input", str(jsonl), "--out", str(tmp_path / "out"), "--quiet"])
    articles = store.read_table(tmp_path / "out", "articles")
    assert sorted(articles["article_id"]) == ["tc-eu-belarus", "tc-traps", "tc-treaty"]
    assert "gold" not in articles.columns


def test_text_files_take_their_id_from_the_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "kenya-brief.txt").write_text("Kenya and Uganda\nNairobi and Kampala signed a pipeline deal.", encoding="utf-8")
    (folder / "peru.md").write_text("# Peru report\n\nLima hosted the summit.", encoding="utf-8")
    main(["build", "--input", str(folder), "--out", str(tmp_path / "out"), "--quiet"])
    countries = store.read_table(tmp_path / "out", "countries")
    assert countries.groupby("article_id")["iso3"].apply(sorted).to_dict() == {
        "kenya-brief": ["KEN", "UGA"], "peru": ["PER"],
    }


def test_bad_records_are_named_and_good_ones_still_built(corpus_dir: Path, tmp_path: Path) -> None:
    write_jsonl(corpus_dir / "zz-extra.jsonl", [
        {"id": "good-line", "text": "Japan and India held talks."},
        '{"id": "broken", "text": ',
        {"id": "blank", "text": "   "},
        {"id": "tc-treaty", "text": "A second article with a used id."},
    ])
    done = run_cli("build", "--input", str(corpus_dir), "--out", str(tmp_path / "out"))
    assert done.returncode == 0
    assert "zz-extra.jsonl:2: malformed JSON" in done.stderr
    assert "zz-extra.jsonl:3: empty or missing 'text'" in done.stderr
    assert "zz-extra.jsonl:4: duplicate id 'tc-treaty'" in done.stderr
    articles = store.read_table(tmp_path / "out", "articles")
    assert set(articles["article_id"]) == {"tc-treaty", "tc-eu-belarus", "tc-traps", "good-line"}
    rejected = store.read_table(tmp_path / "out", "rejected")
    assert rejected["line"].tolist() == [2, 3, 4]


def test_missing_input_is_a_clear_error(tmp_path: Path) -> None:
    done = run_cli("build", "--input", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "nowhere: no such file or folder" in done.stderr
    assert not (tmp_path / "out").exists()


def test_failed_write_leaves_previous_tables_intact(corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    main(["build", "--input", str(corpus_dir), "--out", str(out), "--quiet"])
    before = read_tables(out)
    assert len(before["mentions"]) > 0
    (corpus_dir / "tc-traps.json").unlink()
    real_write = store.PartWriter.write

    def failing_write(self: store.PartWriter, df: pd.DataFrame) -> None:
        if len(df) and self.final.parent.name == "sanctions.parquet":
            raise OSError("disk full")
        real_write(self, df)

    monkeypatch.setattr(store.PartWriter, "write", failing_write)
    with pytest.raises(OSError):
        main(["build", "--input", str(corpus_dir), "--out", str(out), "--quiet"])
    monkeypatch.undo()
    after = read_tables(out)
    for name in TABLE_NAMES:
        pdt.assert_frame_equal(before[name], after[name])
    assert not list(out.glob(".*"))  # no staged part is left behind
