"""One real `streamlit run` server per session, on a free port, over tables built
from a small corpus written here (the tiny test articles plus one whose text
holds a <script> tag), and one headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.ui.helpers import ROOT, TINY_CORPUS, build_tables

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
SHOTS = Path("/tmp/shots")
XSS_ARTICLE = {"id": "tc-xss", "title": "Iran answers Russia", "source": "Test desk", "url": None,
               "published": "2025-03-01",
               "text": "Iran said <script>alert(1)</script> it would trade with Russia.\nMoscow agreed."}


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        pytest.fail(f"BROWSER TESTS NEED {CHROMIUM}: install Debian's chromium (apt-get install chromium); "
                    "they never skip", pytrace=False)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser_tables(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("browser_corpus")
    for path in sorted(TINY_CORPUS.glob("*.json")):
        shutil.copy(path, corpus / path.name)
    (corpus / "tc-xss.json").write_text(json.dumps(XSS_ARTICLE), encoding="utf-8")
    return build_tables(corpus, tmp_path_factory.mktemp("browser_tables"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Everything the server prints (stdout and stderr), for tests that read it."""
    return tmp_path_factory.mktemp("server") / "streamlit.log"


@pytest.fixture(scope="session")
def server(browser_tables: Path, server_log: Path) -> Iterator[str]:
    port = free_port()
    log = server_log.open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env={**os.environ, "DASHBOARD_TABLES": str(browser_tables)}, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start; see {log.name}", pytrace=False)
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(chromium), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


def settle(pg: Page) -> None:
    """Wait until the script run is over and the charts have drawn."""
    pg.wait_for_selector("[data-testid=stSidebar]")
    pg.wait_for_selector("[data-testid=stMain] h1")  # every page starts with its title
    pg.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)
    # The app's own word that the script run is over (the status widget may not have shown yet under load).
    pg.wait_for_function("() => document.querySelector('[data-testid=stApp]')"
                         "?.getAttribute('data-test-script-state') === 'notRunning'", timeout=60_000)
    pg.wait_for_timeout(1200)
