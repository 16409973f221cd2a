"""The filter expression (ui.view.apply) as a pure function on hand-made tables."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ui.filters import Filters, to_filters
from ui.view import apply


def ids(df: pd.DataFrame) -> list[str]:
    return sorted(set(df["article_id"]))


def test_no_filter_keeps_everything(mini: dict[str, pd.DataFrame]) -> None:
    v = apply(mini, Filters())
    assert ids(v["articles"]) == ["a1", "a2", "a3"]
    assert len(v["mentions"]) == 7 and len(v["alliances"]) == 3 and len(v["sanctions"]) == 3
    assert "GEO" not in set(v["mentions"]["code"])  # ambiguous matches stay out by default


def test_date_range_includes_its_last_day(mini: dict[str, pd.DataFrame]) -> None:
    v = apply(mini, Filters(start=dt.date(2024, 1, 1), end=dt.date(2024, 6, 5)))
    assert ids(v["articles"]) == ["a1", "a2"]
    assert ids(v["sanctions"]) == ["a1", "a2"] and ids(v["mentions"]) == ["a1", "a2"]


def test_sources(mini: dict[str, pd.DataFrame]) -> None:
    v = apply(mini, Filters(sources=("Post",)))
    assert ids(v["articles"]) == ["a2"]
    assert v["alliances"].empty and list(v["sanctions"]["target"]) == ["RUS"]


def test_country_keeps_articles_naming_it_and_relations_it_is_party_to(mini: dict[str, pd.DataFrame]) -> None:
    v = apply(mini, Filters(countries=("IRN",)))
    assert ids(v["articles"]) == ["a1"]
    assert set(v["countries"]["iso3"]) == {"IRN", "RUS"}  # co-mentioned countries stay visible
    assert len(v["alliances"]) == 2 and list(v["sanctions"]["target"]) == ["IRN"]


def test_bloc_filter(mini: dict[str, pd.DataFrame]) -> None:
    v = apply(mini, Filters(blocs=("EU",)))
    assert ids(v["articles"]) == ["a1"] and list(v["sanctions"]["sender"]) == ["EU"]
    assert v["alliances"].empty


def test_kinds_and_actions_only_touch_their_table(mini: dict[str, pd.DataFrame]) -> None:
    v = apply(mini, Filters(kinds=("treaty",), actions=("imposed", "existing")))
    assert list(v["alliances"]["kind"]) == ["treaty"]
    assert sorted(v["sanctions"]["action"]) == ["existing", "imposed"]
    assert len(v["articles"]) == 3 and len(v["mentions"]) == 7


def test_minimum_confidence(mini: dict[str, pd.DataFrame]) -> None:
    v = apply(mini, Filters(min_confidence=0.96))
    assert set(v["mentions"]["code"]) == {"IRN", "USA", "XKX", "SRB"}
    assert v["alliances"].empty and v["sanctions"].empty


def test_include_ambiguous_unions_the_ambiguous_table(mini: dict[str, pd.DataFrame]) -> None:
    v = apply(mini, Filters(include_ambiguous=True))
    assert "GEO" in set(v["mentions"]["code"]) and "GEO" in set(v["countries"]["iso3"])
    assert len(v["mentions"]) == 8


def test_filters_that_match_nothing_give_empty_tables(mini: dict[str, pd.DataFrame]) -> None:
    v = apply(mini, Filters(sources=("Post",), countries=("SRB",)))
    assert all(df.empty for df in v.values())


def test_full_date_span_means_no_date_filter() -> None:
    span = (dt.date(2024, 1, 10), dt.date(2025, 2, 1))
    assert to_filters(span, span, [], [], [], [], [], 0.0, False).start is None
    narrowed = to_filters((span[0], dt.date(2024, 3, 1)), span, [], [], [], [], [], 0.0, False)
    assert (narrowed.start, narrowed.end) == (span[0], dt.date(2024, 3, 1))
    half_picked = to_filters((dt.date(2024, 2, 1),), span, [], [], [], [], [], 0.0, False)
    assert (half_picked.start, half_picked.end) == (dt.date(2024, 2, 1), None)
