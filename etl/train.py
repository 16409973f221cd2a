"""Fit the weights of the scored layer (data/relation_weights.csv) on
annotated articles: `python -m etl train --gold DIR`.

Every candidate of an article is labelled by the article's gold key (a pair
is right when the gold lists it), a logistic regression learns the weights,
and the threshold is the one that gives the best article-level F1 in
cross-validation over articles (no article scores the weights it trained).
Needs scikit-learn (requirements-dev.txt); the build itself only reads the CSV."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path
from typing import Any, TextIO

from etl.inputs import InputError
from etl.mentions import article_mentions
from etl.relations import sentence_parts
from etl.relations.scoring import THRESHOLD

Key = tuple[str, ...]
Example = tuple[str, Key, dict[str, float], bool]  # article, what is claimed, features, label
Golds = dict[str, set[Key]]  # article -> what its gold key claims
MODELS = ("alliance", "target", "sender")
THRESHOLDS = [round(0.05 * i, 2) for i in range(2, 19)]
STRENGTHS = (0.1, 0.3, 1.0, 3.0)
REPEATS = 5


def gold_keys(gold: dict[str, Any]) -> dict[str, set[Key]]:
    """What each model's candidates are right about: pairs, targets, (target, sender)."""
    return {
        "alliance": {tuple(sorted(a["members"])) for a in gold.get("alliances", [])},
        "target": {(r["target"],) for r in gold.get("sanctions", [])},
        "sender": {(r["target"], s) for r in gold.get("sanctions", []) for s in r.get("senders", [])},
    }


def article_examples(doc: dict[str, Any]) -> tuple[dict[str, list[Example]], dict[str, set[Key]]]:
    """The article's candidates for each model, labelled by its gold key. Sender
    candidates are those of the gold targets: the sender model only ever sees
    targets the target model kept."""
    gold = gold_keys(doc["gold"])
    title, text = doc.get("title") or "", doc.get("text") or ""
    mentions = [m for m in article_mentions(doc["id"], title, text) if not m["ambiguous"]]
    out: dict[str, list[Example]] = {name: [] for name in MODELS}
    for part in sentence_parts(title, text, mentions, every_target=True):
        for pair in part.pairs:
            out["alliance"].append((doc["id"], (pair.a, pair.b), pair.features, (pair.a, pair.b) in gold["alliance"]))
        for target in part.targets:
            out["target"].append((doc["id"], (target.target,), target.features, (target.target,) in gold["target"]))
        for sender in part.senders:
            if (sender.target,) in gold["target"]:
                key = (sender.target, sender.sender)
                out["sender"].append((doc["id"], key, sender.features, key in gold["sender"]))
    return out, gold


def read_examples(gold_dir: Path) -> tuple[dict[str, list[Example]], dict[str, Golds]]:
    examples: dict[str, list[Example]] = {name: [] for name in MODELS}
    golds: dict[str, Golds] = {name: {} for name in MODELS}
    for path in sorted(gold_dir.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        found, gold = article_examples(doc)
        for name in MODELS:
            examples[name] += found[name]
            golds[name][doc["id"]] = gold[name]
    return examples, golds


def article_f1(examples: list[Example], scores: list[float], golds: Golds, threshold: float,
               always: bool = False) -> float:
    """Article-level F1, as the reference scorer counts it; with `always`,
    what a rule found is kept whatever its score (the sanction models only add)."""
    kept = {(e[0], e[1]) for e, s in zip(examples, scores) if s >= threshold or (always and "rule" in e[2])}
    gold = {(aid, pair) for aid, pairs in golds.items() for pair in pairs}
    tp = len(kept & gold)
    return 2 * tp / (len(kept) + len(gold)) if kept or gold else 0.0


def cross_scores(examples: list[Example], strength: float, folds: int = 10, seed: int = 0) -> list[float]:
    """Each candidate scored by a model fitted without its article (articles
    dealt into folds in an order the seed shuffles)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    articles = sorted({e[0] for e in examples})
    random.Random(seed).shuffle(articles)
    fold_of = {aid: i % folds for i, aid in enumerate(articles)}
    scores = [0.0] * len(examples)
    for fold in range(folds):
        train = [e for e in examples if fold_of[e[0]] != fold]
        test = [i for i, e in enumerate(examples) if fold_of[e[0]] == fold]
        if not test or len({e[3] for e in train}) < 2:
            continue  # a fold with nothing to score, or nothing to learn from: its candidates keep 0
        vectors = DictVectorizer()
        model = LogisticRegression(C=strength, max_iter=2000, fit_intercept=False)
        model.fit(vectors.fit_transform([e[2] for e in train]), [e[3] for e in train])
        probs = model.predict_proba(vectors.transform([examples[i][2] for i in test]))[:, 1]
        for i, p in zip(test, probs):
            scores[i] = float(p)
    return scores


def fitted_weights(examples: list[Example], strength: float) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectors = DictVectorizer()
    model = LogisticRegression(C=strength, max_iter=2000, fit_intercept=False)
    model.fit(vectors.fit_transform([e[2] for e in examples]), [e[3] for e in examples])
    return {name: round(float(w), 4) for name, w in zip(vectors.get_feature_names_out(), model.coef_[0])}


def fit(examples: list[Example], golds: Golds, always: bool) -> tuple[float, float, float, dict[str, float]]:
    """(cross-validated F1, strength, threshold, weights fitted on all)."""
    if len({e[3] for e in examples}) < 2:
        raise InputError("the gold keys give no right and wrong candidates to learn from: annotate more articles")
    best = (-1.0, 1.0, 0.5)
    for strength in STRENGTHS:
        # With a hundred articles one split into folds decides the choice by chance:
        # the F1 of each setting is averaged over several splits.
        runs = [cross_scores(examples, strength, seed=seed) for seed in range(REPEATS)]
        for threshold in THRESHOLDS:
            f1 = sum(article_f1(examples, scores, golds, threshold, always) for scores in runs) / REPEATS
            best = max(best, (round(f1, 4), strength, threshold))
    f1, strength, threshold = best
    return f1, strength, threshold, fitted_weights(examples, strength)


def train(gold_dir: Path, out: Path, log: TextIO) -> dict[str, dict[str, float]]:
    """Fit each model, choosing strength and threshold by cross-validation; write the CSV."""
    examples, golds = read_examples(gold_dir)
    rows: list[tuple[str, str, float]] = []
    result = {}
    for name in MODELS:
        found = examples[name]
        try:
            f1, strength, threshold, weights = fit(found, golds[name], always=name != "alliance")
        except InputError as err:
            raise InputError(f"{gold_dir}: {name} model: {err}") from err
        log.write(f"{name}: {len(found)} candidates ({sum(e[3] for e in found)} right) from {len(golds[name])} "
                  f"articles; cross-validated F1 {f1:.3f} at C={strength}, threshold {threshold}\n")
        result[name] = {"f1": f1, "strength": strength, "threshold": threshold}
        rows += [(name, THRESHOLD, threshold)]
        rows += [(name, feature, w) for feature, w in sorted(weights.items(), key=lambda kv: -abs(kv[1]))]
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["model", "feature", "weight"])
        writer.writerows(rows)
    return result
