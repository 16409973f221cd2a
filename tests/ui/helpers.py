"""Tables for the dashboard tests: built from the bundled sample when it exists
(else the three tiny test articles), plus relation rows made up from the
mentions so that the alliance and sanction pages always have something to show
while the relations extractor is being rewritten."""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd

from etl.build import build, write_tables
from etl.paths import SAMPLE_INPUT
from etl.tables import alliances_table, sanctions_table
from ui.theme import ALLIANCE_KINDS, SANCTION_ACTIONS

ROOT = Path(__file__).resolve().parents[2]
TINY_CORPUS = ROOT / "tests" / "cases" / "corpus"
INJECTION = "=HYPERLINK(\"http://example.invalid\")"


def sample_input() -> Path:
    """data/sample/articles.jsonl once it exists, else the tiny test corpus."""
    return SAMPLE_INPUT if SAMPLE_INPUT.exists() else TINY_CORPUS


def made_up_relations(mentions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One alliance and one sanction row per article naming two or more places,
    cycling through every kind and action; every third sanction has no sender."""
    kinds = itertools.cycle(ALLIANCE_KINDS)
    actions = itertools.cycle(SANCTION_ACTIONS)
    allies, sanctions = [], []
    for n, (article_id, rows) in enumerate(mentions.groupby("article_id", sort=True)):
        first = rows.drop_duplicates("code")
        if len(first) < 2:
            continue
        a, b = first.iloc[0], first.iloc[1]
        evidence = INJECTION if n == 0 else str(a["sentence_text"])
        common = {"article_id": article_id, "field": a["field"], "sentence": int(a["sentence"]),
                  "evidence": evidence, "cue": "made up", "rule": "test", "confidence": 0.6 + 0.1 * (n % 4)}
        allies.append({**common, "party_a": a["code"], "party_b": b["code"], "kind": next(kinds)})
        sanctions.append({**common, "target": b["code"], "sender": None if n % 3 == 2 else a["code"],
                          "action": next(actions)})
    return alliances_table(allies), sanctions_table(sanctions)


def build_tables(input_path: Path, out_dir: Path, with_relations: bool = True) -> Path:
    """Build `input_path` into `out_dir`; made-up rows fill a relation table the extractor left empty."""
    tables = build(input_path, out_dir=None, progress=None).tables
    if with_relations:
        allies, sanctions = made_up_relations(tables["mentions"])
        for name, made_up in (("alliances", allies), ("sanctions", sanctions)):
            if tables[name].empty:
                tables[name] = made_up
    write_tables(tables, out_dir)
    return out_dir


MINI_ARTICLES = [
    ("a1", "2024-01-10", "Wire", "Iran and Russia sign treaty", "Iran and Russia signed a treaty.\nThe EU objected."),
    ("a2", "2024-06-05", "Post", "US sanctions Russia", "The United States imposed sanctions on Russia. Georgia watched."),
    ("a3", "2025-02-01", "Wire", "Kosovo talks", "Kosovo and Serbia met in Brussels."),
]
# (article, surface, code, kind, confidence, ambiguous)
MINI_MENTIONS = [
    ("a1", "Iran", "IRN", "country", 0.98, False), ("a1", "Russia", "RUS", "country", 0.95, False),
    ("a1", "EU", "EU", "bloc", 0.9, False), ("a2", "United States", "USA", "country", 0.98, False),
    ("a2", "Russia", "RUS", "country", 0.95, False), ("a2", "Georgia", "GEO", "country", 0.4, True),
    ("a3", "Kosovo", "XKX", "country", 0.98, False), ("a3", "Serbia", "SRB", "country", 0.98, False),
]


def mini_raw() -> dict[str, pd.DataFrame]:
    """Three hand-made articles whose every count is known (see the tests), as a build writes them."""
    from etl.tables import (ALLIANCE_COLUMNS, ARTICLE_COLUMNS, MENTION_COLUMNS, SANCTION_COLUMNS,
                            countries_table)
    from ui.reference import name_of

    texts = {a[0]: a[4] for a in MINI_ARTICLES}
    arts = pd.DataFrame([{"article_id": a, "title": t, "source": s, "url": f"https://example.org/{a}",
                          "published": pd.Timestamp(d), "text": x, "input_file": "mini"}
                         for a, d, s, t, x in MINI_ARTICLES])
    rows = []
    for art, surface, code, kind, conf, doubt in MINI_MENTIONS:
        start = texts[art].index(surface)
        rows.append({"article_id": art, "field": "text", "sentence": 0, "start": start, "end": start + len(surface),
                     "surface": surface, "code": code, "name": name_of(code), "kind": kind, "via": "name",
                     "confidence": conf, "ambiguous": doubt, "reason": "no cue" if doubt else None,
                     "sentence_text": texts[art].split("\n")[0]})
    mentions = pd.DataFrame(rows).astype(MENTION_COLUMNS)
    rel = {"field": "text", "sentence": 0, "cue": "cue", "rule": "test"}
    allies = pd.DataFrame([
        {**rel, "article_id": "a1", "party_a": "IRN", "party_b": "RUS", "kind": "treaty", "evidence": "Iran and "
         "Russia signed a treaty.", "confidence": 0.8},
        {**rel, "article_id": "a1", "party_a": "RUS", "party_b": "IRN", "kind": "economic", "evidence": "-1 trade",
         "confidence": 0.6},
        {**rel, "article_id": "a3", "party_a": "SRB", "party_b": "XKX", "kind": "partnership", "evidence": "met",
         "confidence": 0.5},
    ])
    sanctions = pd.DataFrame([
        {**rel, "article_id": "a2", "target": "RUS", "sender": "USA", "action": "imposed", "evidence": "imposed",
         "confidence": 0.9},
        {**rel, "article_id": "a1", "target": "IRN", "sender": "EU", "action": "threatened", "evidence": "objected",
         "confidence": 0.5},
        {**rel, "article_id": "a3", "target": "SRB", "sender": None, "action": "existing", "evidence": "met",
         "confidence": 0.7},
    ])
    accepted = mentions[~mentions["ambiguous"]].reset_index(drop=True)
    return {
        "articles": arts.astype(ARTICLE_COLUMNS), "mentions": accepted,
        "ambiguous": mentions[mentions["ambiguous"]].reset_index(drop=True),
        "countries": countries_table(accepted.to_dict("records")), "alliances": allies.astype(ALLIANCE_COLUMNS),
        "sanctions": sanctions.astype(SANCTION_COLUMNS),
    }


def mini_tables() -> dict[str, pd.DataFrame]:
    """The hand-made tables as the dashboard holds them in memory (ui.tables)."""
    from ui.tables import lean

    return lean(dict(mini_raw()))
