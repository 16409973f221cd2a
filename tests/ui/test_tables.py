"""The tables as the dashboard holds them (ui.tables: pruned columns, text as
categoricals; ui.texts: article bodies apart) show users exactly what the full
string tables showed, from either storage layout."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import fsspec
import pandas as pd
import pandas.testing as pdt
import pytest

from etl import store
from etl.build import TABLE_NAMES
from etl.tables import countries_table
from tests.ui.helpers import INJECTION, mini_raw
from ui import downloads, evidence, loaders, tables, texts
from ui.filters import Filters
from ui.view import apply, in_dates

FILTERS = [Filters(), Filters(start=dt.date(2024, 1, 1), end=dt.date(2024, 6, 5)), Filters(sources=("Post",)),
           Filters(countries=("RUS",)), Filters(countries=("IRN", "USA"), include_ambiguous=True),
           Filters(blocs=("EU",)), Filters(kinds=("treaty",), actions=("imposed", "existing")),
           Filters(min_confidence=0.7, include_ambiguous=True)]


def full_path(raw: dict[str, pd.DataFrame], f: Filters) -> dict[str, pd.DataFrame]:
    """The filter as it was written on the full string tables (isin on article ids)."""
    arts = raw["articles"][in_dates(raw["articles"]["published"], f)]
    arts = arts[arts["source"].isin(f.sources)] if f.sources else arts
    m = pd.concat([raw["mentions"], raw["ambiguous"]]) if f.include_ambiguous else raw["mentions"]
    m = m[(m["confidence"] >= f.min_confidence) & m["article_id"].isin(arts["article_id"])]
    a, s = raw["alliances"], raw["sanctions"]
    a = a[(a["confidence"] >= f.min_confidence) & a["article_id"].isin(arts["article_id"])]
    s = s[(s["confidence"] >= f.min_confidence) & s["article_id"].isin(arts["article_id"])]
    a = a[a["kind"].isin(f.kinds)] if f.kinds else a
    s = s[s["action"].isin(f.actions)] if f.actions else s
    if f.focus:
        a = a[a["party_a"].isin(f.focus) | a["party_b"].isin(f.focus)]
        s = s[s["target"].isin(f.focus) | s["sender"].isin(f.focus).fillna(False)]
        named = set(m.loc[m["code"].isin(f.focus), "article_id"]) | set(a["article_id"]) | set(s["article_id"])
        arts, m = arts[arts["article_id"].isin(named)], m[m["article_id"].isin(named)]
    m = m.sort_values(["article_id", "field", "start"], kind="stable")
    return {"articles": arts.drop(columns=["text", "input_file"]), "mentions": m, "countries": countries_table(m.to_dict("records")),
            "alliances": a, "sanctions": s}


def same(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(tables.plain(got).reset_index(drop=True), expected.reset_index(drop=True),
                                  check_dtype=False)


@pytest.mark.parametrize("f", FILTERS)
def test_filtered_rows_equal_the_full_column_path(f: Filters) -> None:
    raw = mini_raw()
    view = apply(tables.lean(dict(raw)), f)
    for name, expected in full_path(raw, f).items():
        same(view[name], expected)


@pytest.mark.parametrize("f", [Filters(), Filters(countries=("RUS",)), Filters(min_confidence=0.8)])
def test_filtered_rows_equal_the_full_column_path_on_the_sample(tables_dir: Path, f: Filters) -> None:
    raw = {name: store.read_table(tables_dir, name) for name in TABLE_NAMES}
    view = apply(tables.read_all(tables_dir), f)
    for name, expected in full_path(raw, f).items():
        same(view[name], expected)


def write_parts(raw: dict[str, pd.DataFrame], folder: Path) -> None:
    """Each table as a folder: its first row in a month partition, the rest in a part."""
    for name, df in raw.items():
        for sub, rows in (("month=2024-01/", df.iloc[:1]), ("", df.iloc[1:])):
            (folder / f"{name}.parquet" / sub).mkdir(parents=True, exist_ok=True)
            rows.to_parquet(folder / f"{name}.parquet" / sub / "part-00000.parquet", index=False)


def test_both_storage_layouts_load_the_same_tables(tmp_path: Path) -> None:
    raw = mini_raw()
    for name, df in raw.items():
        df.to_parquet(tmp_path / f"{name}.parquet", index=False)
    write_parts(raw, tmp_path / "parts")
    legacy, parts = tables.read_all(tmp_path), tables.read_all(tmp_path / "parts")
    assert list(legacy) == list(parts) == [*tables.LOADED, "countries"]
    for name in legacy:
        pd.testing.assert_frame_equal(legacy[name], parts[name])
    assert loaders.version(tmp_path)[0] == len(TABLE_NAMES)
    assert loaders.version(tmp_path / "parts")[0] == 2 * len(TABLE_NAMES)


def test_article_text_is_read_apart_and_found(mini_dir: Path) -> None:
    read = getattr(texts.read_texts, "__wrapped__")
    body = read(str(mini_dir), loaders.version(mini_dir))
    raw = mini_raw()["articles"]
    assert body.to_dict() == dict(zip(raw["article_id"], raw["text"], strict=True))
    arts = tables.read_all(mini_dir)["articles"]
    assert "text" not in arts.columns
    assert texts.search(arts, body, "BRUSSELS")["article_id"].tolist() == ["a3"]  # text only, any case
    assert texts.search(arts, body, "sanctions")["article_id"].tolist() == ["a2"]  # title and text
    assert texts.text_of(body, "a1") == raw["text"][0] and texts.text_of(body, "nope") is None


def test_evidence_for_shown_rows_matches_the_tables(tables_dir: Path) -> None:
    raw = {name: store.read_table(tables_dir, name) for name in TABLE_NAMES}
    view = apply(tables.read_all(tables_dir), Filters())
    code = str(raw["mentions"]["code"].mode()[0])
    own = view["mentions"][view["mentions"]["code"] == code]
    shown = tables.plain(evidence.mention_evidence(own, view["articles"]))
    keys = ["article_id", "code", "surface", "sentence_text"]
    expected = raw["mentions"].loc[raw["mentions"]["code"] == code, keys]
    assert sorted(map(tuple, shown[keys].to_numpy())) == sorted(map(tuple, expected.to_numpy()))
    allies = tables.plain(evidence.with_names(view["alliances"], ["party_a", "party_b"]))
    assert allies["evidence"].tolist() == raw["alliances"]["evidence"].tolist()
    assert str(allies["evidence"].dtype) == "string" and str(allies["article_id"].dtype) == "string"
    csv = downloads.csv_bytes(allies).decode("utf-8")
    if INJECTION in set(raw["alliances"]["evidence"]):
        assert "'" + INJECTION.replace('"', '""') in csv and "\n" + INJECTION not in csv


def test_combined_texts_follow_the_renamed_ids(mini_dir: Path) -> None:
    stamp = loaders.version(mini_dir)
    both = getattr(texts.read_both, "__wrapped__")(str(mini_dir), stamp, str(mini_dir), stamp)
    combined = loaders.combine(tables.read_all(mini_dir), tables.read_all(mini_dir))
    assert list(both.index) == [str(a) for a in combined["articles"]["article_id"]]
    assert both["upload:a3"] == both["a3"]


def test_tables_and_texts_read_from_a_bucket_url_as_from_the_folder(mini_dir: Path) -> None:
    """DASHBOARD_TABLES=s3://bucket/tables: an in-memory fsspec filesystem stands in for the bucket."""
    fs = fsspec.filesystem("memory")
    fs.put(str(mini_dir), "/dash-bucket/tables", recursive=True)
    url = "memory://dash-bucket/tables"
    try:
        assert loaders.resolve_tables_dir(["--tables", url], {}) == url
        local, remote = tables.read_all(mini_dir), tables.read_all(url)
        for name in local:
            pdt.assert_frame_equal(local[name], remote[name], obj=name)
        read = getattr(texts.read_texts, "__wrapped__")
        pdt.assert_series_equal(read(str(mini_dir), loaders.version(mini_dir)), read(url, loaders.version(url)))
    finally:
        fs.rm("/dash-bucket", recursive=True)
