"""Loading and validating the cue lexicons and the leaders list."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl.knowledge import KnowledgeError
from etl.paths import DATA_DIR
from etl.relations.cues import alliance_cues, bloc_references, cue_pattern, leaders, sanction_cues


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    for name in ("alliance_cues.csv", "sanction_cues.csv", "leaders.csv", "bloc_references.csv", "blocs.csv"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    return tmp_path


def append(path: Path, line: str) -> int:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


def test_shipped_lexicons_load() -> None:
    assert {c.role for c in alliance_cues()} >= {"trigger", "supply", "negation"}
    assert {c.label for c in sanction_cues() if c.role == "action"} == {"imposed", "threatened", "lifted", "evaded", "existing"}
    assert {"RUS", "PRK", "SYR"} <= {leader.code for leader in leaders()}


def test_bad_alliance_kind_names_file_and_line(data_copy: Path) -> None:
    line = append(data_copy / "alliance_cues.csv", "friendship pact,romance,trigger,")
    with pytest.raises(KnowledgeError, match=rf"alliance_cues.csv:{line}: kind must be"):
        alliance_cues(data_copy)


def test_bad_sanction_role_names_file_and_line(data_copy: Path) -> None:
    line = append(data_copy / "sanction_cues.csv", "fine,penalty,imposed,")
    with pytest.raises(KnowledgeError, match=rf"sanction_cues.csv:{line}: role must be"):
        sanction_cues(data_copy)


def test_bad_leader_date_names_file_and_line(data_copy: Path) -> None:
    line = append(data_copy / "leaders.csv", "Someone,RUS,president,2020-13-01,,,x")
    with pytest.raises(KnowledgeError, match=rf"leaders.csv:{line}: bad date"):
        leaders(data_copy)


def test_wildcards_and_case() -> None:
    assert cue_pattern("frozen * assets").search("secured by frozen Russian assets")
    assert cue_pattern("circumvent*").search("to circumvention")
    assert cue_pattern("may").search("May they") and not cue_pattern("may").search("Earlier in May")
    assert not cue_pattern("IOC").search("ioc")


def test_a_cue_knows_its_other_literal_words() -> None:
    by_cue = {c.cue: c for c in sanction_cues()}
    assert (by_cue["under sanctions"].anchor, by_cue["under sanctions"].others) == ("sanctions", ("under",))
    assert by_cue["under * * sanctions"].others == ("under",)  # wildcards are no words


def test_bloc_references_load_with_the_blocs_each_noun_may_stand_for() -> None:
    references = bloc_references()
    assert references["bloc"] is None  # any bloc
    assert references["alliance"] == frozenset({"NATO", "CSTO", "AUKUS"})


def test_a_bloc_reference_to_an_unknown_bloc_names_file_and_line(data_copy: Path) -> None:
    line = append(data_copy / "bloc_references.csv", "pact,NATO XYZ,written to test")
    with pytest.raises(KnowledgeError, match=rf"bloc_references.csv:{line}: unknown bloc code\(s\) XYZ"):
        bloc_references(data_copy)
