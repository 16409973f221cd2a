"""Tables from another extractor's mentions (schema: docs/import-mentions.md).

The articles come from any input `build` reads; the mentions from a JSON Lines
file. Each mention must slice its article to its surface and name a place we
know, by code or by a name from our alias data; anything else is reported
(file:line: reason) and left out, never guessed. Relations are then found by
our own rules on those mentions, so the dashboard works on any extractor."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from etl.build import rejected_jsonl, rejected_table, write_tables
from etl.extract import extract
from etl.inputs import Article, InputError, Problem, Reader
from etl.inputs.decode import binary_problem, text_lines
from etl.knowledge import Place, gazetteer, places
from etl.text import sentence_index, sentence_spans

KINDS = ("country", "bloc")
FIELDS = ("title", "text")
VIA = "external"  # marks rows whose mention came from another extractor


@dataclass
class ImportResult:
    tables: dict[str, pd.DataFrame]
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        t = self.tables
        return (
            f"imported {len(t['mentions'])} mentions into {t['mentions']['article_id'].nunique()} of "
            f"{len(t['articles'])} articles, {t['countries']['iso3'].nunique()} countries, "
            f"{len(t['alliances'])} alliance rows, {len(t['sanctions'])} sanction rows; "
            f"{len(self.problems)} problems; {self.seconds:.1f} s"
        )


@lru_cache(maxsize=1)
def codes_by_name() -> dict[str, frozenset[str]]:
    """Casefolded alias or official name -> the codes it may stand for."""
    out: dict[str, set[str]] = defaultdict(set)
    for entry in gazetteer():
        if entry.code:  # deny phrases have no code
            out[entry.alias.casefold()].add(entry.code)
    for code, place in places().items():
        out[place.name.casefold()].add(code)
    return {name: frozenset(codes) for name, codes in out.items()}


def resolve_place(obj: dict[str, Any], known: dict[str, Place]) -> Place | str:
    """The place a mention names, or the reason it cannot be told."""
    kind = obj.get("kind")
    if kind is not None and kind not in KINDS:
        return f"kind must be one of {KINDS}, not {kind!r}"
    code, name = obj.get("code"), obj.get("name")
    if isinstance(code, str) and code.strip():
        place = known.get(code.strip().upper())
        if place is None:
            return f"unknown code {code!r}"
        if kind and place.kind != kind:
            return f"code {code!r} is a {place.kind}, not a {kind}"
        return place
    if not isinstance(name, str) or not name.strip():
        return "needs 'code' or 'name'"
    codes = sorted(c for c in codes_by_name().get(" ".join(name.split()).casefold(), ()) if not kind or known[c].kind == kind)
    if not codes:
        return f"unknown name {name!r}" + (f" for a {kind}" if kind else "")
    if len(codes) > 1:
        return f"name {name!r} is ambiguous ({', '.join(codes)}); give 'code' or 'kind'"
    return known[codes[0]]


@lru_cache(maxsize=16)
def sentences_of(text: str) -> tuple[tuple[tuple[int, int], ...], list[int]]:
    """Sentence spans and starts, split once per article field, not once per mention."""
    spans = sentence_spans(text)
    return spans, [s for s, _ in spans] or [0]


def mention_row(obj: dict[str, Any], article: Article, known: dict[str, Place]) -> dict[str, Any] | str:
    """One mentions-table row, or the reason the line is left out."""
    where = obj.get("field", "text")
    if where not in FIELDS:
        return f"field must be one of {FIELDS}, not {where!r}"
    source = article.title if where == "title" else article.text
    start, end, surface = obj.get("start"), obj.get("end"), obj.get("surface")
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(surface, str)) or bool in (type(start), type(end)):
        return "needs integer 'start' and 'end' and a string 'surface'"
    if not 0 <= start < end <= len(source) or source[start:end] != surface:
        return f"offsets {start}-{end} slice the {where} to {source[max(start, 0):max(end, 0)][:40]!r}, not {surface[:40]!r}"
    confidence = obj.get("confidence", 1.0)
    if not isinstance(confidence, int | float) or isinstance(confidence, bool) or not 0 <= confidence <= 1:
        return f"confidence must be a number from 0 to 1, not {confidence!r}"
    place = resolve_place(obj, known)
    if isinstance(place, str):
        return place
    # Sentences are always ours: the relation rules read our sentence splits.
    spans, starts = sentences_of(source)
    index = sentence_index(starts, start)
    s_start, s_end = spans[index] if spans else (0, len(source))
    return {
        "article_id": article.article_id, "field": where, "sentence": index, "start": start, "end": end,
        "surface": surface, "code": place.code, "name": place.name, "kind": place.kind, "via": VIA,
        "confidence": float(confidence), "ambiguous": False, "reason": "", "sentence_text": source[s_start:s_end],
    }


def read_mentions(path: Path, articles: dict[str, Article], problems: list[Problem]) -> Iterator[dict[str, Any]]:
    """Mention rows from a JSONL file; every bad line becomes a Problem."""
    known, seen = places(), set()
    for number, line in enumerate(text_lines(path, problems.append), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as err:
            problems.append(Problem(str(path), number, f"malformed JSON: {err.msg} (column {err.colno})"))
            continue
        if not isinstance(obj, dict):
            problems.append(Problem(str(path), number, "expected a JSON object"))
            continue
        article = articles.get(str(obj.get("article_id")))
        row = mention_row(obj, article, known) if article else f"article_id {obj.get('article_id')!r} is not among the articles read"
        if isinstance(row, str):
            problems.append(Problem(str(path), number, row + "; mention skipped"))
            continue
        key = (row["article_id"], row["field"], row["start"], row["end"], row["code"])
        if key in seen:
            problems.append(Problem(str(path), number, "duplicate mention (same article, offsets and code); skipped"))
            continue
        seen.add(key)
        yield row


def mention_order(row: dict[str, Any]) -> tuple[int, int, int, str]:
    return (0 if row["field"] == "title" else 1, row["start"], row["end"], row["code"])


def import_mentions(mentions_path: Path, articles_path: Path | str, out_dir: Path | None) -> ImportResult:
    """Read articles and mentions, build the tables and (given out_dir) write them."""
    started = time.perf_counter()
    mentions_path = Path(mentions_path)
    if not mentions_path.is_file():
        raise InputError(f"{mentions_path}: no such mentions file")
    refused = binary_problem(mentions_path)
    if refused:
        raise InputError(str(refused))
    reader = Reader()
    articles = list(reader.read(articles_path))
    problems = reader.problems
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in read_mentions(mentions_path, {a.article_id: a for a in articles}, problems):
        by_article[row["article_id"]].append(row)
    # Rows are ordered by offset as ours are: some relation rules read parties left to right.
    tables = extract(articles, None, lambda art: sorted(by_article[art.article_id], key=mention_order))
    result = ImportResult(tables, problems)
    if out_dir is not None:
        write_tables({**result.tables, "rejected": rejected_table(problems)}, Path(out_dir),
                     texts={"rejected.jsonl": rejected_jsonl(problems)})
    result.seconds = time.perf_counter() - started
    return result
