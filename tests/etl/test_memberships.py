"""Co-membership at the article's date and the optional bloc-sender expansion."""

from __future__ import annotations

import pandas as pd

from etl.memberships import bloc_members, expand_bloc_senders, with_co_members
from etl.tables import ALLIANCE_COLUMNS, SANCTION_COLUMNS, frame


def articles(published: dict[str, str | None]) -> pd.DataFrame:
    return pd.DataFrame({"article_id": list(published), "published": pd.to_datetime(list(published.values()))})


def alliance(article_id: str, a: str, b: str) -> dict[str, object]:
    return {"article_id": article_id, "field": "text", "sentence": 0, "party_a": a, "party_b": b, "kind": "partnership",
            "evidence": "", "cue": "ties", "rule": "with", "confidence": 0.8}


def test_finland_and_sweden_share_nato_only_after_both_joined() -> None:
    table = frame([alliance("late", "FIN", "SWE"), alliance("early", "FIN", "SWE")], ALLIANCE_COLUMNS)
    out = with_co_members(table, articles({"late": "2024-06-01", "early": "2022-06-01"}), bloc_members())
    shared = dict(zip(out["article_id"], out["shared_blocs"]))
    assert "NATO" in shared["late"].split(";") and "NATO" not in shared["early"].split(";")
    assert out["co_members"].all()  # both were EU members in either year
    assert list(table.columns) == list(ALLIANCE_COLUMNS)  # the input is left untouched


def test_no_date_means_membership_today_and_a_bloc_pair_checks_the_country() -> None:
    table = frame([alliance("x", "FIN", "NATO"), alliance("x", "CUB", "USA")], ALLIANCE_COLUMNS)
    out = with_co_members(table, articles({"x": None}), bloc_members())
    assert list(out["co_members"]) == [True, False]
    assert list(out["shared_blocs"]) == ["NATO", ""]


def sanction(sender: str | None) -> dict[str, object]:
    return {"article_id": "a", "field": "text", "sentence": 0, "target": "RUS", "sender": sender, "action": "imposed",
            "evidence": "", "cue": "sanctions", "rule": "object", "confidence": 0.8}


def test_expand_bloc_senders_lists_members_at_the_date() -> None:
    table = frame([sanction("EU"), sanction("USA"), sanction(None), sanction("WEST")], SANCTION_COLUMNS)
    out = expand_bloc_senders(table, articles({"a": "2022-12-16"}), bloc_members())
    eu = out[out["via_bloc"] == "EU"]
    assert {"DEU", "FRA", "HRV"} <= set(eu["sender"]) and "GBR" not in set(eu["sender"])
    rest = out[out["via_bloc"].isna()]
    assert list(rest["sender"].fillna("-")) == ["USA", "-", "WEST"]
    assert len(table) == 4 and "via_bloc" not in table.columns
