"""Sentence splitters with character offsets, measured against ours (etl.text).

    .venv/bin/python scripts/measure_splitters.py [DEV_FOLDER]
    .venv/bin/python scripts/measure_splitters.py [DEV_FOLDER] --to-judge

DEV_FOLDER holds the evaluation articles (JSON with "title" and "text"),
../shared/eval/dev from the repository by default. Each field is split on its
own, as the build does. A boundary is the offset where a sentence other than a
field's first begins (its first non-space character), so splitters are
compared position by position whatever whitespace they keep.

Printed: per splitter, boundaries shared with ours and found by one side only;
errors on the hand-judged positions where the splitters disagree, in total and
by kind of position; the same errors if a quotation of several sentences were
one sentence (pysbd's convention); a check of positions where all agree; and
speed, sentences per second over every dev field (median of 5 interleaved
runs). The judgements are scripts/splitter_judgements.csv: one row per
position (article, field, offset), the first 12 hex digits of the field's
SHA-256 (a changed text is reported, not silently mis-scored), whether a
careful reader ends a sentence there, and the kind of position. No article
text is stored. --to-judge prints the sampled positions not judged yet, with
context, and nothing else. Method and decision: docs/sentence-splitting.md.

pysbd and blingfire are in requirements-dev.txt only: nothing in etl/ uses them."""

from __future__ import annotations

import csv
import hashlib
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import blingfire  # type: ignore[import-untyped]
import pysbd  # type: ignore[import-untyped]

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script: etl comes from this checkout

from etl.text import sentence_spans  # noqa: E402

DEFAULT_DEV = REPO.parent / "shared" / "eval" / "dev"
JUDGEMENTS = Path(__file__).with_name("splitter_judgements.csv")
DISPUTED_SAMPLE = 200
SHARED_SAMPLE = 50
SEED = 15  # a fixed draw, so the judgements stay valid from run to run
RUNS = 5
# Kind of position whose verdict flips under pysbd's convention that a
# quotation of several sentences is one sentence.
INSIDE_QUOTATION = "full stop inside a quotation"

Span = tuple[int, int]
Field = tuple[str, str]  # (article, "title" or "text")
Position = tuple[str, str, int]  # (article, field, offset)
Splitter = Callable[[str], list[Span]]

PYSBD = pysbd.Segmenter(language="en", clean=False, char_span=True)
LINE = re.compile(r"[^\n]+")


def ours(text: str) -> list[Span]:
    # Past the cache: every call must split, or the timing measures a lookup.
    return list(sentence_spans.__wrapped__(text))


def with_pysbd(text: str) -> list[Span]:
    return [(s.start, s.end) for s in PYSBD.segment(text)]


def with_blingfire(text: str) -> list[Span]:
    if not text.strip():
        return []  # blingfire's offsets call fails on blank input
    _, offsets = blingfire.text_to_sentences_and_offsets(text)
    return [(int(s), int(e)) for s, e in offsets]


def by_line(split: Splitter) -> Splitter:
    """split run line by line: ours' rule that a line break ends a sentence,
    with the library's boundaries inside each line. Neither library has that
    rule, and it is the one a switch would most likely keep."""
    def split_lines(text: str) -> list[Span]:
        return [(line.start() + s, line.start() + e) for line in LINE.finditer(text) for s, e in split(line.group())]
    return split_lines


SPLITTERS: dict[str, Splitter] = {
    "ours": ours, "pysbd": with_pysbd, "blingfire": with_blingfire,
    "pysbd/line": by_line(with_pysbd), "blingfire/line": by_line(with_blingfire),
}


