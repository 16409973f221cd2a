"""`python -m bench warm-append` on a tiny corpus: what it reports, never its timings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.__main__ import main
from etl.paths import SAMPLE_INPUT

pytestmark = pytest.mark.skipif(not SAMPLE_INPUT.exists(), reason="the bench draws its sentences from the sample")


def test_warm_append_reports_two_passes_of_one_percent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "warm.json"
    assert main(["warm-append", "--articles", "200", "--workers", "1", "--json", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert (result["articles"], result["appended"], result["workers"], result["rows_after"]) == (200, 2, 1, 204)
    assert [line.split(": ", 1)[1] for line in result["pass_lines"]] == ["2 new, 0 seen", "2 new, 0 seen"]
    assert result["share_of_full_build"] == pytest.approx(
        result["warm_append_seconds"] / result["full_build_seconds"], abs=1e-3)
    printed = capsys.readouterr().out
    assert f"{100 * result['share_of_full_build']:.2f}% of the full build" in printed
