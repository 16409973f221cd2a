"""Why a row exists: sentence by sentence, the mentions found, each alliance
or sanction row with the rule and cue that produced it, and every candidate
the scored layer weighed with its score and features (heaviest first).

`python -m etl explain --text "..."` or `--article ID --input PATH`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from etl.inputs import Article, InputError, Reader
from etl.mentions import article_mentions
from etl.relations import SentenceParts, article_relations, sentence_parts
from etl.relations.scoring import Model, models, score
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


def features_text(model: Model, features: dict[str, float]) -> str:
    """A candidate's features, heaviest first, with their weights."""
    weighed = sorted(features, key=lambda name: -abs(model.weights.get(name, 0.0)))
    return " ".join(f"{name}{model.weights.get(name, 0.0):+.2f}" for name in weighed)


def candidate_lines(part: SentenceParts) -> list[str]:
    """Every candidate the scored layer weighed, kept or not, and why."""
    table = models()
    lines = []
    for pair in part.pairs:
        value = score(table["alliance"], pair.features)
        verdict = "kept" if value >= table["alliance"].threshold else "dropped"
        lines.append(f"    candidate pair {pair.a}–{pair.b} {value:.2f} {verdict}: "
                     f"{features_text(table['alliance'], pair.features)}")
    for target in part.targets:
        value = score(table["target"], target.features)
        lines.append(f"    candidate target {target.target} {value:.2f}: {features_text(table['target'], target.features)}")
    for sender in part.senders:
        value = score(table["sender"], sender.features)
        lines.append(f"    candidate sender {sender.sender} of {sender.target} {value:.2f}: "
                     f"{features_text(table['sender'], sender.features)}")
    return lines


def explain(article_id: str, title: str, text: str) -> str:
    """A plain-text report, one block per sentence that has a mention or a row."""
    found = article_mentions(article_id, title, text)
    accepted = [m for m in found if not m["ambiguous"]]
    alliances, sanctions = article_relations(article_id, title, text, accepted)
    parts = {(p.sentence.field, p.sentence.index): p for p in sentence_parts(title, text, accepted)}
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
            if (field, index) in parts:
                lines += candidate_lines(parts[(field, index)])
    return "\n".join(lines)
