"""Benchmark the build on a synthetic corpus, against an Aho-Corasick floor.

The floor is one pass of the same automaton over the same text with nothing
else done: no Python-level extraction can beat it, so stage speeds are shown
as fractions of it. Numbers are printed and written as JSON; nothing here is
asserted, because timings on a shared machine are noisy.

The whole build is timed with one worker and with W (scaling factor), and the
dashboard's data layer is timed with the functions the pages call: the cold
read of the tables (ui.loaders without Streamlit's cache), one filter change
(ui.view.apply) and the aggregates each page draws (ui.aggregates). The ui
modules import Streamlit, so they are imported only when the bench runs."""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import threading
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from etl import compiled, store
from etl.build import TABLE_NAMES, write_tables
from etl.inputs import Reader
from etl.matching import automaton, settled_candidates
from etl.mentions import article_mentions
from etl.paths import SAMPLE_INPUT
from etl.relations import article_relations
from etl.text import sentence_spans


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


ROOT = Path(__file__).resolve().parent.parent  # where `python -m etl` runs
# Issue 7's targets: (key in "targets", description).
TARGETS = {
    "build_tenth_of_floor": "full build >= 1/10 of the floor's MB/s",
    "matching_half_of_floor": "mention matching >= 1/2 of the floor's MB/s",
    "filter_change_under_300ms": "dashboard filter change (apply + page aggregates) < 300 ms",
    "cold_load_under_3s": "dashboard cold load of the tables < 3 s",
    "memory_under_1gb": "peak memory of each build and of the dashboard data layer (all processes) < 1 GB",
    "append_about_1_percent": "build --append of 1% more articles <= 2% of the full build's time",
}
REPEATS = 3  # dashboard timings: the median of this many runs


