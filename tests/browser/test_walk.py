"""Normal use in a real browser: every page reached through the sidebar with
filters set, the server log clean, nothing fetched from the internet."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest
from playwright.sync_api import Page, Request

from tests.browser.conftest import SHOTS, settle

pytestmark = pytest.mark.browser
# The first page is named after its file, dashboard.py (the product's entry point).
OVERVIEW = "dashboard"
NAV = ["Countries", "Alliances", "Sanctions", "Articles", "Upload", "About this data", OVERVIEW]
WITHOUT_FILTERS = ("Upload", "About this data")
# Inside the browser tables' span (2021-06-24 to 2025-03-01), so the date filter is really set.
FILTERS = {"dates": ["2021-06-24", "2025-02-01"], "source": ["Test desk"], "country": ["Russia"],
           "conf": ["0.1"], "ambiguous": ["true"]}
NARROWER = {**FILTERS, "bloc": ["European Union (EU)"], "kind": ["treaty"], "action": ["imposed"]}
# What Streamlit writes to its log when something went wrong in a script run.
BAD_LOG = ("Traceback", "WARNING", "ERROR", "Exception", "was created with a default value")


def outside(requests: list[str], base: str) -> list[str]:
    host = urllib.parse.urlparse(base).netloc
    return [u for u in requests if urllib.parse.urlparse(u).scheme in ("http", "https", "ws", "wss")
            and urllib.parse.urlparse(u).netloc != host]


def articles(page: Page) -> str:
    box = page.locator("[data-testid=stMetric]", has_text="Articles").first
    return box.locator("[data-testid=stMetricValue]").inner_text().strip()


def walk(page: Page, base: str, filters: dict[str, list[str]], shots: str) -> None:
    page.goto(f"{base}/?{urllib.parse.urlencode(filters, doseq=True)}")
    settle(page)
    for name in NAV:
        page.locator("[data-testid=stSidebarNav] a", has_text=name).first.click()
        page.wait_for_url(f"{base}/{'' if name == OVERVIEW else name.replace(' ', '_')}*")
        settle(page)
        assert page.locator("[data-testid=stException]").count() == 0, name
        if name not in WITHOUT_FILTERS:  # the other pages carry the filters in their link
            query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
            assert {k: query.get(k) for k in filters} == filters, name
        page.screenshot(path=str(SHOTS / f"walk-{shots}-{name}.png"), full_page=True)


def test_every_page_with_filters_set_leaves_the_server_log_clean(page: Page, server: str,
                                                                 server_log: Path) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if isinstance(r, Request) else None)
    SHOTS.mkdir(exist_ok=True)
    walk(page, server, FILTERS, "filters")
    # Back on the Overview the filters still apply: tc-eu-belarus and tc-treaty
    # name Russia before 2 February 2025; tc-xss (1 March 2025) is outside.
    assert articles(page) == "2"
    walk(page, server, NARROWER, "narrower")
    log = server_log.read_text(encoding="utf-8")
    assert not [bad for bad in BAD_LOG if bad in log], log[-3000:]
    assert outside(requests, server) == [], "fetched from the internet"


def test_a_relations_chart_links_to_about_this_data(page: Page, server: str) -> None:
    page.goto(f"{server}/Alliances")
    settle(page)
    notes = page.locator("[data-testid=stPageLink]", has_text="how far to trust this chart")
    notes.nth(1).wait_for(timeout=30_000)  # under load the page may still be drawing after settle()
    assert notes.count() == 2
    notes.first.click()
    page.wait_for_url(f"{server}/About_this_data")
    settle(page)
    assert page.locator("h1").inner_text().strip() == "About this data"
    # The grid draws on a canvas; its accessible table holds the same cells.
    cells = page.locator("[data-testid=stDataFrame]").first.locator("td").all_text_contents()
    assert "alliance pairs" in cells
    page.screenshot(path=str(SHOTS / "about.png"), full_page=True)
