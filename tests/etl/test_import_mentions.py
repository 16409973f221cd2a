"""`python -m etl import-mentions`: another extractor's mentions, our tables."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest

from etl import store
from etl.build import TABLE_NAMES
from etl.cli import main

TEXT = "Russia and Iran signed a strategic partnership treaty. Brussels agreed new sanctions on Belarus."


def write_lines(path: Path, rows: list[dict[str, object] | str]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def span(surface: str, text: str = TEXT) -> dict[str, object]:
    start = text.index(surface)
    return {"start": start, "end": start + len(surface), "surface": surface}


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    return write_lines(tmp_path / "articles.jsonl", [{"id": "a1", "title": "Treaty", "text": TEXT, "published": "2025-01-17"}])


def read(out: Path, name: str) -> pd.DataFrame:
    return store.read_table(out, name)


def test_codes_and_names_become_the_same_tables(articles: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mentions = write_lines(tmp_path / "m.jsonl", [
        {"article_id": "a1", **span("Russia"), "code": "RUS"},
        {"article_id": "a1", **span("Iran"), "name": "Iran", "sentence": 0},
        {"article_id": "a1", **span("Brussels"), "name": "Brussels", "kind": "bloc"},
        {"article_id": "a1", **span("Belarus"), "code": "blr", "confidence": 0.8},
    ])
    assert main(["import-mentions", str(mentions), "--articles", str(articles), "--out", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().out.startswith("imported 4 mentions into 1 of 1 articles, 3 countries")
    out = tmp_path / "out"
    rows = read(out, "mentions")
    assert rows[["surface", "code", "kind", "via", "sentence"]].values.tolist() == [
        ["Russia", "RUS", "country", "external", 0], ["Iran", "IRN", "country", "external", 0],
        ["Brussels", "EU", "bloc", "external", 1], ["Belarus", "BLR", "country", "external", 1]]
    assert read(out, "countries")["iso3"].tolist() == ["BLR", "IRN", "RUS"]
    assert {f"{name}.parquet" for name in TABLE_NAMES} <= {p.name for p in out.iterdir()}
    assert read(out, "rejected").empty


def test_relations_equal_those_of_build_given_builds_own_mentions(tmp_path: Path) -> None:
    """Feeding our own mentions back in gives exactly our own alliance and sanction rows."""
    from tests.helpers import CORPUS

    main(["build", "--input", str(CORPUS), "--out", str(tmp_path / "built"), "--quiet"])
    built = read(tmp_path / "built", "mentions")
    fields = ["article_id", "field", "start", "end", "surface", "code", "kind"]
    mentions = write_lines(tmp_path / "m.jsonl", [dict(zip(fields, (str(v) if isinstance(v, str) else int(v) for v in row)))
                                                  for row in built[fields].itertuples(index=False)])
    main(["import-mentions", str(mentions), "--articles", str(CORPUS), "--out", str(tmp_path / "imported")])
    for name in ("alliances", "sanctions", "articles"):
        pdt.assert_frame_equal(read(tmp_path / "built", name), read(tmp_path / "imported", name), obj=name)
    assert not read(tmp_path / "built", "alliances").empty


def test_bad_lines_are_named_and_never_guessed(articles: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mentions = write_lines(tmp_path / "m.jsonl", [
        {"article_id": "a1", **span("Russia"), "code": "RUS"},
        '{"article_id": "a1", "start": ',
        {"article_id": "a1", **span("Iran"), "name": "Persia-ish"},
        {"article_id": "a1", **span("Iran"), "code": "XYZ"},
        {"article_id": "a1", "start": 0, "end": 4, "surface": "Iran", "code": "IRN"},
        {"article_id": "nope", **span("Iran"), "code": "IRN"},
        {"article_id": "a1", **span("Brussels"), "name": "Brussels"},
        {"article_id": "a1", **span("Iran"), "code": "IRN", "kind": "bloc"},
        {"article_id": "a1", **span("Russia"), "code": "RUS"},
        {"article_id": "a1", **span("Iran")},
        {"article_id": "a1", "start": "0", "end": 6, "surface": "Russia", "code": "RUS"},
        {"article_id": "a1", **span("Iran"), "code": "IRN", "kind": "state"},
        [1, 2],
        {"article_id": "a1", **span("Iran"), "code": "IRN"},
    ])
    assert main(["import-mentions", str(mentions), "--articles", str(articles), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    expected = [
        "m.jsonl:2: malformed JSON: Expecting value (column 31)",
        "m.jsonl:3: unknown name 'Persia-ish'; mention skipped",
        "m.jsonl:4: unknown code 'XYZ'; mention skipped",
        "m.jsonl:5: offsets 0-4 slice the text to 'Russ', not 'Iran'; mention skipped",
        "m.jsonl:6: article_id 'nope' is not among the articles read; mention skipped",
        "m.jsonl:7: name 'Brussels' is ambiguous (BEL, EU); give 'code' or 'kind'; mention skipped",
        "m.jsonl:8: code 'IRN' is a country, not a bloc; mention skipped",
        "m.jsonl:9: duplicate mention (same article, offsets and code); skipped",
        "m.jsonl:10: needs 'code' or 'name'; mention skipped",
        "m.jsonl:11: needs integer 'start' and 'end' and a string 'surface'; mention skipped",
        "m.jsonl:12: kind must be one of ('country', 'bloc'), not 'state'; mention skipped",
        "m.jsonl:13: expected a JSON object",
    ]
    for line in expected:
        assert line in err
    assert read(tmp_path / "out", "mentions")["code"].tolist() == ["RUS", "IRN"]
    assert read(tmp_path / "out", "rejected")["line"].tolist() == list(range(2, 14))


def test_title_mentions_and_missing_files(articles: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mentions = write_lines(tmp_path / "m.jsonl", [{"article_id": "a1", "field": "title", "start": 0, "end": 6,
                                                   "surface": "Treaty", "code": "RUS"}])
    main(["import-mentions", str(mentions), "--articles", str(articles), "--out", str(tmp_path / "out"), "--quiet"])
    assert read(tmp_path / "out", "mentions")[["field", "surface"]].values.tolist() == [["title", "Treaty"]]
    write_lines(mentions, [{"article_id": "a1", "start": False, "end": True, "surface": "R", "code": "RUS"}])
    main(["import-mentions", str(mentions), "--articles", str(articles), "--out", str(tmp_path / "out"), "--quiet"])
    assert read(tmp_path / "out", "rejected")["reason"].tolist() == [
        "needs integer 'start' and 'end' and a string 'surface'; mention skipped"]
    assert main(["import-mentions", str(tmp_path / "none.jsonl"), "--articles", str(articles), "--out", str(tmp_path / "o2")]) == 2
    assert "none.jsonl: no such mentions file" in capsys.readouterr().err
    assert not (tmp_path / "o2").exists()
