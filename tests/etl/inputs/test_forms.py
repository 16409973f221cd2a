"""Every input form `build` reads: files of each type, a folder of them, CSV columns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.cli import main
from tests.etl.inputs.helpers import INPUT_CASES, Columns, copy_case, countries_by_article, read_all, table


def test_rss_items_become_articles_with_feed_fields() -> None:
    articles, problems = read_all(INPUT_CASES / "world.rss")
    first = articles[0]
    assert [a.article_id for a in articles] == ["rss-japan-india", "rss-kenya"]
    assert (first.title, first.published, first.source) == ("Japan and India hold talks", "2025-06-10", "Example World Desk")
    assert first.url == "https://news.example.org/world/japan-india"
    # HTML in the description is text to us; the script's "Peru" is gone.
    assert first.text == "Japan and India held security talks in Tokyo."
    assert [str(p) for p in problems] == [
        f"{INPUT_CASES / 'world.rss'}: item 2: date 'sometime last week' not understood; article kept with published = null",
        f"{INPUT_CASES / 'world.rss'}: item 3: empty or missing 'text', article skipped",
    ]


def test_atom_entries_use_content_or_summary_and_published_or_updated() -> None:
    articles, problems = read_all(INPUT_CASES / "world.atom")
    assert [(a.article_id, a.published, a.text) for a in articles] == [
        ("urn:example:atom-chile", "2025-06-11", "Chile and Argentina agreed to reopen two border crossings."),
        ("urn:example:atom-norway", "2025-06-12", "Norway hosted a fisheries meeting with Iceland."),
    ]
    assert problems == []


def test_saved_page_gives_its_main_text_only() -> None:
    (article,), problems = read_all(INPUT_CASES / "page.html")
    assert (article.article_id, article.title, article.published) == ("page", "Ministers meet in Brasilia", "2025-06-09")
    assert article.text.startswith("Brazil and Mexico opened a trade dialogue")
    for boilerplate in ("Home", "Germany", "Canada", "Iran", "document.write"):
        assert boilerplate not in article.text
    assert problems == []


def test_csv_columns_are_found_by_their_usual_names_in_any_case() -> None:
    articles, problems = read_all(INPUT_CASES / "export.csv")
    assert [(a.article_id, a.title, a.published, a.url, a.source, a.line) for a in articles] == [
        ("csv-1", "Peru report", "2025-06-10", "https://csv.example.org/1", "Example Wire", 2),
        ("csv-2", "Egypt talks", "2025-06-10", "https://csv.example.org/2", "Example Wire", 4),
        ("csv-4", "Vietnam note", None, "https://csv.example.org/4", "Example Wire", 6),
    ]
    assert articles[0].text == "Lima hosted a summit\nwith Bolivia and Ecuador."
    assert [(p.line, p.reason) for p in problems] == [
        (5, "empty or missing 'text', article skipped"),
        (6, "date 'not a date' not understood; article kept with published = null"),
    ]


def test_csv_column_flags_override_the_usual_names(tmp_path: Path) -> None:
    csv = tmp_path / "mine.csv"
    csv.write_text("story;when;key;headline\nChad and Niger met.;2025-01-02;k1;Sahel\n", encoding="utf-8")
    main(["build", "--input", str(csv), "--out", str(tmp_path / "out"), "--quiet",
          "--text-col", "STORY", "--date-col", "when", "--id-col", "key"])
    articles = table(tmp_path / "out", "articles")
    assert articles[["article_id", "title"]].values.tolist() == [["k1", "Sahel"]]
    assert str(articles["published"][0].date()) == "2025-01-02"


def test_csv_without_a_text_column_names_the_columns_found(tmp_path: Path) -> None:
    csv = tmp_path / "wrong.csv"
    csv.write_text("headline,summary\nA,B\n", encoding="utf-8")
    articles, problems = read_all(csv)
    assert articles == []
    assert str(problems[0]) == (
        f"{csv}:1: no text column (one of 'text', 'body', 'content'); columns found: 'headline', 'summary'. Use --text-col"
    )
    _, problems = read_all(csv, columns=Columns(text="story"))
    assert "no text column ('story')" in problems[0].reason


def test_json_file_may_hold_one_article_or_a_list(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"body": "Cuba and Spain met."}), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([{"id": "m1", "text": "Fiji spoke."}, 7, {"text": "Tonga spoke."}]), encoding="utf-8")
    articles, problems = read_all(tmp_path)
    assert [a.article_id for a in articles] == ["m1", "many-3", "one"]
    assert [str(p) for p in problems] == [f"{tmp_path / 'many.json'}: item 2: expected a JSON object, found int"]


def test_one_line_text_file_is_all_text(tmp_path: Path) -> None:
    (tmp_path / "short.txt").write_text("Mali and Senegal signed a deal.\n", encoding="utf-8")
    (article,), _ = read_all(tmp_path / "short.txt")
    assert (article.title, article.text) == ("", "Mali and Senegal signed a deal.")


def test_a_folder_of_every_type_builds_one_set_of_tables(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    for name in ("world.rss", "world.atom", "page.html", "export.csv", "README.md"):
        copy_case(name, folder)
    (folder / "notes.md").write_text("# Notes\n\nLima hosted Quito's delegation.", encoding="utf-8")
    (folder / "NOTES.md").write_text("# About these files\n\nCollected in Oslo.", encoding="utf-8")
    (folder / "wire.jsonl").write_text(json.dumps({"id": "w1", "text": "Ghana and Togo met."}) + "\n", encoding="utf-8")
    assert main(["build", "--input", str(folder), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert countries_by_article(tmp_path / "out") == {
        "csv-1": ["BOL", "ECU", "PER"], "csv-2": ["EGY", "JOR"], "csv-4": ["LAO", "VNM"], "notes": ["ECU", "PER"],
        "page": ["BRA", "MEX"], "rss-japan-india": ["IND", "JPN"], "rss-kenya": ["KEN", "UGA"],
        "urn:example:atom-chile": ["ARG", "CHL"], "urn:example:atom-norway": ["ISL", "NOR"], "w1": ["GHA", "TGO"],
    }


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_unsupported_files_in_a_folder_are_reported_and_skipped(tmp_path: Path, suffix: str) -> None:
    (tmp_path / f"report{suffix}").write_bytes(b"PK\x03\x04")
    (tmp_path / "ok.txt").write_text("Title\nOman spoke.", encoding="utf-8")
    articles, problems = read_all(tmp_path)
    assert [a.article_id for a in articles] == ["ok"]
    assert [p.reason for p in problems] == [f"unsupported file type {suffix!r}, skipped"]


def test_dot_files_and_dot_folders_are_not_input(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text("T\nPeru spoke.", encoding="utf-8")
    (tmp_path / ".draft.txt").write_text("T\nChile spoke.", encoding="utf-8")
    (tmp_path / "real.txt").write_text("T\nBolivia spoke.", encoding="utf-8")
    articles, problems = read_all(tmp_path)
    assert [a.article_id for a in articles] == ["real"] and problems == []
