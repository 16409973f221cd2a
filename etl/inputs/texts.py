"""Plain text, Markdown and HTML files, each one article.

HTML goes through trafilatura, which finds the main text and drops menus,
scripts and footers; a page is only ever text to us, never rendered."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from functools import lru_cache
from types import ModuleType
from typing import Any

from etl.inputs.model import Parsed, Problem, Record

# trafilatura's own size ceiling (settings.cfg MAX_FILE_SIZE); larger pages are
# cut here with a note rather than silently yielding nothing.
MAX_HTML_BYTES = 20_000_000
# Above this the fallback extractors (readability, jusText) cost seconds per page.
FAST_HTML_BYTES = 2_000_000

# We report failures ourselves (file and reason); trafilatura's log lines would
# otherwise reach stderr through logging's last-resort handler.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())
logging.getLogger("htmldate").addHandler(logging.NullHandler())


@lru_cache(maxsize=1)
def html_reader() -> tuple[ModuleType, Any]:
    """trafilatura and our date settings, imported on the first HTML page: a
    build of JSON or CSV starts 0.2 s sooner without it (appends notice)."""
    import trafilatura
    from trafilatura.settings import set_date_params

    # Only dates the page declares (meta tags, time elements): a date guessed from
    # the body text would be the date of the events, not of the article.
    return trafilatura, set_date_params(extensive=False)


def text_record(content: str, file: str, stem: str, markdown: bool) -> Record:
    """First line is the title (without Markdown's '#'), the rest the text;
    a one-line file is all text."""
    title, _, body = content.strip().partition("\n")
    if markdown:
        title = title.lstrip("#").strip()
    if not body.strip():
        title, body = "", title
    return Record(file=file, line=None, default_id=stem, title=title.strip(), text=body)


def html_records(raw: bytes, file: str, stem: str, url: str | None = None) -> Iterator[Parsed]:
    """The page's main text, title and declared date (bytes in: trafilatura
    reads the page's own charset declaration)."""
    if len(raw) > MAX_HTML_BYTES:
        yield Problem(file, None, f"page is {len(raw):,} bytes; only the first {MAX_HTML_BYTES:,} were read")
        raw = raw[:MAX_HTML_BYTES]
    trafilatura, date_params = html_reader()
    try:
        doc = trafilatura.bare_extraction(
            raw, url=url, with_metadata=True, include_comments=False, fast=len(raw) > FAST_HTML_BYTES,
            date_extraction_params=date_params,
        )
    except ValueError as err:
        yield Problem(file, None, f"page could not be parsed ({err or 'no HTML tree'}), skipped")
        return
    text = getattr(doc, "text", None)
    if not text or not text.strip():
        yield Problem(file, None, "no main text found in the page, skipped")
        return
    title = getattr(doc, "title", None) or ""
    yield Record(
        file=file, line=None, default_id=stem, title=title, text=without_heading(text, title),
        published=getattr(doc, "date", None), url=url or getattr(doc, "url", None),
        source=getattr(doc, "sitename", None),
    )


def without_heading(text: str, title: str) -> str:
    """The page's <h1> usually repeats its title as the text's first line;
    dropping it keeps the title's countries from being counted twice."""
    first, _, rest = text.partition("\n")
    return rest if title and first.strip() == title.strip() and rest.strip() else text


def html_fragment_text(fragment: str) -> str:
    """Text of an HTML snippet such as a feed item's summary."""
    return str(html_reader()[0].html2txt(f"<html><body>{fragment}</body></html>"))
