"""The dashboard's data layer, timed with the functions the pages call. The
ui modules import Streamlit, so they are imported only when this runs.

`python -m bench dashboard FOLDER` runs it alone in a fresh process (so
its memory is its own) and prints JSON for bench.run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from etl import store
from bench.stages import timed
from etl.build import TABLE_NAMES

REPEATS = 3  # dashboard timings: the median of this many runs


def median_time(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    return sorted(timed(fn) for _ in range(repeats))[repeats // 2]


def cold_read(folder: Path) -> dict[str, pd.DataFrame]:
    """The tables as the dashboard reads them, without Streamlit's cache: the
    plain function under ui.loaders.read_tables' st.cache_resource wrapper
    (column pruning, categoricals and the sort check included)."""
    from ui import loaders

    plain = getattr(loaders.read_tables, "__wrapped__", loaders.read_tables)
    return plain(str(folder), loaders.version(folder))


def page_aggregates(view: dict[str, pd.DataFrame], code: str) -> dict[str, Callable[[], object]]:
    """What each page computes from the filtered view before drawing (as in pages/)."""
    from ui import aggregates, evidence
    from ui.tables import plain

    def overview() -> None:
        measures = aggregates.country_measures(view)
        aggregates.pair_totals(view["alliances"])
        aggregates.over_time(view["mentions"], view["articles"])
        aggregates.unshaped(measures, "mentions")

    def countries() -> None:
        own = evidence.mentions_of(view, code)
        aggregates.over_time(own, view["articles"])
        aggregates.partners(view["alliances"], code)
        aggregates.sanctions_by(view["sanctions"], code, role="target")
        aggregates.sanctions_by(view["sanctions"], code, role="sender")
        aggregates.named_with(view["countries"], view["mentions"], code)
        # The evidence tabs' frames as ui.downloads.table gets them: shown as they
        # are, turned into plain strings only for a download that is clicked.
        for frame in (evidence.mention_evidence_of(view, code), evidence.alliance_evidence_of(view, code),
                      evidence.sanction_evidence_of(view, code)):
            plain(frame.iloc[:0])

    def alliances() -> None:
        allies = view["alliances"]
        totals = aggregates.pair_totals(allies)
        totals["co_members"] = aggregates.co_members(totals, allies)
        aggregates.pair_lines(totals)
        aggregates.pairs(allies)

    def sanctions() -> None:
        measures = aggregates.country_measures(view)
        sanctions = view["sanctions"]
        sanctions.loc[~sanctions["target"].isin(measures["iso3"]), "target"].astype("string").value_counts()
        aggregates.sender_target(view["sanctions"])
        aggregates.over_time(view["sanctions"], view["articles"], by="action")
        aggregates.unshaped(measures, "sanctioned")

    return {"overview page": overview, "countries page": countries,
            "alliances page": alliances, "sanctions page": sanctions}


def dashboard_layer(folder: Path, country: str = "RUS") -> tuple[dict[str, float], dict[str, Any]]:
    """Seconds of the dashboard's data work on the tables in folder, and what was measured."""
    from ui import view as ui_view
    from ui.filters import Filters, options

    seconds: dict[str, float] = {}
    loaded: dict[str, pd.DataFrame] = {}
    seconds["cold load"] = timed(lambda: loaded.update(cold_read(folder)))
    dates = loaded["articles"]["published"].dropna().sort_values()
    start = dates.iloc[len(dates) // 4].date() if len(dates) else None
    end = dates.iloc[3 * len(dates) // 4].date() if len(dates) else None
    chosen = Filters(start=start, end=end, countries=(country,))
    ui_view.apply(tables=loaded, f=chosen)  # warm the reference caches (names, shapes) once
    # Every rerun also lists the sidebar's choices from the unfiltered tables.
    seconds["filter change: sidebar options"] = median_time(lambda: options(loaded))
    seconds["filter change: view.apply"] = median_time(lambda: ui_view.apply(loaded, chosen))
    shown = ui_view.apply(loaded, chosen)
    everything = ui_view.apply(loaded, Filters())
    for name, fn in page_aggregates(shown, country).items():
        fn()
        seconds[f"{name} aggregates"] = median_time(fn)
    seconds["slowest filter change + page"] = sum(sec for name, sec in seconds.items() if name.startswith(
        "filter change")) + max(
        sec for name, sec in seconds.items() if name.endswith("page aggregates"))
    for name, fn in page_aggregates(everything, country).items():
        seconds[f"{name} aggregates, no filter"] = median_time(fn)
    memory = sum(int(df.memory_usage(deep=True).sum()) for df in loaded.values())
    about = {
        "filter": {"countries": [country], "start": str(start), "end": str(end)},
        "rows": {name: len(df) for name, df in loaded.items()},
        "rows_after_filter": {name: len(df) for name, df in shown.items()},
        "tables_memory_mb": round(memory / 1e6, 1),
        "parquet_mb": round(sum(p.stat().st_size for name in TABLE_NAMES for p in store.parts(folder, name)) / 1e6, 1),
    }
    return seconds, about
