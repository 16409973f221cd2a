"""A pass polls every feed once and appends all their new articles as one new
part per table; the loop runs passes every --every seconds in one process.

The process stays warm: the gazetteer, automaton and cues load on the first
article and are cached for every later pass, and the dedupe keys of the
tables are read once at start and kept up to date, not re-read each pass. A
pass of fewer than two batches (1,000 articles) extracts in this process; only
a larger one starts a worker pool."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from etl import store
from etl.appends import remember
from etl.build import write_articles
from etl.follow.feedlist import Feed
from etl.follow.fetching import FeedError, Polite, answer_records, poll
from etl.follow.state import FeedState, load_states, now_iso, save_states
from etl.inputs import Article, InputError, Problem, Reader
from etl.inputs.model import Parsed
from etl.inputs.dedupe import Seen
from etl.inputs.web import TIMEOUT_SECONDS


@dataclass
class Settings:
    timeout: float = TIMEOUT_SECONDS
    host_delay: float = 2.0  # seconds between two requests to one host
    allow_private: bool = False
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)


@dataclass
class PassResult:
    added: int = 0  # articles appended
    polled: int = 0  # feeds asked (not sitting out a backoff)
    failed: int = 0  # feeds that answered with an error
    append_error: str | None = None


class Follower:
    def __init__(self, feeds: list[Feed], out: Path, settings: Settings, log: TextIO | None,
                 file_problems: list[Problem] | None = None) -> None:
        self.feeds, self.out, self.settings, self.log = feeds, out, settings, log
        self.file_problems = [str(p) for p in file_problems or []]
        known, warning = load_states(out)
        if warning:
            self.say(f"warning: {warning}")
        self.states = {f.url: known.get(f.url) or FeedState(f.url) for f in feeds}
        self.polite = Polite(settings.host_delay)
        self.seen = self.committed_keys()

    def say(self, line: str) -> None:
        if self.log is not None:
            print(line, file=self.log, flush=True)

    def committed_keys(self) -> Seen:
        seen = Seen()
        if store.has_table(self.out, "articles"):
            remember(seen, self.out)
        return seen

    def run_pass(self) -> PassResult:
        """Poll each feed, then append what is new; validators are kept only
        once the rows they stand for are in the tables."""
        result = PassResult()
        reader = Reader(allow_private=self.settings.allow_private, seen=self.seen, report_duplicates=False)
        articles: list[Article] = []
        validators: dict[str, tuple[str | None, str | None]] = {}
        try:
            for feed in self.feeds:
                articles += self.poll_feed(feed, reader, validators, result)
            if articles:
                result.append_error = self.append(articles, reader)
        except BaseException:
            self.seen = self.committed_keys()  # keys of articles read but never written
            raise
        if result.append_error is None:
            for url, (etag, modified) in validators.items():
                self.states[url].etag, self.states[url].last_modified = etag, modified
            result.added = len(articles)
            for article in articles:
                self.states[article.input_file].added += 1  # input_file is the feed's URL
        extra = {"feeds_file_problems": self.file_problems, "last_append_error": result.append_error}
        save_states(self.out, [self.states[f.url] for f in self.feeds], extra)
        return result

    def append(self, articles: list[Article], reader: Reader) -> str | None:
        """Write the pass's articles as new parts; on failure forget their keys
        (they are read again next pass) and say why."""
        try:
            write_articles(iter(articles), reader, self.out, append=True, workers=self.settings.workers,
                           expand_blocs=store.has_table(self.out, "sanctions_expanded"))
            return None
        except (InputError, OSError) as err:  # a stop or a bug goes up: the tables are as they were
            self.seen = self.committed_keys()
            self.say(f"error: the {len(articles)} new articles could not be written ({err}); "
                     f"they are read again next pass")
            return str(err)

    def poll_feed(self, feed: Feed, reader: Reader, validators: dict[str, tuple[str | None, str | None]],
                  result: PassResult) -> list[Article]:
        state = self.states[feed.url]
        state.label = feed.label
        if state.skip > 0:
            state.skip -= 1
            self.say(f"{feed.url}: not asked, backing off after {state.failures} errors in a row "
                     f"({state.skip} more passes to sit out)")
            return []
        result.polled += 1
        state.last_poll = when = now_iso()
        try:
            fetched = poll(feed, state, self.polite, self.settings.timeout, self.settings.allow_private)
            if fetched.not_modified:
                state.succeeded(when, 0, 0, [])
                self.say(f"{feed.url}: not modified")
                return []
            records = answer_records(fetched, feed)
        except Exception as err:  # noqa: BLE001 (whatever one feed does, the others are still read)
            result.failed += 1
            message = describe(err).removeprefix(f"{feed.url}: ")
            state.failed(when, message)
            self.say(f"{feed.url}: error: {message}")
            return []
        validators[feed.url] = (fetched.etag, fetched.last_modified)
        return self.new_articles(feed, state, reader, records, when)

    def new_articles(self, feed: Feed, state: FeedState, reader: Reader, records: list[Parsed],
                     when: str) -> list[Article]:
        """The records not seen before, as articles; the feed's counts and line."""
        duplicates, problems = reader.duplicates, len(reader.problems)
        articles = list(reader.accept_all(records))
        noted = [p.reason if p.file == feed.url else str(p) for p in reader.problems[problems:]]
        state.succeeded(when, len(articles), reader.duplicates - duplicates, noted)
        notes = f"; {len(noted)} problem{'s' if len(noted) > 1 else ''}, the first: {noted[0]}" if noted else ""
        self.say(f"{feed.url}: {len(articles)} new, {state.seen} seen{notes}")
        return articles


def describe(err: Exception) -> str:
    """Our errors say what went wrong; anything else (a parser's bug on an odd
    feed) is named by its type, so the line still tells one from another."""
    return str(err) if isinstance(err, (InputError, FeedError)) else f"{type(err).__name__}: {err}"


def follow(follower: Follower, every: float, once: bool) -> int:
    """Run passes until stopped (or one, with once). Exit status of --once: 1
    when the new articles could not be written or every feed asked failed."""
    while True:
        started = time.monotonic()
        result = follower.run_pass()
        if once:
            broken = result.append_error is not None or (result.polled > 0 and result.failed == result.polled)
            return 1 if broken else 0
        time.sleep(max(0.0, every - (time.monotonic() - started)))
