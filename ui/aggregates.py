"""Pre-aggregated frames for the charts: filtered tables in, small frames out."""

from __future__ import annotations

import pandas as pd

from ui import reference
from ui.theme import UNNAMED_SENDER


def country_measures(view: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per country: articles, mentions, times a sanction target, alliance links."""
    c = view["countries"]
    per = c.groupby("iso3").agg(articles=("article_id", "nunique"), mentions=("mentions", "sum"))
    sanctioned = view["sanctions"]["target"].value_counts().rename("sanctioned")
    allies = view["alliances"]
    links = pd.concat([allies["party_a"], allies["party_b"]]).value_counts().rename("alliances")
    out = per.join([sanctioned, links], how="outer").fillna(0).astype("int64")
    out = out[~out.index.isin(reference.bloc_codes())]
    out.index.name = "iso3"
    out = out.reset_index()
    out["name"] = out["iso3"].map(reference.name_of)
    out["numeric"] = out["iso3"].map(reference.numerics()).astype("string")
    return out[["iso3", "name", "numeric", "articles", "mentions", "sanctioned", "alliances"]]


def unshaped(measures: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Countries with a value but no shape on the 110m map (Kosovo, small states)."""
    has = measures[measures[measure] > 0]
    missing = ~has["numeric"].isin(reference.shaped_numerics()).fillna(False).astype(bool)
    return has[missing].sort_values(measure, ascending=False)[["name", measure]]


def period(published: pd.Series) -> tuple[str, str]:
    """Year, quarter or month buckets, whichever gives a readable number of bars."""
    days = (published.max() - published.min()).days if published.notna().any() else 0
    return ("Y", "Year") if days > 5 * 365 else ("Q", "Quarter") if days > 2 * 365 else ("M", "Month")


def over_time(rows: pd.DataFrame, articles: pd.DataFrame, by: str | None = None) -> tuple[pd.DataFrame, str]:
    """Rows counted per period of their article's publication date (optionally split by a column)."""
    freq, label = period(articles["published"].dropna())
    dated = rows.merge(articles[["article_id", "published"]], on="article_id").dropna(subset=["published"])
    keys = ["period"] + ([by] if by else [])
    if dated.empty:
        return pd.DataFrame(columns=keys + ["count"]), label
    dated["period"] = dated["published"].dt.to_period(freq).dt.start_time
    return dated.groupby(keys).size().rename("count").reset_index(), label


def unordered(alliances: pd.DataFrame) -> pd.DataFrame:
    """Alliance rows with party_a <= party_b, so A-B and B-A are one pair."""
    a = alliances.copy()
    swap = a["party_a"] > a["party_b"]
    a.loc[swap, ["party_a", "party_b"]] = a.loc[swap, ["party_b", "party_a"]].to_numpy()
    a["pair"] = a["party_a"].map(reference.short) + " – " + a["party_b"].map(reference.short)
    return a


def pairs(alliances: pd.DataFrame) -> pd.DataFrame:
    """Unordered pairs per kind with the number of articles behind them."""
    a = unordered(alliances)
    return a.groupby(["party_a", "party_b", "pair", "kind"], as_index=False).agg(articles=("article_id", "nunique"))


def pair_totals(alliances: pd.DataFrame) -> pd.DataFrame:
    """One row per unordered pair: distinct articles, kinds and the first evidence sentence."""
    a = unordered(alliances)
    out = a.groupby(["party_a", "party_b", "pair"], as_index=False).agg(
        articles=("article_id", "nunique"), kinds=("kind", lambda k: ", ".join(sorted(set(k)))),
        evidence=("evidence", "first"))
    return out.sort_values(["articles", "pair"], ascending=[False, True], ignore_index=True)


def pair_lines(totals: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Pairs with both capitals' coordinates, and the pairs that cannot be drawn (blocs)."""
    pts = reference.points()[["iso3", "lat", "lon"]]
    a = pts.rename(columns={"iso3": "party_a", "lat": "lat_a", "lon": "lon_a"})
    b = pts.rename(columns={"iso3": "party_b", "lat": "lat_b", "lon": "lon_b"})
    merged = totals.merge(a, on="party_a", how="left").merge(b, on="party_b", how="left")
    drawable = merged[["lat_a", "lat_b"]].notna().all(axis=1)
    return merged[drawable].reset_index(drop=True), merged[~drawable][["pair", "articles", "kinds"]]


def co_members(pair_totals_df: pd.DataFrame, alliances: pd.DataFrame) -> pd.Series:
    """Whether the two parties share a bloc: the ETL's column when present, else
    the current memberships in data/bloc_members.csv."""
    if "co_members" in alliances.columns and alliances["co_members"].notna().any():
        known = unordered(alliances).groupby(["party_a", "party_b"])["co_members"].any()
        keys = pd.MultiIndex.from_frame(pair_totals_df[["party_a", "party_b"]])
        return pd.Series(known.reindex(keys).to_numpy(), index=pair_totals_df.index, dtype="boolean")
    members = reference.bloc_members().groupby("iso3")["bloc"].apply(set).to_dict()
    shared = [bool(members.get(x, set()) & members.get(y, set()))
              for x, y in zip(pair_totals_df["party_a"], pair_totals_df["party_b"], strict=True)]
    return pd.Series(shared, index=pair_totals_df.index, dtype="boolean")


def sender_target(sanctions: pd.DataFrame) -> pd.DataFrame:
    """Sanction rows per (sender, target); a missing sender gets a readable label."""
    s = sanctions.assign(sender=sanctions["sender"].fillna(UNNAMED_SENDER))
    out = s.groupby(["sender", "target"], as_index=False).agg(rows=("article_id", "size"),
                                                              articles=("article_id", "nunique"))
    out["sender_name"] = out["sender"].map(lambda c: c if c == UNNAMED_SENDER else reference.short(c))
    out["target_name"] = out["target"].map(reference.short)
    return out


def partners(alliances: pd.DataFrame, code: str) -> pd.DataFrame:
    """The other party of each alliance of `code`, per kind, with its number of articles."""
    mine = alliances[(alliances["party_a"] == code) | (alliances["party_b"] == code)]
    other = mine["party_b"].where(mine["party_a"] == code, mine["party_a"])
    out = mine.assign(partner=other).groupby(["partner", "kind"], as_index=False).agg(
        articles=("article_id", "nunique"))
    out["partner_name"] = out["partner"].map(reference.short)
    return out


def sanctions_by(sanctions: pd.DataFrame, code: str, role: str) -> pd.DataFrame:
    """Sanction rows where `code` is the target (role="target": who sanctions it) or the
    sender (role="sender": whom it sanctions), counted per other party and action."""
    other = "sender" if role == "target" else "target"
    mine = sanctions[sanctions[role] == code]
    out = (mine.assign(other=mine[other].fillna(UNNAMED_SENDER))
           .groupby(["other", "action"], as_index=False).agg(rows=("article_id", "size")))
    out["other_name"] = out["other"].map(lambda c: c if c == UNNAMED_SENDER else reference.short(c))
    return out


def named_with(countries: pd.DataFrame, mentions: pd.DataFrame, code: str) -> pd.DataFrame:
    """Countries named in the same articles as `code`, by number of shared articles."""
    together = set(mentions.loc[mentions["code"] == code, "article_id"])
    c = countries[countries["article_id"].isin(together) & (countries["iso3"] != code)]
    out = c.groupby(["iso3", "name"], as_index=False).agg(articles=("article_id", "nunique"))
    return out.sort_values(["articles", "name"], ascending=[False, True], ignore_index=True)
