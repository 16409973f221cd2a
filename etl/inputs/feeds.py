"""RSS and Atom feeds, read with feedparser: one article per item.

An item's text is its full content when the feed carries it, else its
summary; HTML in either is reduced to text by trafilatura."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from etl.inputs.model import Parsed, Problem, Record
from etl.inputs.texts import html_fragment_text

HTML_TYPES = ("text/html", "application/xhtml+xml")


def parse_feed(raw: bytes) -> Any:
    """feedparser's result, or None when the bytes are no RSS/Atom feed.

    The bytes go in as a stream: given a str, feedparser would treat it as a
    URL or path and fetch or open it."""
    import feedparser  # on the first feed only: other builds start sooner

    parsed = feedparser.parse(io.BytesIO(raw), resolve_relative_uris=False)
    return parsed if parsed.get("version") else None


def as_text(detail: Any, value: str) -> str:
    """A feed field as plain text, whatever type the feed declared."""
    kind = (detail or {}).get("type", "text/plain")
    return html_fragment_text(value) if kind in HTML_TYPES else value


def entry_record(entry: Any, number: int, file: str, stem: str, feed_title: str | None) -> Record:
    contents = entry.get("content") or []
    if contents and contents[0].get("value"):
        text = as_text(contents[0], contents[0]["value"])
    else:
        text = as_text(entry.get("summary_detail"), entry.get("summary", ""))
    return Record(
        file=file, line=None, default_id=f"{stem}-{number}", item=number,
        article_id=entry.get("id") or entry.get("link"),
        title=as_text(entry.get("title_detail"), entry.get("title", "")),
        text=text,
        published=entry.get("published") or entry.get("updated"),
        source=feed_title,
        url=entry.get("link"),
    )


def feed_records(parsed: Any, file: str, stem: str) -> Iterator[Parsed]:
    entries = parsed.get("entries") or []
    if not entries:
        yield Problem(file, None, "feed has no items")
        return
    feed_title = parsed.get("feed", {}).get("title") or None
    for number, entry in enumerate(entries, start=1):
        yield entry_record(entry, number, file, stem, feed_title)


def feed_file_records(raw: bytes, file: str, stem: str) -> Iterator[Parsed]:
    parsed = parse_feed(raw)
    if parsed is None:
        yield Problem(file, None, "not an RSS or Atom feed, skipped")
        return
    yield from feed_records(parsed, file, stem)
