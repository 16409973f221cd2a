"""The traps and forms of issue 2 and the guidelines, as data in tests/cases/."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from etl.mentions import article_mentions

CASES = Path(__file__).parent.parent / "cases"


def load_cases(name: str) -> list[dict[str, str]]:
    with (CASES / name).open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if not row["text"].startswith("#")]


def accepted_codes(text: str) -> set[str]:
    return {m["code"] for m in article_mentions("case", "", text) if not m["ambiguous"]}


@pytest.mark.parametrize("case", load_cases("mentions.csv") + load_cases("blocs.csv"), ids=lambda c: c["text"][:50])
def test_case(case: dict[str, str]) -> None:
    found = accepted_codes(case["text"])
    expected, forbidden = set(case["expect"].split()), set(case["forbid"].split())
    assert expected <= found, f"missing {expected - found} ({case['source']})"
    assert not (forbidden & found), f"unexpected {forbidden & found} ({case['source']})"
