"""What a sanction measure is about: the actions attached to it, what they say happens
to it, and the targets in its object (etl.relations.sanctions settles senders and rows)."""

from __future__ import annotations

import re

from etl.relations.clauses import words
from etl.relations.cues import Hit
from etl.relations.parties import Party
from etl.relations.sanction_shapes import (
    INFINITIVE, LATER_VERB, NOT_MODIFIER, OBJECT_INTRO, PREPOSITION_LAST, REPORTED, SENDER_AFTER, STOP, VERB_WITH,
)


def countries(group: list[Party]) -> list[str]:
    return [c for p in group for c, k in zip(p.codes, p.kinds) if k == "country"]


def all_codes(group: list[Party]) -> list[str]:
    return [c for p in group for c in p.codes]


def attached_actions(measure: Hit, hits: list[Hit], measures: list[Hit], text: str) -> list[Hit]:
    """Action cues that belong to this measure: verbs near it (and nearer it than
    to any other measure); frames ending in a preposition only before it."""
    out = []
    for hit in hits:
        if hit.role not in ("action", "call"):
            continue
        if hit.label in ("evaded", "existing"):
            before = hit.end <= measure.start or hit.start <= measure.start < hit.end
            if PREPOSITION_LAST.search(hit.cue) and not before:
                continue
            limit = 6 if PREPOSITION_LAST.search(hit.cue) else 8
        else:
            limit = 10 if hit.role == "call" else 6
        span = text[min(hit.end, measure.end) : max(hit.start, measure.start)]
        if hit.role == "action" and hit.label not in ("evaded", "existing") and hit.end <= measure.start \
                and NOT_MODIFIER.search(span) and not INFINITIVE.match(span) and not VERB_WITH.match(span):
            continue  # "expanded trade in response to sanctions": the verb governs something else
        if hit.role == "action" and hit.start >= measure.end and LATER_VERB.search(span):
            continue  # "sanctions ... after Cyprus lifts veto", "sanctions Niger and threatens force"
        nearest = min(measures, key=lambda m: abs(m.start - hit.start))
        if words(span) <= limit and nearest == measure:
            out.append(hit)
    return out


def action_labels(measure: Hit, actions: list[Hit], hits: list[Hit], verbal: bool) -> set[str]:
    """What happens to the measure: its attached actions' labels (a call makes it threatened;
    a "prevent" cue in the clause's `hits` rules out evaded), else imposed when it is a verb
    phrase, existing for a participle, or the measure's own label."""
    labels = {h.label for h in actions if h.role == "action"}
    if any(h.role == "call" for h in actions):
        labels = {"existing"} if "lifted" in labels else {"threatened"}
    if "threatened" in labels:
        labels.discard("imposed")
    if measure.label == "lifted" and "imposed" in labels:
        labels = labels - {"imposed"} | {"lifted"}  # relief approved or granted is relief
    if any(h.role == "prevent" for h in hits):  # the clause's hits
        labels.discard("evaded")
    if not labels - {"evaded"}:
        labels.add("imposed" if verbal else ("existing" if measure.role == "participle" else measure.label))
    return labels


def object_targets(measure: Hit, clause: list[list[Party]], hits: list[Hit], text: str, end: int, verbal: bool) -> list[Party]:
    begin = measure.end
    passive = [g for g in clause if g[0].start >= begin and SENDER_AFTER.match(text[begin : g[0].start])]
    if passive:
        begin = passive[0][-1].end  # "embargo imposed by the United States against Cuba"
    intro = OBJECT_INTRO.match(text[begin:end])
    if not intro and not verbal and not re.search(r"\b(?:against|on|for)$", measure.cue):
        return []
    start = begin + (intro.end() if intro else 0)
    later = [h.start for h in hits if h.start >= start and h.role in ("action", "measure", "participle", "call")]
    stop = STOP.search(text, start, end)
    clause_and = re.search(r",\s*and\b", text[start:end])
    if clause_and and "," not in text[start : start + clause_and.start()]:
        later.append(start + clause_and.start())  # ", and Iran supplied ...": a new clause, not a list
    limit = min([end, stop.start() if stop else end, *later])
    return [p for g in clause for p in g if start <= p.start < limit]


def group_after_verb(verbs: list[Hit], clause: list[list[Party]], text: str) -> list[Party] | None:
    """The group right after the first action verb ("hits Russia"), at most "the" between them."""
    if not verbs:
        return None
    return next((g for g in clause if g[0].start >= verbs[0].end and text[verbs[0].end : g[0].start].strip() in ("", "the")),
                None)


def subject_before(clause: list[list[Party]], text: str, start: int, at: int) -> list[Party] | None:
    """The subject of what happens at `at`: the clause's first group, or the first after a
    reporting verb ("a UN panel said North Korea earned ... in violation of sanctions")."""
    said = [m.end() for m in REPORTED.finditer(text, start, at)]
    begin = said[-1] if said else start
    return next((g for g in clause if g[0].start >= begin and g[-1].end <= at), None)
