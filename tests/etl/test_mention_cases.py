"""The traps and forms of issue 2 and the guidelines, as data in tests/cases/."""

from __future__ import annotations

import pytest

from etl.mentions import article_mentions
from tests.helpers import load_cases


def accepted_codes(text: str) -> set[str]:
    return {m["code"] for m in article_mentions("case", "", text) if not m["ambiguous"]}


@pytest.mark.parametrize("case", load_cases("mentions.csv") + load_cases("blocs.csv"), ids=lambda c: c["text"][:50])
def test_case(case: dict[str, str]) -> None:
    found = accepted_codes(case["text"])
    expected, forbidden = set(case["expect"].split()), set(case["forbid"].split())
    assert expected <= found, f"missing {expected - found} ({case['source']})"
    assert not (forbidden & found), f"unexpected {forbidden & found} ({case['source']})"
