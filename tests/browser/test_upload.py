"""Your articles in a real browser: upload a .jsonl with one good and one broken
line, see the problem row, the view switches to "mine" and every page shows
only the upload, one click goes back to the sample; an uploaded <script> is
shown as text and never runs."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import SHOTS, settle

pytestmark = pytest.mark.browser
GOOD = {"id": "my-1", "title": "Andes trade deal", "published": "2025-04-02", "source": "My desk",
        "text": "Chile and Peru signed a trade agreement. <script>alert(1)</script> Lima welcomed it."}
UPLOAD = (json.dumps(GOOD) + "\n{not json <script>alert(2)</script>\n").encode()


def metric(page: Page, label: str) -> str:
    box = page.locator("[data-testid=stMetric]", has_text=label).first
    return box.locator("[data-testid=stMetricValue]").inner_text().strip()


def test_upload_choose_mine_and_every_page_follows(page: Page, server: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{server}/Upload")
    settle(page)
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(
        [{"name": "my news.jsonl", "mimeType": "application/json", "buffer": UPLOAD}])
    page.locator("[data-testid=stFileChip]", has_text="my news.jsonl").wait_for()
    button = page.locator("[data-testid=stButton] button", has_text="Build tables")
    page.wait_for_function("() => ![...document.querySelectorAll('[data-testid=stButton] button')]"
                           ".some(b => b.innerText.includes('Build tables') && b.disabled)")
    button.click()
    page.locator("h3", has_text="Last upload").wait_for()
    settle(page)
    assert (metric(page, "Articles"), metric(page, "Problems")) == ("1", "1")
    # Each problem in full, as text (never Markdown or HTML).
    problems = page.locator("[data-testid=stCode]").first
    assert problems.inner_text().startswith("my news.jsonl:2: malformed JSON")
    assert problems.locator("script").count() == 0
    SHOTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 1500})  # the app scrolls inside: show it all
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "Upload.png"), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})

    # A successful upload switches the view to the user's articles by itself.
    chosen = page.locator("[data-testid=stMain] [data-testid=stRadio] label:has(input:checked)")
    assert chosen.inner_text().startswith("mine")
    page.locator("[data-testid=stSidebarNav] a").first.click()  # Overview
    page.locator("[data-testid=stMain] h1", has_text="Sanctions & alliances").wait_for()
    settle(page)
    assert metric(page, "Articles") == "1"
    page.screenshot(path=str(SHOTS / "Upload-overview-mine.png"))
    assert "dataset=mine" in page.url
    checked = page.locator("[data-testid=stSidebar] [data-testid=stRadio] input:checked")
    assert checked.count() == 1
    chile = page.locator("[data-testid=stVegaLiteChart]").first.locator("path[aria-label*='Country: Chile']")
    assert chile.count() == 1 and "Articles: 1" in (chile.get_attribute("aria-label") or "")

    # Uploads live in this browser session: move by the app's own links, never by a reload.
    page.locator("[data-testid=stSidebarNav] a", has_text="Articles").click()
    page.wait_for_url("**/Articles?*dataset=mine*")
    settle(page)
    assert page.locator("[data-testid=stCaptionContainer]", has_text="rows shown").first.inner_text().startswith("1 ")
    page.locator("[data-testid=stMain] [data-testid=stSelectbox]").first.click()
    page.locator("[role=option]", has_text=f"{GOOD['title']} [{GOOD['id']}]").click()
    page.wait_for_url("**article=**")
    settle(page)
    reader = page.locator("[data-testid=stHtml]").first
    assert "<script>alert(1)</script>" in reader.inner_text()
    assert reader.locator("script").count() == 0
    assert not dialogs
    assert page.locator("[data-testid=stException]").count() == 0
    # One click back to the sample.
    page.locator("[data-testid=stSidebar] [data-testid=stRadio] label", has_text="sample").first.click()
    page.wait_for_url(lambda url: "dataset=mine" not in url)  # the default leaves the link
    settle(page)
    page.locator("[data-testid=stSidebarNav] a").first.click()
    page.locator("[data-testid=stMain] h1", has_text="Sanctions & alliances").wait_for()
    settle(page)
    assert metric(page, "Articles") == "4"
