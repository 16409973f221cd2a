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
from pathlib import Path
from typing import Any, TextIO

from etl.mentions import article_mentions
from etl.relations import sentence_parts
from etl.relations.scoring import THRESHOLD

Example = tuple[str, tuple[str, str], dict[str, float], bool]  # article, pair, features, label
THRESHOLDS = [round(0.05 * i, 2) for i in range(2, 19)]
STRENGTHS = (0.1, 0.3, 1.0, 3.0)


def article_examples(doc: dict[str, Any]) -> tuple[list[Example], set[tuple[str, str]]]:
    """The article's alliance candidates, labelled, and its gold pairs."""
    gold = {tuple(sorted(a["members"])) for a in doc["gold"].get("alliances", [])}
    title, text = doc.get("title") or "", doc.get("text") or ""
    mentions = [m for m in article_mentions(doc["id"], title, text) if not m["ambiguous"]]
    examples = [(doc["id"], (c.a, c.b), c.features, (c.a, c.b) in gold)
                for part in sentence_parts(title, text, mentions) for c in part.pairs]
    return examples, {(a, b) for a, b in gold}


def read_examples(gold_dir: Path) -> tuple[list[Example], dict[str, set[tuple[str, str]]]]:
    examples: list[Example] = []
    golds: dict[str, set[tuple[str, str]]] = {}
    for path in sorted(gold_dir.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        found, golds[doc["id"]] = article_examples(doc)
        examples += found
    return examples, golds


def article_f1(examples: list[Example], scores: list[float], golds: dict[str, set[tuple[str, str]]],
               threshold: float) -> float:
    """Article-level pair F1, as the reference scorer counts it."""
    kept = {(e[0], e[1]) for e, s in zip(examples, scores) if s >= threshold}
    gold = {(aid, pair) for aid, pairs in golds.items() for pair in pairs}
    tp = len(kept & gold)
    return 2 * tp / (len(kept) + len(gold)) if kept or gold else 0.0


def cross_scores(examples: list[Example], strength: float, folds: int = 10) -> list[float]:
    """Each candidate scored by a model fitted without its article."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    articles = sorted({e[0] for e in examples})
    fold_of = {aid: i % folds for i, aid in enumerate(articles)}
    scores = [0.0] * len(examples)
    for fold in range(folds):
        train = [e for e in examples if fold_of[e[0]] != fold]
        test = [i for i, e in enumerate(examples) if fold_of[e[0]] == fold]
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


def train(gold_dir: Path, out: Path, log: TextIO) -> dict[str, float]:
    """Choose strength and threshold by cross-validation, fit on all, write the CSV."""
    examples, golds = read_examples(gold_dir)
    log.write(f"{len(examples)} candidates ({sum(e[3] for e in examples)} right) from {len(golds)} articles\n")
    best = (-1.0, 1.0, 0.5)
    for strength in STRENGTHS:
        scores = cross_scores(examples, strength)
        for threshold in THRESHOLDS:
            f1 = article_f1(examples, scores, golds, threshold)
            best = max(best, (f1, strength, threshold))
    f1, strength, threshold = best
    log.write(f"cross-validated pair F1 {f1:.3f} at C={strength}, threshold {threshold}\n")
    weights = fitted_weights(examples, strength)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["model", "feature", "weight"])
        writer.writerow(["alliance", THRESHOLD, threshold])
        for name, weight in sorted(weights.items(), key=lambda kv: -abs(kv[1])):
            writer.writerow(["alliance", name, weight])
    return {"f1": f1, "strength": strength, "threshold": threshold}
