"""python -m etl follow against a feed server on 127.0.0.1 whose feeds change
between polls: after every poll the tables are exactly those of one fresh
build of every feed version the follower read; errors, 304s and backoff are
per feed and recorded in follow.json. No test reaches beyond 127.0.0.1."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas.testing as pdt
import pytest

from etl import store
from etl.build import TABLE_NAMES, build
from etl.cli import main
from etl.follow.feedlist import Feed, parse_interval, read_feeds
from etl.follow.fetching import Polite
from etl.follow.passes import Follower, PassResult, Settings
from etl.inputs.web import USER_AGENT
from tests.etl.conftest import FeedServer, rss

TEXTS = {
    "treaty": ("Treaty signed", "Russia and Iran signed a treaty in Moscow on Tuesday."),
    "eu": ("New sanctions", "The EU imposed sanctions on Iran over its drone exports."),
    "pipeline": ("Pipeline deal", "Kenya and Uganda signed a pipeline agreement in Nairobi."),
    "talks": ("Security talks", "Japan and India held security talks in Tokyo."),
    "us": ("Export controls", "The United States imposed sanctions on North Korea."),
}


def items(*names: str, prefix: str = "") -> list[tuple[str, str, str]]:
    return [(prefix + name, *TEXTS[name]) for name in names]


class Scenario:
    """A follower on the server's feeds, and a copy of every feed version it
    read, in the order it read them: the input of the equivalent fresh build."""

    def __init__(self, server: FeedServer, tmp: Path, paths: list[str], **settings: object) -> None:
        self.server, self.tmp, self.out, self.log = server, tmp, tmp / "tables", io.StringIO()
        self.copies = tmp / "read"
        self.copies.mkdir()
        feeds = [Feed(server.url(p), None, n) for n, p in enumerate(paths, start=1)]
        options = {"timeout": 5.0, "host_delay": 0.0, "allow_private": True, "workers": 1, **settings}
        self.follower = Follower(feeds, self.out, Settings(**options), self.log)  # type: ignore[arg-type]
        self.passes = 0

    def poll(self) -> tuple[PassResult, list[str]]:
        """One pass: its result and its lines."""
        self.passes += 1
        start = len(self.log.getvalue())
        result = self.follower.run_pass()
        lines = self.log.getvalue()[start:].splitlines()
        for number, line in enumerate(lines):
            url, said = line.split(": ", 1)
            if " new, " in said:  # read in full (not a 304, an error or a backoff)
                body = self.server.answers[url.removeprefix(self.server.base)].body
                (self.copies / f"{self.passes:02d}-{number}.xml").write_bytes(body)
        return result, lines

    def state(self) -> dict[str, dict[str, object]]:
        data = json.loads((self.out / "follow.json").read_text(encoding="utf-8"))
        return {feed["url"].removeprefix(self.server.base): feed for feed in data["feeds"]}

    def assert_fresh_build_equal(self) -> None:
        """The tables equal one build of every feed version read (an id already
        built keeps its first version there too), row for row."""
        fresh = self.tmp / f"fresh-{self.passes}"
        build(self.copies, fresh, progress=None)
        for name in (*TABLE_NAMES, "seen"):
            followed, whole = store.read_table(self.out, name), store.read_table(fresh, name)
            if name == "articles":
                followed, whole = followed.drop(columns="input_file"), whole.drop(columns="input_file")
            pdt.assert_frame_equal(followed, whole, obj=name)


def test_a_feed_that_changes_between_polls(feed_server: FeedServer, tmp_path: Path) -> None:
    feed_server.serve("/world", rss("World desk", items("treaty", "eu")))
    scene = Scenario(feed_server, tmp_path, ["/world"])
    url = feed_server.url("/world")
    result, lines = scene.poll()
    assert (result.added, lines) == (2, [f"{url}: 2 new, 0 seen"])
    scene.assert_fresh_build_equal()
    # An item updated under the same id (kept as first read, as --append does),
    # one removed (kept: the tables are an archive) and one new.
    updated = [("treaty", "Treaty signed", "Russia and Iran signed a treaty; Chile and Peru met too.")]
    feed_server.serve("/world", rss("World desk", [*updated, *items("pipeline")]))
    result, lines = scene.poll()
    assert (result.added, lines) == (1, [f"{url}: 1 new, 1 seen"])
    scene.assert_fresh_build_equal()
    assert store.read_table(scene.out, "articles")["article_id"].tolist() == ["treaty", "eu", "pipeline"]
    # Unchanged: a conditional request, a 304, and nothing written.
    parts = {name: store.parts(scene.out, name) for name in TABLE_NAMES}
    result, lines = scene.poll()
    sent = feed_server.asked("/world")[-1]
    assert (sent["If-None-Match"], sent["If-Modified-Since"]) == ('"v2"', feed_server.answers["/world"].last_modified)
    assert sent["User-Agent"] == USER_AGENT
    assert (result.added, lines) == (0, [f"{url}: not modified"])
    assert {name: store.parts(scene.out, name) for name in TABLE_NAMES} == parts
    assert feed_server.asked("/world")[0].get("If-None-Match") is None  # nothing to send on the first poll
    state = scene.state()["/world"]
    assert (state["etag"], state["added"], state["failures"], state["last_error"]) == ('"v2"', 3, 0, None)


def test_a_failing_feed_leaves_the_others_rows(feed_server: FeedServer, tmp_path: Path) -> None:
    feed_server.serve("/good", rss("Good desk", items("treaty", "eu")))
    feed_server.serve("/down", rss("Down desk", items("talks")), status=500)
    feed_server.serve("/broken", b"<rss version='2.0'><channel><title>Cut</title><item><guid>x</guid><title>Half")
    feed_server.serve("/garbage", b"this is not a feed <<<", kind="application/xml")
    feed_server.serve("/slow", rss("Slow desk", items("us")), delay=2.0)
    scene = Scenario(feed_server, tmp_path, ["/good", "/down", "/broken", "/garbage", "/slow"], timeout=0.5)
    result, lines = scene.poll()
    u = feed_server.url
    assert lines == [
        f"{u('/good')}: 2 new, 0 seen",
        f"{u('/down')}: error: HTTP 500 Internal Server Error",
        f"{u('/broken')}: error: malformed feed (no element found); nothing read, tried again next pass",
        f"{u('/garbage')}: error: malformed feed (syntax error); nothing read, tried again next pass",
        f"{u('/slow')}: error: no answer within 0.5 s (timeout)",
    ]
    assert (result.added, result.polled, result.failed) == (2, 5, 4)
    scene.assert_fresh_build_equal()
    state = scene.state()
    assert state["/down"]["last_error"] == "HTTP 500 Internal Server Error"
    assert (state["/down"]["failures"], state["/down"]["last_success"]) == (1, None)
    assert state["/slow"]["last_error"] == "no answer within 0.5 s (timeout)"
    assert state["/good"]["last_error"] is None and state["/good"]["last_success"] == state["/good"]["last_poll"]
    # The feed is back: its rows join the others', still as one fresh build.
    feed_server.serve("/down", rss("Down desk", items("talks", "pipeline")))
    result, lines = scene.poll()
    assert lines[:2] == [f"{u('/good')}: not modified", f"{u('/down')}: 2 new, 0 seen"]
    scene.assert_fresh_build_equal()
    state = scene.state()["/down"]
    assert (state["failures"], state["last_error"], state["added"]) == (0, "HTTP 500 Internal Server Error", 2)


def test_a_feed_that_keeps_failing_is_asked_less_and_less_often(feed_server: FeedServer, tmp_path: Path) -> None:
    feed_server.serve("/down", b"", status=503)
    feed_server.serve("/good", rss("Good desk", items("eu")))
    scene = Scenario(feed_server, tmp_path, ["/down", "/good"])
    asked = []
    for _ in range(8):
        before = len(feed_server.asked("/down"))
        _, lines = scene.poll()
        asked.append(len(feed_server.asked("/down")) - before)
        assert lines[-1].startswith(f"{feed_server.url('/good')}: ")  # the other feed, every pass
    # After k errors in a row a feed sits out 2**(k-1) - 1 passes: asked at passes 1, 2, 4 and 8.
    assert asked == [1, 1, 0, 1, 0, 0, 0, 1]
    assert scene.state()["/down"]["failures"] == 4
    assert lines[0] == f"{feed_server.url('/down')}: error: HTTP 503 Service Unavailable"
    feed_server.serve("/down", rss("Back desk", items("talks")))
    for _ in range(7):  # sits out 7 passes, then is read again
        _, lines = scene.poll()
    assert lines[0] == f"{feed_server.url('/down')}: not asked, backing off after 4 errors in a row (0 more passes to sit out)"
    _, lines = scene.poll()
    assert lines[0] == f"{feed_server.url('/down')}: 1 new, 0 seen"
    assert (scene.state()["/down"]["failures"], scene.state()["/down"]["skip"]) == (0, 0)


def test_labels_pages_and_problems(feed_server: FeedServer, tmp_path: Path) -> None:
    page = b"<html><head><title>Ministers meet</title></head><body><article><p>Brazil and Mexico signed a trade deal in Brasilia on Monday, their ministers said.</p></article></body></html>"
    feed_server.serve("/page", page, kind="text/html; charset=utf-8")
    feed_server.serve("/world", rss("World desk", [*items("treaty"), ("empty", "Nothing", "   ")]))
    scene = Scenario(feed_server, tmp_path, [])
    feeds = [Feed(feed_server.url("/page"), None, 1), Feed(feed_server.url("/world"), "Wire A", 2)]
    scene.follower = Follower(feeds, scene.out, scene.follower.settings, scene.log)
    _, lines = scene.poll()
    assert lines == [f"{feed_server.url('/page')}: 1 new, 0 seen",
                     f"{feed_server.url('/world')}: 1 new, 0 seen; 1 problem, the first: "
                     "item 2: empty or missing 'text', article skipped"]
    articles = store.read_table(scene.out, "articles")
    assert articles[["article_id", "source"]].values.tolist() == [
        [feed_server.url("/page"), feed_server.base.removeprefix("http://")], ["treaty", "Wire A"]]  # a page's source: its host
    assert scene.state()["/world"]["problems"] == ["item 2: empty or missing 'text', article skipped"]
    assert store.read_table(scene.out, "rejected")["reason"].tolist() == ["item 2: empty or missing 'text', article skipped"]


def test_the_feeds_file(tmp_path: Path) -> None:
    listed = tmp_path / "feeds.txt"
    listed.write_text("# world news\nhttps://a.example.org/rss.xml   Wire A  # the wire\n\n"
                      "ftp://b.example.org/feed\nhttps://c.example.org/page#top\nhttps://a.example.org/rss.xml\n"
                      "http:///nohost\n  # indented comment\n", encoding="utf-8")
    feeds, problems = read_feeds(listed)
    assert feeds == [Feed("https://a.example.org/rss.xml", "Wire A", 2), Feed("https://c.example.org/page#top", None, 5)]
    assert [str(p) for p in problems] == [f"{listed}:4: not an http(s) URL",
                                          f"{listed}:6: the same URL as line 2, skipped",
                                          f"{listed}:7: no host in the URL"]


@pytest.mark.parametrize(("text", "seconds"), [("90s", 90), ("15m", 900), ("1h", 3600), ("1.5h", 5400), (" 2M ", 120)])
def test_intervals(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["15", "0m", "m", "1d", "-5m"])
def test_intervals_need_a_positive_number_and_a_unit(text: str) -> None:
    with pytest.raises(ValueError, match="give a number and a unit: 90s, 15m or 1h"):
        parse_interval(text)


def test_requests_to_one_host_are_spaced() -> None:
    now, slept = [100.0], []

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 3))
        now[0] += seconds

    polite = Polite(2.0, clock=lambda: now[0], sleep=sleep)
    polite.wait("https://a.example.org/1")
    now[0] += 0.5
    polite.wait("https://A.example.org/2")
    polite.wait("https://b.example.org/1")  # another host: no wait
    now[0] += 3.0
    polite.wait("https://a.example.org/3")  # already long enough ago
    assert slept == [1.5]


def test_follow_once_from_the_command_line(feed_server: FeedServer, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    feed_server.serve("/world", rss("World desk", items("treaty", "eu")))
    listed = tmp_path / "feeds.txt"
    listed.write_text(f"{feed_server.url('/world')} Wire A\nnot-a-url\n", encoding="utf-8")
    out = tmp_path / "tables"
    args = ["follow", "--feeds", str(listed), "--out", str(out), "--once", "--host-delay", "0", "--timeout", "2"]
    assert main(args) == 1  # loopback refused: every feed failed
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"warning: {listed}:2: not an http(s) URL"
    assert err[1].startswith(f"{feed_server.url('/world')}: error: refused, 127.0.0.1 resolves to 127.0.0.1")
    assert not store.has_table(out, "articles") and feed_server.requests == []
    assert json.loads((out / "follow.json").read_text())["feeds_file_problems"] == [f"{listed}:2: not an http(s) URL"]
    assert main([*args, "--allow-private-urls"]) == 0
    assert capsys.readouterr().err.splitlines()[1:] == [f"{feed_server.url('/world')}: 2 new, 0 seen"]
    assert store.read_table(out, "articles")["source"].tolist() == ["Wire A", "Wire A"]
    assert main([*args, "--allow-private-urls", "--quiet"]) == 0
    assert capsys.readouterr().err == ""


def test_bad_options_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listed = tmp_path / "feeds.txt"
    listed.write_text("# nothing yet\n", encoding="utf-8")
    assert main(["follow", "--feeds", str(listed), "--out", str(tmp_path / "t"), "--once"]) == 2
    assert capsys.readouterr().err == f"error: {listed}: no feed URLs to follow\n"
    assert main(["follow", "--feeds", str(tmp_path / "none.txt"), "--out", str(tmp_path / "t")]) == 2
    assert "none.txt: cannot read the feeds file (No such file or directory)" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["follow", "--feeds", str(listed), "--out", str(tmp_path / "t"), "--every", "15"])
    assert "'15' is not an interval; give a number and a unit" in capsys.readouterr().err


def test_an_unexpected_failure_on_one_feed_spares_the_others(feed_server: FeedServer, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from etl.follow import passes

    feed_server.serve("/odd", rss("Odd desk", items("us")))
    feed_server.serve("/good", rss("Good desk", items("talks")))
    reads = passes.answer_records

    def fragile(fetched: object, feed: Feed) -> object:
        if feed.url.endswith("/odd"):
            raise RuntimeError("parser fell over")
        return reads(fetched, feed)  # type: ignore[arg-type]

    monkeypatch.setattr(passes, "answer_records", fragile)
    scene = Scenario(feed_server, tmp_path, ["/odd", "/good"])
    result, lines = scene.poll()
    assert lines == [f"{feed_server.url('/odd')}: error: RuntimeError: parser fell over",
                     f"{feed_server.url('/good')}: 1 new, 0 seen"]
    assert (result.added, result.failed) == (1, 1)
    assert scene.state()["/odd"]["last_error"] == "RuntimeError: parser fell over"
    scene.assert_fresh_build_equal()
