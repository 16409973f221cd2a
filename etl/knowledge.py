"""Load and validate the gazetteer in data/*.csv (plus pycountry's names)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

from etl.paths import DATA_DIR

VIAS = ("name", "alias", "demonym", "capital", "metonym")
TIERS = ("strong", "weak")
SCOPES = ("sentence", "next_word", "prev_words")
EFFECTS = ("for", "against")
CURLY_APOSTROPHE = "\u2019"


class KnowledgeError(ValueError):
    """A data file has a row the loader cannot accept."""


@dataclass(frozen=True)
class Entry:
    """One surface form and what it refers to; an empty code means "deny"."""

    alias: str
    code: str
    kind: str
    via: str
    tier: str


@dataclass(frozen=True)
class Cue:
    alias: str
    cue: str
    scope: str
    effect: str


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    kind: str
    numeric: str
    alpha_2: str


def read_rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV with their line numbers; missing columns fail loudly."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise KnowledgeError(f"{path.name}: missing column(s) {', '.join(missing)}")
        return [(reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}) for row in reader]


@lru_cache(maxsize=4)
def places(data_dir: Path = DATA_DIR) -> dict[str, Place]:
    """Every code the extractor may emit: ISO countries, extra codes and blocs.

    Names are pycountry's common or short name unless display_names.csv gives
    the one English news uses ("Russia", not "Russian Federation")."""
    shown = {row["iso3"]: row["name"] for _, row in read_rows(data_dir / "display_names.csv", ("iso3", "name"))}
    out = {
        c.alpha_3: Place(c.alpha_3, shown.get(c.alpha_3) or getattr(c, "common_name", None) or c.name,
                         "country", c.numeric, c.alpha_2)
        for c in pycountry.countries
    }
    for _, row in read_rows(data_dir / "extra_countries.csv", ("alpha_3", "alpha_2", "name", "numeric")):
        out[row["alpha_3"]] = Place(row["alpha_3"], row["name"], "country", row["numeric"], row["alpha_2"])
    for _, row in read_rows(data_dir / "blocs.csv", ("code", "name")):
        out[row["code"]] = Place(row["code"], row["name"], "bloc", "", "")
    return out


def pycountry_entries() -> list[Entry]:
    entries = []
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                entries.append(Entry(value, c.alpha_3, "country", "name", "strong"))
    return entries


def csv_entries(path: Path, known: dict[str, Place]) -> list[Entry]:
    entries = []
    for line, row in read_rows(path, ("code", "alias", "via", "tier")):
        where = f"{path.name}:{line}"
        if not row["alias"]:
            raise KnowledgeError(f"{where}: empty alias")
        if row["code"] not in known:
            raise KnowledgeError(f"{where}: unknown code {row['code']!r}")
        if row["via"] not in VIAS:
            raise KnowledgeError(f"{where}: via must be one of {VIAS}, not {row['via']!r}")
        if row["tier"] not in TIERS:
            raise KnowledgeError(f"{where}: tier must be one of {TIERS}, not {row['tier']!r}")
        entries.append(Entry(row["alias"], row["code"], known[row["code"]].kind, row["via"], row["tier"]))
    return entries


def deny_entries(path: Path) -> list[Entry]:
    out = []
    for line, row in read_rows(path, ("phrase",)):
        if not row["phrase"]:
            raise KnowledgeError(f"{path.name}:{line}: empty phrase")
        out.append(Entry(row["phrase"], "", "deny", "", "strong"))
    return out


def with_variants(entries: list[Entry]) -> list[Entry]:
    """Add the curly-apostrophe spelling and, for strong forms, the all-caps
    spelling used in datelines ("BEIRUT —")."""
    out = list(entries)
    for e in entries:
        if "'" in e.alias:
            out.append(Entry(e.alias.replace("'", CURLY_APOSTROPHE), e.code, e.kind, e.via, e.tier))
        if e.tier == "strong" and len(e.alias) >= 4 and e.alias.upper() != e.alias and e.kind != "deny":
            out.append(Entry(e.alias.upper(), e.code, e.kind, e.via, e.tier))
    return out


@lru_cache(maxsize=4)
def gazetteer(data_dir: Path = DATA_DIR) -> tuple[Entry, ...]:
    """All entries, CSV rows overriding pycountry rows with the same text.

    An alias may map to several codes only when the CSV says so (Brussels is
    Belgium's capital and the EU's metonym)."""
    known = places(data_dir)
    curated = csv_entries(data_dir / "aliases.csv", known) + csv_entries(data_dir / "bloc_aliases.csv", known)
    curated_text = {e.alias for e in curated}
    denied = deny_entries(data_dir / "deny.csv")
    clash = curated_text & {d.alias for d in denied}
    if clash:
        raise KnowledgeError(f"deny.csv: phrases also listed as aliases: {sorted(clash)}")
    base = [e for e in pycountry_entries() if e.alias not in curated_text]
    unique = dict.fromkeys(with_variants(base + curated + denied))
    return tuple(unique)


@lru_cache(maxsize=4)
def context_cues(data_dir: Path = DATA_DIR) -> dict[str, tuple[Cue, ...]]:
    path = data_dir / "context_cues.csv"
    cues: dict[str, list[Cue]] = {}
    for line, row in read_rows(path, ("alias", "cue", "scope", "effect")):
        if row["scope"] not in SCOPES or row["effect"] not in EFFECTS:
            raise KnowledgeError(f"{path.name}:{line}: scope must be in {SCOPES} and effect in {EFFECTS}")
        cues.setdefault(row["alias"], []).append(Cue(row["alias"], row["cue"], row["scope"], row["effect"]))
    return {k: tuple(v) for k, v in cues.items()}
