"""The bench's measuring tools: a synthetic corpus, timers, the floor, the
in-process stages, and fresh processes with their memory."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from etl.matching import automaton
from etl.mentions import article_mentions
from etl.relations import article_relations
from etl.text import sentence_spans

ROOT = Path(__file__).resolve().parents[1]  # where `python -m etl` runs


def synthetic_corpus(source: Path, n_articles: int, seed: int = 7, prefix: str = "synthetic") -> list[dict[str, Any]]:
    """Articles made of sentences drawn from the source corpus, reproducibly."""
    rng = random.Random(seed)
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    sentences = [r["text"][s:e] for r in records for s, e in sentence_spans(r["text"])]
    dates = sorted({r["published"] for r in records if r.get("published")})
    return [
        {"id": f"{prefix}-{i:07d}", "title": rng.choice(records)["title"], "source": "Synthetic",
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


def discard(results: Iterable[object]) -> None:
    """Run a stage keeping nothing, as a build keeps nothing between batches:
    holding millions of results would time the garbage collector too."""
    for _ in results:
        pass


def per_article(articles: list[Any]) -> tuple[float, float]:
    """Seconds spent making mention rows and running the relation rules,
    article by article as the build does (each article's rows then dropped)."""
    rows = rules = 0.0
    for art in articles:
        started = time.perf_counter()
        found = article_mentions(art.article_id, art.title, art.text)
        middle = time.perf_counter()
        article_relations(art.article_id, art.title, art.text, [m for m in found if not m["ambiguous"]])
        rows, rules = rows + middle - started, rules + time.perf_counter() - middle
    return rows, rules


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its direct children (pool workers), from
    /proc; 0 where there is no /proc. An upper bound: pages shared after fork
    are counted in every process."""
    def rss(p: int | str) -> int:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except (OSError, ValueError):
            pass
        return 0

    total = rss(pid)
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    return (total + sum(rss(c) for c in children)) / 1024


def measured_process(args: list[str]) -> tuple[float, float, str]:
    """Run `python -m ...args` in a fresh process: (seconds, peak MB of it and its
    workers together, stdout). Start-up and imports are included, as for a user."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    peak = [0.0]

    def watch() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss_mb(proc.pid))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    watcher.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {err.strip()[-2000:]}")
    return seconds, peak[0], out


def build_stage(workers: int) -> str:
    return f"whole build, {workers} worker{'s' if workers > 1 else ''}"
