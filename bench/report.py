"""The bench's result as the table it prints, and the speed and memory targets it checks."""

from __future__ import annotations

from typing import Any

from bench.dashboard import REPEATS

# The targets the bench checks: (key in "targets", description).
TARGETS = {
    "build_tenth_of_floor": "full build >= 1/10 of the floor's MB/s",
    "matching_half_of_floor": "mention matching >= 1/2 of the floor's MB/s",
    "filter_change_under_300ms": "dashboard filter change (apply + page aggregates) < 300 ms",
    "cold_load_under_3s": "dashboard cold load of the tables < 3 s",
    "memory_under_1gb": "peak memory of each build and of the dashboard data layer (all processes) < 1 GB",
    "append_about_1_percent": "build --append of 1% more articles <= 2% of the full build's time",
}


def format_result(result: dict[str, Any]) -> str:
    lines = [f"{result['articles']} articles, {result['megabytes']} MB of text, {result['cpu_count']} cores; "
             f"whole builds and the dashboard layer run as fresh processes (start-up included)",
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
    lines += ["", "targets"]
    for key, met in result["targets"].items():
        lines.append(f"  [{'met' if met else 'NOT met':>7}] {TARGETS[key]}")
    return "\n".join(lines)
