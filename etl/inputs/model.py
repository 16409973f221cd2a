"""The values every reader shares: an article, a raw record, a problem.

Parsers turn bytes into Records (fields as the input gave them, already mapped
to our names) or Problems; the Reader alone turns Records into Articles, so
validation, dates, limits and deduplication happen in one place."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


class InputError(ValueError):
    """The input as a whole cannot be read (missing path, unsupported type, refused URL)."""


@dataclass(frozen=True)
class Article:
    article_id: str
    title: str
    text: str
    published: str | None
    source: str | None
    url: str | None
    input_file: str
    line: int | None
    text_key: bytes = b""  # the dedupe digest the reader made, so workers need not make it again


@dataclass(frozen=True)
class Problem:
    """A record (or a whole file) that was skipped or kept with a caveat."""

    file: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Record:
    """One would-be article as a parser found it, before any validation.

    default_id is used when the input gives no id (file stem, stem-line, feed
    position), so that ids stay stable across runs of the same input; item is
    the position in a feed or JSON list, for messages."""

    file: str
    line: int | None
    default_id: str
    item: int | None = None
    text: object = None
    article_id: object = None
    title: object = None
    published: object = None
    source: object = None
    url: object = None

    @classmethod
    def of(cls, file: str, line: int | None, default_id: str, fields: Mapping[str, object], item: int | None = None) -> Record:
        """A record from our field names (columns.FIELDS) to the input's values."""
        return cls(
            file=file, line=line, default_id=default_id, item=item, text=fields.get("text"),
            article_id=fields.get("article_id"), title=fields.get("title"), published=fields.get("published"),
            source=fields.get("source"), url=fields.get("url"),
        )


Parsed = Record | Problem
