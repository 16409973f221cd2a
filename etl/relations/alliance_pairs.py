"""Which parties an alliance cue pairs, rule by rule (etl.relations.alliances
tries them in order and settles the kinds)."""

from __future__ import annotations

from etl.relations.alliance_shapes import (
    ADMITS, ALLY_NOUNS, APPOSED, BLOC_FIRST, BLOC_MODIFIER, BLOC_REFERENCE, BOUGHT_FROM, BUY_CUES, DETACHED,
    DETACHED_SUPPLIER, FOR_AFTER, GAVE, HOSTED, HOST_CUES, LINK, LIST_INTRO, MEMBERS_GAP, NEXT_CONJUNCT,
    NOMINAL_SUPPLY, OF_PARTY, PLACE, POSSESSIVE_OR_AS, RECIPIENT, SHARE_OF, SUPPLIER_NOUNS, SUSPENDS, TURNED_TO,
    UPGRADED_TO, VISITED, WITH_BEFORE, WITH_GAP,
)
from etl.relations.clauses import Sentence, words
from etl.relations.cues import Hit
from etl.relations.parties import Party


def codes(group: list[Party], kind: str | None = None) -> list[str]:
    return [c for p in group for c, k in zip(p.codes, p.kinds) if kind is None or k == kind]


def pairs_within(group: list[Party]) -> list[tuple[str, str]]:
    flat = list(dict.fromkeys(codes(group)))
    return [(a, b) for i, a in enumerate(flat) for b in flat[i + 1 :]]


def pairs_across(left: list[Party], right: list[Party]) -> list[tuple[str, str]]:
    return [(a, b) for a in dict.fromkeys(codes(left)) for b in dict.fromkeys(codes(right)) if a != b]


def membership_pairs(hit: Hit, left: list[Party] | None, right: list[Party] | None, clause_groups: list[list[Party]],
                     sentence: Sentence) -> list[tuple[str, str]]:
    text = sentence.text
    if hit.cue in SUSPENDS:  # "the AU suspended Niger": the bloc right before, the country right after
        blocs = codes(left or [], "bloc") if left and words(text[left[-1].end : hit.start]) <= 2 else []
        suspended = codes(right, "country") if right and words(text[hit.end : right[0].start]) <= 1 else []
        return [(c, b) for c in dict.fromkeys(suspended) for b in dict.fromkeys(blocs)]
    if hit.cue == "members":
        if not left or text[left[-1].end : hit.start].strip() or not codes(left, "bloc"):
            return []
        near = [g for g in clause_groups if g[-1].end <= left[0].start and codes(g, "country")]
        if not near or not MEMBERS_GAP.match(text[near[-1][-1].end : left[0].start]):
            return []
        return [(c, b) for c in dict.fromkeys(codes(near[-1], "country")) for b in dict.fromkeys(codes(left, "bloc"))]
    if hit.cue in BLOC_FIRST and not (left and codes(left, "bloc") and not text[left[-1].end : hit.start].strip()):
        return []  # "member" or "bid" alone counts only right after a bloc: "Turkey, a NATO member", "Finland's NATO bid"
    near = [g for g in clause_groups if g[-1].end <= hit.start and codes(g, "country")]
    members: list[str] = []
    reach = 4 if near and (near[-1] is left or hit.cue in BLOC_FIRST) else 8
    if near and words(text[near[-1][-1].end : hit.start]) <= reach:
        members += codes(near[-1], "country")
    if right and LIST_INTRO.search(text[hit.end : right[0].start]):
        members += codes(right, "country")
    if right and hit.cue in ADMITS and words(text[hit.end : right[0].start]) <= 1:
        members += codes(right, "country")  # "ASEAN admitted East Timor"
    if hit.cue in BLOC_FIRST:  # "Norway, a NATO member outside the EU": the bloc before it alone
        return [(c, b) for c in dict.fromkeys(members) for b in dict.fromkeys(codes(left or [], "bloc"))]
    blocs = codes(left or [], "bloc") + codes(right or [], "bloc") or codes(list(sentence.parties), "bloc")
    if not blocs and sentence.context_bloc and BLOC_REFERENCE.search(text[hit.start :]):
        blocs = [sentence.context_bloc]
    return [(c, b) for c in dict.fromkeys(members) for b in dict.fromkeys(blocs)]


