"""Formal bloc membership at a date, from data/bloc_members.csv: the one
loader of that file (the relation rules, the tables and the dashboard all ask here).

Pure functions on the tables: flag alliance pairs whose parties are co-members
of a bloc when the article was published, and, only when asked, spell a bloc
sender out into its member states."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from datetime import date
from pathlib import Path

import pandas as pd

from etl.knowledge import KnowledgeError, read_rows
from etl.paths import DATA_DIR


def bloc_members(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Membership spells: bloc, iso3, joined, left (NaT while still a member)."""
    path = data_dir / "bloc_members.csv"
    rows = []
    for line, row in read_rows(path, ("bloc", "iso3", "joined", "left")):
        try:
            joined = pd.Timestamp(date.fromisoformat(row["joined"]))
            left = pd.Timestamp(date.fromisoformat(row["left"])) if row["left"] else pd.NaT
        except ValueError as err:
            raise KnowledgeError(f"{path.name}:{line}: bad date ({err})") from err
        rows.append({"bloc": row["bloc"], "iso3": row["iso3"], "joined": joined, "left": left})
    return pd.DataFrame(rows, columns=["bloc", "iso3", "joined", "left"])


def article_dates(articles: pd.DataFrame) -> dict[str, pd.Timestamp]:
    """Each article's date; an unknown date means membership as of today."""
    today = pd.Timestamp(date.today())
    return {str(a): (p if pd.notna(p) else today) for a, p in zip(articles["article_id"], articles["published"])}


Spells = dict[str, list[tuple[str, pd.Timestamp, pd.Timestamp]]]


def spells_by_country(members: pd.DataFrame) -> Spells:
    """iso3 -> (bloc, joined, left) once, so that each pair costs a dict lookup
    rather than a scan of the whole membership table."""
    out: Spells = {}
    for bloc, iso3, joined, left in zip(members["bloc"], members["iso3"], members["joined"], members["left"]):
        out.setdefault(iso3, []).append((bloc, joined, left))
    return out


def blocs_of(code: str, when: pd.Timestamp, spells: Spells) -> set[str]:
    return {bloc for bloc, joined, left in spells.get(code, ()) if joined <= when and (pd.isna(left) or left > when)}


def shared_blocs(a: str, b: str, when: pd.Timestamp, spells: Spells, known_blocs: AbstractSet[str]) -> set[str]:
    """The blocs both parties belong to at `when`; a bloc and a country share
    the bloc while the country is its member (Finland and NATO since 2023-04-04)."""
    if a in known_blocs or b in known_blocs:
        bloc, country = (a, b) if a in known_blocs else (b, a)
        return {bloc} & blocs_of(country, when, spells)
    return blocs_of(a, when, spells) & blocs_of(b, when, spells)


def members_of(bloc: str, when: pd.Timestamp, members: pd.DataFrame) -> list[str]:
    spells = members[(members["bloc"] == bloc) & (members["joined"] <= when)]
    return sorted(set(spells[spells["left"].isna() | (spells["left"] > when)]["iso3"]))


def with_co_members(alliances: pd.DataFrame, articles: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Add `co_members` and `shared_blocs` ("EU;NATO"). A country–bloc pair counts
    as co-members when the country belongs to that bloc at the article's date."""
    dates = article_dates(articles)
    known_blocs = set(members["bloc"])
    spells = spells_by_country(members)
    today = pd.Timestamp(date.today())
    memo: dict[tuple[str, str, pd.Timestamp], set[str]] = {}  # an article's pairs repeat
    flags, shared = [], []
    for article_id, a, b in zip(alliances["article_id"], alliances["party_a"], alliances["party_b"]):
        key = (a, b, dates.get(str(article_id), today))
        common = memo.get(key)
        if common is None:
            common = memo[key] = shared_blocs(a, b, key[2], spells, known_blocs)
        flags.append(bool(common))
        shared.append(";".join(sorted(common)))
    out = alliances.copy()
    out["co_members"] = pd.Series(flags, index=out.index, dtype="bool")
    out["shared_blocs"] = pd.Series(shared, index=out.index, dtype="string")
    return out


def expand_bloc_senders(sanctions: pd.DataFrame, articles: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """A copy where each bloc sender with listed members becomes one row per
    member state at the article's date, `via_bloc` naming the bloc. Blocs with
    no member list (the West) and country senders stay as they are."""
    dates = article_dates(articles)
    known_blocs = set(members["bloc"])
    rows = []
    for row in sanctions.to_dict("records"):
        sender = row["sender"]
        if isinstance(sender, str) and sender in known_blocs:
            when = dates.get(str(row["article_id"]), pd.Timestamp(date.today()))
            rows += [{**row, "sender": m, "via_bloc": sender}
                     for m in members_of(sender, when, members) if m != row["target"]]
        else:
            rows.append({**row, "via_bloc": None})
    out = pd.DataFrame(rows, columns=[*sanctions.columns, "via_bloc"])
    return out.astype({**sanctions.dtypes.to_dict(), "via_bloc": "string"})
