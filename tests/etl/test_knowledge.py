"""Loading and validating the gazetteer in data/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl.knowledge import KnowledgeError, context_cues, gazetteer, places
from etl.paths import DATA_DIR


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def append(path: Path, line: str) -> int:
    """Append a CSV line and return its line number."""
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


def test_every_code_is_known_and_every_country_has_aliases() -> None:
    known = places()
    entries = gazetteer()
    assert {e.code for e in entries if e.kind != "deny"} <= set(known)
    countries_with_aliases = {e.code for e in entries if e.kind == "country"}
    assert {c for c, p in known.items() if p.kind == "country"} <= countries_with_aliases


def test_csv_rows_override_pycountry_names() -> None:
    congo = {e.code for e in gazetteer() if e.alias == "Congo"}
    assert congo == {"COD"}
    georgia = {(e.code, e.tier) for e in gazetteer() if e.alias == "Georgia"}
    assert georgia == {("GEO", "weak")}


def test_variants_cover_curly_apostrophes_and_datelines() -> None:
    aliases = {e.alias for e in gazetteer()}
    assert {"Côte d’Ivoire", "BEIRUT", "MOSCOW"} <= aliases


def test_unknown_code_names_the_file_and_line(data_copy: Path) -> None:
    line = append(data_copy / "aliases.csv", "XXX,Atlantis,alias,strong,")
    with pytest.raises(KnowledgeError, match=rf"aliases.csv:{line}: unknown code 'XXX'"):
        gazetteer(data_copy)


def test_bad_tier_names_the_file_and_line(data_copy: Path) -> None:
    line = append(data_copy / "bloc_aliases.csv", "NATO,the Alliance,alias,medium,")
    with pytest.raises(KnowledgeError, match=rf"bloc_aliases.csv:{line}: tier must be"):
        gazetteer(data_copy)


def test_a_phrase_cannot_be_both_alias_and_denied(data_copy: Path) -> None:
    append(data_copy / "deny.csv", "Kremlin,contradiction")
    with pytest.raises(KnowledgeError, match="deny.csv: phrases also listed as aliases"):
        gazetteer(data_copy)


def test_bad_cue_scope_is_rejected(data_copy: Path) -> None:
    line = append(data_copy / "context_cues.csv", "Georgia,Atlanta,paragraph,against,")
    with pytest.raises(KnowledgeError, match=rf"context_cues.csv:{line}"):
        context_cues(data_copy)


def test_names_are_the_ones_english_news_uses() -> None:
    known = places()
    assert (known["RUS"].name, known["COD"].name, known["IRN"].name, known["KOR"].name) == (
        "Russia", "DR Congo", "Iran", "South Korea",
    )
    assert known["RUS"].numeric == "643"
