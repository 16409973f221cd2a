"""Publication dates, as feeds, pages and spreadsheets write them, to a date.

Reading is python-dateutil's; this module only sets its options to our policy.

Accepted: anything dateutil reads that names a year, a month and a day, among
them ISO 8601 ("2025-06-10", "2025-06-10T14:02:00Z", "20250610", the week date
"2025-W24-2"), RFC 822 ("Tue, 10 Jun 2025 14:02:00 GMT"), written-out months
("June 10, 2025", "Tuesday, 10th June 2025", "Jun. 10 2025, 2:02 p.m. EDT") and
all-numeric dates ("10/06/2025", "10.06.2025", "10-06-25").

A timestamp keeps the calendar day it names in its own zone ("Tue, 10 Jun
2025 23:30 -0500" is 10 June): that is the day printed on the article.

Day first: an all-numeric date that starts with the day or month is read day
first (10/06/2025 is 10 June 2025), as in most of the world and in the wire
services' datelines; when one part is over 12 the order is unambiguous and is
followed instead (06/13/2025 is 13 June). A date that starts with a four-digit
year is year, month, day (2025/06/10 is 10 June): ISO 8601 is the way to avoid
the doubt. A two-digit year is the one within 50 years of today (dateutil's
rule: 10/06/25 is 10 June 2025).

Null (the caller reports it and keeps the article undated): an empty value, a
day that does not exist (31/02/2025), words dateutil does not know ("next
Tuesday"), and a value missing the year, the month or the day ("2025", "June
2025", "10 June", the ISO week "2025-W24"), which dateutil would otherwise
fill in from a default date."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from email.utils import parsedate_to_datetime

from dateutil.parser import isoparse, parse

# Starts with a four-digit year (2025-06-10, 2025/06/10, 20250610): dateutil's
# dayfirst would read these as year, day, month, which nobody writes.
YEAR_FIRST = re.compile(r"\d{4}(?:\D|$)|\d{8}(?:\D|$)")
# A full ISO 8601 date, calendar (2025-06-10, 20250610) or week (2025-W24-2):
# isoparse reads it several times faster than parse, and it is the commonest
# form in JSON and CSV input. A week without its day is not a day, so is left out.
ISO_DAY = re.compile(r"\d{4}(?:-\d{2}-\d{2}|\d{4}|-W\d{2}-\d|W\d{3})(?:[T ]|$)")
# RFC 822, as every RSS feed writes it ("Tue, 10 Jun 2025 14:02:00 GMT"): the
# standard library reads it about ten times faster than parse, and a feed's
# timestamps rarely repeat, so the cache below does not help them.
RFC_822 = re.compile(r"(?:[A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}")
# Defaults for the parts the text does not name. Year 1 never is a publication
# year, so a result in year 1 means the text had no year; month and day 1 are
# real, so a result on them is checked against a second default.
NO_YEAR = datetime(1, 1, 1)
OTHER_DEFAULT = datetime(2, 2, 2)


def parse_date(value: str) -> date | None:
    """The calendar date value names, or None when it does not name one."""
    text = " ".join(value.split())
    return calendar_day(text) if text else None


# A corpus repeats its date strings (every article of a day in a date-only
# column): each is parsed once.
@lru_cache(maxsize=4096)
def calendar_day(text: str) -> date | None:
    if ISO_DAY.match(text):
        try:
            return isoparse(text).date()
        except ValueError:
            pass  # ISO-like but not ISO ("2025-06-10 14:02 UTC"): parse reads it
    if RFC_822.match(text):
        try:
            return parsedate_to_datetime(text).date()
        except (TypeError, ValueError):
            pass  # an RFC 822 look-alike parse may still read
    dayfirst = not YEAR_FIRST.match(text)
    try:
        first: datetime = parse(text, dayfirst=dayfirst, ignoretz=True, default=NO_YEAR)
        if first.year == NO_YEAR.year:
            return None
        if first.month == NO_YEAR.month or first.day == NO_YEAR.day:
            second: datetime = parse(text, dayfirst=dayfirst, ignoretz=True, default=OTHER_DEFAULT)
            if second.date() != first.date():
                return None  # the month or the day came from the default
    except (ValueError, OverflowError):  # dateutil's ParserError is a ValueError
        return None
    return first.date()
