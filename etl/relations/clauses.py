"""Sentences as the relation rules see them: their parties, references and clauses.

Besides the parties of etl.relations.parties, a sentence's parties include
collective references ("both nations", "each other"), "we/our" and bloc
references ("the bloc", "the alliance"), resolved to the parties named just before."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from etl.relations.cues import Leader, bloc_references
from etl.relations.parties import Party, brokered, groups, leader_parties, leaders_named, merge_titles
from etl.text import sentence_spans

# Clause edges: punctuation that opens an aside, and words that start a new clause.
CLAUSE_EDGE = re.compile(
    r"\s*[;:\[\]—–]\s*|\s+-\s+|,\s+(?=(?:while|but|whereas|although|though|which|who|where|when|after|before|"
    r"because|since|as(?!\s+well)|so)\b)|\s+(?=(?:that|while|whereas|although|because|but|which|who)\s)"
)
COLLECTIVE = re.compile(
    r"\b(?:(?:both|the two|two of the(?:\s+[\w'-]+){1,4}?)(?:\s+[\w-]+){0,2}?\s+"
    r"(?:nations|countries|states|sides|leaders|governments|allies|neighbou?rs|partners)|each other(?:'s)?"
    r"|their countries|the pair)\b",
    re.IGNORECASE,
)
# One of these is in every COLLECTIVE match: a cheap test before the regex.
COLLECTIVE_WORDS = ("both", "two", "each other", "their countries", "the pair")
# A leader's administration or government: only then a leader alone names the country.
GOVERNMENT = re.compile(r"\b(?:administration|government)\b")
FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur)\b")


@lru_cache(maxsize=4)
def reference_pattern(nouns: tuple[str, ...]) -> re.Pattern[str]:
    """ "the bloc", "the 27-nation bloc", "the alliance's"; not "the alliance
    between Iran and Russia" or "the union of ...", which name their own parties."""
    return re.compile(r"\b[Tt]he (?:[\w]+-(?:nation|member|country|state)\s+)?(" + "|".join(nouns)
                      + r")\b(?!\s+(?:between|with|of)\b)")


def referred_blocs(parties: list[Party], text: str, before: str | None) -> list[Party]:
    """A definite noun of data/bloc_references.csv as a party: the last bloc named
    before it, in this sentence or an earlier one, when the noun may stand for it."""
    references = bloc_references()
    lowered = text.lower()
    if not any(noun in lowered for noun in references):
        return []
    out = []
    for m in reference_pattern(tuple(references)).finditer(text):
        if any(p.start < m.end() and m.start() < p.end for p in parties):
            continue
        named = [c for p in parties if p.end <= m.start() for c, k in zip(p.codes, p.kinds) if k == "bloc" and c != "WEST"]
        bloc = named[-1] if named else before
        allowed = references[m.group(1).lower()]
        if bloc is not None and (allowed is None or bloc in allowed):
            out.append(Party((bloc,), m.start(), m.end(), "reference", ("bloc",)))
    return out


@dataclass(frozen=True)
class Sentence:  # not a named tuple: its `index` would hide tuple.index
    field: str
    index: int
    text: str  # normalised for matching
    raw: str  # as written, for evidence
    parties: tuple[Party, ...]
    context_bloc: str | None  # the last formal bloc named before, for "the alliance"


def words(text: str) -> int:
    return len(text.split())


def normalise(text: str) -> str:
    """Curly apostrophes as straight ones: same length, so offsets still hold."""
    return text.replace("\u2019", "'")


def antecedent(history: list[list[Party]]) -> tuple[str, ...]:
    """What "both nations" points at: the last pair of countries named together,
    else the last two countries named."""
    for group in reversed(history):
        pair = tuple(dict.fromkeys(c for p in group for c, k in zip(p.codes, p.kinds) if k == "country"))
        if len(pair) == 2:
            return pair
    seen: list[str] = []
    for group in reversed(history):
        for party in reversed(group):
            seen += [c for c, k in zip(party.codes, party.kinds) if k == "country" and c not in seen]
    return tuple(reversed(seen[:2]))


