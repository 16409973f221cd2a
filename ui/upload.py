"""Bring your own news: uploaded files (and one URL) built into tables that live
in the temp folder for this browser session only, never in the repository.

The user's file names are never used as paths: each upload is written as
NNN/<its file name, cleaned>, the suffix checked against the types the ETL
reads, so articles are named after their files as the CLI names them."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Protocol

import pandas as pd

from etl.build import build, write_tables
from etl.inputs import Columns, InputError, Problem
from etl.inputs.reader import DOCUMENTATION_STEMS
from etl.inputs.web import is_url
from ui.loaders import UPLOADED

# The file types the CLI reads (etl.inputs.reader.SUPPORTED), without the dot.
TYPES = ("json", "jsonl", "csv", "txt", "md", "html", "htm", "xml", "rss", "atom")
ALLOW_URLS = "DASHBOARD_ALLOW_URLS"
ALLOW_PRIVATE = "DASHBOARD_ALLOW_PRIVATE_URLS"
RESULT = "_upload_result"  # session key of the last Outcome, for reruns of the page
MINE_PREFIX = "dashboard-mine-"
# A session's tables are touched on every run that shows them (ui.loaders), so
# only those of sessions gone this long are swept: a hosted app must not fill its disk.
STALE_SECONDS = 24 * 3600
MAX_STEM = 120  # characters of a file name kept (a name may not exceed 255 bytes)


class Upload(Protocol):
    """What st.file_uploader hands back (an UploadedFile), as far as we use it."""

    name: str

    def getvalue(self) -> bytes: ...


@dataclass
class Outcome:
    folder: Path | None  # the built tables, or None when nothing could be built
    articles: int = 0
    countries: int = 0
    alliances: int = 0
    sanctions: int = 0
    duplicates: int = 0
    problems: pd.DataFrame = field(default_factory=lambda: problems_frame([]))

    def summary(self) -> dict[str, int]:
        return {"Articles": self.articles, "Countries": self.countries, "Alliance rows": self.alliances,
                "Sanction rows": self.sanctions, "Duplicates skipped": self.duplicates,
                "Problems": len(self.problems)}


def enabled(env: Mapping[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() in ("1", "true", "yes")


def safe_name(index: int, original: str) -> str | None:
    """NNN/<name>.<suffix>, a path inside the upload folder, when the original's
    suffix is a type we read, else None.

    The CLI names an article after its file (id, and the default id of each
    record of a JSON, JSONL, CSV or feed file), so the upload keeps the file's
    own name: only its last part, without control characters or leading dots
    (nothing can reach outside its folder), in a folder of its own (NNN) so that
    two uploads of one name never meet. A name with nothing left, or one the
    reader would skip as documentation (README), is upload-NNN."""
    pure = PurePath(original.replace("\\", "/"))
    suffix = pure.suffix.lower()
    if suffix[1:] not in TYPES:
        return None
    stem = "".join(ch for ch in pure.stem if ch.isprintable()).strip().lstrip(".").strip()[:MAX_STEM]
    if not stem or stem in DOCUMENTATION_STEMS:
        stem = f"upload-{index:03d}"
    return f"{index:03d}/{stem}{suffix}"


def problems_frame(problems: Sequence[Problem], names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per problem, the file named as the user gave it (URLs as they are)."""
    names = names or {}
    rows = [{"file": names.get(p.file, p.file), "line": p.line, "reason": p.reason} for p in problems]
    return pd.DataFrame(rows, columns=["file", "line", "reason"]).astype(
        {"file": "string", "line": "Int64", "reason": "string"})


def process(files: Sequence[Upload], url: str | None = None, *, columns: Columns | None = None,
            allow_private: bool = False, step: Callable[[float, str], None] | None = None) -> Outcome:
    """Write the uploads under safe names into a fresh temp folder, build them
    (and the URL, if any) into another temp folder, and report what came out."""
    step = step or (lambda fraction, text: None)
    if url and not is_url(url):  # never a path: that would read the server's own files
        return Outcome(None, problems=problems_frame([Problem(url, None, "not an http:// or https:// address")]))
    sweep()
    inbox = Path(tempfile.mkdtemp(prefix="dashboard-upload-"))
    out = Path(tempfile.mkdtemp(prefix=MINE_PREFIX))
    names: dict[str, str] = {}  # path of the saved copy -> the user's name
    problems: list[Problem] = []
    duplicates = 0
    try:
        for i, upload in enumerate(files):
            step(0.4 * i / max(len(files), 1), f"Saving {upload.name}")
            safe = safe_name(i, upload.name)
            if safe is None:
                problems.append(Problem(upload.name, None, f"unsupported file type; use one of {', '.join(TYPES)}"))
                continue
            (inbox / safe).parent.mkdir()
            (inbox / safe).write_bytes(upload.getvalue())
            names[str(inbox / safe)] = upload.name
        built = None
        sources: list[Path | str] = ([inbox] if names else []) + ([url] if url else [])
        for n, source in enumerate(sources):
            step(0.4 + 0.5 * n / len(sources), "Reading and extracting" if n == 0 and names else f"Fetching {url}")
            try:
                result = build(source, out_dir=out, progress=None, columns=columns, allow_private=allow_private,
                               append=built is not None)
            except (InputError, OSError) as err:
                reason = str(err).replace(str(inbox), "(uploads)")  # never show our temp path
                problems.append(Problem(str(source) if source == url else "(uploads)", None, reason))
                continue
            built = result
            duplicates += result.duplicates
            problems.extend(result.problems)
    finally:
        shutil.rmtree(inbox, ignore_errors=True)
    step(1.0, "Done")
    frame = problems_frame(problems, names)
    if built is None or built.tables["articles"].empty:
        shutil.rmtree(out, ignore_errors=True)
        return Outcome(None, duplicates=duplicates, problems=frame)
    tables = built.tables
    arts = tables["articles"]
    # input_file names the upload as the user knows it, not our temp path.
    arts = arts.assign(input_file=arts["input_file"].map(lambda f: names.get(str(f), f)))
    write_tables({"articles": arts}, out)
    return Outcome(out, articles=len(arts), countries=int(tables["countries"]["iso3"].nunique()),
                   alliances=len(tables["alliances"]), sanctions=len(tables["sanctions"]),
                   duplicates=duplicates, problems=frame)


def sweep(now: float | None = None) -> int:
    """Remove the uploaded tables of sessions unseen for STALE_SECONDS (a session
    that closed never says so); the number removed."""
    now = time.time() if now is None else now
    removed = 0
    for folder in Path(tempfile.gettempdir()).glob(MINE_PREFIX + "*"):
        try:
            stale = folder.is_dir() and now - folder.stat().st_mtime > STALE_SECONDS
        except OSError:  # another session swept it first
            continue
        if stale:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


def keep(state: MutableMapping[str, object], outcome: Outcome) -> None:
    """Make the outcome this session's uploaded tables, dropping the previous
    ones; an upload that built nothing leaves the previous tables in use."""
    state[RESULT] = outcome
    if outcome.folder is None:
        return
    old = state.get(UPLOADED)
    if isinstance(old, str) and old != str(outcome.folder):
        shutil.rmtree(old, ignore_errors=True)
    state[UPLOADED] = str(outcome.folder)


def url_settings(env: Mapping[str, str] | None = None) -> tuple[bool, bool]:
    """(URLs allowed at all, private addresses allowed), from the environment."""
    env = os.environ if env is None else env
    return enabled(env, ALLOW_URLS), enabled(env, ALLOW_PRIVATE)
