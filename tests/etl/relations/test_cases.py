"""The alliance and sanction cases of issue 3 and the dev notes, as data in tests/cases/."""

from __future__ import annotations

import pytest

from tests.helpers import load_cases, relations


@pytest.mark.parametrize("case", load_cases("alliances.csv"), ids=lambda c: c["text"][:50])
def test_alliance_case(case: dict[str, str]) -> None:
    rows, _ = relations(case["text"])
    found = {f"{r['party_a']}-{r['party_b']}:{r['kind']}" for r in rows}
    pairs = {f"{r['party_a']}-{r['party_b']}" for r in rows}
    expected = set(case["expect"].split())
    assert expected <= found, f"missing {expected - found}, found {found} ({case['source']})"
    for forbidden in case["forbid"].split():
        assert forbidden not in (found if ":" in forbidden else pairs), f"unexpected {forbidden} ({case['source']})"


def sanction_keys(row: dict[str, object]) -> set[str]:
    sender = row["sender"] or "-"
    return {f"{row['target']}<{sender}:{row['action']}", f"{row['target']}<{sender}",
            f"{row['target']}:{row['action']}", str(row["target"])}


@pytest.mark.parametrize("case", load_cases("sanctions.csv"), ids=lambda c: c["text"][:50])
def test_sanction_case(case: dict[str, str]) -> None:
    _, rows = relations(case["text"])
    found = set().union(*(sanction_keys(r) for r in rows)) if rows else set()
    expected = set(case["expect"].split())
    assert expected <= found, f"missing {expected - found}, found {sorted(found)} ({case['source']})"
    unexpected = set(case["forbid"].split()) & found
    assert not unexpected, f"unexpected {unexpected} ({case['source']})"
