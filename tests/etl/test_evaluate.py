"""The evaluator against a score computed by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from etl.cli import main
from etl.evaluate import gold_sets, predicted_sets, score

GOLD = {
    "a1": {"countries": ["IRN", "RUS", "SYR"], "blocs": ["WEST"],
           "alliances": [{"members": ["RUS", "IRN"], "kinds": ["treaty", "military"]}],
           "sanctions": [{"target": "IRN", "senders": ["WEST"], "actions": ["existing"]}]},
    "a2": {"countries": ["USA"], "blocs": [], "alliances": [], "sanctions": []},
}


def predicted_tables() -> dict[str, pd.DataFrame]:
    return {
        # a1: IRN, RUS right, SYR missed; a2: USA right, GBR wrong.
        "countries": pd.DataFrame({"article_id": ["a1", "a1", "a2", "a2"], "iso3": ["IRN", "RUS", "USA", "GBR"]}),
        "mentions": pd.DataFrame({"article_id": ["a1", "a2"], "code": ["WEST", "EU"], "kind": ["bloc", "bloc"]}),
        "alliances": pd.DataFrame({"article_id": ["a1", "a1"], "party_a": ["IRN", "IRN"], "party_b": ["RUS", "RUS"],
                                   "kind": ["treaty", "economic"]}),
        "sanctions": pd.DataFrame({"article_id": ["a1", "a1"], "target": ["IRN", "RUS"], "sender": ["WEST", None],
                                   "action": ["existing", "existing"]}),
    }


def test_score_matches_a_hand_computed_example() -> None:
    golds = {aid: gold_sets(g) for aid, g in GOLD.items()}
    result = score(golds, predicted_sets(predicted_tables()))
    # countries: tp 3 (IRN, RUS, USA), fp 1 (GBR), fn 1 (SYR) -> P 0.75, R 0.75
    assert (result["countries"]["tp"], result["countries"]["fp"], result["countries"]["fn"]) == (3, 1, 1)
    assert result["countries"]["f1"] == 0.75
    # blocs: tp 1 (WEST), fp 1 (EU), fn 0 -> P 0.5, R 1, F1 0.667
    assert (result["blocs"]["precision"], result["blocs"]["recall"], result["blocs"]["f1"]) == (0.5, 1.0, 0.667)
    # alliance kinds: treaty right, economic wrong, military missed -> 0.5 / 0.5
    assert result["alliance_pairs"]["f1"] == 1.0
    assert (result["alliance_kinds"]["precision"], result["alliance_kinds"]["recall"]) == (0.5, 0.5)
    # sanctions: IRN right, RUS wrong; the null sender makes no link.
    assert (result["sanction_targets"]["tp"], result["sanction_targets"]["fp"]) == (1, 1)
    assert result["sanction_links"]["f1"] == 1.0
    assert result["_articles_with_output"] == 2


def test_an_empty_prediction_scores_zero_not_an_error() -> None:
    golds = {aid: gold_sets(g) for aid, g in GOLD.items()}
    result = score(golds, {})
    assert result["countries"] == {"tp": 0, "fp": 0, "fn": 4, "precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_evaluate_cli_prints_json_scores(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "--gold", str(corpus_dir), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["_articles"] == 3
    assert result["countries"]["f1"] == 1.0
    assert result["blocs"]["f1"] == 1.0


def test_evaluate_cli_prints_a_table(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["evaluate", "--gold", str(corpus_dir)])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("field")
    assert [line.split()[0] for line in lines[1:]] == [
        "countries", "blocs", "alliance_pairs", "alliance_kinds",
        "sanction_targets", "sanction_links", "sanction_actions",
    ]
