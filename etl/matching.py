"""Find, resolve, emit: gazetteer matches in text become mentions.

1. find: one Aho-Corasick pass yields every alias occurrence on word boundaries;
2. resolve: longest span first, then earliest, the way spaCy's EntityRuler
   settles overlaps; a deny phrase that wins silences the aliases inside it;
3. judge: weak aliases are checked against their context (context.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from etl.knowledge import Entry, gazetteer


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    entries: tuple[Entry, ...]

    @property
    def surface_length(self) -> int:
        return self.end - self.start


@lru_cache(maxsize=1)
def automaton() -> ahocorasick.Automaton:
    by_alias: dict[str, list[Entry]] = {}
    for entry in gazetteer():
        by_alias.setdefault(entry.alias, []).append(entry)
    machine = ahocorasick.Automaton()
    for alias, entries in by_alias.items():
        machine.add_word(alias, (len(alias), tuple(entries)))
    machine.make_automaton()
    return machine


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def on_boundaries(text: str, start: int, end: int) -> bool:
    """True when the match is not part of a longer word (Perugia is not Peru).

    Only an alias edge that is itself a word character needs a boundary, so
    "US$" still matches in "US$6"."""
    if start > 0 and is_word_char(text[start]) and is_word_char(text[start - 1]):
        return False
    if end < len(text) and is_word_char(text[end]):
        # "U.S." must not be read out of "U.S.A.".
        if is_word_char(text[end - 1]) or text[end - 1] == ".":
            return False
    return True


def find_candidates(text: str) -> list[Candidate]:
    found = []
    for last, (length, entries) in automaton().iter(text):
        start, end = last - length + 1, last + 1
        if on_boundaries(text, start, end):
            found.append(Candidate(start, end, entries))
    return found


def resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the longest candidates, then the earliest, never two that overlap."""
    taken: list[Candidate] = []
    occupied: set[int] = set()
    for cand in sorted(candidates, key=lambda c: (-c.surface_length, c.start)):
        span = range(cand.start, cand.end)
        if occupied.isdisjoint(span):
            taken.append(cand)
            occupied.update(span)
    return sorted((c for c in taken if all(e.kind != "deny" for e in c.entries)), key=lambda c: c.start)
