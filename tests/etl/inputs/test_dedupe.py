"""The same article twice (id, URL or text) is kept once; --append adds to existing tables."""

from __future__ import annotations

import json
from pathlib import Path

import pandas.testing as pdt
import pytest

from etl import store
from etl.build import TABLE_NAMES
from etl.cli import main
from etl.inputs.dedupe import normal_text, normal_url
from tests.etl.inputs.helpers import read_all, table


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_normal_forms() -> None:
    assert normal_text("  Iran\tand\n\nIRAQ ") == "iran and iraq"
    assert normal_url("HTTPS://News.Example.org/a?x=1#top") == "https://news.example.org/a?x=1"


def test_same_url_or_same_normalised_text_is_kept_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "in" / "a.jsonl", [
        {"id": "a", "text": "Iran and Iraq met.", "url": "https://e.org/1"},
        {"id": "b", "text": "Something else entirely.", "url": "https://E.org/1#comments"},
        {"id": "c", "text": "  IRAN and\n iraq   MET. "},
        {"id": "a", "text": "A new text under an old id."},
        {"id": "d", "text": "Chad spoke."},
    ])
    assert main(["build", "--input", str(source), "--out", str(tmp_path / "out")]) == 0
    assert table(tmp_path / "out", "articles")["article_id"].tolist() == ["a", "d"]
    out, err = capsys.readouterr()
    assert "3 duplicates skipped" in out
    assert "a.jsonl:2: duplicate URL 'https://E.org/1#comments', kept the first" in err
    assert "a.jsonl:3: duplicate text (same words as an article already kept), kept the first" in err
    assert "a.jsonl:4: duplicate id 'a', kept the first" in err


def test_append_adds_new_articles_and_skips_ids_already_there(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old_rows = [{"id": "k1", "text": "Kenya and Uganda signed a deal."}, {"id": "z9", "text": "Russia and Iran signed a treaty."}]
    new_rows = [{"id": "m5", "text": "Mali and Niger met."}, {"id": "a0", "text": "Chile and Peru met."}]
    first = write_jsonl(tmp_path / "first.jsonl", old_rows)
    second = write_jsonl(tmp_path / "second.jsonl", [{"id": "k1", "text": "An updated story under the same id."}, *new_rows])
    out = tmp_path / "out"
    main(["build", "--input", str(first), "--out", str(out), "--quiet"])
    capsys.readouterr()
    assert main(["build", "--input", str(second), "--out", str(out), "--append"]) == 0
    stdout, stderr = capsys.readouterr()
    assert stdout.startswith("added 2 new articles (4 in the tables now), 4 mentions")
    assert "second.jsonl:1: duplicate id 'k1', kept the first" in stderr
    # The same tables as one build of every distinct article, row for row.
    both = write_jsonl(tmp_path / "both" / "all.jsonl", [*old_rows, *new_rows])
    main(["build", "--input", str(both), "--out", str(tmp_path / "whole"), "--quiet"])
    for name in TABLE_NAMES:
        appended, whole = table(out, name), table(tmp_path / "whole", name)
        if name == "articles":
            appended, whole = appended.drop(columns="input_file"), whole.drop(columns="input_file")
        pdt.assert_frame_equal(appended, whole, obj=name)
    assert table(out, "rejected")["reason"].tolist() == ["duplicate id 'k1', kept the first"]


def test_append_to_an_empty_folder_is_a_first_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "a.jsonl", [{"id": "x", "text": "Fiji spoke."}])
    assert main(["build", "--input", str(source), "--out", str(tmp_path / "out"), "--append"]) == 0
    assert capsys.readouterr().out.startswith("added 1 new articles (1 in the tables now)")


def test_duplicates_across_files_of_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\nOman and Yemen met.", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Other title\n\noman AND yemen   met.", encoding="utf-8")
    articles, problems = read_all(tmp_path)
    assert [a.article_id for a in articles] == ["a"]
    assert [p.reason for p in problems] == ["duplicate text (same words as an article already kept), kept the first"]


def test_append_skips_a_text_or_url_already_built_under_another_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The digests kept beside the tables (the seen table) stand for the texts built before."""
    first = write_jsonl(tmp_path / "first.jsonl", [
        {"id": "a", "url": "https://example.org/1", "text": "Kenya and Uganda signed a deal."}])
    second = write_jsonl(tmp_path / "second.jsonl", [
        {"id": "b", "text": "KENYA and  Uganda signed a deal."},
        {"id": "c", "url": "https://EXAMPLE.org/1", "text": "Another text."},
        {"id": "d", "text": "Chile and Peru met."}])
    out = tmp_path / "out"
    main(["build", "--input", str(first), "--out", str(out), "--quiet"])
    assert len(store.read_table(out, "seen")) == 1
    capsys.readouterr()
    assert main(["build", "--input", str(second), "--out", str(out), "--append"]) == 0
    stdout, stderr = capsys.readouterr()
    assert stdout.startswith("added 1 new articles (2 in the tables now)")
    assert "second.jsonl:1: duplicate text" in stderr and "second.jsonl:2: duplicate URL" in stderr
    assert table(out, "articles")["article_id"].tolist() == ["a", "d"]


def test_append_to_tables_of_other_columns_is_refused_and_changes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    main(["build", "--input", str(write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": "Peru spoke."}])),
          "--out", str(out), "--quiet"])
    older = table(out, "mentions").drop(columns="reason")  # as if written before `reason` existed
    for part in store.parts(out, "mentions"):
        part.unlink()
    older.to_parquet(out / "mentions.parquet" / "part-00000.parquet", index=False)
    second = write_jsonl(tmp_path / "b.jsonl", [{"id": "b", "text": "Chile spoke."}])
    assert main(["build", "--input", str(second), "--out", str(out), "--append", "--quiet"]) == 2
    assert "the existing mentions table was written by another version" in capsys.readouterr().err
    assert table(out, "articles")["article_id"].tolist() == ["a"]
