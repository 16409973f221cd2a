"""One row per country or bloc mention, with its sentence and offsets."""

from __future__ import annotations

from typing import Any

from etl.context import judge_weak
from etl.knowledge import context_cues, places
from etl.matching import settled_candidates
from etl.text import sentence_index, sentence_spans

# Base confidence of a strong alias by how it names the place.
STRONG_CONFIDENCE = {"name": 0.98, "alias": 0.95, "demonym": 0.9, "capital": 0.9, "metonym": 0.9}


def field_mentions(article_id: str, field: str, text: str) -> list[dict[str, Any]]:
    """Mentions in one field (title or text) of one article."""
    spans = sentence_spans(text)
    starts = [s for s, _ in spans] or [0]
    resolved = settled_candidates(text)
    strong_codes = {e.code for c in resolved for e in c.entries if e.tier == "strong"}
    cues = context_cues()
    names = places()
    rows = []
    # One string per sentence, shared by its mentions' rows (and pickled once).
    sentences: dict[int, str] = {}
    for cand in resolved:
        index = sentence_index(starts, cand.start)
        s_start, s_end = spans[index] if spans else (0, len(text))
        sentence = sentences.get(index)
        if sentence is None:
            sentence = sentences[index] = text[s_start:s_end]
        for entry in cand.entries:
            if entry.tier == "strong":
                confidence, ambiguous, reason = STRONG_CONFIDENCE[entry.via], False, ""
            else:
                before, after = text[s_start : cand.start], text[cand.end : s_end]
                verdict = judge_weak(
                    cues.get(entry.alias, ()), entry.via, sentence, before, after, entry.code in strong_codes
                )
                confidence, ambiguous, reason = verdict.confidence, verdict.ambiguous, verdict.reason
            rows.append(
                {
                    "article_id": article_id,
                    "field": field,
                    "sentence": index,
                    "start": cand.start,
                    "end": cand.end,
                    "surface": text[cand.start : cand.end],
                    "code": entry.code,
                    "name": names[entry.code].name,
                    "kind": entry.kind,
                    "via": entry.via,
                    "confidence": confidence,
                    "ambiguous": ambiguous,
                    "reason": reason,
                    "sentence_text": sentence,
                }
            )
    return rows


def article_mentions(article_id: str, title: str, text: str) -> list[dict[str, Any]]:
    """Mentions in the title (field "title") then the text (field "text").

    Offsets index into the field they come from; the guidelines score both."""
    return field_mentions(article_id, "title", title) + field_mentions(article_id, "text", text)
