"""Periods of a time chart as a reader needs them: every period between the
first and the last article (an empty one reads 0, not a gap the axis closes),
a label per period, and the first or last period marked when the articles
cover only part of it (a year with four weeks of news is not a collapse)."""

from __future__ import annotations

import pandas as pd

FREQ = {"Year": "Y", "Quarter": "Q", "Month": "M"}
# A period with articles on less than this share of its days is marked partial.
COVERED = 0.9


def period_label(start: pd.Timestamp, label: str) -> str:
    if label == "Year":
        return f"{start:%Y}"
    if label == "Quarter":
        return f"Q{start.quarter} {start:%Y}"
    return f"{start:%b %Y}"


def coverage(span: pd.Period, first: pd.Timestamp, last: pd.Timestamp) -> float:
    """The share of the period's days between the first and the last date."""
    start, end = span.start_time.normalize(), span.end_time.normalize()
    covered = (min(end, last) - max(start, first)).days + 1
    return covered / ((end - start).days + 1)


def note(span: pd.Period, first: pd.Timestamp, last: pd.Timestamp) -> str:
    """What part of the period the articles cover: "from 20 Jan", "to 27 Jan", or both."""
    start, end = span.start_time.normalize(), span.end_time.normalize()
    parts = ([f"from {first.day} {first:%b}"] if first > start else []) + (
        [f"to {last.day} {last:%b}"] if last < end else [])
    return " ".join(parts)


def calendar(counts: pd.DataFrame, published: pd.Series, label: str, by: str | None = None) -> pd.DataFrame:
    """`counts` (period start, [by], count) with every period from the first to
    the last date in `published`, each with its `label`, and `partial` and
    `note` ("to 27 Jan", "from 20 Jan", also in its label) where the dates
    cover too little of it."""
    dates = published.dropna()
    columns = ["period", *([by] if by else []), "count", "label", "partial", "note"]
    if counts.empty or dates.empty:
        return pd.DataFrame(columns=columns)
    first, last = dates.min().normalize(), dates.max().normalize()
    spans = pd.period_range(first, last, freq=FREQ[label])
    starts = pd.Series(spans.start_time, name="period")
    missing = starts[~starts.isin(counts["period"])]
    filler = pd.DataFrame({"period": missing, "count": 0})
    if by:  # an empty period as a zero of a value already shown: no new legend entry
        filler[by] = counts[by].iloc[0]
    out = pd.concat([counts, filler], ignore_index=True) if len(filler) else counts.copy()
    out = out.sort_values("period", kind="stable", ignore_index=True)
    out["count"] = out["count"].astype("int64")
    out["label"] = out["period"].map(lambda p: period_label(p, label))
    notes = {span.start_time: note(span, first, last) for span in {spans[0], spans[-1]}
             if coverage(span, first, last) < COVERED}
    out["note"] = pd.array([notes.get(p, "") for p in out["period"]], dtype="string")
    out["partial"] = out["note"] != ""
    # The axis says it too: "2026 (to 27 Jan)".
    out.loc[out["partial"], "label"] = out["label"] + " (" + out["note"] + ")"
    return out[columns]
