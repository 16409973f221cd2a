"""Sanction rows of one sentence: for each restrictive-measure cue, who is hit,
who imposes it and what happens to it.

Targets, first rule that gives one (rule names are stable):
- verb:      "UK sanctions 30 ships from Russia's fleet", "the US sanctioned Russian firms";
- object:    "sanctions on / against / targeting / hit X", "the entry of Japanese officials";
- entity:    "Russian oil price cap", "UAE-based firms sanctions" (a country's entities);
- passive:   "Russian banks were sanctioned by the EU";
- frame:     "isolated by sanctions", "in response to Western sanctions" (the subject);
- inherited: "the embargo" with no country nearby continues the article's last target.
Senders: the party governing the measure ("Western sanctions", "the EU's package"),
the subject of its verb, or "by / from / agreed with X"; none after a call
("the EU urged Serbia to impose sanctions" names no sender)."""

from __future__ import annotations

import re
from typing import NamedTuple

from etl.relations.clauses import Sentence, clause_spans, words
from etl.relations.cues import Hit
from etl.relations.parties import groups, seats
from etl.relations.sanction_shapes import (
    ADDED_TO, ADJUNCT, APPOSITIVE, AUXILIARY, BARE_BANS, DECIDES_TO, DEFINITE, DIRECT_OBJECT, EXPORTED_TO, HIT_WITH,
    CONDITION, FUTURE, IMPORTED_FROM, IN_FORCE, WILL_UNLESS,
    ITS_OBJECT, JOINED_IN, LOCATIVE, NOT_MODIFIER, PARTICIPIAL, PASSIVE_AGENT, PASSIVE_AUXILIARY, RELATIVE, SAYS_IT,
    SENDER_AFTER, VERB_BEFORE, WHEN, coordinated, is_modifier,
)
from etl.relations.sanction_targets import (
    action_labels, all_codes, attached_actions, countries, group_after_verb, object_targets, subject_before,
)

BASE_CONFIDENCE = {"verb": 0.85, "object": 0.8, "entity": 0.75, "passive": 0.75, "frame": 0.65, "inherited": 0.5}


class Record(NamedTuple):
    target: str
    sender: str | None
    action: str
    cue: str
    rule: str
    confidence: float


