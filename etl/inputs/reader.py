"""From a path or URL to Articles: pick the parser, then validate every record.

Bad records never stop the read: each becomes a Problem naming the file, the
line (or item) and the reason, and every good record is still yielded."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from etl.inputs.columns import Columns
from etl.inputs.dates import parse_date
from etl.inputs.decode import binary_problem, decode_text, read_bytes, text_lines
from etl.inputs.dedupe import Seen, text_key
from etl.inputs.feeds import feed_file_records, feed_records, parse_feed
from etl.inputs.model import Article, InputError, Parsed, Problem, Record
from etl.inputs.records import json_records, jsonl_records
from etl.inputs.tables import csv_records
from etl.inputs.texts import html_records, text_record
from etl.inputs.web import fetch, is_url

# About 30,000 words, three times the longest long-read: beyond this a "news
# article" is a book or a dump. The relation rules' time grows faster than
# linearly with an article's sentences (about 5 s at this limit for text dense
# with mentions), so the text is cut here, with a note, to keep builds bounded.
MAX_TEXT_CHARS = 200_000
TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
SUPPORTED = (".json", ".jsonl", ".csv", *TEXT_SUFFIXES, *HTML_SUFFIXES, *FEED_SUFFIXES)
# Earlier output in the input folder.
SILENTLY_SKIPPED = (".parquet",)
# A folder's own notes (README.md, NOTES.md, by the usual upper-case names)
# describe the articles; they are not articles.
DOCUMENTATION_STEMS = frozenset({"README", "NOTES", "LICENSE", "CHANGELOG", "CONTRIBUTING"})
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class Reader:
    columns: Columns = field(default_factory=Columns)
    allow_private: bool = False
    skip: Path | None = None  # the output folder, when it lies inside the input folder
    problems: list[Problem] = field(default_factory=list)
    seen: Seen = field(default_factory=Seen)
    duplicates: int = 0
    # A follower re-reads whole feeds every pass: the items it already has are
    # counted, not listed as problems (they would fill the rejected table).
    report_duplicates: bool = True

    @property
    def seen_ids(self) -> set[str]:
        return self.seen.ids

    def read(self, source: Path | str) -> Iterator[Article]:
        if isinstance(source, str) and is_url(source):
            yield from self.accept_all(self.url_records(source))
            return
        path = Path(source)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            yield from self.read_folder(path)
        elif path.suffix.lower() in SUPPORTED:
            yield from self.read_file(path)
        else:
            raise InputError(f"{path}: unsupported input; give a folder, a URL or a file ending in {', '.join(SUPPORTED)}")

    def read_folder(self, folder: Path) -> Iterator[Article]:
        skip = self.skip.resolve() if self.skip else None
        for file in sorted(p for p in folder.rglob("*") if p.is_file() and not hidden(p.relative_to(folder))):
            suffix = file.suffix.lower()
            documentation = suffix in TEXT_SUFFIXES and file.stem in DOCUMENTATION_STEMS
            if (skip and file.resolve().is_relative_to(skip)) or documentation or suffix in SILENTLY_SKIPPED:
                continue
            if suffix in SUPPORTED:
                yield from self.read_file(file)
            else:
                self.problems.append(Problem(str(file), None, f"unsupported file type {suffix or file.name!r}, skipped"))

    def read_file(self, file: Path) -> Iterator[Article]:
        try:
            yield from self.accept_all(self.parse_file(file))
        except OSError as err:
            self.problems.append(Problem(str(file), None, f"cannot read ({err.strerror or err}), skipped"))

    def parse_file(self, file: Path) -> Iterator[Parsed]:
        name, stem, suffix = str(file), file.stem, file.suffix.lower()
        if suffix in (".jsonl", ".csv"):
            # Streamed line by line: these files hold many articles and may be large.
            refused = binary_problem(file)
            if refused:
                yield refused
                return
            lines = text_lines(file, self.problems.append)
            yield from (jsonl_records if suffix == ".jsonl" else csv_records)(lines, name, stem, self.columns)
            return
        raw = read_bytes(file)
        if isinstance(raw, Problem):
            yield raw
        elif suffix in HTML_SUFFIXES:
            yield from html_records(raw, name, stem)
        elif suffix in FEED_SUFFIXES:
            yield from feed_file_records(raw, name, stem)
        else:
            content, note = decode_text(raw, name)
            if note:
                yield note
            if suffix == ".json":
                yield from json_records(content, name, stem, self.columns)
            else:
                yield text_record(content, name, stem, markdown=suffix == ".md")

    def url_records(self, url: str) -> Iterator[Parsed]:
        """A page or a feed, as the server's content type or feedparser says."""
        fetched = fetch(url, self.allow_private)
        kind = fetched.content_type.split(";", 1)[0].strip().lower()
        parsed = None if kind in HTML_TYPES else parse_feed(fetched.body)
        if parsed is not None:
            yield from feed_records(parsed, url, url)
        elif kind == "text/plain":
            content, note = decode_text(fetched.body, url)
            yield from [note] if note else []
            yield text_record(content, url, url, markdown=False)
        else:
            yield from html_records(fetched.body, url, url, url=fetched.url)

    def accept_all(self, parsed: Iterable[Parsed]) -> Iterator[Article]:
        for item in parsed:
            if isinstance(item, Problem):
                self.problems.append(item)
                continue
            article = self.accept(item)
            if article is not None:
                yield article

    def note(self, record: Record, reason: str) -> None:
        prefix = f"item {record.item}: " if record.item else ""
        self.problems.append(Problem(record.file, record.line, prefix + reason))

    def accept(self, record: Record) -> Article | None:
        """The record as an Article, or None (with a Problem) when it cannot be one."""
        text = record.text if isinstance(record.text, str) else ""
        if not text.strip():
            self.note(record, "empty or missing 'text', article skipped")
            return None
        full_length = len(text)
        text = truncate(text)
        article_id = optional_str(record.article_id) or record.default_id
        url = optional_str(record.url)
        key = text_key(text)  # digested once: it was a third of reading
        repeated = self.seen.duplicate_of(article_id, url, key)
        if repeated:
            self.duplicates += 1
            if self.report_duplicates:
                self.note(record, f"{repeated}, kept the first")
            return None
        self.seen.add_key(article_id, url, key)
        if len(text) < full_length:
            self.note(record, f"text is {full_length:,} characters; kept the first {len(text):,} (limit {MAX_TEXT_CHARS:,})")
        return Article(
            article_id=article_id, title=optional_str(record.title) or "", text=text,
            published=self.published(record), source=optional_str(record.source), url=url,
            input_file=record.file, line=record.line, text_key=key,
        )

    def published(self, record: Record) -> str | None:
        raw = optional_str(record.published)
        if raw is None:
            return None
        day = parse_date(raw)
        if day is None:
            self.note(record, f"date {raw[:60]!r} not understood; article kept with published = null")
            return None
        return day.isoformat()


def hidden(relative: Path) -> bool:
    """Dot-files and anything in a dot-folder (.git, .cache) are not input."""
    return any(part.startswith(".") for part in relative.parts)


def truncate(text: str) -> str:
    """At most MAX_TEXT_CHARS, cut at a space when one is near the limit."""
    if len(text) <= MAX_TEXT_CHARS:
        return text
    space = text.rfind(" ", MAX_TEXT_CHARS - 1000, MAX_TEXT_CHARS)
    return text[: space if space > 0 else MAX_TEXT_CHARS]


def optional_str(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
