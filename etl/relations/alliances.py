"""Alliance rows of one sentence: which pairs a cue links, and with what kind.

Rules, tried in order for each trigger cue in a clause (rule names are stable):
- between:      "a treaty between Belarus and Russia" pairs the group after "between";
- with:         "X deepens ties with Y, Z" pairs the subject with each partner only;
- coordination: "Russia and Iran signed a pact", "the Tehran-Moscow alliance";
- collective:   "an agreement ... of the two countries" pairs the referents;
- apposition:   "Assad, a key Iranian ally", "leaned on Iran as a strategic ally";
- membership:   a country and a bloc ("Finland joined NATO", "Ukraine's accession");
- supply:       weapons or troops from one party to another, unless merely possible;
- treaty-context: "Under the deal, the US will sell Australia submarines" (a party-less
                treaty cue lends treaty to the sentence's pairs);
- inherited:    "The signed document covers trade": the article's last treaty pair.
Kinds are then settled per sentence and pair, as the guidelines ask: a treaty
takes the sectors named beside it, and partnership only stands alone."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import NamedTuple

from etl.relations.alliance_pairs import codes, membership_pairs, pairs_within, supply_pairs, trigger_pairs
from etl.relations.alliance_shapes import BUY_CUES, DEFINITE_TREATY, IN_OBJECT, SECTOR_AFTER
from etl.relations.clauses import Sentence, clause_spans, words
from etl.relations.cues import ALLIANCE_PRIMARY, Hit
from etl.relations.parties import Party, groups

BASE_CONFIDENCE = {"between": 0.85, "with": 0.8, "coordination": 0.75, "collective": 0.7, "apposition": 0.7,
                   "membership": 0.8, "supply": 0.75, "treaty-context": 0.6, "inherited": 0.5}


class Link(NamedTuple):
    a: str
    b: str
    kind: str
    cue: str
    rule: str
    confidence: float


def confidence(rule: str, involved: list[Party]) -> float:
    # A leader, "we" or "both nations" is one inference away from the text.
    indirect = any(p.source != "mention" for p in involved)
    return round(BASE_CONFIDENCE[rule] - (0.1 if indirect else 0.0), 2)


def named_inside(hit: Hit, sentence: Sentence) -> bool:
    """A cue inside a party's name ("Treaty" in "the Collective Security Treaty
    Organization", "Cooperation" in "Shanghai Cooperation Organisation") names the bloc."""
    return any(p.start <= hit.start and hit.end <= p.end for p in sentence.parties)


def sectors_of(hit: Hit, inside: list[Hit], text: str) -> list[str]:
    """The sectors a cue names: right before it ("defence industrial ties") or
    after "on/in" ("cooperation in energy and defence", "on cyber defence")."""
    before = [h.label for h in inside if h.role == "qualifier" and h.end <= hit.start and words(text[h.end : hit.start]) <= 1]
    if before:
        return before[:1]
    after = [h for h in inside if h.role == "qualifier" and h.start >= hit.end and words(text[hit.end : h.start]) <= 5]
    if not after or not SECTOR_AFTER.match(text[hit.end : after[0].start]):
        return []
    return sorted({h.label for h in after})


