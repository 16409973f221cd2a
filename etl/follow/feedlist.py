"""The feeds file (one feed or page URL a line, an optional label after it,
`#` comments) and the --every interval (90s, 15m, 1h)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from etl.inputs import InputError, Problem
from etl.inputs.web import is_url

UNITS = {"s": 1, "m": 60, "h": 3600}
INTERVAL = re.compile(r"(\d+(?:\.\d+)?)\s*([smh])")


@dataclass(frozen=True)
class Feed:
    url: str
    label: str | None  # becomes the articles' source, in place of the feed's own title
    line: int


def parse_interval(text: str) -> float:
    """Seconds in "90s", "15m", "1h" or "1.5h". The unit is required: a bare
    number could mean seconds or minutes, and guessing wrong polls 60 times
    too often."""
    found = INTERVAL.fullmatch(text.strip().lower())
    if not found or float(found[1]) <= 0:
        raise ValueError(f"{text!r} is not an interval; give a number and a unit: 90s, 15m or 1h")
    return float(found[1]) * UNITS[found[2]]


def feed_line(raw: str) -> tuple[str, str | None] | None:
    """(URL, label) of a line, or None for a blank or comment line. A '#' starts
    a comment only at the start of a word: URLs may hold one (#fragment)."""
    words = raw.split()
    for index, word in enumerate(words):
        if word.startswith("#"):
            words = words[:index]
            break
    if not words:
        return None
    return words[0], " ".join(words[1:]) or None


def url_problem(url: str) -> str | None:
    if not is_url(url):
        return "not an http(s) URL"
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return "not a valid URL"
    return None if host else "no host in the URL"


def read_feeds(path: Path) -> tuple[list[Feed], list[Problem]]:
    """The feeds of the file, and a Problem (file, line, reason) for each line
    that is not one; good lines are kept whatever the bad ones."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(f"{path}: cannot read the feeds file ({err.strerror or err})") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: the feeds file is not UTF-8 text") from None
    feeds: list[Feed] = []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        parsed = feed_line(raw)
        if parsed is None:
            continue
        url, label = parsed
        reason = url_problem(url)
        if reason is None and url in first_line:
            reason = f"the same URL as line {first_line[url]}, skipped"
        if reason:
            problems.append(Problem(str(path), number, reason))
            continue
        first_line[url] = number
        feeds.append(Feed(url, label, number))
    return feeds, problems
