"""Benchmark the build on a synthetic corpus, against an Aho-Corasick floor.

The floor is one pass of the same automaton over the same text with nothing
else done: no Python-level extraction can beat it, so stage speeds are shown
as fractions of it. Numbers are printed and written as JSON; nothing here is
asserted, because timings on a shared machine are noisy."""

from __future__ import annotations

import json
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from etl.build import build, extract, write_tables
from etl.inputs import Reader
from etl.matching import automaton, find_candidates, resolve_overlaps
from etl.mentions import article_mentions
from etl.paths import SAMPLE_INPUT
from etl.relations import article_relations
from etl.text import sentence_spans


def synthetic_corpus(source: Path, n_articles: int, seed: int = 7) -> list[dict[str, Any]]:
    """Articles made of sentences drawn from the source corpus, reproducibly."""
    rng = random.Random(seed)
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    sentences = [r["text"][s:e] for r in records for s, e in sentence_spans(r["text"])]
    dates = sorted({r["published"] for r in records if r.get("published")})
    return [
        {"id": f"synthetic-{i:07d}", "title": rng.choice(records)["title"], "source": "Synthetic",
         "url": None, "published": rng.choice(dates) if dates else None,
         "text": " ".join(rng.choice(sentences) for _ in range(rng.randint(4, 12)))}
        for i in range(n_articles)
    ]


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def floor_pass(texts: list[str]) -> None:
    machine = automaton()
    for text in texts:
        for _ in machine.iter(text):
            pass


def run(n_articles: int, source: Path = SAMPLE_INPUT, seed: int = 7) -> dict[str, Any]:
    records = synthetic_corpus(source, n_articles, seed)
    texts = [r["text"] for r in records]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    automaton()  # built once, outside every timing
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
        articles: list[Any] = []
        mentions: list[list[dict[str, Any]]] = []
        stages = {
            "floor: Aho-Corasick pass": timed(lambda: floor_pass(texts)),
            "reading": timed(lambda: articles.extend(Reader().read(corpus))),
            "sentence splitting": timed(lambda: [sentence_spans(t) for t in texts]),
            "mention matching": timed(lambda: [resolve_overlaps(find_candidates(t)) for t in texts]),
            "mention rows": timed(lambda: mentions.extend(article_mentions(a.article_id, a.title, a.text) for a in articles)),
            "relation rules": timed(lambda: [article_relations(a.article_id, a.title, a.text, m) for a, m in zip(articles, mentions)]),
        }
        tables = extract(articles)
        stages["table writing"] = timed(lambda: write_tables(tables, Path(tmp) / "tables"))
        stages["whole build"] = timed(lambda: build(corpus, Path(tmp) / "whole", progress=None))
    floor = megabytes / stages["floor: Aho-Corasick pass"]
    return {
        "articles": n_articles, "megabytes": round(megabytes, 2), "seed": seed,
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "stages": {
            name: {"seconds": round(sec, 3), "mb_per_s": round(megabytes / sec, 2),
                   "articles_per_s": round(n_articles / sec), "share_of_floor": round(megabytes / sec / floor, 3)}
            for name, sec in stages.items()
        },
    }


def format_result(result: dict[str, Any]) -> str:
    lines = [f"{result['articles']} articles, {result['megabytes']} MB of text, peak memory {result['peak_memory_mb']} MB",
             f"{'stage':28} {'seconds':>8} {'MB/s':>8} {'articles/s':>11} {'x floor':>8}"]
    for name, s in result["stages"].items():
        lines.append(f"{name:28} {s['seconds']:8.3f} {s['mb_per_s']:8.2f} {s['articles_per_s']:11d} {s['share_of_floor']:8.3f}")
    return "\n".join(lines)


def main(n_articles: int, out: Path | None) -> int:
    if not SAMPLE_INPUT.exists():
        print(f"error: {SAMPLE_INPUT} is missing; the benchmark draws its sentences from the sample", file=sys.stderr)
        return 2
    result = run(n_articles)
    print(format_result(result))
    if out is not None:
        out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out}")
    return 0