def median_time(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    return sorted(timed(fn) for _ in range(repeats))[repeats // 2]


def cold_read(folder: Path) -> dict[str, pd.DataFrame]:
    """The tables as the dashboard reads them, without Streamlit's cache: the
    plain function under ui.loaders.read_tables' st.cache_resource wrapper
    (column pruning, categoricals and the sort check included)."""
    from ui import loaders

    plain = getattr(loaders.read_tables, "__wrapped__", loaders.read_tables)
    return plain(str(folder), loaders.version(folder))


def page_aggregates(view: dict[str, pd.DataFrame], code: str) -> dict[str, Callable[[], object]]:
    """What each page computes from the filtered view before drawing (as in pages/)."""
    from ui import aggregates, evidence
    from ui.tables import plain

    def overview() -> None:
        measures = aggregates.country_measures(view)
        aggregates.pair_totals(view["alliances"])
        aggregates.over_time(view["mentions"], view["articles"])
        aggregates.unshaped(measures, "mentions")

    def countries() -> None:
        own = view["mentions"][view["mentions"]["code"] == code]
        aggregates.over_time(own, view["articles"])
        aggregates.partners(view["alliances"], code)
        aggregates.sanctions_by(view["sanctions"], code, role="target")
        aggregates.sanctions_by(view["sanctions"], code, role="sender")
        aggregates.named_with(view["countries"], view["mentions"], code)
        # The evidence tabs' frames as ui.downloads.table gets them: shown as they
        # are, turned into plain strings only for a download that is clicked.
        allies = view["alliances"][(view["alliances"]["party_a"] == code) | (view["alliances"]["party_b"] == code)]
        rows = view["sanctions"][(view["sanctions"]["target"] == code) | (view["sanctions"]["sender"] == code)]
        for frame in (evidence.mention_evidence(own, view["articles"]), evidence.with_names(allies, ["party_a", "party_b"]),
                      evidence.with_names(rows, ["target", "sender"])):
            plain(frame.iloc[:0])

    def alliances() -> None:
        allies = view["alliances"]
        totals = aggregates.pair_totals(allies)
        totals["co_members"] = aggregates.co_members(totals, allies)
        aggregates.pair_lines(totals)
        aggregates.pairs(allies)

    def sanctions() -> None:
        measures = aggregates.country_measures(view)
        sanctions = view["sanctions"]
        sanctions.loc[~sanctions["target"].isin(measures["iso3"]), "target"].astype("string").value_counts()
        aggregates.sender_target(view["sanctions"])
        aggregates.over_time(view["sanctions"], view["articles"], by="action")
        aggregates.unshaped(measures, "sanctioned")

    return {"overview page": overview, "countries page": countries,
            "alliances page": alliances, "sanctions page": sanctions}


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


def dashboard_layer(folder: Path, country: str = "RUS") -> tuple[dict[str, float], dict[str, Any]]:
    """Seconds of the dashboard's data work on the tables in folder, and what was measured."""
    from ui import view as ui_view
    from ui.filters import Filters, options

    seconds: dict[str, float] = {}
    loaded: dict[str, pd.DataFrame] = {}
    seconds["cold load"] = timed(lambda: loaded.update(cold_read(folder)))
    dates = loaded["articles"]["published"].dropna().sort_values()
    start = dates.iloc[len(dates) // 4].date() if len(dates) else None
    end = dates.iloc[3 * len(dates) // 4].date() if len(dates) else None
    chosen = Filters(start=start, end=end, countries=(country,))
    ui_view.apply(tables=loaded, f=chosen)  # warm the reference caches (names, shapes) once
    # Every rerun also lists the sidebar's choices from the unfiltered tables.
    seconds["filter change: sidebar options"] = median_time(lambda: options(loaded))
    seconds["filter change: view.apply"] = median_time(lambda: ui_view.apply(loaded, chosen))
    shown = ui_view.apply(loaded, chosen)
    everything = ui_view.apply(loaded, Filters())
    for name, fn in page_aggregates(shown, country).items():
        fn()
        seconds[f"{name} aggregates"] = median_time(fn)
    seconds["slowest filter change + page"] = sum(sec for name, sec in seconds.items() if name.startswith(
        "filter change")) + max(
        sec for name, sec in seconds.items() if name.endswith("page aggregates"))
    for name, fn in page_aggregates(everything, country).items():
        seconds[f"{name} aggregates, no filter"] = median_time(fn)
    memory = sum(int(df.memory_usage(deep=True).sum()) for df in loaded.values())
    about = {
        "filter": {"countries": [country], "start": str(start), "end": str(end)},
        "rows": {name: len(df) for name, df in loaded.items()},
        "rows_after_filter": {name: len(df) for name, df in shown.items()},
        "tables_memory_mb": round(memory / 1e6, 1),
        "parquet_mb": round(sum(p.stat().st_size for name in TABLE_NAMES for p in store.parts(folder, name)) / 1e6, 1),
    }
    return seconds, about


def build_stage(workers: int) -> str:
    return f"whole build, {workers} worker{'s' if workers > 1 else ''}"


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
            ["etl.bench", "dashboard", str(Path(tmp) / f"w{workers}")])
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
        "compiled_modules": compiled.REASON,
        "scaling": {"workers": workers, "seconds_1_worker": round(stages[build_stage(1)], 3),
                    "seconds_n_workers": round(parallel, 3),
                    "speedup": round(stages[build_stage(1)] / parallel, 2)},
        "dashboard": {name: {"seconds": round(sec, 4)} for name, sec in dashboard.items()},
        "dashboard_data": about,
        "targets": targets,
    }


def format_result(result: dict[str, Any]) -> str:
    lines = [f"{result['articles']} articles, {result['megabytes']} MB of text, {result['cpu_count']} cores; "
             f"whole builds and the dashboard layer run as fresh processes (start-up included)",
             f"hot modules: {result['compiled_modules']}",
             f"{'stage':28} {'seconds':>8} {'MB/s':>8} {'articles/s':>11} {'x floor':>8}"]
    for name, s in result["stages"].items():
        lines.append(f"{name:28} {s['seconds']:8.3f} {s['mb_per_s']:8.2f} {s['articles_per_s']:11d} {s['share_of_floor']:8.3f}")
    sc = result["scaling"]
    lines.append(f"scaling: {sc['workers']} workers build {sc['speedup']:.2f}x as fast as 1 worker "
                 f"({sc['seconds_1_worker']:.2f} s -> {sc['seconds_n_workers']:.2f} s)")
    ap = result["append"]
    lines.append(f"append: {ap['articles']} more articles (1%) in {ap['seconds']:.2f} s, "
                 f"{100 * ap['share_of_full_build']:.1f}% of the full build with {sc['workers']} workers "
                 f"(a fresh process: interpreter start-up and imports included; `python -m etl --help` "
                 f"alone takes {ap['startup_seconds']:.2f} s)")
    data = result["dashboard_data"]
    rows = ", ".join(f"{n} {r}" for n, r in data["rows"].items())
    lines += ["", f"dashboard data layer ({rows}; {data['parquet_mb']} MB of Parquet, "
                  f"{data['tables_memory_mb']} MB in memory)",
              f"filter: {', '.join(data['filter']['countries'])}, {data['filter']['start']} to {data['filter']['end']} "
              f"-> {data['rows_after_filter']['articles']} articles; median of {REPEATS} runs",
              f"{'step':44} {'ms':>9}"]
    for name, s in result["dashboard"].items():
        lines.append(f"{name:44} {1000 * s['seconds']:9.1f}")
    lines += ["", "peak memory (resident, process and its workers summed)"]
    lines += [f"  {name:42} {mb:7.0f} MB" for name, mb in result["process_memory_mb"].items()]
    lines += [f"  {'bench process (holds its own copies)':42} {result['peak_memory_mb']:7.0f} MB"]
    lines += ["", "issue 7 targets"]
    for key, met in result["targets"].items():
        lines.append(f"  [{'met' if met else 'NOT met':>7}] {TARGETS[key]}")
    return "\n".join(lines)


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


if __name__ == "__main__":
    # python -m etl.bench dashboard FOLDER: the dashboard layer alone, in a fresh
    # process so its memory is its own; prints JSON for run().
    if len(sys.argv) != 3 or sys.argv[1] != "dashboard":
        sys.exit("usage: python -m etl.bench dashboard TABLES_FOLDER")
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    measured, described = dashboard_layer(Path(sys.argv[2]))
    print(json.dumps({"seconds": measured, "about": described}))
