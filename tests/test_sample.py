"""The bundled sample shows what the tool can do (issue 5's coverage numbers),
checked on tables freshly built from data/sample/articles.jsonl."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

from etl.build import build
from etl.paths import DATA_DIR, SAMPLE_INPUT

ALLIANCE_KINDS = {"treaty", "membership", "military", "economic", "partnership"}
SANCTION_ACTIONS = {"imposed", "threatened", "lifted", "evaded", "existing"}
INHABITED = {"Africa", "Asia", "Europe", "North America", "South America", "Oceania"}


@pytest.fixture(scope="module")
def records() -> list[dict[str, object]]:
    return [json.loads(line) for line in SAMPLE_INPUT.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return build(SAMPLE_INPUT, None, progress=None).tables


def test_at_least_150_well_formed_briefs(records: list[dict[str, object]]) -> None:
    assert len(records) >= 150
    for r in records:
        assert set(r) == {"id", "title", "published", "source", "url", "text", "reference"}, r["id"]
        assert r["source"] == "Sample brief" and r["url"] is None and r["reference"], r["id"]
        assert 80 <= len(str(r["text"]).split()) <= 250, r["id"]


def test_at_least_80_countries_on_the_map_from_every_inhabited_continent(tables: dict[str, pd.DataFrame]) -> None:
    countries = tables["countries"]
    assert countries.loc[countries["numeric"].notna(), "iso3"].nunique() >= 80
    with (DATA_DIR / "continents.csv").open(encoding="utf-8", newline="") as handle:
        continent = {row["iso3"]: row["continent"] for row in csv.DictReader(handle)}
    assert INHABITED <= {continent[c] for c in countries["iso3"].unique()}


def test_at_least_12_blocs(tables: dict[str, pd.DataFrame]) -> None:
    mentions = tables["mentions"]
    assert mentions.loc[mentions["kind"] == "bloc", "code"].nunique() >= 12


def test_every_alliance_kind_and_sanction_action(tables: dict[str, pd.DataFrame]) -> None:
    assert set(tables["alliances"]["kind"]) == ALLIANCE_KINDS
    assert set(tables["sanctions"]["action"]) == SANCTION_ACTIONS


def test_senders_include_countries_the_eu_the_un_the_g7_and_the_west(tables: dict[str, pd.DataFrame]) -> None:
    senders = set(tables["sanctions"]["sender"].dropna())
    assert {"EU", "UN", "G7", "WEST"} <= senders
    assert len(senders & {"USA", "GBR", "CAN", "JPN", "AUS", "CHE"}) >= 3


def test_at_least_10_events_a_year_from_2018(tables: dict[str, pd.DataFrame]) -> None:
    per_year = tables["articles"]["published"].dt.year.value_counts()
    for year in range(2018, 2026):
        assert per_year.get(year, 0) >= 10, year
    assert per_year.index.min() <= 2014

