"""Reference data beside the tables: names, map shapes, capitals, bloc members."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import pandas as pd

from etl.knowledge import places
from etl.memberships import Spells, bloc_members, spells_by_country
from etl.paths import DATA_DIR

WORLD = DATA_DIR / "world-110m.json"
POINTS = DATA_DIR / "country_points.csv"


@lru_cache(maxsize=1)
def names() -> dict[str, str]:
    """Code -> display name for every country and bloc the extractor may emit."""
    return {code: place.name for code, place in places().items()}


@lru_cache(maxsize=1)
def bloc_codes() -> frozenset[str]:
    return frozenset(code for code, place in places().items() if place.kind == "bloc")


@lru_cache(maxsize=1)
def numerics() -> dict[str, str]:
    """ISO3 -> zero-padded ISO numeric string, the id used by the map shapes."""
    return {code: p.numeric for code, p in places().items() if p.kind == "country" and p.numeric}


def name_of(code: object) -> str:
    if not isinstance(code, str):
        return ""
    return names().get(code, code)


def label(code: str) -> str:
    """Sidebar and tooltip label; blocs keep their code because "NATO" is what readers search."""
    name = name_of(code)
    return f"{name} ({code})" if code in bloc_codes() and name != code else name


# Bloc codes that are not how people write the bloc: charts show these words
# instead. The others (NATO, EU, G7, ASEAN, ...) are the names readers know.
SPOKEN_BLOCS = {"WEST": "The West", "QUAD": "Quad"}


def short(code: object) -> str:
    """Chart label: a country's name, a bloc's acronym as written (NATO, EU) or its
    short name where the code is no word anyone writes ("The West", not WEST)."""
    if isinstance(code, str) and code in bloc_codes():
        return SPOKEN_BLOCS.get(code, code)
    return name_of(code)


@lru_cache(maxsize=1)
def world() -> dict[str, Any]:
    """The world-atlas TopoJSON (ids are zero-padded ISO numeric strings)."""
    return json.loads(WORLD.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def shaped_numerics() -> frozenset[str]:
    """Numeric ids that have a shape at 110m; anything else is listed beside the map."""
    geoms = world()["objects"]["countries"]["geometries"]
    return frozenset(str(g["id"]) for g in geoms if g.get("id") is not None)


@lru_cache(maxsize=1)
def points() -> pd.DataFrame:
    """Capital coordinates (iso3, lat, lon, place) for drawing alliance lines."""
    if not POINTS.exists():
        return pd.DataFrame({"iso3": pd.Series(dtype="string"), "lat": [], "lon": [], "place": []})
    return pd.read_csv(POINTS, dtype={"iso3": "string", "place": "string"}, keep_default_na=False)


@lru_cache(maxsize=1)
def membership_spells() -> tuple[Spells, frozenset[str]]:
    """Who belonged to which bloc when, and the blocs with a member list (etl.memberships reads the file)."""
    members = bloc_members()
    return spells_by_country(members), frozenset(members["bloc"])