def measure_records(measure: Hit, sentence: Sentence, hits: list[Hit], measures: list[Hit], span: tuple[int, int],
                    last: tuple[list[str], list[str]]) -> list[Record]:
    text, (start, end) = sentence.text, span
    if measure.cue in BARE_BANS and any(m != measure and m.start < measure.end and measure.start < m.end for m in measures):
        return []  # "travel bans on": the longer measure speaks
    clause = groups([p for p in sentence.parties if start <= p.start < end], text)
    if RELATIVE.match(text[start:end]):
        antecedents = groups([p for p in sentence.parties if p.end <= start], text)
        clause = antecedents[-1:] + clause
    before = [g for g in clause if g[-1].end <= measure.start]
    after = [g for g in clause if g[0].start >= measure.end]
    actions = attached_actions(measure, hits, measures, text)
    gap_before = text[before[-1][-1].end : measure.start] if before else ""
    lead = text[start : measure.start]
    infinitive = measure.cue == "sanction" and bool(VERB_BEFORE.search(lead)) and not lead.endswith("in ")
    verb = infinitive or (
        measure.cue in ("sanctions", "sanction") and bool(before) and not gap_before.strip() and bool(
            re.match(r"^\s+(?:\d|[A-Z])", text[measure.end :])
            or (after and not text[measure.end : after[0][0].start].strip())))
    hyphenated = bool(before) and gap_before == "-"
    # Measures that are verb phrases ("froze the assets", "restricted exports") are verbal.
    verbal = verb or (measure.role == "measure" and (measure.label == "imposed" and " " in measure.cue
                                                     or measure.cue in ("unfroze", "unfrozen"))) or (
        measure.role == "participle" and not hyphenated and bool(
        AUXILIARY.search(lead) or (before and words(gap_before) <= 1) or lead.endswith(" in ")
        or DIRECT_OBJECT.match(text[measure.end :])
        or re.match(r"^\s+by\b", text[measure.end :])
    ))
    labels = action_labels(measure, actions, [h for h in hits if start <= h.start < end], verbal)
    senders: list[str] = []
    targets: list[str] = []
    rule = ""
    # A verb cue between them ("Moscow circumvent sanctions") makes the party its subject, not the measure's owner.
    verb_between = bool(before) and any(h.role in ("action", "call") and before[-1][-1].end <= h.start < measure.start
                                        for h in hits)
    if before and (hyphenated or is_modifier(gap_before)) and not verb_between:
        entity = any(h.role == "entity" and before[-1][-1].end <= h.start < measure.start for h in hits)
        (targets if entity else senders).extend(all_codes(before[-1]))
        rule = "entity" if entity else ""
    verbs = [h for h in actions if h.role == "action" and h.label in ("imposed", "lifted", "threatened")
             and not measure.start <= h.start < measure.end]  # "relief" inside "sanctions relief for" is no verb
    anchor = min([measure.start, *(h.start for h in verbs)])
    imposing = [h for h in verbs if h.label == "imposed" and not any(w in h.cue for w in IN_FORCE)]
    said_at = imposing[0].start if imposing else (measure.start if verbal else -1)
    lead_in = text[max(start, said_at - 60) : said_at] if said_at >= 0 else ""
    if "imposed" in labels and said_at >= 0 and (FUTURE.search(lead_in) or (
            WILL_UNLESS.search(lead_in) and CONDITION.search(text[said_at:end]))):
        labels = labels - {"imposed"} | {"threatened"}
    subject = [g for g in clause if g[-1].end <= anchor and words(text[g[-1].end : anchor]) <= 6
               and not NOT_MODIFIER.search(DECIDES_TO.sub("", SAYS_IT.sub("", WHEN.sub("", re.sub(
                   r"\b(?:has|have|had|will|would|could|is|was)\b", "", text[g[-1].end : anchor])))))]
    calls = any(h.role == "call" for h in actions)
    passive_verb = bool(verbs) and text[verbs[0].start : verbs[0].end].split()[0].endswith("ed") \
        and bool(PASSIVE_AUXILIARY.search(text[start : verbs[0].start]))
    # "Iran could face sanctions": a frame verb between them makes the subject its target, not a sender.
    framed = bool(subject) and any(h.role == "action" and h.label in ("existing", "evaded")
                                   and subject[-1][-1].end <= h.start < measure.start for h in actions)
    if verbs and subject and passive_verb and not calls:
        targets, rule = targets + countries(subject[-1]), "passive"
    elif (verbs or verbal) and subject and not calls and not framed:
        if senders and not targets and set(senders) != set(all_codes(subject[-1])):
            targets, senders = senders, []  # "the U.S. to reinstate Venezuela sanctions"
        senders.extend(all_codes(subject[-1]))
    if (verbal or verbs) and not calls and JOINED_IN.search(text[start:anchor]):
        senders.extend(c for g in clause if g[-1].end <= anchor for c in all_codes(g))
    if passive_verb:
        # "Sanctions on Syria were eased by the United States": the agent of a passive verb.
        senders.extend(c for g in clause if g[0].start >= verbs[0].end
                       and PASSIVE_AGENT.match(text[verbs[0].end : g[0].start]) for c in all_codes(g))
    previous_end = measure.end
    for group in after:
        # "imposed by the EU", "sanctions from a US-led coalition", "sanctions against X by Japan"
        gap = text[previous_end : group[0].start]
        if SENDER_AFTER.match(gap) and not ("import" in measure.cue and IMPORTED_FROM.search(gap)):
            senders.extend(all_codes(group))  # but banned imports "from" a country come from the target
        previous_end = group[-1].end
    inside = [p for p in sentence.parties if p.start < measure.end and measure.start < p.end]
    found = object_targets(measure, clause, hits, text, end, verbal) + inside
    if not found and passive_verb and verbs[0].start >= measure.end:
        found = object_targets(verbs[0], clause, hits, text, end, True)  # "Sanctions were imposed on Russia by ..."
    if measure.cue in BARE_BANS:
        found = [p for p in found if words(text[measure.end : p.start]) <= 1]  # "a ban on Russian diamonds"
    if infinitive and after:
        found = [p for p in found if p in after[0]]  # "to sanction X, ..., at Hungary's insistence": X alone
    listed = ADDED_TO.search(text[start : measure.start]) if measure.cue.lower().endswith("list") else None
    if not found and measure.role == "participle" and after and not text[measure.end : after[0][0].start].strip() \
            and ("-" in measure.cue or any(h.role == "entity" and 0 <= h.start - after[0][-1].end <= 2 for h in hits)):
        found, rule = list(after[0]), "entity"  # "a sanctioned Russian businessman", "sanctions-hit Russia"
    struck = None if found else group_after_verb(verbs, clause, text)
    if struck and HIT_WITH.match(text[struck[-1].end : measure.start]):
        found = list(struck)  # "US hits Russia with new sanctions"
    if not found and listed:
        # "The UK added Iran's Revolutionary Guards to its sanctions list", "placed US firms on its entity list"
        found = [p for g in clause for p in g if start + listed.start(1) <= p.start < start + listed.end(1)]
        adders = [g for g in clause if g[-1].end <= start + listed.start()]
        senders = all_codes(adders[-1]) if adders else senders  # "adds ... to Russia sanctions list": Japan
        labels = {"imposed"}
    if not found and "export" in measure.cue:
        # "restricted exports of gallium to the United States": exports go to their target.
        found = next((list(g) for g in after if EXPORTED_TO.search(text[measure.end : g[0].start])), [])
    if not found and "import" in measure.cue:
        found = next((list(g) for g in after if IMPORTED_FROM.search(text[measure.end : g[0].start])
                      and words(text[measure.end : g[0].start]) <= 4), [])
    if not found and not targets and ITS_OBJECT.match(text[measure.end : end]):
        owners = [g for g in before if not set(all_codes(g)) & set(senders)]
        found = owners[-1] if owners else []
    if found:
        targets, rule = targets + countries([p for p in found]), rule or ("verb" if verb else "object")
    elif verbal and measure.role == "participle" and re.match(r"^\s+by\b", text[measure.end :]) and before \
            and words(gap_before) <= 3:
        targets, rule = countries(before[-1]), "passive"
    frames = [h for h in actions if h.label in ("evaded", "existing")]
    if not targets and frames:
        frame = frames[0]
        # "front companies in the UAE to evade sanctions": a place named as a location is not who evades.
        # Not the measure's own sender: "Western sanctions have cost Russia billions".
        near = [g for g in clause if g[-1].end <= frame.start and not LOCATIVE.search(text[start : g[0].start])
                and not set(all_codes(g)) <= set(senders)] or [g for g in clause if g[0].start >= frame.end]
        pick = near[-1] if near and near[-1][-1].end <= frame.start else (near[0] if near else [])
        participial = PARTICIPIAL.search(text[start : frame.end])
        adjunct = frame.cue.startswith("in ") or bool(ADJUNCT.search(text[start : frame.start]))
        about_subject = adjunct or participial is not None and not any(
            start + participial.start() <= g[0].start < frame.start for g in clause)
        appositive = APPOSITIVE.match(text, clause[0][-1].end) if near else None
        if appositive and near[-1][-1].end <= appositive.end() <= frame.start:
            about_subject = True  # "Belarus, a close ally of Moscow, is under sanctions": Belarus
        doer = subject_before(clause, text, start, frame.start) if near and about_subject else None
        if doer and not set(all_codes(doer)) & set(senders):
            # "Russia banned food from the US, ..., retaliating against sanctions", "Russia expelled US
            # diplomats in response to sanctions": the subject; but in ", helping Moscow circumvent
            # sanctions" Moscow is who circumvents.
            pick = doer
        targets, rule = countries(pick), "frame"
    definite = bool(DEFINITE.search(text[max(0, measure.start - 30) : measure.start]))
    if not targets and definite and not countries([p for g in clause for p in g]):
        targets, rule = list(last[0]), "inherited"
    if definite and not senders and not any(h.role == "call" for h in actions):
        senders = list(last[1])  # "The sanctions also hit ...": the same imposer as before
    if any(h.role == "call" for h in actions) and not (before and not gap_before.strip()):
        senders = []
    seated = seats(sentence.parties)
    senders = list(dict.fromkeys(c for c in senders if c not in seated))
    targets = [t for t in targets if t in {c for p in sentence.parties for c, k in zip(p.codes, p.kinds) if k == "country"}
               or t in last[0]]
    out = []
    for target in dict.fromkeys(t for t in targets if t not in senders):
        for action in sorted(labels):
            named: list[str | None] = list(senders) or [None]
            for sender in named:
                out.append(Record(target, sender, action, measure.cue, rule or "object", BASE_CONFIDENCE[rule or "object"]))
    return out


def sentence_records(sentence: Sentence, hits: list[Hit], last: tuple[list[str], list[str]]) -> list[Record]:
    """Records of one sentence; `last` holds the article's latest targets and
    senders, for "the embargo" or "the sanctions" that refer back to them."""
    if any(h.role == "veto" for h in hits) or not any(h.role in ("measure", "participle") for h in hits):
        return []
    records: list[Record] = []
    for span in clause_spans(sentence.text):
        inside = [h for h in hits if span[0] <= h.start < span[1]]
        measures = coordinated([h for h in inside if h.role in ("measure", "participle")], sentence.text)
        for measure in measures:
            if any(h.role == "negation" and 0 <= measure.start - h.end <= 25 for h in inside):
                continue
            records += measure_records(measure, sentence, inside, measures, span, last)
    return records
