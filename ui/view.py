"""The one filter expression: unfiltered tables + Filters -> the tables a page shows.

Pure pandas, no Streamlit, so tests can check every rule directly."""

from __future__ import annotations

import pandas as pd

from etl.tables import COUNTRY_COLUMNS
from ui import reference
from ui.filters import Filters


def in_dates(published: pd.Series, f: Filters) -> pd.Series:
    """Inside the picked range; with no range every article counts, undated ones too."""
    keep = pd.Series(True, index=published.index)
    if f.start is not None:
        keep &= published >= pd.Timestamp(f.start)
    if f.end is not None:
        keep &= published < pd.Timestamp(f.end) + pd.Timedelta(days=1)
    return keep.fillna(False).astype(bool)


def countries_from(mentions: pd.DataFrame) -> pd.DataFrame:
    """The countries table rebuilt from the mentions left after filtering, so that
    minimum confidence and ambiguous matches count the same way everywhere."""
    m = mentions[mentions["kind"] == "country"]
    grouped = (m.groupby(["article_id", "code"], as_index=False)
               .agg(mentions=("code", "size"), confidence=("confidence", "max"))
               .rename(columns={"code": "iso3"}))
    grouped["name"] = grouped["iso3"].map(reference.name_of)
    grouped["numeric"] = grouped["iso3"].map(reference.numerics()).astype("string")
    return grouped[list(COUNTRY_COLUMNS)].astype(COUNTRY_COLUMNS).sort_values(["article_id", "iso3"],
                                                                              ignore_index=True)


def involves(df: pd.DataFrame, cols: tuple[str, str], codes: tuple[str, ...]) -> pd.Series:
    return df[cols[0]].isin(codes).fillna(False) | df[cols[1]].isin(codes).fillna(False)


def apply(tables: dict[str, pd.DataFrame], f: Filters) -> dict[str, pd.DataFrame]:
    """Filtered copies of articles, mentions, countries, alliances and sanctions.

    Date and source pick articles; everything else is restricted to them.
    Countries/blocs keep the articles that name one of them (with all their
    mentions, so co-mentioned countries stay visible) and the alliance and
    sanction rows in which one of them is a party."""
    arts = tables["articles"]
    arts = arts[in_dates(arts["published"], f)]
    if f.sources:
        arts = arts[arts["source"].isin(f.sources)]
    mentions = tables["mentions"]
    if f.include_ambiguous:
        mentions = pd.concat([mentions, tables["ambiguous"]], ignore_index=True)
    mentions = mentions[(mentions["confidence"] >= f.min_confidence) & mentions["article_id"].isin(arts["article_id"])]

    allies = tables["alliances"]
    allies = allies[(allies["confidence"] >= f.min_confidence) & allies["article_id"].isin(arts["article_id"])]
    if f.kinds:
        allies = allies[allies["kind"].isin(f.kinds)]
    sanctions = tables["sanctions"]
    sanctions = sanctions[(sanctions["confidence"] >= f.min_confidence)
                          & sanctions["article_id"].isin(arts["article_id"])]
    if f.actions:
        sanctions = sanctions[sanctions["action"].isin(f.actions)]

    if f.focus:
        allies = allies[involves(allies, ("party_a", "party_b"), f.focus)]
        sanctions = sanctions[involves(sanctions, ("target", "sender"), f.focus)]
        named = set(mentions.loc[mentions["code"].isin(f.focus), "article_id"])
        named |= set(allies["article_id"]) | set(sanctions["article_id"])
        arts = arts[arts["article_id"].isin(named)]
        mentions = mentions[mentions["article_id"].isin(named)]

    return {
        "articles": arts.reset_index(drop=True),
        "mentions": mentions.sort_values(["article_id", "field", "start"], ignore_index=True),
        "countries": countries_from(mentions),
        "alliances": allies.reset_index(drop=True),
        "sanctions": sanctions.reset_index(drop=True),
    }
