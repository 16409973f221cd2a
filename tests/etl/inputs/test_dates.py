"""Dates in the forms feeds, pages and spreadsheets use."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from etl.inputs.dates import parse_date
from tests.etl.inputs.helpers import read_all


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tue, 10 Jun 2025 14:02:00 GMT", date(2025, 6, 10)),
        ("10 Jun 2025 23:30:00 -0500", date(2025, 6, 10)),  # the day in its own zone
        ("2025-06-10", date(2025, 6, 10)),
        ("2025-06-10T14:02:00Z", date(2025, 6, 10)),
        ("2025-06-10T01:00:00+09:00", date(2025, 6, 10)),
        ("2025-06-10 14:02", date(2025, 6, 10)),
        ("June 10, 2025", date(2025, 6, 10)),
        ("Jun 10, 2025", date(2025, 6, 10)),
        ("10 June 2025", date(2025, 6, 10)),
        ("Tuesday, June 10th, 2025", date(2025, 6, 10)),
        ("10/06/2025", date(2025, 6, 10)),  # ambiguous: day first, as documented
        ("06/13/2025", date(2025, 6, 13)),  # unambiguous: month first
        ("13.06.2025", date(2025, 6, 13)),
        ("  2025-06-10  ", date(2025, 6, 10)),
    ],
)
def test_known_forms_give_the_calendar_day(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "soon", "2025", "31/02/2025", "Tue, 31 Feb 2025 10:00:00 GMT", "13/13/2025"])
def test_other_forms_give_none(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10-06-2025", date(2025, 6, 10)),  # dashes: day first like slashes and dots
        ("10/06/25", date(2025, 6, 10)),  # a two-digit year: the one within 50 years of today
        ("10.06.2025 14:02", date(2025, 6, 10)),
        ("2025/06/10", date(2025, 6, 10)),  # year first: year, month, day, never year, day, month
        ("2025.06.10", date(2025, 6, 10)),
        ("2025 June 10", date(2025, 6, 10)),
        ("20250610", date(2025, 6, 10)),
        ("2025-W24-2", date(2025, 6, 10)),  # ISO week date: Tuesday of week 24
        ("10th of June 2025", date(2025, 6, 10)),
        ("10 June 2025 at 14:02", date(2025, 6, 10)),
        ("Jun. 10 2025, 2:02 p.m. EDT", date(2025, 6, 10)),
        ("2025-06-10T14:02:00 UTC", date(2025, 6, 10)),  # ISO-like, read by the general parser
    ],
)
def test_forms_dateutil_reads_give_the_calendar_day(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1 June 2025", date(2025, 6, 1)), ("January 1, 2025", date(2025, 1, 1)), ("01/01/2025", date(2025, 1, 1))],
)
def test_the_first_of_the_month_and_january_are_real_days(text: str, expected: date) -> None:
    # Month 1 and day 1 are also the fallback used to detect missing parts.
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["June 2025", "10 June", "January 2025", "2025-06", "2025-W24", "Tuesday", "14:02",
                                  "2025-06-31", "2025-13-01", "99999999999999999999"])
def test_a_date_missing_its_year_month_or_day_or_out_of_range_gives_none(text: str) -> None:
    # dateutil would fill a missing part in from a default date; an undated article is honest.
    assert parse_date(text) is None


def test_an_unparsed_date_is_reported_and_the_article_kept(tmp_path: Path) -> None:
    jsonl = tmp_path / "a.jsonl"
    rows = [{"id": "a", "text": "Laos spoke.", "published": "next Tuesday"}, {"id": "b", "text": "Fiji spoke.", "published": 20250610}]
    jsonl.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    articles, problems = read_all(jsonl)
    assert [(a.article_id, a.published) for a in articles] == [("a", None), ("b", "2025-06-10")]
    assert [str(p) for p in problems] == [f"{jsonl}:1: date 'next Tuesday' not understood; article kept with published = null"]
