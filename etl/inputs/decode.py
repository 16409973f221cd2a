"""Bytes to text: binary files are refused, non-UTF-8 text is read as cp1252
with a reported note, so a stray Windows file never stops a build."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

from etl.inputs.model import Problem

SNIFF_BYTES = 8192
# Whole-file reads (one .txt, .html, .json or feed) above this are refused, so
# a mistaken path to a disk image cannot exhaust memory; .jsonl and .csv are
# streamed line by line and have no file limit.
MAX_FILE_BYTES = 200_000_000
# Control bytes that text files legitimately contain: tab, newline, form feed,
# carriage return, and escape (colour codes in saved terminal output).
TEXT_CONTROLS = frozenset(b"\t\n\x0c\r\x1b")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def looks_binary(head: bytes) -> bool:
    """NUL bytes, or more than a tenth control bytes, mean this is not text
    (images, archives, PDFs and UTF-16 without a BOM all trip it)."""
    if head.startswith(UTF16_BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in TEXT_CONTROLS)
    return bool(head) and controls / len(head) > 0.1


def binary_problem(path: Path) -> Problem | None:
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if looks_binary(head):
        return Problem(str(path), None, "binary file (NUL or control bytes), skipped")
    return None


def read_bytes(path: Path) -> bytes | Problem:
    """The whole file, or the Problem that says why it was not read."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return Problem(str(path), None, f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit; skipped")
    return binary_problem(path) or path.read_bytes()


def decode_text(raw: bytes, file: str, line: int | None = None) -> tuple[str, Problem | None]:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else cp1252 with a note."""
    if raw.startswith(UTF16_BOMS):
        return raw.decode("utf-16", errors="replace"), None
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        note = f"not valid UTF-8 ({err.reason} at byte {err.start}); read as cp1252"
        return raw.decode("cp1252", errors="replace"), Problem(file, line, note)


def text_lines(path: Path, report: Callable[[Problem], None]) -> Iterator[str]:
    """Lines with their endings, decoded one by one so memory stays at one line;
    only the first non-UTF-8 line of a file is reported, to keep the log short."""
    reported = False
    with path.open("rb") as handle:
        if handle.read(2) in UTF16_BOMS:
            # UTF-16 cannot be split on b"\n"; let the codec find the lines.
            handle.seek(0)
            yield from io.TextIOWrapper(handle, encoding="utf-16", errors="replace", newline="")
            return
        handle.seek(0)
        for number, raw in enumerate(handle, start=1):
            text, problem = decode_text(raw, str(path), number)
            if problem and not reported:
                report(Problem(problem.file, number, problem.reason + " (and any later such line)"))
                reported = True
            yield text
