"""Score the build of annotated articles against their `gold` key.

Same fields and micro precision/recall/F1 as the reference scorer described in
the evaluation README, computed from our tables in memory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

FIELDS = ("countries", "blocs", "alliance_pairs", "alliance_kinds",
          "sanction_targets", "sanction_links", "sanction_actions")
Sets = dict[str, set[Any]]


def empty_sets() -> Sets:
    return {f: set() for f in FIELDS}


def gold_sets(gold: dict[str, Any]) -> Sets:
    out = empty_sets()
    out["countries"] = set(gold.get("countries", []))
    out["blocs"] = set(gold.get("blocs", []))
    for alliance in gold.get("alliances", []):
        pair = tuple(sorted(alliance["members"]))
        out["alliance_pairs"].add(pair)
        out["alliance_kinds"].update(pair + (kind,) for kind in alliance.get("kinds", []))
    for record in gold.get("sanctions", []):
        out["sanction_targets"].add(record["target"])
        out["sanction_links"].update((sender, record["target"]) for sender in record.get("senders", []))
        out["sanction_actions"].update((record["target"], action) for action in record.get("actions", []))
    return out


def predicted_sets(tables: dict[str, pd.DataFrame]) -> dict[str, Sets]:
    preds: dict[str, Sets] = {}

    def sets_for(article_id: object) -> Sets:
        return preds.setdefault(str(article_id), empty_sets())

    for aid, iso in zip(tables["countries"]["article_id"], tables["countries"]["iso3"]):
        sets_for(aid)["countries"].add(iso)
    blocs = tables["mentions"][tables["mentions"]["kind"] == "bloc"]
    for aid, code in zip(blocs["article_id"], blocs["code"]):
        sets_for(aid)["blocs"].add(code)
    for row in tables["alliances"].itertuples(index=False):
        pair = tuple(sorted((row.party_a, row.party_b)))
        sets_for(row.article_id)["alliance_pairs"].add(pair)
        sets_for(row.article_id)["alliance_kinds"].add(pair + (row.kind,))
    for row in tables["sanctions"].itertuples(index=False):
        s = sets_for(row.article_id)
        s["sanction_targets"].add(row.target)
        if isinstance(row.sender, str) and row.sender:
            s["sanction_links"].add((row.sender, row.target))
        s["sanction_actions"].add((row.target, row.action))
    return preds


def score(golds: dict[str, Sets], preds: dict[str, Sets]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for f in FIELDS:
        tp = fp = fn = 0
        for aid, gold in golds.items():
            pred = preds.get(aid, empty_sets())[f]
            tp, fp, fn = tp + len(gold[f] & pred), fp + len(pred - gold[f]), fn + len(gold[f] - pred)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[f] = {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 3),
                     "recall": round(recall, 3), "f1": round(f1, 3)}
    result["_articles"] = len(golds)
    result["_articles_with_output"] = sum(1 for aid in golds if aid in preds)
    return result


def load_golds(gold_dir: Path) -> dict[str, Sets]:
    golds = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        golds[doc["id"]] = gold_sets(doc["gold"])
    return golds


def format_table(result: dict[str, Any]) -> str:
    lines = [f"{'field':18} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn   "
             f"({result['_articles_with_output']}/{result['_articles']} articles with output)"]
    for f in FIELDS:
        r = result[f]
        lines.append(f"{f:18} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f}   {r['tp']}/{r['fp']}/{r['fn']}")
    return "\n".join(lines)
