"""follow.json beside the tables: each feed's validators (ETag, Last-Modified),
backoff, last poll, last success, last error and counts.

It is the follower's memory across restarts (and across the runs of a
scheduled `--once`, when committed with the tables) and the summary a person
or the dashboard reads. It is written after the tables, so a stop between the
two loses only validators: the next pass fetches the feed again in full and
the seen table skips what is already there."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

STATE_FILE = "follow.json"
MAX_SKIP = 31  # passes: about 8 hours at the default 15 minutes


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class FeedState:
    url: str
    label: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_poll: str | None = None
    last_success: str | None = None
    last_error: str | None = None
    last_error_at: str | None = None
    failures: int = 0  # errors in a row
    skip: int = 0  # passes still to sit out before the next try
    new: int = 0  # the last poll's new articles
    seen: int = 0  # the last poll's items already in the tables
    problems: list[str] = field(default_factory=list)  # the last poll's other skipped items
    added: int = 0  # articles this feed added since it was first followed

    def succeeded(self, when: str, new: int, seen: int, problems: list[str]) -> None:
        self.last_success, self.failures, self.skip = when, 0, 0
        self.new, self.seen, self.problems = new, seen, problems

    def failed(self, when: str, error: str) -> None:
        """Back off: after k errors in a row, sit out 2**(k-1) - 1 passes, so a
        feed that is down is asked less and less often, and one that comes back
        is read again within hours."""
        self.last_error, self.last_error_at = error, when
        self.failures += 1
        self.skip = min(2 ** (self.failures - 1) - 1, MAX_SKIP)
        self.new, self.seen, self.problems = 0, 0, []


def from_json(data: dict[str, Any]) -> FeedState:
    known = {f.name for f in fields(FeedState)}
    return FeedState(**{k: v for k, v in data.items() if k in known})


def load_states(out: Path) -> tuple[dict[str, FeedState], str | None]:
    """The feeds' states by URL, and a warning when the file could not be used
    (the follower then starts afresh: full fetches, deduped by the seen table)."""
    path = out / STATE_FILE
    if not path.exists():
        return {}, None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {item["url"]: from_json(item) for item in data["feeds"]}, None
    except (OSError, ValueError, KeyError, TypeError) as err:
        return {}, f"{path}: unreadable ({err}); starting with no remembered validators"


def save_states(out: Path, states: list[FeedState], extra: dict[str, Any]) -> None:
    """Written under a hidden name and renamed, so a reader never sees half of it."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / STATE_FILE
    tmp = path.with_name(f".{STATE_FILE}.{os.getpid()}.tmp")
    body = {"updated": now_iso(), **extra, "feeds": [asdict(s) for s in states]}
    tmp.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)
