"""Why a row exists: sentence by sentence, the mentions found and each alliance
or sanction row with the rule and cue that produced it.

`python -m etl explain --text "..."` or `--article ID --input PATH`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from etl.inputs import Article, InputError, Reader
from etl.mentions import article_mentions
from etl.relations import article_relations
from etl.text import sentence_spans


def find_article(article_id: str, input_path: Path | str) -> Article:
    reader = Reader()
    for article in reader.read(input_path):
        if article.article_id == article_id:
            return article
    raise InputError(f"{input_path}: no article with id {article_id!r}")


def mention_line(m: dict[str, Any]) -> str:
    return f"{m['surface']!r}→{m['code']} ({m['via']}, {m['confidence']:.2f})"


def alliance_line(row: dict[str, Any]) -> str:
    return (f"  alliance {row['party_a']}–{row['party_b']} {row['kind']}  "
            f"rule={row['rule']} cue={row['cue']!r} confidence={row['confidence']:.2f}")


def sanction_line(row: dict[str, Any]) -> str:
    sender = row["sender"] or "(no sender named)"
    return (f"  sanction {row['target']} ← {sender} {row['action']}  "
            f"rule={row['rule']} cue={row['cue']!r} confidence={row['confidence']:.2f}")


def explain(article_id: str, title: str, text: str) -> str:
    """A plain-text report, one block per sentence that has a mention or a row."""
    found = article_mentions(article_id, title, text)
    accepted = [m for m in found if not m["ambiguous"]]
    alliances, sanctions = article_relations(article_id, title, text, accepted)
    lines = [f"article {article_id}: {len(accepted)} mentions, {len(alliances)} alliance rows, "
             f"{len(sanctions)} sanction rows"]
    for field, body in (("title", title), ("text", text)):
        for index, (start, end) in enumerate(sentence_spans(body)):
            here = [m for m in found if m["field"] == field and m["sentence"] == index]
            rows = [alliance_line(r) for r in alliances if (r["field"], r["sentence"]) == (field, index)]
            rows += [sanction_line(r) for r in sanctions if (r["field"], r["sentence"]) == (field, index)]
            if not here and not rows:
                continue
            lines.append(f"[{field} {index}] {body[start:end]}")
            kept = [mention_line(m) for m in here if not m["ambiguous"]]
            doubtful = [f"{mention_line(m)} set aside: {m['reason']}" for m in here if m["ambiguous"]]
            lines.append("  mentions: " + (", ".join(kept) if kept else "none"))
            lines += [f"  ambiguous: {d}" for d in doubtful]
            lines += rows
    return "\n".join(lines)
