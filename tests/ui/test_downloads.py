"""CSV neutralisation, Parquet, the data dictionary, and rows made again on click."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pandas as pd
import pytest

from ui import evidence, texts
from ui.downloads import COLUMNS, Again, csv_bytes, dictionary, neutralise, parquet_bytes
from ui.filters import Filters
from ui.view import apply


def test_formula_cells_get_a_leading_quote() -> None:
    df = pd.DataFrame({"text": ["=1+1", "+SUM(A1)", "-2", "@cmd", "plain", None, "a=b"],
                       "n": [-1, 2, 3, 4, 5, 6, 7]})
    out = neutralise(df)
    assert list(out["text"][:5]) == ["'=1+1", "'+SUM(A1)", "'-2", "'@cmd", "plain"]
    assert pd.isna(out["text"][5]) and out["text"][6] == "a=b"
    assert list(out["n"]) == list(df["n"])  # numbers are not text: untouched
    assert df["text"][0] == "=1+1"  # the shown frame is not modified


def test_string_dtype_columns_are_neutralised_too() -> None:
    df = pd.DataFrame({"evidence": pd.Series(["=HYPERLINK(1)", "ok"], dtype="string")})
    assert neutralise(df)["evidence"].tolist() == ["'=HYPERLINK(1)", "ok"]


def test_csv_holds_exactly_the_rows() -> None:
    df = pd.DataFrame({"a": ["x", "=y"], "b": [1.5, -2.0]})
    back = pd.read_csv(io.BytesIO(csv_bytes(df)))
    assert len(back) == 2 and back["a"].tolist() == ["x", "'=y"] and back["b"].tolist() == [1.5, -2.0]


def test_parquet_round_trips() -> None:
    df = pd.DataFrame({"a": pd.Series(["x", None], dtype="string"), "b": [1, 2]})
    pd.testing.assert_frame_equal(pd.read_parquet(io.BytesIO(parquet_bytes(df))), df)


def test_dictionary_explains_every_column_of_the_tables(tables: dict[str, pd.DataFrame]) -> None:
    for df in tables.values():
        d = dictionary(df)
        assert list(d["column"]) == list(df.columns)
        assert all(d["meaning"].str.len() > 0), [c for c in df.columns if c not in COLUMNS]


@pytest.mark.parametrize(("make", "args"), [
    (evidence.mention_evidence_of, ("RUS",)), (evidence.alliance_evidence_of, ("RUS",)),
    (evidence.sanction_evidence_of, ("RUS",)), (evidence.alliance_evidence_of, ()),
    (evidence.sanction_evidence_of, ()), (texts.listing, ("", None)),
], ids=["mentions-of", "alliances-of", "sanctions-of", "alliances", "sanctions", "articles"])
def test_a_download_makes_again_exactly_the_rows_shown(mini: dict[str, pd.DataFrame], make: Any, args: tuple) -> None:
    """Big tables' downloads keep how to make their rows (the shared tables, the
    filters), not the rows: made again on click, they are the rows shown."""
    chosen = Filters(countries=("RUS",), end=dt.date(2025, 12, 31))
    shown = make(apply(mini, chosen), *args)
    assert len(shown) > 0
    again = Again(mini, chosen, make, args)
    pd.testing.assert_frame_equal(again.rows(), shown)
    assert again.tables is mini and not any(isinstance(a, pd.DataFrame) for a in again.args)


@pytest.mark.parametrize(("make", "args"), [
    (evidence.mention_evidence_of, ("RUS",)), (evidence.alliance_evidence_of, ("RUS",)),
    (evidence.sanction_evidence_of, ("RUS",)), (evidence.alliance_evidence_of, ()),
    (evidence.sanction_evidence_of, ()), (texts.listing, ("", None)),
], ids=["mentions-of", "alliances-of", "sanctions-of", "alliances", "sanctions", "articles"])
def test_the_dictionary_explains_every_column_a_page_offers(mini: dict[str, pd.DataFrame], make: Any,
                                                            args: tuple) -> None:
    shown = make(apply(mini, Filters()), *args)
    d = dictionary(shown)
    assert d["meaning"].str.len().gt(0).all(), d.loc[d["meaning"] == "", "column"].tolist()


def test_relation_evidence_carries_its_article_and_leads_with_what_is_read(mini: dict[str, pd.DataFrame]) -> None:
    view = apply(mini, Filters())
    sanctions = evidence.sanction_evidence_of(view).set_index("article_id", drop=False)
    assert list(sanctions.columns[:6]) == ["target_name", "sender_name", "action", "published", "title", "evidence"]
    assert sanctions.loc["a2", ["target_name", "sender_name", "published", "title"]].tolist() == [
        "Russia", "United States", pd.Timestamp("2024-06-05"), "US sanctions Russia"]
    allies = evidence.alliance_evidence_of(view)
    assert list(allies.columns[:5]) == ["pair", "kind", "published", "title", "evidence"]
    assert allies[["pair", "kind", "title"]].values.tolist() == [
        ["Iran – Russia", "treaty", "Iran and Russia sign treaty"],
        ["Russia – Iran", "economic", "Iran and Russia sign treaty"], ["Serbia – Kosovo", "partnership", "Kosovo talks"]]
    csv = pd.read_csv(io.BytesIO(csv_bytes(tables_plain(allies))))
    assert {"published", "title"} <= set(csv.columns)


def tables_plain(df: pd.DataFrame) -> pd.DataFrame:
    from ui.tables import plain

    return plain(df)
