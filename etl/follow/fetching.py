"""One feed's request and its answer as records.

Polite: a pause between two requests to the same host, the build's timeout,
User-Agent and address checks (etl.inputs.web), and conditional requests, so
an unchanged feed costs its server a 304 and no body. Strict where a build is
lenient: a feed that is not well-formed XML is an error, not half read, since
what a follower appends stays in the tables for good."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urlsplit
from xml.sax import SAXParseException

from etl.follow.feedlist import Feed
from etl.follow.state import FeedState
from etl.inputs.decode import decode_text
from etl.inputs.feeds import feed_records
from etl.inputs.model import Parsed, Record
from etl.inputs.texts import html_records, text_record
from etl.inputs.web import Fetched, fetch

HTML_TYPES = ("text/html", "application/xhtml+xml")


class FeedError(ValueError):
    """The answer came but holds no feed or page we can read."""


class Polite:
    """Waits so that two requests to one host are at least `delay` seconds apart."""

    def __init__(self, delay: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.delay, self.clock, self.sleep = delay, clock, sleep
        self.last: dict[str, float] = {}

    def wait(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        if host in self.last:
            pause = self.last[host] + self.delay - self.clock()
            if pause > 0:
                self.sleep(pause)
        self.last[host] = self.clock()


def conditional_headers(state: FeedState) -> dict[str, str]:
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def poll(feed: Feed, state: FeedState, polite: Polite, timeout: float, allow_private: bool) -> Fetched:
    """The feed's answer (not_modified for a 304); an InputError when it fails."""
    polite.wait(feed.url)
    return fetch(feed.url, allow_private, timeout, headers=conditional_headers(state))


def parsed_feed(body: bytes) -> object:
    import feedparser  # only when a feed is read: other commands start sooner

    parsed = feedparser.parse(io.BytesIO(body), resolve_relative_uris=False)
    problem = parsed.get("bozo_exception")
    if isinstance(problem, SAXParseException):
        raise FeedError(f"malformed feed ({problem.getMessage()}); "
                        f"nothing read, tried again next pass")
    if not parsed.get("version"):
        raise FeedError("not an RSS or Atom feed, nor an HTML page")
    return parsed


def answer_records(fetched: Fetched, feed: Feed) -> list[Parsed]:
    """The items of a feed, or the page or text as one record, labelled with the
    feed's label when it has one."""
    kind = fetched.content_type.split(";", 1)[0].strip().lower()
    if kind in HTML_TYPES:
        found = list(html_records(fetched.body, feed.url, feed.url, url=fetched.url))
    elif kind == "text/plain":
        content, note = decode_text(fetched.body, feed.url)
        found = [*([note] if note else []), text_record(content, feed.url, feed.url, markdown=False)]
    else:
        found = list(feed_records(parsed_feed(fetched.body), feed.url, feed.url))
    if feed.label is None:
        return found
    return [replace(item, source=feed.label) if isinstance(item, Record) else item for item in found]