def clause_links(sentence: Sentence, hits: list[Hit], start: int, end: int,
                 inherited: list[Party] | None, clause_groups: list[list[Party]]) -> list[Link]:
    text = sentence.text
    inside = [h for h in hits if start <= h.start < end]
    if any(h.role == "exit" for h in inside):
        return []
    has_materiel = any(h.role == "materiel" or h.cue == "military" for h in inside)
    links: list[Link] = []
    for hit in inside:
        if hit.role not in ("trigger", "support", "supply"):
            continue
        if any(h.role == "negation" and h.start < hit.start for h in inside):
            continue
        if named_inside(hit, sentence):
            continue
        kinds: list[str] = []
        left = next((g for g in reversed(clause_groups) if g[-1].end <= hit.start), None)
        if hit.role == "support" and left and IN_OBJECT.search(text[start : left[0].start]):
            left = None  # "pressure on Russia ... support for Ukraine": Russia is not the supporter
        right = next((g for g in clause_groups if g[0].start >= hit.end), None)
        if hit.role == "supply":
            if not has_materiel or any(h.role == "hedge" and h.start < hit.start for h in inside):
                continue
            if any(h.role == "halt" and h.end <= hit.start and words(text[h.end : hit.start]) <= 3 for h in inside):
                continue  # "halted arms sales to", "stopped sending tanks to": a supply stopped is none
            if hit.cue in BUY_CUES and not any(h.role == "materiel" and hit.end <= h.start
                                               and words(text[hit.end : h.start]) <= 6 for h in inside):
                continue  # what is bought must be arms: "stop buying Iranian oil" is no supply
            rule, pairs, involved = "supply", supply_pairs(hit, left, right, text, clause_groups, inside), (left or []) + (right or [])
            kind = "military"
        elif hit.label == "membership":
            rule, kind = "membership", "membership"
            pairs, involved = membership_pairs(hit, left, right, clause_groups, sentence), (left or []) + (right or [])
        else:
            rule, pairs, involved = trigger_pairs(hit, left, right, clause_groups, inside, text)
            if not pairs and left is None and right is None and inherited and len(codes(inherited)) >= 2:
                rule, pairs, involved = "coordination", pairs_within(inherited), inherited
            warlike = any(h.label == "military" and h.start >= hit.start for h in inside)
            kind = "military" if hit.role == "support" and warlike else hit.label
            sectors = sectors_of(hit, inside, text)
            if kind == "partnership" and sectors:
                kinds = sectors  # "nuclear deterrence cooperation", "cooperation in energy and defence"
        for a, b in pairs:
            for each in kinds or [kind]:
                links.append(Link(min(a, b), max(a, b), each, hit.cue, rule, confidence(rule, involved)))
    return links


def sentence_links(sentence: Sentence, hits: list[Hit], blocs: AbstractSet[str], last_treaty: list[tuple[str, str]]) -> list[Link]:
    """Links of one sentence, kinds settled per pair (see the module docstring);
    `blocs` are those with members, the only ones a membership pairs a country with."""
    if not any(h.role in ALLIANCE_PRIMARY for h in hits):
        return []
    links: list[Link] = []
    inherited: list[Party] | None = None
    for start, end in clause_spans(sentence.text):
        clause_groups = groups([p for p in sentence.parties if start <= p.start < end], sentence.text)
        links += clause_links(sentence, hits, start, end, inherited, clause_groups)
        inherited = clause_groups[-1] if clause_groups else inherited
    # "the treaty" refers back, but not the "Treaty" in "the Collective Security Treaty Organization".
    definite = any(not any(p.start < m.end() <= p.end for p in sentence.parties)
                   for m in DEFINITE_TREATY.finditer(sentence.text))
    if last_treaty and definite:
        # "After both countries ratified the treaty": the pair of the treaty the
        # article is about, not merely the last two countries named together.
        links = [Link(a, b, link.kind, link.cue, link.rule, link.confidence)
                 for link in links
                 for a, b in ([(link.a, link.b)] if link.rule != "collective" or (link.a, link.b) in last_treaty
                              else last_treaty)]
    treaty_hits = [h for h in hits if h.role == "trigger" and h.label == "treaty" and not named_inside(h, sentence)]
    idle = [h for h in treaty_hits if h.cue not in {link.cue for link in links}]
    named = {c for p in sentence.parties for c in p.codes}
    if idle and links:
        # "Under the deal, the US will sell Australia submarines": the deal is theirs.
        links += [Link(a, b, "treaty", idle[0].cue, "treaty-context", BASE_CONFIDENCE["treaty-context"])
                  for a, b in dict.fromkeys((link.a, link.b) for link in links if link.kind != "membership")]
    elif idle and not links and DEFINITE_TREATY.search(sentence.text):
        # "The signed document covers trade and military cooperation": the article's last treaty.
        links += [Link(a, b, "treaty", idle[0].cue, "inherited", BASE_CONFIDENCE["inherited"])
                  for a, b in last_treaty if named <= {a, b}]
    sectors = {h.label for h in hits if h.role in ("qualifier", "materiel")}
    out: list[Link] = []
    for pair in dict.fromkeys((link.a, link.b) for link in links):
        mine = [link for link in links if (link.a, link.b) == pair]
        bloc_pair = (pair[0] in blocs) != (pair[1] in blocs)
        kinds = {link.kind for link in mine if link.kind != "membership" or bloc_pair}
        if "treaty" in kinds:
            kinds |= sectors
        if kinds - {"partnership"}:
            kinds.discard("partnership")
        for kind in sorted(kinds):
            best = max((link for link in mine if link.kind == kind), key=lambda x: x.confidence, default=None)
            source = best or max((link for link in mine if link.kind == "treaty"), key=lambda x: x.confidence)
            out.append(Link(pair[0], pair[1], kind, source.cue, source.rule, source.confidence))
    return out
