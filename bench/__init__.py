"""Benchmark the build on a synthetic corpus, against an Aho-Corasick floor.

The floor is one pass of the same automaton over the same text with nothing
else done: no Python-level extraction can beat it, so stage speeds are shown
as fractions of it. Numbers are printed and written as JSON; nothing here is
asserted, because timings on a shared machine are noisy.

The whole build is timed with one worker and with W (scaling factor), and the
dashboard's data layer is timed with the functions the pages call: the cold
read of the tables (ui.loaders without Streamlit's cache), one filter change
(ui.view.apply) and the aggregates each page draws (ui.aggregates). The ui
modules import Streamlit, so they are imported only when the bench runs.

Here: run() and main(); stages.py, the corpus, timers and fresh processes;
dashboard.py, the data layer (also `python -m bench dashboard FOLDER`);
report.py, the printed table and the targets it checks."""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
from pathlib import Path
from typing import Any

from etl import store
from bench.dashboard import cold_read, dashboard_layer, page_aggregates
from bench.report import TARGETS, format_result
from bench.stages import (build_stage, discard, floor_pass, measured_process, per_article, synthetic_corpus,
                              timed)
from etl.build import TABLE_NAMES, write_tables
from etl.inputs import Reader
from etl.matching import automaton, settled_candidates
from etl.paths import SAMPLE_INPUT
from etl.text import sentence_spans

__all__ = ["TARGETS", "cold_read", "dashboard_layer", "format_result", "main", "page_aggregates", "run",
           "synthetic_corpus"]


def run(n_articles: int, source: Path = SAMPLE_INPUT, seed: int = 7, workers: int | None = None) -> dict[str, Any]:
    workers = workers or os.cpu_count() or 1
    records = synthetic_corpus(source, n_articles, seed)
    texts = [r["text"] for r in records]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    automaton()  # built once, outside every timing
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
        articles: list[Any] = []
        stages = {
            # The best of three runs for the floor and for matching: the ratio of two
            # short timings on a shared machine is otherwise mostly noise.
            "floor: Aho-Corasick pass": min(timed(lambda: floor_pass(texts)) for _ in range(3)),
            "reading": timed(lambda: articles.extend(Reader().read(corpus))),
            "sentence splitting": timed(lambda: discard(sentence_spans(t) for t in texts)),
            "mention matching": min(timed(lambda: discard(settled_candidates(t) for t in texts)) for _ in range(3)),
        }
        stages["mention rows"], stages["relation rules"] = per_article(articles)
        del articles[:]
        stages["table writing"] = 0.0  # measured below, on the tables the builds wrote
        memory: dict[str, float] = {}
        for count in dict.fromkeys((1, workers)):
            name = build_stage(count)
            stages[name], memory[name], _ = measured_process(
                ["etl", "build", "--input", str(corpus), "--out", str(Path(tmp) / f"w{count}"),
                 "--workers", str(count), "--quiet"])
        # A build writes its tables batch by batch; written here in one go, the
        # same rows cost the same Parquet encoding and writing.
        built = {name: store.read_table(Path(tmp) / f"w{workers}", name) for name in (*TABLE_NAMES, "seen")}
        stages["table writing"] = timed(lambda: write_tables(built, Path(tmp) / "rewritten"))  # type: ignore[arg-type]
        del built
        # Memory must stay flat as the corpus grows: the same build on a tenth of it.
        tenth = Path(tmp) / "tenth.jsonl"
        with corpus.open(encoding="utf-8") as lines:
            tenth.write_text("".join(line for _, line in zip(range(max(1, n_articles // 10)), lines)), encoding="utf-8")
        _, memory[f"{build_stage(workers)}, a tenth of the corpus"], _ = measured_process(
            ["etl", "build", "--input", str(tenth), "--out", str(Path(tmp) / "tenth"), "--workers", str(workers), "--quiet"])
        _, memory["dashboard data layer"], printed = measured_process(
            ["bench", "dashboard", str(Path(tmp) / f"w{workers}")])
        layer = json.loads(printed)
        # After the dashboard has measured the full build: the append adds to it.
        extra = Path(tmp) / "extra.jsonl"
        extra.write_text("".join(json.dumps(r) + "\n" for r in synthetic_corpus(
            source, max(1, n_articles // 100), seed + 1, prefix="appended")), encoding="utf-8")
        appended, memory["append 1% more articles"], _ = measured_process(
            ["etl", "build", "--input", str(extra), "--out", str(Path(tmp) / f"w{workers}"), "--append",
             "--workers", str(workers), "--quiet"])
        # What any command pays before its first article: Python, pandas, pyarrow, our modules.
        startup = min(measured_process(["etl", "--help"])[0] for _ in range(3))
        dashboard, about = layer["seconds"], layer["about"]
    floor = megabytes / stages["floor: Aho-Corasick pass"]
    parallel = stages[build_stage(workers)]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    targets = {
        "build_tenth_of_floor": megabytes / parallel >= floor / 10,
        "matching_half_of_floor": megabytes / stages["mention matching"] >= floor / 2,
        "filter_change_under_300ms": dashboard["slowest filter change + page"] < 0.3,
        "cold_load_under_3s": dashboard["cold load"] < 3.0,
        "memory_under_1gb": max(memory.values()) < 1024,
        "append_about_1_percent": appended <= 0.02 * parallel,
    }
    return {
        "articles": n_articles, "megabytes": round(megabytes, 2), "seed": seed, "workers": workers,
        "cpu_count": os.cpu_count(),
        "peak_memory_mb": round(peak, 1),
        "process_memory_mb": {name: round(mb, 1) for name, mb in memory.items()},
        "stages": {
            name: {"seconds": round(sec, 3), "mb_per_s": round(megabytes / sec, 2),
                   "articles_per_s": round(n_articles / sec), "share_of_floor": round(megabytes / sec / floor, 3)}
            for name, sec in stages.items()
        },
        "append": {"articles": max(1, n_articles // 100), "seconds": round(appended, 3),
                   "share_of_full_build": round(appended / parallel, 4),
                   "startup_seconds": round(startup, 3)},
        "scaling": {"workers": workers, "seconds_1_worker": round(stages[build_stage(1)], 3),
                    "seconds_n_workers": round(parallel, 3),
                    "speedup": round(stages[build_stage(1)] / parallel, 2)},
        "dashboard": {name: {"seconds": round(sec, 4)} for name, sec in dashboard.items()},
        "dashboard_data": about,
        "targets": targets,
    }


def main(n_articles: int, out: Path | None, workers: int | None = None) -> int:
    if not SAMPLE_INPUT.exists():
        print(f"error: {SAMPLE_INPUT} is missing; the benchmark draws its sentences from the sample", file=sys.stderr)
        return 2
    result = run(n_articles, workers=workers)
    print(format_result(result))
    if out is not None:
        out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out}")
    return 0
