"""A local HTTP server (127.0.0.1 only) serving canned feeds and pages."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

import pytest

from tests.helpers import serving


@dataclass
class Served:
    """Paths to (content type, body); a path in `slow` answers after `delay` s."""

    base: str
    routes: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    slow: set[str] = field(default_factory=set)
    redirects: dict[str, str] = field(default_factory=dict)
    delay: float = 3.0

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
def served() -> Iterator[Served]:
    state = Served(base="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            if self.path in state.slow:
                time.sleep(state.delay)
            if self.path in state.redirects:
                self.send_response(302)
                self.send_header("Location", state.redirects[self.path])
                self.end_headers()
                return
            if self.path not in state.routes:
                self.send_error(404, "Not Found")
                return
            kind, body = state.routes[self.path]
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up first (the timeout and size-limit tests)

        def log_message(self, *args: object) -> None:
            pass

    with serving(Handler) as base:
        state.base = base
        yield state
