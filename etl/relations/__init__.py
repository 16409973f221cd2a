"""Alliance and sanction rows for one article, from its sentences and mentions."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from etl.knowledge import read_rows
from etl.paths import DATA_DIR
from etl.relations.alliances import sentence_links
from etl.relations.clauses import Sentence, article_sentences, sentence_texts
from etl.relations.cues import ALLIANCE_PRIMARY, SANCTION_PRIMARY, alliance_cues, leaders, sanction_cues
from etl.relations.hits import sentence_hits
from etl.relations.sanctions import sentence_records


@lru_cache(maxsize=1)
def member_blocs() -> frozenset[str]:
    """Blocs with a member list in data/bloc_members.csv: only they have members
    to join ("South Korea joined Western allies" makes no member of the West)."""
    return frozenset(row["bloc"] for _, row in read_rows(DATA_DIR / "bloc_members.csv", ("bloc",)))


def base_row(article_id: str, sentence: Sentence) -> dict[str, Any]:
    return {"article_id": article_id, "field": sentence.field, "sentence": sentence.index, "evidence": sentence.raw}


def article_relations(
    article_id: str, title: str, text: str, mentions: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(alliance rows, sanction rows) with the columns of etl.tables."""
    blocs = member_blocs()
    alliances: list[dict[str, Any]] = []
    sanctions: list[dict[str, Any]] = []
    last_targets: list[str] = []
    last_senders: list[str] = []
    last_treaty: list[tuple[str, str]] = []
    texts = sentence_texts(title, text)
    by_alliance = sentence_hits(texts, alliance_cues(), ALLIANCE_PRIMARY)
    by_sanction = sentence_hits(texts, sanction_cues(), SANCTION_PRIMARY)
    if not any(by_alliance) and not any(by_sanction):
        return alliances, sanctions  # no sentence can make a row: most news, spared its parties
    sentences = article_sentences(title, text, mentions, leaders())
    hits = zip(by_alliance, by_sanction, strict=True)
    for sentence, (alliance_hits, sanction_hits) in zip(sentences, hits, strict=True):
        links = sentence_links(sentence, alliance_hits, blocs, last_treaty)
        last_treaty = list(dict.fromkeys((x.a, x.b) for x in links if x.kind == "treaty")) or last_treaty
        for link in links:
            alliances.append({**base_row(article_id, sentence), "party_a": link.a, "party_b": link.b,
                              "kind": link.kind, "cue": link.cue, "rule": link.rule, "confidence": link.confidence})
        records = sentence_records(sentence, sanction_hits, (last_targets, last_senders))
        for record in records:
            sanctions.append({**base_row(article_id, sentence), "target": record.target, "sender": record.sender,
                              "action": record.action, "cue": record.cue, "rule": record.rule,
                              "confidence": record.confidence})
        last_targets = list(dict.fromkeys(r.target for r in records)) or last_targets
        last_senders = list(dict.fromkeys(r.sender for r in records if r.sender)) or last_senders
    return alliances, sanctions
