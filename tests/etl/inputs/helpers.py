"""Small helpers shared by the input tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from etl import store
from etl.inputs import Article, Columns, Problem, Reader
from tests.helpers import CASES

INPUT_CASES = CASES / "inputs"


def read_all(source: Path | str, **options: object) -> tuple[list[Article], list[Problem]]:
    reader = Reader(**options)  # type: ignore[arg-type]
    articles = list(reader.read(source))
    return articles, reader.problems


def copy_case(name: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(INPUT_CASES / name, folder / name))


def table(folder: Path, name: str) -> pd.DataFrame:
    return store.read_table(folder, name)


def countries_by_article(folder: Path) -> dict[str, list[str]]:
    return table(folder, "countries").groupby("article_id")["iso3"].apply(sorted).to_dict()


__all__ = ["INPUT_CASES", "Columns", "copy_case", "countries_by_article", "read_all", "table"]
