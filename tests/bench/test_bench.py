"""`python -m bench` on a tiny corpus: what it reports, never its timings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bench
from bench.__main__ import main
from etl.paths import SAMPLE_INPUT

pytestmark = pytest.mark.skipif(not SAMPLE_INPUT.exists(), reason="the bench draws its sentences from the sample")


def test_bench_json_has_every_section(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bench.json"
    assert main(["--articles", "20", "--workers", "2", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["articles"] == 20 and result["workers"] == 2
    assert {"floor: Aho-Corasick pass", "mention matching", "whole build, 1 worker",
            "whole build, 2 workers"} <= set(result["stages"])
    assert set(result["scaling"]) == {"workers", "seconds_1_worker", "seconds_n_workers", "speedup"}
    assert {"cold load", "filter change: view.apply", "overview page aggregates", "countries page aggregates",
            "alliances page aggregates", "sanctions page aggregates",
            "slowest filter change + page"} <= set(result["dashboard"])
    assert result["dashboard_data"]["rows"]["articles"] == 20
    assert result["append"]["articles"] == 1 and result["append"]["seconds"] > 0
    assert result["append"]["startup_seconds"] > 0
    assert {"whole build, 2 workers, a tenth of the corpus", "append 1% more articles"} <= set(result["process_memory_mb"])
    assert set(result["targets"]) == set(bench.TARGETS)
    # Each verdict is the measurement compared with its target, and the table prints every stage.
    scaling, append = result["scaling"], result["append"]
    assert scaling["speedup"] == pytest.approx(scaling["seconds_1_worker"] / scaling["seconds_n_workers"], abs=0.01)
    assert result["targets"]["append_about_1_percent"] == (append["seconds"] <= 0.02 * scaling["seconds_n_workers"])
    assert result["targets"]["memory_under_1gb"] == (max(result["process_memory_mb"].values()) < 1024)
    for name, stage in result["stages"].items():
        assert f"{name:28} {stage['seconds']:8.3f}" in printed
    assert "dashboard data layer" in printed and "\ntargets\n" in printed
