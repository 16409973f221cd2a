"""Publication dates in the forms feeds, pages and spreadsheets use, to a date.

A timestamp keeps the calendar day it names in its own zone ("Tue, 10 Jun
2025 23:30 -0500" is 10 June): that is the day printed on the article.

All-numeric dates with slashes or dots are read day first (10/06/2025 is
10 June 2025), as in most of the world and in the wire services' datelines;
when one part is over 12 the order is unambiguous and is followed instead
(06/13/2025 is 13 June). ISO 8601 (2025-06-10) is the way to avoid the doubt."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

# Written-out month names, in English (strptime's C locale).
WORDY_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%d %B, %Y", "%b. %d, %Y")
NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")
WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)


def parse_date(value: str) -> date | None:
    """The calendar date value names, or None when no known form fits."""
    text = " ".join(value.split())
    if not text:
        return None
    for attempt in (iso_date, rfc822_date, numeric_date, wordy_date):
        found = attempt(text)
        if found is not None:
            return found
    return None


def iso_date(text: str) -> date | None:
    try:
        return datetime.fromisoformat(text.replace(" Z", "Z")).date()
    except ValueError:
        return None


def rfc822_date(text: str) -> date | None:
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def numeric_date(text: str) -> date | None:
    match = NUMERIC.fullmatch(text)
    if not match:
        return None
    first, second, year = (int(part) for part in match.groups())
    day, month = (second, first) if second > 12 >= first else (first, second)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def wordy_date(text: str) -> date | None:
    """"June 10, 2025", "Tuesday, 10th June 2025", "Jun. 10, 2025"."""
    cleaned = ORDINAL.sub("", WEEKDAY.sub("", text))
    for form in WORDY_FORMATS:
        try:
            return datetime.strptime(cleaned, form).date()
        except ValueError:
            continue
    return None
