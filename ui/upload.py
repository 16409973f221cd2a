"""Bring your own news: uploaded files (and one URL) built into tables that live
in the temp folder for this browser session only, never in the repository.

The user's file names are never used as paths: each upload is written as
NNN/<its file name, cleaned>, the suffix checked against the types the ETL
reads, so articles are named after their files as the CLI names them."""

from __future__ import annotations

import csv
import os
import re
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
from etl.inputs.tables import delimiter_of
from etl.inputs.web import PRIVATE_HINT, is_url
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
PROBLEMS_IN_FULL = 50  # the Upload page shows this many problems as a table that wraps, more in a grid
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
    columns = columns or Columns()
    # The column names the user typed are for CSV files: a JSON file keeps its own keys.
    folders = {inbox / "files": Columns(), inbox / "csv": columns}
    try:
        for i, upload in enumerate(files):
            step(0.4 * i / max(len(files), 1), f"Saving {upload.name}")
            safe = safe_name(i, upload.name)
            if safe is None:
                problems.append(Problem(upload.name, None, f"unsupported file type; use one of {', '.join(TYPES)}"))
                continue
            is_csv = safe.endswith(".csv")
            saved = inbox / ("csv" if is_csv else "files") / safe
            saved.parent.mkdir(parents=True)
            saved.write_bytes(upload.getvalue())
            names[str(saved)] = upload.name
            if is_csv:
                problems.extend(unknown_columns(upload.name, upload.getvalue(), columns))
        built = None
        sources: list[tuple[Path | str, Columns]] = [(folder, cols) for folder, cols in folders.items()
                                                     if folder.exists()] + ([(url, Columns())] if url else [])
        for n, (source, cols) in enumerate(sources):
            step(0.4 + 0.5 * n / len(sources), f"Fetching {url}" if source == url else "Reading and extracting")
            try:
                result = build(source, out_dir=out, progress=None, columns=cols, allow_private=allow_private,
                               append=built is not None)
            except (InputError, OSError) as err:
                reason = str(err).replace(str(source), "(uploads)") if source != url else str(err)
                problems.append(Problem(str(source) if source == url else "(uploads)", None, in_app(reason, cols)))
                continue
            built = result
            duplicates += result.duplicates
            problems.extend(Problem(p.file, p.line, in_app(p.reason, cols)) for p in result.problems)
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


# The CLI's remedies, as the ETL words them, and the app's own.
NO_TEXT_COLUMN = re.compile(r"^no text column \((?P<wanted>.*)\); columns found: (?P<found>.*)\. Use --text-col$")
APP_PRIVATE_HINT = ("this app refuses private and loopback addresses unless it runs with "
                    f"{ALLOW_PRIVATE}=1 (local use only)")
FIELD_LABELS = {"text": "Text column", "title": "Title column", "published": "Date column"}


def in_app(reason: str, columns: Columns) -> str:
    """A problem's reason with the app's remedy instead of the CLI's flag, naming
    the column the user set when there is one."""
    reason = reason.replace(PRIVATE_HINT, APP_PRIVATE_HINT)
    match = NO_TEXT_COLUMN.match(reason)
    if match is None:
        return reason
    found = match["found"]
    if columns.text:
        return (f"no {columns.text!r} column (the {FIELD_LABELS['text']} you set); columns found: {found}. "
                f"Correct the {FIELD_LABELS['text']} under \"CSV columns\", or leave it empty to use "
                "text, body or content")
    return (f"no text column ({match['wanted']}); columns found: {found}. Name the column that holds the "
            f"text in the {FIELD_LABELS['text']} field under \"CSV columns\"")


def unknown_columns(name: str, data: bytes, columns: Columns) -> list[Problem]:
    """A note for each title or date column the user set that the CSV file lacks
    (the build then leaves that field empty without a word)."""
    first = data.split(b"\n", 1)[0].decode("utf-8", errors="replace").lstrip("\ufeff").rstrip("\r")
    header = next(csv.reader([first], delimiter=delimiter_of(first)), [])
    found = {h.strip().casefold() for h in header}
    notes = []
    for field_name in ("title", "published"):
        wanted = getattr(columns, field_name)
        if wanted and wanted.strip().casefold() not in found:
            notes.append(Problem(name, 1, f"no {wanted!r} column (the {FIELD_LABELS[field_name]} you set), so "
                                          f"the articles have no {'title' if field_name == 'title' else 'date'}; "
                                          f"columns found: {', '.join(repr(h) for h in header)}"))
    return notes


def problem_lines(problems: pd.DataFrame) -> str:
    """One "file:line: reason" line per problem, as the CLI prints them."""
    return "\n".join(f"{file}:{line}: {reason}" if pd.notna(line) else f"{file}: {reason}"
                     for file, line, reason in problems[["file", "line", "reason"]].itertuples(index=False))


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
