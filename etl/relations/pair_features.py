"""Alliance candidates of one sentence: every pair of parties it names, each
described by named features (etl.relations.scoring weighs them).

The hand rules of etl.relations.alliances are one feature among many: a pair
they link is a strong candidate, but pairs they miss (lists of members, words
the rules never enumerated) still get a score from the cues around them, the
shape between the two parties and what data/bloc_members.csv says."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from typing import NamedTuple

from etl.relations.clauses import Sentence
from etl.relations.cues import Hit
from etl.relations.parties import groups

# Cue roles that can make a pair by themselves; the others qualify a sentence.
PAIRING = ("trigger", "support", "supply")
# Hits that speak of membership: a membership trigger or a member-list word.
MEMBER_ROLES = ("member_hint",)
# The word before a party says its role: "with X" a partner, "in X" a place, "on X" a target.
PREPOSITIONS = frozenset(("with", "between", "to", "from", "in", "on", "against", "by", "of", "and", "for", "at"))
VETO = ("negation", "halt", "exit", "hedge")
PLACE_WORDS = ("in", "at")
# Who reports the fact, after it: "..., the Gulf Cooperation Council said", "..., Moscow announced on Monday".
# The frame closes the sentence: in "..., Putin said the new treaty would ..." the speaker is a party.
REPORTED = re.compile(r"(?:'s)?\s+(?:\w+\s+)?(?:said|says|announced|stated|reported|confirmed)"
                      r"(?:\s+[\w-]+){0,5}\W*$")
REPORTER = re.compile(r",\s+(?:the\s+)?$")
# More parties than this in one sentence is a list of places, not of partners.
MAX_PARTIES = 12


class Slot(NamedTuple):
    code: str
    kind: str  # country | bloc
    start: int
    end: int
    group: int  # index of its coordinated group; -1 for a bloc the sentence only refers to
    indirect: bool  # a leader, "we" or "both nations": one inference away from the text
    leads: bool  # within the sentence's first three words: the clause's subject
    after: str  # the preposition just before it ("with", "in", "against"...), or ""
    speaks: bool  # a reporting frame after the fact: "..., the Gulf Cooperation Council said"


class PairCandidate(NamedTuple):
    a: str
    b: str
    features: dict[str, float]
    kinds: tuple[str, ...]  # the kinds the pair takes if the model accepts it without a rule
    cue: str


def slots(sentence: Sentence, bloc_ref: bool) -> list[Slot]:
    """The sentence's parties, one slot per code; with bloc_ref the bloc named
    last before stands in where a membership word has no bloc of its own
    ("Brunei joined in 1984, followed by Vietnam")."""
    text = sentence.text
    out: list[Slot] = []
    for index, group in enumerate(groups(list(sentence.parties), text)):
        for party in group:
            leads = words_between(text, 0, party.start) <= 3
            after = preposition_before(text, party.start)
            speaks = bool(REPORTED.match(text, party.end)) and bool(REPORTER.search(text, 0, party.start))
            out += [Slot(c, k, party.start, party.end, index, party.source != "mention", leads, after, speaks)
                    for c, k in zip(party.codes, party.kinds)]
    if bloc_ref and sentence.context_bloc and not any(s.kind == "bloc" for s in out):
        out.append(Slot(sentence.context_bloc, "bloc", -1, -1, -1, True, False, "", False))
    return out


def preposition_before(text: str, start: int) -> str:
    before = text[max(0, start - 12) : start].lower().split()
    word = next((w for w in reversed(before) if w not in ("the", "its", "their", "his", "her")), "")
    return word if word in PREPOSITIONS else ""


def words_between(text: str, start: int, end: int) -> int:
    return len(text[start:end].split()) if end > start else 0


def cue_distance(hits: list[Hit], slot: Slot, text: str) -> int:
    """Words from a party to the closest pairing cue (99 when none, or for an implied bloc)."""
    if slot.start < 0:
        return 99
    return min((words_between(text, slot.end, hit.start) if hit.start >= slot.end
                else words_between(text, hit.end, slot.start) for hit in hits), default=99)


def sentence_features(sentence: Sentence, hits: list[Hit], sanction_sentence: bool) -> dict[str, float]:
    """What the whole sentence says, whichever pair is scored."""
    out: dict[str, float] = {"bias": 1.0}
    for hit in hits:
        out[f"role:{hit.role}"] = 1.0
        if hit.role in PAIRING and hit.label:
            out[f"kind:{hit.label}"] = 1.0
    if sanction_sentence:
        out["sanction_sentence"] = 1.0
    if sentence.field == "title":
        out["title"] = 1.0
    return out


def pair_shape(first: Slot, second: Slot, text: str, pairing: list[Hit]) -> dict[str, float]:
    """Where the two parties stand to each other and to the cues."""
    out: dict[str, float] = {}
    if first.start < 0:
        out["implicit_bloc"] = 1.0
        return out
    gap = text[first.end : second.start].lower()
    if first.leads:
        out["first_leads"] = 1.0  # the clause's subject, the usual holder of a relation
    if first.group == second.group:
        out["same_group"] = 1.0
    gap_words = words_between(text, first.end, second.start)
    out["gap_short" if gap_words <= 3 else "gap_mid" if gap_words <= 10 else "gap_long"] = 1.0
    if first.after:
        out[f"first_after:{first.after}"] = 1.0
    if second.after:
        out[f"second_after:{second.after}"] = 1.0
    padded = f" {gap} "
    for word in ("with", "and", "to", "against", "from", "between", "by", "of"):
        if f" {word} " in padded:
            out[f"gap:{word}"] = 1.0
    if "between" in text[max(0, first.start - 25) : first.start].lower():
        out["between_before"] = 1.0
    if "'s" in text[first.end : first.end + 3]:
        out["possessive_first"] = 1.0
    if any(first.end <= h.start and h.end <= second.start for h in pairing):
        out["cue_between"] = 1.0
    elif any(h.start >= second.end for h in pairing):
        out["cue_after"] = 1.0
    else:
        out["cue_before"] = 1.0
    return out


def pair_features(first: Slot, second: Slot, sentence: Sentence, pairing: list[Hit], member_cue: bool,
                  distance: int, members: AbstractSet[tuple[str, str]], ruled: bool,
                  others_ruled: bool) -> dict[str, float]:
    """`distance`: words from the closer of the two to the closest pairing cue."""
    out = pair_shape(first, second, sentence.text, pairing)
    out["cue_near" if distance <= 5 else "cue_mid" if distance <= 12 else "cue_far"] = 1.0
    kinds = {first.kind, second.kind}
    if kinds == {"bloc", "country"}:
        bloc, country = (first, second) if first.kind == "bloc" else (second, first)
        out["bloc_country"] = 1.0
        if (bloc.code, country.code) in members:
            out["known_member"] = 1.0
        if member_cue:
            out["member_cue&bloc_country"] = 1.0
            if "known_member" in out:
                out["member_cue&known_member"] = 1.0
    elif kinds == {"bloc"}:
        out["both_bloc"] = 1.0
    elif member_cue:
        out["member_cue&two_countries"] = 1.0
    if "WEST" in (first.code, second.code):
        out["west"] = 1.0
    if first.indirect or second.indirect:
        out["indirect"] = 1.0
    if ruled:
        out["rule"] = 1.0
    elif others_ruled:
        out["rule_other"] = 1.0  # the rules read this sentence and linked other parties
    if "same_group" in out and "bloc_country" in out:
        out["same_group&bloc_country"] = 1.0
    return out


def inferred_kinds(first: Slot, second: Slot, hits: list[Hit]) -> tuple[str, ...]:
    """Kinds for a pair no rule linked: membership between a bloc and a country
    where membership is spoken of; else the sentence's cue kinds, a treaty
    taking the sectors beside it and partnership only standing alone."""
    if {first.kind, second.kind} == {"bloc", "country"} and any(
            h.role in MEMBER_ROLES or h.label == "membership" for h in hits):
        return ("membership",)
    kinds = {h.label for h in hits if h.role in ("trigger", "support") and h.label and h.label != "membership"}
    if any(h.role in ("supply", "materiel") for h in hits):
        kinds.add("military")
    if len(kinds) > 1:
        kinds.discard("partnership")
    return tuple(sorted(kinds)) or ("partnership",)


def pair_candidates(sentence: Sentence, hits: list[Hit], sanction_sentence: bool,
                    members: AbstractSet[tuple[str, str]], ruled: AbstractSet[tuple[str, str]]) -> list[PairCandidate]:
    """Every pair of distinct parties in a sentence that speaks of alliances."""
    if not hits and not ruled:
        return []
    # A cue inside a party's name ("Cooperation" in the Gulf Cooperation Council) names the party.
    hits = [h for h in hits if not any(p.start <= h.start and h.end <= p.end for p in sentence.parties)]
    pairing = [h for h in hits if h.role in PAIRING]
    member_hits = [h for h in hits if h.role in MEMBER_ROLES or h.label == "membership"]
    if not pairing and not member_hits:
        return []
    # A negated, halted, hedged or ended relation, or sanctions (co-sanctioners are
    # not allies), or a list of places: only the rules, which read the scope, may link a pair here.
    scoped = sanction_sentence or any(h.role in VETO for h in hits)
    found = [] if scoped else slots(sentence, bool(member_hits))
    if len({s.code for s in found}) > MAX_PARTIES:
        found = []
    found.sort(key=lambda s: s.start)
    common = sentence_features(sentence, hits, sanction_sentence)
    cue = (pairing or member_hits)[0].cue
    distances = [cue_distance(pairing, slot, sentence.text) for slot in found]
    out: dict[tuple[str, str], PairCandidate] = {}
    # A pair a rule linked through a reference ("both nations") or in a long list is still a candidate.
    for key in ruled:
        out[key] = PairCandidate(key[0], key[1], {**common, "rule": 1.0, "rule_only": 1.0}, (), cue)
    for i, first in enumerate(found):
        for j, second in enumerate(found[i + 1:], i + 1):
            if first.code == second.code:
                continue
            key = (min(first.code, second.code), max(first.code, second.code))
            if key in out and "rule_only" not in out[key].features:
                continue
            if not pairing and "bloc" not in (first.kind, second.kind):
                continue  # a member-list word alone pairs only a bloc with a country
            if any(slot.kind == "country" and slot.after in PLACE_WORDS or slot.speaks for slot in (first, second)):
                # "launched the framework in Tokyo": a country after "in" is where, not who;
                # "..., the Gulf Cooperation Council said": who reports it, not who is in it.
                continue
            features = {**common, **pair_features(first, second, sentence, pairing, bool(member_hits),
                                                  min(distances[i], distances[j]), members, key in ruled, bool(ruled))}
            out[key] = PairCandidate(key[0], key[1], features, inferred_kinds(first, second, hits), cue)
    return list(out.values())

