"""How current the tables are: the newest article's date, and, for a folder
kept by `python -m etl follow`, when its feeds were last polled (the
follower's follow.json beside the tables, read afresh on every run so a
follower's new passes show without a restart)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pandas as pd

from etl.follow.state import STATE_FILE


def last_poll(folder: Path | str) -> tuple[datetime, int] | None:
    """(the latest poll of any feed, the number of feeds followed), or None when
    no follower keeps this folder (or its file cannot be read)."""
    if not isinstance(folder, Path):
        return None  # tables in object storage: a follower writes locally
    try:
        feeds = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))["feeds"]
        polls = [datetime.fromisoformat(f["last_poll"]) for f in feeds if f.get("last_poll")]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return (max(polls), len(feeds)) if polls else None


def line(articles: pd.DataFrame, folder: Path | str) -> str:
    """One caption line: "Newest article 27 Jan 2026 · feeds (3) last polled 7 Dec 2026, 01:14 UTC"."""
    dated = articles["published"].dropna()
    parts = [f"Newest article {dated.max():%d %b %Y}" if len(dated) else "No article has a date"]
    polled = last_poll(folder)
    if polled is not None:
        when, feeds = polled
        parts.append(f"{feeds} feed{'s' * (feeds != 1)} followed, last polled {when:%d %b %Y, %H:%M %Z}".rstrip())
    return " · ".join(parts)
