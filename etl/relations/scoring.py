"""Weights that turn a candidate's named features into a score, kept as data
(data/relation_weights.csv, written by `python -m etl train`).

A logistic model: score = 1 / (1 + exp(-sum of the weights of its features)).
A candidate is kept when its score reaches its model's threshold, and the
score is the row's confidence."""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from etl.knowledge import KnowledgeError, read_rows
from etl.paths import DATA_DIR

THRESHOLD = "@threshold"


class Model(NamedTuple):
    weights: dict[str, float]
    threshold: float


def score(model: Model, features: dict[str, float]) -> float:
    weights = model.weights
    total = sum([weights.get(name, 0.0) * value for name, value in features.items()])
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))


@lru_cache(maxsize=4)
def models(data_dir: Path = DATA_DIR) -> dict[str, Model]:
    """model name -> Model; every model needs a threshold row."""
    path = data_dir / "relation_weights.csv"
    weights: dict[str, dict[str, float]] = {}
    for line, row in read_rows(path, ("model", "feature", "weight")):
        try:
            value = float(row["weight"])
        except ValueError as err:
            raise KnowledgeError(f"{path.name}:{line}: weight {row['weight']!r} is not a number") from err
        weights.setdefault(row["model"], {})[row["feature"]] = value
    out = {}
    for name, table in weights.items():
        if THRESHOLD not in table:
            raise KnowledgeError(f"{path.name}: model {name!r} has no {THRESHOLD} row")
        threshold = table.pop(THRESHOLD)
        out[name] = Model(table, threshold)
    return out
