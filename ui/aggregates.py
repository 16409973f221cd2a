"""Pre-aggregated frames for the charts: filtered tables in, small frames out.

The tables hold text as categoricals (ui.tables): large frames are grouped on
them first, and only the small results become plain strings, as users see them."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from etl.memberships import shared_blocs
from ui import periods, reference
from ui.tables import plain
from ui.theme import UNNAMED_SENDER
from ui.filters import Filters
from ui.view import article_set, of_articles


def tally(values: pd.Series, name: str) -> pd.Series:
    """How often each value occurs, by its plain string (a categorical also lists unused categories)."""
    out = values.value_counts()
    out = out[out > 0]
    out.index = out.index.astype("string")
    return out.rename(name)


def once_per_article(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row per article and value of `keys`: a headline and a sentence of the
    text that report the same relation are one report, counted once (the
    evidence tables keep every sentence)."""
    return rows.drop_duplicates(["article_id", *keys])


def sanction_reports(sanctions: pd.DataFrame) -> pd.DataFrame:
    """Sanctions as events: one per article, target, sender and action."""
    return once_per_article(sanctions, ["target", "sender", "action"])


def alliance_reports(alliances: pd.DataFrame) -> pd.DataFrame:
    """Alliances as events: one per article, unordered pair and kind."""
    return once_per_article(unordered(alliances), ["party_a", "party_b", "kind"])


