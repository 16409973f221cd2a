"""Find, resolve, emit: gazetteer matches in text become mentions.

1. find: one Aho-Corasick pass yields every alias occurrence on word boundaries;
2. resolve: longest span first, then earliest, the way spaCy's EntityRuler
   settles overlaps; a deny phrase that wins silences the aliases inside it;
3. judge: weak aliases are checked against their context (context.py).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import ahocorasick

from etl.knowledge import Entry, gazetteer


class Candidate(NamedTuple):
    start: int
    end: int
    entries: tuple[Entry, ...]


@lru_cache(maxsize=1)
def automaton() -> ahocorasick.Automaton:
    """Each alias maps to (length, needs a boundary before, needs one after, entries)."""
    by_alias: dict[str, list[Entry]] = {}
    for entry in gazetteer():
        by_alias.setdefault(entry.alias, []).append(entry)
    machine = ahocorasick.Automaton()
    for alias, entries in by_alias.items():
        machine.add_word(alias, (len(alias), is_word_char(alias[0]), alias[-1], tuple(entries)))
    machine.make_automaton()
    return machine


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def on_boundaries(text: str, start: int, end: int) -> bool:
    """True when the match is not part of a longer word (Perugia is not Peru)."""
    return edges_ok(text, start, end, is_word_char(text[start]), text[end - 1])


def edges_ok(text: str, start: int, end: int, first_is_word: bool, last: str) -> bool:
    """Only an alias edge that is itself a word character needs a boundary, so
    "US$" still matches in "US$6"; "U.S." must not be read out of "U.S.A."."""
    if start > 0 and first_is_word and is_word_char(text[start - 1]):
        return False
    return end == len(text) or not is_word_char(text[end]) or not (last == "." or is_word_char(last))


def find_candidates(text: str) -> list[Candidate]:
    found = []
    size = len(text)
    # edges_ok inlined: this loop runs once per alias occurrence, the hottest path of matching.
    for last_index, (length, first_is_word, last_char, entries) in automaton().iter(text):
        start, end = last_index - length + 1, last_index + 1
        if start > 0 and first_is_word and is_word_char(text[start - 1]):
            continue
        if end < size and is_word_char(text[end]) and (last_char == "." or is_word_char(last_char)):
            continue
        found.append(Candidate(start, end, entries))
    return found


def resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the longest candidates, then the earliest, never two that overlap."""
    ordered = sorted(candidates)
    if all(a.end <= b.start for a, b in zip(ordered, ordered[1:])):
        taken = ordered  # nothing overlaps (the usual case): nothing to settle
    else:
        occupied = bytearray(max(c.end for c in ordered))
        taken = []
        for cand in sorted(ordered, key=lambda c: (c.start - c.end, c.start)):
            if not any(occupied[cand.start : cand.end]):
                occupied[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
                taken.append(cand)
        taken.sort()
    # A deny phrase that won its span silences the aliases inside it, then goes.
    return [c for c in taken if all(e.kind != "deny" for e in c.entries)]
