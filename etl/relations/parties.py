"""Parties and their coordinated groups, as the relation rules see them.

A party is a country or bloc mention, a leader standing for their country
(only where the article names that country), or a reference resolved by
etl.relations.clauses. Adjacent parties joined only by "and", commas or a
hyphen form a group ("Russia and Iran", "Iran, China, and North Korea",
"US-Philippines"): groups are the unit the rules pair up."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from etl.relations.cues import Leader

# Two parties with nothing but these between them are coordinated.
CONNECTOR = re.compile(
    r"^(?:'s)?\)?\s*(?:(?:nations|countries|states)\b\s*)?(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s+|as well as\s+|[-/–]\s*)(?:(?:the|his|her|its|their)\s+)?$"
)


# A title between a demonym and a leader's name does not separate them
# ("Russian President Vladimir Putin", "Russia's Vladimir Putin", "his Iranian counterpart, Masoud Pezeshkian").
TITLE_GAP = re.compile(r"^(?:'s)?[\s,(]*(?:(?:[A-Z][\w.'-]*|of|the|counterpart|leader|dictator|president|minister)[\s,]+){0,5}$")


# "and" or "or" as a word, or a hyphen, slash or ampersand: what makes a run of parties a list.
JOINER = re.compile(r"\b(?:and|or)\b|[-/–&]")


class Party(NamedTuple):
    codes: tuple[str, ...]
    start: int
    end: int
    source: str  # mention | leader | collective | speaker
    kinds: tuple[str, ...]  # "country" or "bloc", one per code


@lru_cache(maxsize=None)
def name_pattern(name: str) -> re.Pattern[str]:
    """A leader's name as a whole word, compiled once. The edge test sits after
    the first letter so that the regex engine skips ahead to that letter instead
    of trying every position of the text (as in etl.relations.cues.cue_pattern)."""
    return re.compile(rf"{re.escape(name[0])}(?<![\w-].){re.escape(name[1:])}(?![\w-])")


def leader_parties(body: str, spans: tuple[tuple[int, int], ...], leaders: tuple[Leader, ...],
                   named: set[str]) -> list[list[Party]]:
    """Each sentence's leaders (offsets into the sentence), from one search of the
    whole field per leader rather than one per sentence. Leaders stand for their
    country only where the article names it, so a stray surname cannot bring a
    country of its own; a longer name hides a shorter one inside it."""
    found = [(m.start(), m.end(), leader.code) for leader in leaders if leader.code in named
             for m in name_pattern(leader.alias).finditer(body)]
    starts = [start for start, _ in spans]
    per_sentence: list[list[Party]] = [[] for _ in spans]
    for start, end, code in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
        index = bisect_right(starts, start) - 1
        if index < 0 or end > spans[index][1]:
            continue
        kept = per_sentence[index]
        offset = spans[index][0]
        if not kept or start - offset >= kept[-1].end:
            kept.append(Party((code,), start - offset, end - offset, "leader", ("country",)))
    return per_sentence


# Keyed by the list's identity, like etl.relations.hits.ANCHOR_INDEXES: hashing every leader per article is slow.
LEADER_INDEXES: dict[int, tuple[tuple[Leader, ...], dict[str, list[tuple[int, Leader]]]]] = {}


def leaders_named(leaders: tuple[Leader, ...], named: set[str], text: str) -> tuple[Leader, ...]:
    """The leaders of the countries named whose name the text contains, in
    the list's order: looked up by country, not by scanning every leader."""
    known = LEADER_INDEXES.get(id(leaders))
    if known is None or known[0] is not leaders:
        index: dict[str, list[tuple[int, Leader]]] = {}
        for position, leader in enumerate(leaders):
            index.setdefault(leader.code, []).append((position, leader))
        known = LEADER_INDEXES[id(leaders)] = (leaders, index)
    found = [pair for code in named for pair in known[1].get(code, ()) if pair[1].alias in text]
    return tuple(leader for _, leader in sorted(found, key=lambda pair: pair[0]))


def merge_titles(parties: list[Party], text: str) -> list[Party]:
    merged: list[Party] = []
    for party in sorted(parties, key=lambda p: (p.start, p.end)):
        prev = merged[-1] if merged else None
        if prev and (prev.start, prev.end) == (party.start, party.end):
            # One surface, several codes (Brussels is Belgium's capital and the EU).
            merged[-1] = Party(prev.codes + party.codes, prev.start, prev.end, prev.source, prev.kinds + party.kinds)
        elif prev and prev.codes == party.codes and TITLE_GAP.match(text[prev.end : party.start]):
            merged[-1] = Party(prev.codes, prev.start, max(prev.end, party.end), prev.source, prev.kinds)
        elif prev and party.start < prev.end:
            continue
        else:
            merged.append(party)
    return merged


def groups(parties: list[Party], text: str) -> list[list[Party]]:
    """Runs of coordinated parties, in order. Commas alone make no list
    ("sent troops to Russia, the Pentagon said"): a run needs "and", "or" or a
    hyphen, except a headline's opening "UK, Ukraine sign ..." (bare commas)."""
    runs: list[tuple[list[Party], list[str]]] = []
    for party in parties:
        gap = text[runs[-1][0][-1].end : party.start] if runs else ""
        if runs and CONNECTOR.match(gap):
            runs[-1][0].append(party)
            runs[-1][1].append(gap)
        else:
            runs.append(([party], []))
    out: list[list[Party]] = []
    for run, gaps in runs:
        joined = any(JOINER.search(g) for g in gaps) or (
            bool(gaps) and run[0].start == 0 and all(g.strip() == "," for g in gaps))
        out.extend([run] if joined else [[p] for p in run])
    return out


# "a China-brokered deal", "a Qatar-mediated truce", "the UN-recognised government": the broker
# or sponsor is no party to what it brokers, backs or recognises.
BROKER = re.compile(r"^-(?:brokered|mediated|backed|sponsored|recogni[sz]ed)\b")


def brokered(text: str, end: int) -> bool:
    return bool(BROKER.match(text[end : end + 12]))


def seats(parties: tuple[Party, ...]) -> set[str]:
    """Countries named by a surface that also stands for a bloc ("Brussels" as the EU):
    acting, it is the bloc's institutions, not the host country."""
    return {c for p in parties if "bloc" in p.kinds for c, k in zip(p.codes, p.kinds) if k == "country"}
