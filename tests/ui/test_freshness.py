"""The Overview says how current its tables are: the newest article, and when
a follower (python -m etl follow) last polled the feeds of that folder."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from ui import freshness


def articles(*dates: str | None) -> pd.DataFrame:
    return pd.DataFrame({"published": pd.to_datetime(list(dates))})


def test_without_a_follower_the_line_gives_the_newest_article(tmp_path: Path) -> None:
    assert freshness.line(articles("2025-01-03", None, "2026-01-27"), tmp_path) == "Newest article 27 Jan 2026"
    assert freshness.line(articles(None), tmp_path) == "No article has a date"
    assert freshness.last_poll("s3://bucket/tables") is None


def test_a_followed_folder_says_when_its_feeds_were_last_polled(tmp_path: Path) -> None:
    (tmp_path / "follow.json").write_text(json.dumps({"feeds": [
        {"url": "https://a.example/rss", "last_poll": "2026-12-07T01:10:00+00:00"},
        {"url": "https://b.example/rss", "last_poll": "2026-12-07T01:14:00+00:00"},
        {"url": "https://c.example/rss", "last_poll": None}]}), encoding="utf-8")
    assert freshness.last_poll(tmp_path) == (datetime(2026, 12, 7, 1, 14, tzinfo=timezone.utc), 3)
    assert freshness.line(articles("2026-12-06"), tmp_path) == \
        "Newest article 06 Dec 2026 · 3 feeds followed, last polled 07 Dec 2026, 01:14 UTC"


def test_an_unreadable_follow_file_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "follow.json").write_text("{not json", encoding="utf-8")
    assert freshness.last_poll(tmp_path) is None
