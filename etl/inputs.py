"""Read articles from a folder of JSON/text files or a JSON Lines file.

Bad records never stop the read: each becomes a Problem naming the file, the
line and the reason, and every good record is still yielded."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TEXT_SUFFIXES = (".txt", ".md")
SUPPORTED = (".json", ".jsonl", *TEXT_SUFFIXES)


class InputError(ValueError):
    """The input as a whole cannot be read (missing path, unsupported type)."""


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


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.reason}"


@dataclass
class Reader:
    problems: list[Problem] = field(default_factory=list)
    seen_ids: set[str] = field(default_factory=set)

    def read(self, path: Path) -> Iterator[Article]:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            for file in files:
                if file.suffix.lower() in SUPPORTED:
                    yield from self.read_file(file)
                elif file.suffix.lower() not in (".csv", ".parquet") and file.name != "README.md":
                    self.problems.append(Problem(str(file), None, f"unsupported file type {file.suffix!r}, skipped"))
        elif path.suffix.lower() in SUPPORTED:
            yield from self.read_file(path)
        else:
            raise InputError(f"{path}: unsupported input; give a folder, a .jsonl, .json, .txt or .md file")

    def decode(self, file: Path) -> str:
        raw = file.read_bytes()
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            self.problems.append(Problem(str(file), None, f"not valid UTF-8 ({err.reason} at byte {err.start}); read as cp1252"))
            return raw.decode("cp1252", errors="replace")

    def read_file(self, file: Path) -> Iterator[Article]:
        content = self.decode(file)
        suffix = file.suffix.lower()
        if suffix == ".jsonl":
            for number, line in enumerate(content.splitlines(), start=1):
                if line.strip():
                    yield from self.from_json(line, file, number, f"{file.stem}-{number}")
        elif suffix == ".json":
            yield from self.from_json(content, file, None, file.stem)
        else:
            title, _, body = content.strip().partition("\n")
            yield from self.accept({"id": file.stem, "title": title.lstrip("# ").strip(), "text": body}, file, None, file.stem)

    def from_json(self, raw: str, file: Path, line: int | None, default_id: str) -> Iterator[Article]:
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as err:
            self.problems.append(Problem(str(file), line or err.lineno, f"malformed JSON: {err.msg}"))
            return
        if not isinstance(record, dict):
            self.problems.append(Problem(str(file), line, "expected a JSON object with a 'text' field"))
            return
        yield from self.accept(record, file, line, default_id)

    def accept(self, record: dict[str, Any], file: Path, line: int | None, default_id: str) -> Iterator[Article]:
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            self.problems.append(Problem(str(file), line, "empty or missing 'text', article skipped"))
            return
        article_id = str(record.get("id") or default_id)
        if article_id in self.seen_ids:
            self.problems.append(Problem(str(file), line, f"duplicate id {article_id!r}, kept the first"))
            return
        self.seen_ids.add(article_id)
        yield Article(
            article_id=article_id,
            title=str(record.get("title") or ""),
            text=text,
            published=as_optional_str(record.get("published")),
            source=as_optional_str(record.get("source")),
            url=as_optional_str(record.get("url")),
            input_file=str(file),
            line=line,
        )


def as_optional_str(value: object) -> str | None:
    return None if value is None or value == "" else str(value)
