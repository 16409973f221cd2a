"""The scored layer: exact rows for the cases in tests/cases/scored.csv, and
the weights file an analyst may edit or retrain."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from etl.knowledge import KnowledgeError
from etl.relations.scoring import models, score
from tests.helpers import load_cases, relations


def alliance_keys(rows: list[dict[str, object]]) -> set[str]:
    return {f"{r['party_a']}-{r['party_b']}:{r['kind']}" for r in rows}


def sanction_keys(rows: list[dict[str, object]]) -> set[str]:
    return {f"{r['target']}<{r['sender'] or '-'}:{r['action']}" for r in rows}


@pytest.mark.parametrize("case", load_cases("scored.csv"), ids=lambda c: c["text"][:50])
def test_scored_case_gives_exactly_its_rows(case: dict[str, str]) -> None:
    alliances, sanctions = relations(case["text"])
    assert alliance_keys(alliances) == set(case["alliances"].split()), f"{case['rule']} ({case['source']})"
    assert sanction_keys(sanctions) == set(case["sanctions"].split()), f"{case['rule']} ({case['source']})"


def test_every_row_carries_its_cue_rule_evidence_and_a_score_as_confidence() -> None:
    text = load_cases("scored.csv")[0]["text"]
    alliances, _ = relations(text)
    threshold = models()["alliance"].threshold
    for row in alliances:
        assert row["rule"] == "scored" and row["cue"] and row["evidence"] == text
        assert threshold <= float(str(row["confidence"])) <= 1.0


def write_weights(folder: Path, rows: list[list[str]]) -> Path:
    with (folder / "relation_weights.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["model", "feature", "weight"], *rows])
    return folder


def test_weights_load_as_models_and_a_heavier_feature_scores_higher(tmp_path: Path) -> None:
    folder = write_weights(tmp_path, [["alliance", "@threshold", "0.5"], ["alliance", "bias", "-1"],
                                      ["alliance", "rule", "3"]])
    model = models(folder)["alliance"]
    assert model.threshold == 0.5
    assert score(model, {"bias": 1.0}) < 0.5 < score(model, {"bias": 1.0, "rule": 1.0})
    assert score(model, {"bias": 1.0, "unknown": 1.0}) == score(model, {"bias": 1.0})


def test_a_bad_weight_names_file_and_line(tmp_path: Path) -> None:
    folder = write_weights(tmp_path, [["alliance", "@threshold", "0.5"], ["alliance", "bias", "heavy"]])
    with pytest.raises(KnowledgeError, match=r"relation_weights.csv:3: weight 'heavy' is not a number"):
        models(folder)


def test_a_model_without_threshold_is_refused(tmp_path: Path) -> None:
    folder = write_weights(tmp_path, [["target", "bias", "1"]])
    with pytest.raises(KnowledgeError, match="model 'target' has no @threshold row"):
        models(folder)


def annotated(folder: Path, number: int, text: str, gold: dict[str, object]) -> None:
    doc = {"id": f"a{number}", "title": "", "text": text, "gold": gold}
    (folder / f"a{number}.json").write_text(json.dumps(doc), encoding="utf-8")


def test_train_writes_weights_the_build_can_load(tmp_path: Path) -> None:
    pytest.importorskip("sklearn", reason="training needs scikit-learn (requirements-dev.txt)")
    from etl.train import MODELS, train

    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    texts = [("Russia and Iran signed a defence pact. The US imposed sanctions on Iran.",
              {"alliances": [{"members": ["IRN", "RUS"], "kinds": ["treaty"]}],
               "sanctions": [{"target": "IRN", "senders": ["USA"], "actions": ["imposed"]}]}),
             ("France and Germany deepened ties with Poland. Russia warned Poland.",
              {"alliances": [{"members": ["DEU", "POL"], "kinds": ["partnership"]},
                             {"members": ["FRA", "POL"], "kinds": ["partnership"]}], "sanctions": []}),
             ("The EU lifted sanctions on Belarus while Japan and India held talks.",
              {"alliances": [], "sanctions": [{"target": "BLR", "senders": ["EU"], "actions": ["lifted"]}]})]
    for number in range(12):  # enough articles for ten folds
        text, gold = texts[number % len(texts)]
        annotated(gold_dir, number, text, gold)
    out = tmp_path / "relation_weights.csv"
    with (tmp_path / "log.txt").open("w") as log:
        result = train(gold_dir, out, log)
    loaded = models(tmp_path)
    assert set(loaded) == set(MODELS) == set(result)
    assert all(0.0 < m.threshold < 1.0 and m.weights for m in loaded.values())

