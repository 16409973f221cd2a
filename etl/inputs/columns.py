"""Which field of a CSV row or JSON object holds the text, the title, the date...

Spreadsheets and exports name their columns every which way, so each of our
fields has a list of usual names, matched case-insensitively; a name given on
the command line (--text-col body) replaces the list for that field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

FIELDS = ("text", "title", "published", "article_id", "source", "url")
USUAL_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content"),
    "title": ("title", "headline"),
    "published": ("published", "date", "pubdate", "published_at"),
    "article_id": ("id", "article_id"),
    "source": ("source",),
    "url": ("url", "link"),
}


@dataclass(frozen=True)
class Columns:
    """Column names chosen by the user; None means "try the usual names"."""

    text: str | None = None
    title: str | None = None
    published: str | None = None
    article_id: str | None = None
    source: str | None = None
    url: str | None = None

    def candidates(self, name: str) -> tuple[str, ...]:
        chosen = getattr(self, name)
        return (chosen,) if chosen else USUAL_NAMES[name]

    def resolve(self, found: Iterable[str]) -> dict[str, str]:
        """Our field -> the input's own column name, for the fields present."""
        by_folded: dict[str, str] = {}
        for column in found:
            by_folded.setdefault(column.strip().casefold(), column)
        out = {}
        for name in FIELDS:
            for candidate in self.candidates(name):
                if candidate.casefold() in by_folded:
                    out[name] = by_folded[candidate.casefold()]
                    break
        return out

    def describe(self, name: str) -> str:
        """How to name a missing field in a message: 'text' or one of 'text', 'body'."""
        names = self.candidates(name)
        return repr(names[0]) if len(names) == 1 else "one of " + ", ".join(map(repr, names))