class History:
    """The coordinated groups of an article's sentences so far, grouped only
    when a sentence asks for them ("both nations" is rare; grouping every
    sentence was a tenth of the relation rules' time)."""

    def __init__(self) -> None:
        self.settled: list[list[Party]] = []
        self.pending: list[tuple[list[Party], str]] = []

    def add(self, parties: list[Party], text: str) -> None:
        self.pending.append((parties, text))

    def groups(self) -> list[list[Party]]:
        for parties, text in self.pending:
            self.settled += groups(parties, text)
        self.pending.clear()
        return self.settled


def with_references(parties: list[Party], text: str, history: History, speaker: Party | None) -> list[Party]:
    """Add collective and first-person parties, resolved against what came
    before; "we" is the sentence's first country, else the previous sentence's."""
    out = list(parties)
    lowered = text.lower()
    collective = any(word in lowered for word in COLLECTIVE_WORDS)
    for m in COLLECTIVE.finditer(text) if collective else ():
        codes = antecedent(history.groups() + groups([p for p in out if p.end <= m.start()], text))
        if len(codes) == 2:
            out.append(Party(codes, m.start(), m.end(), "collective", ("country", "country")))
    for m in FIRST_PERSON.finditer(text) if "we" in lowered or "our" in lowered else ():
        own = [p for p in parties if p.end <= m.start() and "country" in p.kinds]
        voice = own[0] if own else speaker
        if voice is not None:
            out.append(Party(voice.codes[:1], m.start(), m.end(), "speaker", voice.kinds[:1]))
    return sorted(out, key=lambda p: p.start)


@lru_cache(maxsize=64)
def clause_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Clause edges of a sentence (cached: both rule sets ask for them)."""
    spans, start = [], 0
    for m in CLAUSE_EDGE.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return tuple((s, e) for s, e in spans if e > s)


def sentence_texts(title: str, text: str) -> list[str]:
    """The texts of article_sentences(...), without their parties."""
    return [normalise(body[start:end]) for body in (title, text) for start, end in sentence_spans(body)]


def article_sentences(title: str, text: str, mentions: list[dict[str, Any]],
                      leaders: tuple[Leader, ...]) -> list[Sentence]:
    """Every sentence of title and text with its parties, history carried
    across sentences so that "both nations" finds its antecedents."""
    plain = normalise(title) + "\n" + normalise(text)
    # Only leaders of countries the article names, and whose name it contains at all;
    # "the Biden administration" or "the Orban government" names its country by itself.
    named = {m["code"] for m in mentions}
    if GOVERNMENT.search(plain):
        named |= {leader.code for leader in leaders
                  if any(f"{leader.alias} {word}" in plain for word in ("administration", "government"))}
    leaders = leaders_named(leaders, named, plain)
    # Grouped once: scanning every mention per sentence made long articles quadratic.
    by_sentence: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for m in mentions:
        by_sentence.setdefault((m["field"], m["sentence"]), []).append(m)
    out: list[Sentence] = []
    make = tuple.__new__  # Party(...) without the named tuple's Python-level __new__: 0.3 µs, not 0.8, per party
    for field, body in (("title", title), ("text", text)):
        history = History()
        speaker: Party | None = None
        bloc: str | None = None
        spans = sentence_spans(body)
        leaders_of = leader_parties(normalise(body), spans, leaders, named) if leaders else None
        for index, (s_start, s_end) in enumerate(spans):
            raw = body[s_start:s_end]
            sentence = normalise(raw)
            parties = [
                make(Party, ((m["code"],), m["start"] - s_start, m["end"] - s_start, "mention", (m["kind"],)))
                for m in by_sentence.get((field, index), ()) if not brokered(sentence, m["end"] - s_start)
            ]
            if leaders_of:
                parties += leaders_of[index]
            parties = merge_titles(parties, sentence)
            named_here = [p for p in parties if p.source in ("mention", "leader")]
            parties = with_references(parties, sentence, history, speaker)
            referred = referred_blocs(parties, sentence, bloc)
            if referred:
                parties = sorted(parties + referred, key=lambda p: p.start)
            out.append(Sentence(field, index, sentence, raw, tuple(parties), bloc))
            history.add([p for p in parties if p.source != "speaker"], sentence)
            countries = [p for p in named_here if "country" in p.kinds]
            speaker = countries[0] if countries else speaker
            blocs = [c for p in named_here for c, k in zip(p.codes, p.kinds) if k == "bloc" and c != "WEST"]
            bloc = blocs[-1] if blocs else bloc
    return out
