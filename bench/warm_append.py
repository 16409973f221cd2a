"""python -m bench warm-append: what a follower pays to append 1% more articles.

One process, as `python -m etl follow` runs: a full build of N synthetic
articles (timed; the gazetteer and cues load here, once), then follower
passes that each fetch a feed of N/100 new articles from a server on
127.0.0.1, dedupe them against the tables and append them. The second (warm)
pass is compared with the full build; nothing is asserted (timings on a
shared machine are noisy)."""

from __future__ import annotations

import io
import json
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from bench.stages import synthetic_corpus, timed
from etl import store
from etl.build import build
from etl.follow.feedlist import Feed
from etl.follow.passes import Follower, Settings
from etl.paths import SAMPLE_INPUT


def rss(records: list[dict[str, Any]]) -> bytes:
    items = "".join(f"<item><guid>{r['id']}</guid><title>{escape(r['title'])}</title>"
                    f"<pubDate>{r['published'] or ''}</pubDate><description>{escape(r['text'])}</description></item>"
                    for r in records)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>{items}</channel></rss>'.encode()


@contextmanager
def serving(bodies: list[bytes]) -> Iterator[str]:
    """The feed at http://127.0.0.1:PORT/feed while the block runs: the last of bodies."""
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            body = bodies[-1]
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/feed"
    finally:
        server.shutdown()
        server.server_close()


def measure(n_articles: int, workers: int, seed: int = 7) -> dict[str, Any]:
    """A full build, then two follower passes of 1% more articles each: the first
    pays one-time imports (feedparser, trafilatura), the second is the steady state."""
    extra = max(1, n_articles // 100)
    corpus = synthetic_corpus(SAMPLE_INPUT, n_articles, seed)
    bodies = [rss(synthetic_corpus(SAMPLE_INPUT, extra, seed + 1, prefix="first"))]
    with tempfile.TemporaryDirectory() as tmp, serving(bodies) as url:
        source, out = Path(tmp) / "corpus.jsonl", Path(tmp) / "tables"
        source.write_text("".join(json.dumps(r) + "\n" for r in corpus), encoding="utf-8")
        full = timed(lambda: build(source, out, progress=None, workers=workers))
        log = io.StringIO()
        holder: list[Follower] = []
        start = timed(lambda: holder.append(Follower([Feed(url, None, 1)], out,
                                                     Settings(host_delay=0, allow_private=True, workers=workers), log)))
        first = timed(holder[0].run_pass)
        bodies.append(rss(synthetic_corpus(SAMPLE_INPUT, extra, seed + 2, prefix="second")))
        warm = timed(holder[0].run_pass)
        rows = store.row_count(out, "articles")
    return {"articles": n_articles, "appended": extra, "workers": workers, "rows_after": rows,
            "full_build_seconds": round(full, 3), "follower_start_seconds": round(start, 4),
            "first_pass_seconds": round(first, 4), "warm_append_seconds": round(warm, 4),
            "share_of_full_build": round(warm / full, 4), "pass_lines": log.getvalue().strip().splitlines()}


def format_measure(result: dict[str, Any]) -> str:
    lines = "".join(f"\n  {line}" for line in result["pass_lines"])
    return (f"full build of {result['articles']} articles ({result['workers']} workers, in this process): "
            f"{result['full_build_seconds']:.2f} s\n"
            f"follower start (reads the seen keys once): {result['follower_start_seconds']:.3f} s\n"
            f"first pass, {result['appended']} more articles (imports feedparser and trafilatura once): "
            f"{result['first_pass_seconds']:.3f} s\n"
            f"warm pass, {result['appended']} more articles (1%): {result['warm_append_seconds']:.3f} s, "
            f"{100 * result['share_of_full_build']:.2f}% of the full build{lines}\n"
            f"{result['rows_after']} articles in the tables now")
