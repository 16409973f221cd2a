"""How long a viewer waits for the Overview's first chart on a fresh server:
`python -m bench.cold_start [--tables DIR] [--runs 5]`.

Each run starts `streamlit run dashboard.py` anew (nothing cached), waits for
its health check, opens the page in headless Chromium and times from the
request to the first chart drawn. Prints every run and the median; nothing is
asserted (timings on a shared machine are noisy). Needs Debian's chromium and
playwright (requirements-dev.txt)."""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def started(tables: Path | None) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, **({"DASHBOARD_TABLES": str(tables)} if tables else {})}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--browser.gatherUsageStats", "false"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2):
                return proc, base
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("streamlit did not start within 60 s")


def first_chart_seconds(base: str) -> float:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        begun = time.perf_counter()
        page.goto(base)
        page.locator("[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg").first.wait_for(
            timeout=120_000)
        seconds = time.perf_counter() - begun
        browser.close()
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cold_start", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tables", type=Path, help="tables folder (default: the bundled sample)")
    parser.add_argument("--runs", type=int, default=5, help="cold starts to time (default 5)")
    args = parser.parse_args(argv)
    times = []
    for run in range(1, args.runs + 1):
        proc, base = started(args.tables)
        try:
            times.append(first_chart_seconds(base))
        finally:
            proc.terminate()
            proc.wait(timeout=20)
        print(f"run {run}: first chart after {times[-1]:.2f} s")
    print(f"median of {len(times)} cold starts: {statistics.median(times):.2f} s to the Overview's first chart")
    return 0


if __name__ == "__main__":
    sys.exit(main())
