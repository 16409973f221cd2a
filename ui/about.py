"""How far to trust the numbers: the measured accuracy, read from the README's
"Accuracy" table (one place to update, so the app never drifts from it), and
the short note shown under each relations chart."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

README = Path(__file__).resolve().parents[1] / "README.md"
PAGE = "pages/6_About_this_data.py"
# The README table's header, as written there.
HEADER = ["field", "dev P", "dev R", "dev F1", "check P", "check R", "check F1"]
# Which README field a chart's note quotes, and what it calls the rows.
NOTES = {
    "alliances": ("alliance pairs", "allied pairs"),
    "alliance kinds": ("alliance kinds", "alliance kinds"),
    "sanctions": ("sanction targets", "sanction targets"),
    "senders": ("sanction links (sender → target)", "sender → target links"),
    "actions": ("sanction actions", "sanction actions"),
}


def accuracy_table(readme: str) -> pd.DataFrame:
    """The rows of the table under "## Accuracy" (field, then dev and check
    precision, recall and F1); empty when the README has no such table."""
    lines = readme.split("\n")
    try:
        start = lines.index("## Accuracy")
    except ValueError:
        return pd.DataFrame(columns=HEADER)
    rows: list[list[str]] = []
    for line in lines[start + 1:]:
        if line.startswith("## "):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if len(cells) == len(HEADER) and cells != HEADER and not set("".join(cells)) <= set("-: "):
            rows.append(cells)
    out = pd.DataFrame(rows, columns=HEADER)
    return out.astype({c: "float64" for c in HEADER[1:]})


@lru_cache(maxsize=1)
def accuracy() -> pd.DataFrame:
    return accuracy_table(README.read_text(encoding="utf-8")) if README.exists() else pd.DataFrame(columns=HEADER)


def note(chart: str, table: pd.DataFrame | None = None) -> str:
    """One line under a relations chart: the share of its rows that were right,
    and of the real ones found, on the annotated articles nobody tuned on."""
    field, rows = NOTES[chart]
    table = accuracy() if table is None else table
    found = table[table["field"] == field]
    if found.empty:
        return "Extracted by rules from the article text, not checked by hand: see About this data."
    p, r = float(found["check P"].iloc[0]), float(found["check R"].iloc[0])
    return (f"Measured on annotated articles nobody tuned on: about {p:.0%} of the {rows} found are right, and "
            f"{r:.0%} of the real ones are found. Check any number in the evidence below.")
