"""Alliance and sanction rows for one article, from its sentences and mentions.

Find, score, emit: the cue lexicons and the hand rules propose (sentence_parts),
the scored layer weighs every alliance candidate (etl.relations.pair_features,
etl.relations.scoring), and one row is written per fact with its evidence."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, NamedTuple

from etl.memberships import bloc_members
from etl.relations.alliances import Link, sentence_links
from etl.relations.clauses import Sentence, article_sentences, sentence_texts
from etl.relations.cues import ALLIANCE_PRIMARY, SANCTION_PRIMARY, alliance_cues, leaders, sanction_cues
from etl.relations.hits import sentence_hits
from etl.relations.pair_features import PairCandidate, pair_candidates
from etl.relations.sanction_features import SenderCandidate, TargetCandidate, sender_candidates, target_candidates
from etl.relations.sanctions import Record, sentence_records
from etl.relations.scoring import models, score


@lru_cache(maxsize=1)
def memberships() -> frozenset[tuple[str, str]]:
    """(bloc, iso3) for every country that has ever been a member of a bloc."""
    members = bloc_members()
    return frozenset(zip(members["bloc"], members["iso3"]))


@lru_cache(maxsize=1)
def member_blocs() -> frozenset[str]:
    """Blocs with a member list in data/bloc_members.csv: only they have members
    to join ("South Korea joined Western allies" makes no member of the West)."""
    return frozenset(bloc for bloc, _ in memberships())


class SentenceParts(NamedTuple):
    """What the rules and the candidate generator found in one sentence."""

    sentence: Sentence
    links: list[Link]
    pairs: list[PairCandidate]
    records: list[Record]
    targets: list[TargetCandidate]
    kept: list[str]  # the targets that make rows (kept_targets), decided once
    senders: list[SenderCandidate]


def kept_targets(targets: list[TargetCandidate], records: list[Record]) -> list[str]:
    """The targets that make rows: those a rule found, and those the model keeps."""
    model = models()["target"]
    found = {r.target for r in records}
    return [t.target for t in targets if t.target in found or score(model, t.features) >= model.threshold]


def base_row(article_id: str, sentence: Sentence) -> dict[str, Any]:
    return {"article_id": article_id, "field": sentence.field, "sentence": sentence.index, "evidence": sentence.raw}


def sentence_parts(title: str, text: str, mentions: list[dict[str, Any]],
                   every_target: bool = False) -> list[SentenceParts]:
    """Each sentence that may hold a relation, with its rule links, its scored
    candidates' features and its sanction records (in reading order). Sender
    candidates are built for the targets that make rows, or with `every_target`
    (training: the gold decides which targets count) for every target candidate."""
    blocs = member_blocs()
    texts = sentence_texts(title, text)
    by_alliance = sentence_hits(texts, alliance_cues(), ALLIANCE_PRIMARY)
    by_sanction = sentence_hits(texts, sanction_cues(), SANCTION_PRIMARY)
    if not any(by_alliance) and not any(by_sanction):
        return []  # no sentence can make a row: most news, spared its parties
    out: list[SentenceParts] = []
    last_targets: list[str] = []
    last_senders: list[str] = []
    last_treaty: list[tuple[str, str]] = []
    sentences = article_sentences(title, text, mentions, leaders())
    hits = zip(by_alliance, by_sanction, strict=True)
    for sentence, (alliance_hits, sanction_hits) in zip(sentences, hits, strict=True):
        links = sentence_links(sentence, alliance_hits, blocs, last_treaty)
        last_treaty = list(dict.fromkeys((x.a, x.b) for x in links if x.kind == "treaty")) or last_treaty
        ruled = {(x.a, x.b) for x in links}
        pairs = pair_candidates(sentence, alliance_hits, bool(sanction_hits), memberships(), ruled)
        records = sentence_records(sentence, sanction_hits, (last_targets, last_senders))
        linked = {(r.target, r.sender) for r in records if r.sender}
        targets = target_candidates(sentence, sanction_hits, {r.target for r in records}, bool(records))
        kept = kept_targets(targets, records)
        senders = sender_candidates(sentence, sanction_hits, [t.target for t in targets] if every_target
                                    else kept, last_senders, linked)
        last_targets = list(dict.fromkeys(r.target for r in records)) or last_targets
        last_senders = list(dict.fromkeys(r.sender for r in records if r.sender)) or last_senders
        if links or pairs or records or targets:
            out.append(SentenceParts(sentence, links, pairs, records, targets, kept, senders))
    return out


def alliance_rows(article_id: str, part: SentenceParts) -> list[dict[str, Any]]:
    """The candidates the model keeps: with the rules' kinds, cue and rule
    where a rule linked the pair, else with the kinds the sentence's cues name."""
    model = models()["alliance"]
    rows = []
    for candidate in part.pairs:
        confidence = round(score(model, candidate.features), 3)
        if confidence < model.threshold:
            continue
        ruled = [x for x in part.links if (x.a, x.b) == (candidate.a, candidate.b)]
        found = [(x.kind, x.cue, x.rule) for x in ruled] or [(k, candidate.cue, "scored") for k in candidate.kinds]
        rows += [{**base_row(article_id, part.sentence), "party_a": candidate.a, "party_b": candidate.b,
                  "kind": kind, "cue": cue, "rule": rule, "confidence": confidence} for kind, cue, rule in found]
    return rows


def record_row(article_id: str, part: SentenceParts, record: Record) -> dict[str, Any]:
    return {**base_row(article_id, part.sentence), "target": record.target, "sender": record.sender,
            "action": record.action, "cue": record.cue, "rule": record.rule, "confidence": record.confidence}


def sanction_rows(article_id: str, part: SentenceParts) -> list[dict[str, Any]]:
    """The rules' records as they are (precise: the scored layer only adds),
    plus the targets the model keeps that no rule found, with their cues'
    actions, and for every target the senders the model keeps that no rule named."""
    target_model, sender_model = models()["target"], models()["sender"]
    rows = [record_row(article_id, part, r) for r in part.records]
    for candidate in part.targets:
        if candidate.target not in part.kept:
            continue
        records = [r for r in part.records if r.target == candidate.target]
        confidence = round(score(target_model, candidate.features), 3)
        named = {r.sender for r in records}
        senders: list[str | None] = [s.sender for s in part.senders if s.target == candidate.target
                                     and s.sender not in named
                                     and score(sender_model, s.features) >= sender_model.threshold]
        actions = sorted({r.action for r in records}) or list(candidate.actions)
        if records:
            rows += [record_row(article_id, part, records[0]._replace(sender=sender, action=action, rule="scored"))
                     for action in actions for sender in senders]
        else:
            rows += [record_row(article_id, part, Record(candidate.target, sender, action, candidate.cue, "scored",
                                                         confidence))
                     for action in actions for sender in (senders or [None])]
    return rows


def article_relations(
    article_id: str, title: str, text: str, mentions: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(alliance rows, sanction rows) with the columns of etl.tables."""
    alliances: list[dict[str, Any]] = []
    sanctions: list[dict[str, Any]] = []
    for part in sentence_parts(title, text, mentions):
        alliances += alliance_rows(article_id, part)
        sanctions += sanction_rows(article_id, part)
    return alliances, sanctions
