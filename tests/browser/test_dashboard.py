"""The dashboard in a real browser: pages load, the map is drawn, a click on a
country travels through the URL, downloads match the table, text is escaped."""

from __future__ import annotations

import io
import urllib.parse

import numpy as np
import pandas as pd
import pytest
from PIL import Image
from playwright.sync_api import Page

from tests.browser.conftest import SHOTS, XSS_ARTICLE, settle

pytestmark = pytest.mark.browser
PAGES = ["", "Countries", "Alliances", "Sanctions", "Articles"]


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    settle(page)


def assert_no_exception(page: Page) -> None:
    assert page.locator("[data-testid=stException]").count() == 0
    assert "Traceback" not in page.locator("body").inner_text()


@pytest.mark.parametrize("name", PAGES)
def test_every_page_loads_without_exception(page: Page, server: str, name: str) -> None:
    open_page(page, f"{server}/{name}")
    assert_no_exception(page)
    assert page.locator("h1").count() >= 1
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"browser-{name or 'Overview'}.png"), full_page=True)


def test_the_choropleth_is_not_blank(page: Page, server: str) -> None:
    open_page(page, server)
    chart = page.locator("[data-testid=stVegaLiteChart]").first
    pixels = np.asarray(Image.open(io.BytesIO(chart.screenshot())).convert("RGB")).astype(int)
    background = pixels[2, 2]
    drawn = (np.abs(pixels - background).max(axis=2) > 12).mean()  # grey land counts
    shaded = (pixels.max(axis=2) - pixels.min(axis=2) > 40).mean()  # coloured (blue) countries
    assert drawn > 0.15, f"only {drawn:.1%} of the map differs from the background"
    assert shaded > 0.005, f"only {shaded:.2%} of the map is shaded"
    iran = chart.locator("path[aria-label*='Country: Iran']")
    assert iran.count() == 1 and "Articles: 2" in (iran.get_attribute("aria-label") or "")


def test_clicking_a_country_sets_the_url_and_the_link_works_on_another_page(page: Page, server: str) -> None:
    open_page(page, server)
    page.locator("[data-testid=stVegaLiteChart]").first.locator("path[aria-label*='Country: Iran']").click()
    page.wait_for_url("**country=Iran**")
    settle(page)
    query = urllib.parse.urlparse(page.url).query
    assert urllib.parse.parse_qs(query)["country"] == ["Iran"]
    # The sidebar link keeps the filter too.
    page.locator("[data-testid=stSidebarNav] a", has_text="Countries").click()
    page.wait_for_url("**/Countries?*country=Iran*")
    settle(page)
    assert page.locator("h2", has_text="Iran").count() == 1
    # A copied link restores the choice in a fresh tab.
    fresh = page.context.new_page()
    open_page(fresh, f"{server}/Countries?{query}")
    assert fresh.locator("h2", has_text="Iran").count() == 1
    countries = fresh.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]", has_text="Countries")
    assert "Iran" in countries.inner_text()
    assert_no_exception(fresh)


def first_table_and_its_csv(page: Page, url: str) -> tuple[int, pd.DataFrame]:
    """The row count the page's first table states, and its CSV download."""
    open_page(page, url)
    caption = page.locator("[data-testid=stCaptionContainer]", has_text="rows shown").first.inner_text()
    with page.expect_download() as info:
        page.locator("[data-testid=stDownloadButton] button", has_text="CSV").first.click()
    return int(caption.split()[0]), pd.read_csv(info.value.path())


def test_a_csv_download_holds_exactly_the_rows_shown(page: Page, server: str) -> None:
    shown, csv = first_table_and_its_csv(page, f"{server}/Articles?country=Russia")
    assert len(csv) == shown == 3  # tc-eu-belarus, tc-treaty, tc-xss name Russia; tc-traps does not
    assert set(csv["article_id"]) == {"tc-eu-belarus", "tc-treaty", "tc-xss"}


def test_evidence_downloads_make_the_rows_shown_again(page: Page, server: str) -> None:
    """The Countries page's downloads rebuild their rows on click (ui.downloads.Again)."""
    shown, csv = first_table_and_its_csv(page, f"{server}/Countries?country=Russia")
    assert len(csv) == shown > 0
    assert set(csv["code"]) == {"RUS"} and "sentence_text" in csv.columns


def test_article_text_is_escaped(page: Page, server: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    label = f"{XSS_ARTICLE['title']} [{XSS_ARTICLE['id']}]"
    open_page(page, f"{server}/Articles?article={urllib.parse.quote_plus(label)}")
    reader = page.locator("[data-testid=stHtml]").first
    assert "<script>alert(1)</script>" in reader.inner_text()
    assert reader.locator("script").count() == 0 and reader.locator("mark").count() >= 2
    assert not dialogs
    page.screenshot(path=str(SHOTS / "browser-Articles-xss.png"), full_page=True)