def country_measures(view: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per country: articles naming it, its mentions, and the articles
    reporting it as a sanction target and in an alliance (each article once)."""
    c = view["countries"]
    # A countries table has one row per (article, country), so counting rows counts articles.
    codes = c["iso3"].cat.codes.to_numpy()
    known = codes >= 0
    size = len(c["iso3"].cat.categories)
    per = pd.DataFrame({"articles": np.bincount(codes[known], minlength=size),
                        "mentions": np.bincount(codes[known], weights=c["mentions"].to_numpy()[known],
                                                minlength=size).astype("int64")},
                       index=c["iso3"].cat.categories.astype("string"))
    per = per[per["articles"] > 0]
    sanctioned = tally(once_per_article(view["sanctions"], ["target"])["target"], "sanctioned")
    allies = view["alliances"]
    parties = pd.DataFrame({"article_id": pd.concat([allies["article_id"], allies["article_id"]]),
                            "party": pd.concat([allies["party_a"], allies["party_b"]])})
    links = tally(once_per_article(parties, ["party"])["party"], "alliances")
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


def date_span(articles: pd.DataFrame, f: Filters) -> pd.Series:
    """The first and last day the shown articles could have: the tables' dates
    cut to the date filter. A time chart covers this span, and marks a period
    it covers only in part (the data ends on 27 Jan), whatever other filters leave."""
    published = articles["published"].dropna()
    if published.empty:
        return pd.Series([], dtype="datetime64[ns]")
    first, last = published.min().normalize(), published.max().normalize()
    if f.start is not None:
        first = max(first, pd.Timestamp(f.start))
    if f.end is not None:
        last = min(last, pd.Timestamp(f.end))
    return pd.Series([first, last])


def over_time(rows: pd.DataFrame, articles: pd.DataFrame, by: str | None = None,
              span: pd.Series | None = None) -> tuple[pd.DataFrame, str]:
    """Rows counted per period of their article's publication date (optionally
    split by a column), every period of `span` (date_span; by default the
    articles' own dates) labelled and the partial ones marked (ui.periods)."""
    dates = articles["published"].dropna() if span is None else span
    freq, label = period(dates)
    keys = ["period"] + ([by] if by else [])
    # The period of each article code (NaT: no such article, or undated), then of each row.
    starts = articles["published"].dt.to_period(freq).dt.start_time
    of_code = np.full(len(articles["article_id"].cat.categories) + 1, np.datetime64("NaT"), dtype=starts.dtype)
    of_code[articles["article_id"].cat.codes.to_numpy()] = starts.to_numpy()
    of_code[-1] = np.datetime64("NaT")
    codes = rows["article_id"].cat.codes.to_numpy()
    published = dates
    if by is None:  # counting rows per article first keeps the grouping as small as the articles
        per_code = pd.DataFrame({"period": of_code, "count": np.bincount(codes + 1, minlength=len(of_code) + 1)[1:]})
        dated = per_code[(per_code["count"] > 0) & per_code["period"].notna()]
        if dated.empty:
            return periods.calendar(pd.DataFrame(columns=keys + ["count"]), published, label), label
        return periods.calendar(dated.groupby("period", as_index=False)["count"].sum(), published, label), label
    # Each article once per value of `by` (an action reported twice in one article is one report).
    rows = once_per_article(rows, [by])
    codes = rows["article_id"].cat.codes.to_numpy()
    dated = pd.DataFrame({"period": of_code[codes], by: rows[by].array}).dropna(subset=["period"])
    if dated.empty:
        return periods.calendar(pd.DataFrame(columns=keys + ["count"]), published, label, by), label
    counts = plain(dated.groupby(keys, observed=True).size().rename("count").reset_index())
    return periods.calendar(counts, published, label, by), label


def unordered(alliances: pd.DataFrame) -> pd.DataFrame:
    """Alliance rows with party_a <= party_b, so A-B and B-A are one pair (the
    parties share sorted categories, so their codes compare like the codes)."""
    a, b = alliances["party_a"], alliances["party_b"]
    first, second = a.cat.codes.to_numpy(), b.cat.codes.to_numpy()
    swap = (first > second) & (second >= 0)
    return alliances.assign(party_a=a.where(~swap, b), party_b=b.where(~swap, a))


def with_pair(grouped: pd.DataFrame) -> pd.DataFrame:
    """Plain strings, and the pair's readable name after party_b."""
    out = plain(grouped)
    out.insert(2, "pair", out["party_a"].map(reference.short) + " – " + out["party_b"].map(reference.short))
    return out


def pairs(alliances: pd.DataFrame) -> pd.DataFrame:
    """Unordered pairs per kind with the number of articles behind them."""
    a = unordered(alliances)
    return with_pair(a.groupby(["party_a", "party_b", "kind"], as_index=False, observed=True).agg(
        articles=("article_id", "nunique")))


def pair_totals(alliances: pd.DataFrame) -> pd.DataFrame:
    """One row per unordered pair: distinct articles, kinds and the first evidence sentence."""
    a = unordered(alliances)
    keys = ["party_a", "party_b"]
    out = with_pair(a.groupby(keys, as_index=False, observed=True).agg(
        articles=("article_id", "nunique"), evidence=("evidence", "first")))
    # Kinds joined on the small (pair, kind) frame: a Python function per group of a large frame is slow.
    kinds = plain(a.groupby([*keys, "kind"], as_index=False, observed=True).size()).groupby(keys)["kind"].agg(
        lambda k: ", ".join(sorted(k))).rename("kinds")
    out.insert(4, "kinds", kinds.reindex(pd.MultiIndex.from_frame(out[keys])).fillna("").to_numpy())
    return out.astype({"kinds": "string"}).sort_values(["articles", "pair"], ascending=[False, True],
                                                       ignore_index=True)


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
    today's memberships, by the same rule as the ETL (etl.memberships.shared_blocs)."""
    if "co_members" in alliances.columns and alliances["co_members"].notna().any():
        known = plain(unordered(alliances).groupby(["party_a", "party_b"], as_index=False, observed=True)[
            "co_members"].any()).set_index(["party_a", "party_b"])["co_members"]
        keys = pd.MultiIndex.from_frame(pair_totals_df[["party_a", "party_b"]])
        return pd.Series(known.reindex(keys).to_numpy(), index=pair_totals_df.index, dtype="boolean")
    spells, blocs = reference.membership_spells()
    today = pd.Timestamp(date.today())
    shared = [bool(shared_blocs(x, y, today, spells, blocs))
              for x, y in zip(pair_totals_df["party_a"], pair_totals_df["party_b"], strict=True)]
    return pd.Series(shared, index=pair_totals_df.index, dtype="boolean")


def sender_target(sanctions: pd.DataFrame) -> pd.DataFrame:
    """Articles (and sentences, `rows`) per (sender, target); a missing sender gets a readable label."""
    named = sanctions[sanctions["target"].notna()]
    out = plain(named.groupby(["sender", "target"], as_index=False, observed=True, dropna=False).agg(
        rows=("article_id", "size"), articles=("article_id", "nunique"))).astype({"rows": "Int64"})
    out["sender"] = out["sender"].fillna(UNNAMED_SENDER)
    out = out.sort_values(["sender", "target"], ignore_index=True)
    out["sender_name"] = out["sender"].map(lambda c: c if c == UNNAMED_SENDER else reference.short(c))
    out["target_name"] = out["target"].map(reference.short)
    return out


def partners(alliances: pd.DataFrame, code: str) -> pd.DataFrame:
    """The other party of each alliance of `code`, per kind, with its number of articles."""
    rows = alliances.loc[(alliances["party_a"] == code) | (alliances["party_b"] == code),
                         ["article_id", "party_a", "party_b", "kind"]]
    mine = plain(rows[["party_a", "party_b", "kind"]]).assign(article_id=rows["article_id"])  # ids are only counted
    other = mine["party_b"].where(mine["party_a"] == code, mine["party_a"])
    out = mine.assign(partner=other).groupby(["partner", "kind"], as_index=False).agg(
        articles=("article_id", "nunique"))
    out["partner_name"] = out["partner"].map(reference.short)
    return out


def sanctions_by(sanctions: pd.DataFrame, code: str, role: str) -> pd.DataFrame:
    """Sanctions where `code` is the target (role="target": who sanctions it) or the
    sender (role="sender": whom it sanctions): the articles reporting each other
    party and action."""
    other = "sender" if role == "target" else "target"
    rows = sanctions.loc[sanctions[role] == code, ["article_id", other, "action"]]
    mine = plain(rows[[other, "action"]]).assign(article_id=rows["article_id"])  # ids are only counted
    out = (mine.assign(other=mine[other].fillna(UNNAMED_SENDER))
           .groupby(["other", "action"], as_index=False).agg(articles=("article_id", "nunique"))
           .astype({"articles": "Int64"}))
    out["other_name"] = out["other"].map(lambda c: c if c == UNNAMED_SENDER else reference.short(c))
    return out


def named_with(countries: pd.DataFrame, mentions: pd.DataFrame, code: str) -> pd.DataFrame:
    """Countries named in the same articles as `code`, by number of shared articles."""
    together = article_set(mentions.loc[mentions["code"] == code, "article_id"])
    rows = of_articles(countries, together) & (countries["iso3"] != code).to_numpy()
    # One row per (article, country): counting rows counts the shared articles.
    codes = countries["iso3"].cat.codes.to_numpy()[rows]
    counts = np.bincount(codes[codes >= 0], minlength=len(countries["iso3"].cat.categories))
    iso3 = countries["iso3"].cat.categories[counts > 0].astype("string")
    out = pd.DataFrame({"iso3": iso3, "name": pd.array([reference.name_of(c) for c in iso3], dtype="string"),
                        "articles": counts[counts > 0].astype("int64")})
    return out.sort_values(["articles", "name"], ascending=[False, True], ignore_index=True)
