"""Sanction candidates of one sentence, each described by named features
(etl.relations.scoring weighs them): every country named in a sentence that
speaks of restrictive measures may be their target, and every other party,
or the sender of the sentences before, may be its sender.

The hand rules of etl.relations.sanctions are one feature among many, as in
etl.relations.pair_features for alliances."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import NamedTuple

from etl.relations.clauses import Sentence, clause_spans
from etl.relations.cues import Hit
from etl.relations.pair_features import PREPOSITIONS, words_between
from etl.relations.parties import Party

MEASURES = ("measure", "participle")


class TargetCandidate(NamedTuple):
    target: str
    features: dict[str, float]
    actions: tuple[str, ...]  # the actions the sentence's cues name, for a target no rule found
    cue: str


class SenderCandidate(NamedTuple):
    target: str
    sender: str
    features: dict[str, float]


def word_before(text: str, start: int) -> str:
    before = text[max(0, start - 14) : start].lower().replace("'s", " ").split()
    return next((w for w in reversed(before) if w not in ("the", "its", "their", "his", "her")), "")


def position(party: Party, measures: list[Hit], text: str, spans: tuple[tuple[int, int], ...]) -> dict[str, float]:
    """Where a party stands to the nearest measure: before or after, how far,
    and whether it names the measure's owner ("EU sanctions", "Russia's oil")."""
    out: dict[str, float] = {}
    gaps = [(words_between(text, party.end, h.start), "before") if h.start >= party.end
            else (words_between(text, h.end, party.start), "after") for h in measures]
    gap, side = min(gaps)
    out[f"{side}_measure"] = 1.0
    out["measure_adjacent" if gap <= 1 else "measure_near" if gap <= 5 else "measure_far"] = 1.0
    if side == "before" and gap <= 1:
        out["names_measure"] = 1.0
    word = word_before(text, party.start)
    if word in PREPOSITIONS or word in ("over", "onto", "toward", "towards"):
        out[f"after:{word}"] = 1.0
    own = next((span for span in spans if span[0] <= party.start < span[1]), (0, len(text)))
    if words_between(text, own[0], party.start) <= 3:
        out["leads"] = 1.0  # the subject of its clause
    if not any(own[0] <= h.start < own[1] for h in measures):
        out["other_clause"] = 1.0  # "Iran supplied Russia with drones; the EU imposed sanctions on Iran"
    return out


def sentence_roles(sentence: Sentence, hits: list[Hit]) -> dict[str, float]:
    out: dict[str, float] = {"bias": 1.0}
    for hit in hits:
        out[f"role:{hit.role}"] = 1.0
        if hit.role == "action":
            out[f"action:{hit.label}"] = 1.0
    if sentence.field == "title":
        out["title"] = 1.0
    return out


def cue_actions(hits: list[Hit]) -> tuple[str, ...]:
    """A sentence's actions as its cues name them: an action word wins over the
    measure's own default ("new sanctions" imposed, "sanctions" existing)."""
    actions = {h.label for h in hits if h.role in ("action", "call") and h.label}
    return tuple(sorted(actions)) or tuple(sorted({h.label for h in hits if h.role in MEASURES and h.label}))


def target_candidates(sentence: Sentence, hits: list[Hit], ruled: AbstractSet[str],
                      others_ruled: bool) -> list[TargetCandidate]:
    measures = [h for h in hits if h.role in MEASURES]
    if not measures or any(h.role == "veto" for h in hits):
        return []
    text = sentence.text
    spans = clause_spans(text)
    common = sentence_roles(sentence, hits)
    entities = [h for h in hits if h.role == "entity"]
    out: dict[str, TargetCandidate] = {}
    for party in sentence.parties:
        for code, kind in zip(party.codes, party.kinds):
            if kind != "country" or code in out:
                continue
            features = {**common, **position(party, measures, text, spans)}
            if any(h.start >= party.end and words_between(text, party.end, h.start) <= 2 for h in entities):
                features["entity_after"] = 1.0  # "Chinese firms", "Russia's oil", "UAE-based companies"
            if party.source != "mention":
                features["indirect"] = 1.0
            if code in ruled:
                features["rule"] = 1.0
            elif others_ruled:
                features["rule_other"] = 1.0
            out[code] = TargetCandidate(code, features, cue_actions(hits), measures[0].cue)
    for code in ruled - out.keys():  # "the sanctions" referring back to an earlier target
        out[code] = TargetCandidate(code, {**common, "rule": 1.0, "rule_only": 1.0}, cue_actions(hits), measures[0].cue)
    return list(out.values())


def sender_candidates(sentence: Sentence, hits: list[Hit], targets: list[str], earlier: list[str],
                      ruled: AbstractSet[tuple[str, str]]) -> list[SenderCandidate]:
    """Who may impose the measures on each of `targets`: any other party of the
    sentence, or the senders of the sentences before ("The bloc also extended them")."""
    if not targets:
        return []
    measures = [h for h in hits if h.role in MEASURES]
    text = sentence.text
    spans = clause_spans(text)
    common = sentence_roles(sentence, hits)
    placed: dict[str, dict[str, float]] = {}  # a party's features do not depend on the target: built once
    for party in sentence.parties:
        for code, kind in zip(party.codes, party.kinds):
            if code not in placed and not (kind == "country" and "bloc" in party.kinds):
                # (Brussels acting is the EU's institutions, not Belgium)
                placed[code] = {**common, **position(party, measures, text, spans), f"sender_{kind}": 1.0}
    placed.update({code: {**common, "earlier_sender": 1.0} for code in earlier if code not in placed})
    out: list[SenderCandidate] = []
    for target in targets:
        for code, features in placed.items():
            if code != target:
                out.append(SenderCandidate(target, code, {**features, "rule": 1.0} if (target, code) in ruled
                                           else features))
        out += [SenderCandidate(target, code, {**common, "rule": 1.0, "rule_only": 1.0})
                for target_code, code in ruled if target_code == target and code not in placed and code != target]
    return out