def trigger_pairs(hit: Hit, left: list[Party] | None, right: list[Party] | None, clause_groups: list[list[Party]],
                  hits: list[Hit], text: str) -> tuple[str, list[tuple[str, str]], list[Party]]:
    """(rule, pairs, parties involved) for a treaty, partnership, sector or support cue."""
    if left and NEXT_CONJUNCT.match(text[left[-1].end : hit.start]):
        # "Honduras drops Taiwan and establishes ties with China": Taiwan is the first verb's object;
        # the second verb's subject is the clause's.
        left = clause_groups[0] if clause_groups[0][-1].end <= left[0].start else None
    if left and not codes(left, "country") and BLOC_MODIFIER.match(text[left[-1].end : hit.start]):
        # "Hungary is the only EU country with close ties to Moscow": the bloc only describes Hungary.
        earlier = [g for g in clause_groups if g[-1].end <= left[0].start]
        left = earlier[-1] if earlier else None
    gap_right = text[hit.end : right[0].start] if right else ""
    between_hits = [h for h in hits if right and hit.end <= h.start < right[0].start]
    if right and words(gap_right) <= 10 and not any(h.role in ("negation", "exit") for h in between_hits) \
            and not DETACHED.search(gap_right) and not PLACE.search(gap_right):
        link = [m.group(0).strip() for m in LINK.finditer(gap_right)]  # "ties to Moscow" links by its "to"
        if "between" in link and len(pairs_within(right)):
            return "between", pairs_within(right), right
        if right[0].source == "collective" and hit.role != "support":
            return "collective", pairs_within(right[:1]), right[:1]
        via_member = any(h.label == "membership" for h in between_hits)
        apposed = hit.cue in ALLY_NOUNS and (words(gap_right) <= 1 or bool(OF_PARTY.match(gap_right)))
        # "fighting alongside Russian troops": the cue ends with its own link word.
        linked = hit.cue.rsplit(" ", 1)[-1] in ("alongside", "with") and words(gap_right) <= 1
        if left and (any(link) or apposed or linked) and not via_member:
            pairs = pairs_across(left, right)
            if not pairs and clause_groups[0] is not left and VISITED.search(text[: left[0].start]):
                # "Russia's minister visited Pyongyang to discuss cooperation with North Korea"
                return "with", pairs_across(clause_groups[0], right), clause_groups[0] + right
            return "with", pairs, left + right
    if left and words(text[left[-1].end : hit.start]) <= 12:
        if len(codes(left)) >= 2 and (hit.role != "support" or left[-1].source == "collective"):
            rule = "collective" if left[-1].source == "collective" else "coordination"
            return rule, pairs_within(left), left
        earlier = [g for g in clause_groups if g[-1].end <= left[0].start]
        if earlier and TURNED_TO.search(text[earlier[-1][-1].end : left[0].start]) \
                and FOR_AFTER.match(text[left[-1].end : hit.start]):
            # "Niger expelled French troops and turned to Russia for security assistance": the subject
            return "with", pairs_across(earlier[0], left), earlier[0] + left
        if earlier and GAVE.search(text[earlier[-1][-1].end : left[0].start]) \
                and WITH_GAP.match(text[left[-1].end : hit.start]):
            # "Beijing has provided Moscow with political support": the giver and the receiver
            return "with", pairs_across(earlier[-1], left), earlier[-1] + left
        if earlier and WITH_BEFORE.search(text[earlier[-1][-1].end : left[0].start]) and hit.role != "support" \
                and UPGRADED_TO.match(text[left[-1].end : hit.start]):
            # "Vietnam upgraded its relations with Australia to a strategic partnership"
            return "with", pairs_across(earlier[-1], left), earlier[-1] + left
        if hit.cue in ALLY_NOUNS and earlier and (
            APPOSED.match(text[earlier[-1][-1].end : left[0].start])
            # "as a strategic ally", not "as the most significant and direct threat to allies'"
            or POSSESSIVE_OR_AS.match(text[left[-1].end : hit.start]) and words(text[left[-1].end : hit.start]) <= 5
        ):
            return "apposition", pairs_across(earlier[-1], left), earlier[-1] + left
    return "", [], []


def supply_pairs(hit: Hit, left: list[Party] | None, right: list[Party] | None, text: str,
                 clause_groups: list[list[Party]], hits: list[Hit]) -> list[tuple[str, str]]:
    if left and hit.cue in SUPPLIER_NOUNS and text[left[-1].end : hit.start].startswith("'s") \
            and words(text[left[-1].end : hit.start]) <= 6:
        earlier = [g for g in clause_groups if g[-1].end <= left[0].start]
        return pairs_across(earlier[-1], left) if earlier else []
    if left and hit.cue in NOMINAL_SUPPLY and DETACHED_SUPPLIER.search(text[left[-1].end : hit.start]):
        return []  # "sanctions from the US and the EU over ... the supply of drones to Russia": no supplier named
    if not left or not right:
        return []
    gap = text[hit.end : right[0].start]
    if hit.cue in HOST_CUES:  # "Poland hosts about 10,000 US troops": the troops or arms come right after their country
        hosted = any((h.role == "materiel" or h.cue == "military") and h.start >= right[-1].end
                     and words(text[right[-1].end : h.start]) <= 2 for h in hits)
        return pairs_across(left, right) if hosted and HOSTED.match(gap) else []
    bought_from = hit.cue in BUY_CUES and bool(BOUGHT_FROM.search(gap))
    share = bool(SHARE_OF.match(gap)) and text[right[-1].end :].startswith("'s")
    if words(gap) > 12 or not (RECIPIENT.search(gap) or bought_from or share
                               or hit.cue.endswith(" on") and LIST_INTRO.search(gap)):
        return []
    return pairs_across(left, right)
