"""What makes two articles the same: the id, the URL, or the text.

Feeds and scrapes repeat themselves (an item in two feeds, a page saved twice,
a wire story under two ids), so an article whose URL or normalised text was
already seen is skipped, not counted twice in every chart."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit


def normal_text(text: str) -> str:
    """Casefolded, with every run of whitespace made one space."""
    return " ".join(text.casefold().split())


def text_key(text: str) -> bytes:
    # A digest, not the text: a long run of large articles must not double memory.
    return hashlib.blake2b(normal_text(text).encode("utf-8"), digest_size=16).digest()


def normal_url(url: str) -> str:
    """Scheme and host lower-cased, fragment dropped: the same page however written."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


@dataclass
class Seen:
    """Ids, URLs and text digests of the articles kept so far."""

    ids: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)
    texts: set[bytes] = field(default_factory=set)

    def duplicate_of(self, article_id: str, url: str | None, key: bytes) -> str | None:
        """Why this article (its text digested by text_key) repeats one already
        kept, or None when it is new."""
        if article_id in self.ids:
            return f"duplicate id {article_id!r}"
        if url and normal_url(url) in self.urls:
            return f"duplicate URL {url!r}"
        if key in self.texts:
            return "duplicate text (same words as an article already kept)"
        return None

    def add(self, article_id: str, url: str | None, text: str) -> None:
        self.add_key(article_id, url, text_key(text))

    def add_key(self, article_id: str, url: str | None, key: bytes) -> None:
        """add() with the text's digest already made (as kept beside built tables)."""
        self.ids.add(article_id)
        if url:
            self.urls.add(normal_url(url))
        self.texts.add(key)

    def add_keys(self, ids: Iterable[str], urls: Iterable[str | None], keys: Iterable[bytes]) -> None:
        """add_key() for many articles at once: what an append reads from the seen table."""
        self.ids.update(ids)
        self.urls.update(normal_url(url) for url in urls if url)
        self.texts.update(keys)
