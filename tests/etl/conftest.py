"""A local feed server (127.0.0.1 only) for the follower's tests: feeds that
change between polls, validators (ETag, Last-Modified) and 304 answers,
errors and slow answers; every request's headers are recorded."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler
from xml.sax.saxutils import escape

import pytest

from tests.helpers import serving


@dataclass
class Answer:
    body: bytes
    kind: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    delay: float = 0.0
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class FeedServer:
    base: str = ""
    answers: dict[str, Answer] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str], float]] = field(default_factory=list)  # path, headers, time
    versions: int = 0

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, body: bytes, **options: object) -> None:
        """Serve body at path with fresh validators, as a server does when a feed changes."""
        self.versions += 1
        validators = {"etag": f'"v{self.versions}"', "last_modified": formatdate(1_750_000_000 + self.versions, usegmt=True)}
        self.answers[path] = Answer(body, **{**validators, **options})  # type: ignore[arg-type]

    def asked(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers, _ in self.requests if p == path]


def rss(title: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (guid, title, text) items, all published on 10 June 2025."""
    entries = "".join(
        f"<item><guid isPermaLink=\"false\">{guid}</guid><title>{escape(head)}</title>"
        f"<link>https://news.example.org/{guid}</link><pubDate>Tue, 10 Jun 2025 14:02:00 GMT</pubDate>"
        f"<description>{escape(text)}</description></item>"
        for guid, head, text in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>https://news.example.org/</link>{entries}</channel></rss>").encode("utf-8")


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    state = FeedServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            state.requests.append((self.path, dict(self.headers.items()), time.monotonic()))
            answer = state.answers.get(self.path)
            if answer is None:
                self.send_error(404, "Not Found")
                return
            time.sleep(answer.delay)
            if answer.status != 200:
                self.send_error(answer.status)
                return
            unchanged = (answer.etag is not None and self.headers.get("If-None-Match") == answer.etag)
            self.send_response(304 if unchanged else 200)
            for name, value in (("ETag", answer.etag), ("Last-Modified", answer.last_modified)):
                if value is not None:
                    self.send_header(name, value)
            self.send_header("Content-Type", answer.kind)
            self.send_header("Content-Length", "0" if unchanged else str(len(answer.body)))
            self.end_headers()
            try:
                self.wfile.write(b"" if unchanged else answer.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the follower gave up first (the timeout test)

        def log_message(self, *args: object) -> None:
            pass

    with serving(Handler) as base:
        state.base = base
        yield state
