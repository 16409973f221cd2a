"""What many tests share, written once: the paths, the case-file loader, and
the relation rows of a text as a build would write them."""

from __future__ import annotations

import csv
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from etl.mentions import article_mentions
from etl.relations import article_relations

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "cases"
CORPUS = CASES / "corpus"

Rows = list[dict[str, object]]


def load_cases(name: str) -> list[dict[str, str]]:
    """The rows of tests/cases/NAME; lines starting with '#' (before the header
    or between rows) are comments that say what the file holds."""
    with (CASES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def relations(text: str, title: str = "") -> tuple[Rows, Rows]:
    """(alliance rows, sanction rows) of one article, from its confident mentions."""
    accepted = [m for m in article_mentions("case", title, text) if not m["ambiguous"]]
    return article_relations("case", title, text, accepted)


def write_jsonl(path: Path, records: list[dict[str, object] | str]) -> Path:
    """Write records (dicts, or raw strings for deliberately broken lines)."""
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve `handler` on 127.0.0.1 at a free port in a thread; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
