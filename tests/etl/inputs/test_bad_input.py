"""Bad input is named (file, line, reason) and every good record still built."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pandas as pd

from etl.cli import main
from etl.inputs import MAX_TEXT_CHARS
from tests.etl.inputs.helpers import INPUT_CASES, read_all, table


def test_malformed_json_lines_are_named_and_the_rest_read(tmp_path: Path) -> None:
    jsonl = tmp_path / "wire.jsonl"
    jsonl.write_text('{"id": "a", "text": "Peru spoke."}\n{"id": "b", "text": \n[1, 2]\n\n{"id": "c", "text": "Chile spoke."}\n', encoding="utf-8")
    articles, problems = read_all(jsonl)
    assert [a.article_id for a in articles] == ["a", "c"]
    assert [str(p) for p in problems] == [
        f"{jsonl}:2: malformed JSON: Expecting value (column 21)",
        f"{jsonl}:3: expected a JSON object with a 'text' field",
    ]


def test_non_utf8_text_is_read_as_cp1252_with_a_note(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_bytes("Abidjan brief\nC\u00f4te d\u2019Ivoire and Ghana met.".encode("cp1252"))
    (article,), problems = read_all(note)
    assert article.text == "C\u00f4te d\u2019Ivoire and Ghana met."
    assert [str(p) for p in problems] == [f"{note}: not valid UTF-8 (invalid continuation byte at byte 15); read as cp1252"]


def test_one_non_utf8_line_in_a_jsonl_is_reported_once_with_its_line(tmp_path: Path) -> None:
    jsonl = tmp_path / "mixed.jsonl"
    lines = [json.dumps({"id": "a", "text": "Peru spoke."}).encode(),
             '{"id": "b", "text": "S\u00e3o Tom\u00e9 spoke."}'.encode("latin-1"),
             '{"id": "c", "text": "Canad\u00e1 spoke."}'.encode("latin-1")]
    jsonl.write_bytes(b"\n".join(lines))
    articles, problems = read_all(jsonl)
    assert [a.text for a in articles] == ["Peru spoke.", "S\u00e3o Tom\u00e9 spoke.", "Canad\u00e1 spoke."]
    assert [(p.line, p.reason) for p in problems] == [
        (2, "not valid UTF-8 (invalid continuation byte at byte 22); read as cp1252 (and any later such line)")]


def test_utf16_with_a_bom_is_read(tmp_path: Path) -> None:
    (tmp_path / "excel.csv").write_bytes("id,text\nu1,Nepal and Bhutan met.\n".encode("utf-16"))
    (article,), problems = read_all(tmp_path / "excel.csv")
    assert (article.article_id, article.text, problems) == ("u1", "Nepal and Bhutan met.", [])


def test_binary_files_are_reported_and_skipped(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    for name in ("photo.txt", "dump.jsonl", "sheet.csv", "feed.xml", "page.html"):
        (tmp_path / name).write_bytes(png)
    (tmp_path / "ok.txt").write_text("Fine\nQatar spoke.", encoding="utf-8")
    articles, problems = read_all(tmp_path)
    assert [a.article_id for a in articles] == ["ok"]
    assert sorted(Path(p.file).name for p in problems) == ["dump.jsonl", "feed.xml", "page.html", "photo.txt", "sheet.csv"]
    assert {p.reason for p in problems} == {"binary file (NUL or control bytes), skipped"}


def test_empty_and_whitespace_texts_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blank.md").write_text(" \n\t\n ", encoding="utf-8")
    (tmp_path / "items.jsonl").write_text('{"id": "s", "text": "\\u00a0 \\n"}\n{"id": "n", "text": null}\n', encoding="utf-8")
    articles, problems = read_all(tmp_path)
    assert articles == []
    assert [(Path(p.file).name, p.line, p.reason) for p in problems] == [
        ("blank.md", None, "empty or missing 'text', article skipped"),
        ("empty.txt", None, "empty or missing 'text', article skipped"),
        ("items.jsonl", 1, "empty or missing 'text', article skipped"),
        ("items.jsonl", 2, "empty or missing 'text', article skipped"),
    ]


def test_a_50_mb_article_is_truncated_with_a_note_not_a_crash(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    sentence = b"Officials in Oslo and Helsinki met again to talk. "
    big.write_bytes(b"Huge\n" + sentence * (50_000_000 // len(sentence)))
    started = time.perf_counter()
    assert main(["build", "--input", str(big), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert time.perf_counter() - started < 60
    articles = table(tmp_path / "out", "articles")
    assert MAX_TEXT_CHARS - 1000 <= len(articles["text"][0]) <= MAX_TEXT_CHARS
    (reason,) = table(tmp_path / "out", "rejected")["reason"]
    assert reason.startswith("text is 49,999,") and reason.endswith(f"(limit {MAX_TEXT_CHARS:,})")


def test_a_large_csv_field_is_read(tmp_path: Path) -> None:
    csv = tmp_path / "long.csv"
    csv.write_text("id,text\nlong," + "Malta spoke. " * 11_000 + "\nshort,Cyprus spoke.\n", encoding="utf-8")
    articles, problems = read_all(csv)
    assert [a.article_id for a in articles] == ["long", "short"] and problems == []


def test_feed_with_no_items_and_xml_that_is_no_feed(tmp_path: Path) -> None:
    (tmp_path / "empty.rss").write_bytes((INPUT_CASES / "empty.rss").read_bytes())
    (tmp_path / "config.xml").write_text("<settings><a>1</a></settings>", encoding="utf-8")
    articles, problems = read_all(tmp_path)
    assert articles == []
    assert [(Path(p.file).name, p.reason) for p in problems] == [
        ("config.xml", "not an RSS or Atom feed, skipped"), ("empty.rss", "feed has no items")]


def test_page_without_main_text_is_reported(tmp_path: Path) -> None:
    (tmp_path / "nav.html").write_text("<html><body><script>var a = 'Peru';</script>  </body></html>", encoding="utf-8")
    articles, problems = read_all(tmp_path / "nav.html")
    assert articles == [] and [p.reason for p in problems] == ["no main text found in the page, skipped"]


def test_rejected_is_written_as_parquet_and_jsonl(tmp_path: Path) -> None:
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text('{"id": "a", "text": "Peru spoke."}\nnot json\n{"id": "b", "text": " "}\n', encoding="utf-8")
    main(["build", "--input", str(jsonl), "--out", str(tmp_path / "out"), "--quiet"])
    lines = (tmp_path / "out" / "rejected.jsonl").read_text(encoding="utf-8").splitlines()
    from_jsonl = pd.DataFrame([json.loads(x) for x in lines])
    rejected = table(tmp_path / "out", "rejected")
    assert from_jsonl["line"].tolist() == rejected["line"].tolist() == [2, 3]
    assert from_jsonl["reason"].tolist() == rejected["reason"].tolist()
    assert set(from_jsonl["source"]) == {str(jsonl)}


def test_ids_and_file_names_never_become_output_paths(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "..%2f..%2fescape.txt").write_text("T\nPeru spoke.", encoding="utf-8")
    (source / "x.jsonl").write_text(json.dumps({"id": "../../../escape", "text": "Chile spoke."}) + "\n", encoding="utf-8")
    out = tmp_path / "deep" / "out"
    main(["build", "--input", str(source), "--out", str(out), "--quiet"])
    assert sorted(p.name for p in tmp_path.rglob("*") if "escape" in p.name) == ["..%2f..%2fescape.txt"]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{n}.parquet" for n in ("articles", "mentions", "countries", "alliances", "sanctions", "ambiguous",
                                  "rejected", "seen")]
        + ["rejected.jsonl"])
    assert "../../../escape" in set(table(out, "articles")["article_id"])


def test_output_folder_inside_the_input_folder_is_not_read_back(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("T\nPeru spoke.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("oops\n", encoding="utf-8")
    for _ in range(2):
        main(["build", "--input", str(tmp_path), "--out", str(tmp_path / "tables"), "--quiet"])
    assert table(tmp_path / "tables", "rejected")["source"].tolist() == [str(tmp_path / "b.jsonl")]