def read_fields(folder: Path) -> dict[Field, str]:
    fields: dict[Field, str] = {}
    for path in sorted(folder.glob("*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        for name in ("title", "text"):
            fields[(path.stem, name)] = article.get(name) or ""
    return fields


def boundaries(text: str, spans: list[Span]) -> set[int]:
    """Where each sentence after the first begins, leading spaces skipped."""
    starts = set()
    for start, end in spans[1:]:
        while start < end and text[start].isspace():
            start += 1
        if start < end:
            starts.add(start)
    return starts


def all_boundaries(fields: dict[Field, str]) -> dict[str, set[Position]]:
    return {name: {(a, f, b) for (a, f), text in fields.items() for b in boundaries(text, split(text))}
            for name, split in SPLITTERS.items()}


def samples(found: dict[str, set[Position]]) -> tuple[list[Position], list[Position]]:
    """The positions to judge: where the splitters disagree (up to
    DISPUTED_SAMPLE), and SHARED_SAMPLE of those where all split, which no
    comparison between them can fault."""
    return drawn(in_dispute(found), DISPUTED_SAMPLE), drawn(found["ours"].intersection(*found.values()), SHARED_SAMPLE)


def in_dispute(found: dict[str, set[Position]]) -> set[Position]:
    """Positions some splitters split at and others do not."""
    return set[Position]().union(*found.values()) - found["ours"].intersection(*found.values())


def drawn(positions: set[Position], size: int) -> list[Position]:
    ordered = sorted(positions)
    return sorted(random.Random(SEED).sample(ordered, min(size, len(ordered))))


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def read_judgements(fields: dict[Field, str]) -> tuple[dict[Position, bool], dict[Position, str]]:
    """Whether each judged position is a sentence end, and its kind."""
    judged: dict[Position, bool] = {}
    kinds: dict[Position, str] = {}
    if not JUDGEMENTS.exists():
        return judged, kinds
    with JUDGEMENTS.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            key = (row["article"], row["field"])
            if key not in fields or digest(fields[key]) != row["text_sha256"]:
                sys.exit(f"{JUDGEMENTS}:{line}: {key} is not the text that was judged; judge it again")
            position = (row["article"], row["field"], int(row["offset"]))
            judged[position] = row["boundary"] == "yes"
            kinds[position] = row["why"]
    return judged, kinds


def median_seconds(texts: list[str]) -> dict[str, float]:
    # Interleaved runs: on a shared machine a load spike then hits every
    # splitter alike rather than the one that happened to be running.
    runs: dict[str, list[float]] = {name: [] for name in SPLITTERS}
    for _ in range(RUNS):
        for name, split in SPLITTERS.items():
            began = time.perf_counter()
            for text in texts:
                split(text)
            runs[name].append(time.perf_counter() - began)
    return {name: statistics.median(times) for name, times in runs.items()}


def errors(have: set[Position], scored: list[Position], judged: dict[Position, bool]) -> tuple[int, int]:
    """(false ends, missed ends) of one splitter on the judged positions."""
    false_ends = sum(1 for p in scored if p in have and not judged[p])
    missed = sum(1 for p in scored if p not in have and judged[p])
    return false_ends, missed


def print_to_judge(fields: dict[Field, str], found: dict[str, set[Position]], sample: list[Position],
                   judged: dict[Position, bool]) -> None:
    for article, field, offset in sorted(p for p in sample if p not in judged):
        text = fields[(article, field)]
        says = " ".join(f"{name}={'yes' if (article, field, offset) in found[name] else 'no'}" for name in SPLITTERS)
        print(f"{article},{field},{offset},{digest(text)}  {says}\n"
              f"    {text[max(0, offset - 70):offset]!r} || {text[offset:offset + 50]!r}")


def print_table(found: dict[str, set[Position]], scored: list[Position], judged: dict[Position, bool],
                seconds: dict[str, float], n_sentences: int) -> None:
    mine = found["ours"]
    print(f"{'splitter':<15} {'boundaries':>10} {'shared':>6} {'only ours':>9} {'only it':>7} {'errors':>6} "
          f"{'false ends':>10} {'missed':>6} {'seconds':>7} {'sentences/s':>11}")
    for name, have in found.items():
        false_ends, missed = errors(have, scored, judged)
        print(f"{name:<15} {len(have):>10} {len(have & mine):>6} {len(mine - have):>9} {len(have - mine):>7} "
              f"{false_ends + missed:>6} {false_ends:>10} {missed:>6} {seconds[name]:>7.4f} "
              f"{n_sentences / seconds[name]:>11,.0f}")


def print_by_kind(found: dict[str, set[Position]], scored: list[Position], judged: dict[Position, bool],
                  kinds: dict[Position, str]) -> None:
    """Errors per kind of position: where each splitter goes wrong."""
    print(f"\n{'errors by kind of position':<36} {'n':>3} {'ends':>4} " + " ".join(f"{n:>14}" for n in SPLITTERS))
    for kind in sorted({kinds[p] for p in scored}):
        here = [p for p in scored if kinds[p] == kind]
        counts = (sum(errors(found[name], here, judged)) for name in SPLITTERS)
        print(f"{kind:<36} {len(here):>3} {sum(judged[p] for p in here):>4} " + " ".join(f"{c:>14}" for c in counts))
    # pysbd's rules keep a quotation whole; with that convention those ends are not ends.
    flipped = {p: judged[p] != (kinds[p] == INSIDE_QUOTATION) for p in scored}
    counts = (sum(errors(found[name], scored, flipped)) for name in SPLITTERS)
    print(f"{'all, if a quotation is one sentence':<36} {len(scored):>3} {sum(flipped.values()):>4} "
          + " ".join(f"{c:>14}" for c in counts))


def main(argv: list[str]) -> None:
    folder = Path(next((a for a in argv if not a.startswith("--")), DEFAULT_DEV))
    fields = read_fields(folder)
    if not fields:
        sys.exit(f"no *.json articles in {folder}")
    found = all_boundaries(fields)
    disputed, shared = samples(found)
    judged, kinds = read_judgements(fields)
    if "--to-judge" in argv:
        print_to_judge(fields, found, disputed + shared, judged)
        return
    texts = [t for t in fields.values() if t.strip()]
    n_sentences = sum(len(ours(t)) for t in texts)
    print(f"{len(fields) // 2} articles, {len(texts)} non-empty fields, {sum(map(len, texts)):,} characters, "
          f"{n_sentences} sentences by ours")
    n_disputed = len(in_dispute(found))
    scored = [p for p in disputed if p in judged]
    print(f"positions where the splitters disagree: {n_disputed}; judged: {len(scored)}, "
          f"{sum(judged[p] for p in scored)} of them sentence ends\n")
    print_table(found, scored, judged, median_seconds(texts), n_sentences)
    print("sentences/s: ours' sentence count over each splitter's median seconds (the same work for all)")
    print_by_kind(found, scored, judged, kinds)
    checked = [p for p in shared if p in judged]
    print(f"\nwhere every splitter splits: {len(checked)} positions judged, {sum(not judged[p] for p in checked)} wrong")


if __name__ == "__main__":
    main(sys.argv[1:])
