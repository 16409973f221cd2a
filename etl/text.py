"""Sentence splitting with character offsets, tuned for news English."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

# A sentence ends at . ! ? (plus closing quotes or brackets) followed by space
# and an upper-case letter, digit or opening quote, or at a line break.
BOUNDARY = re.compile(r"""[.!?]["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])|\n+""")
# Abbreviations after which a full stop does not end the sentence.
ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Dr Prof Gen Lt Col Sgt Capt Adm Gov Sen Rep St Jr Sr Inc Ltd Co Corp No vs "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec U.S U.K U.N E.U U.A.E D.C a.m p.m".split()
)
LAST_TOKEN = re.compile(r"([A-Za-z.]+)\.$")


def ends_with_abbreviation(chunk: str) -> bool:
    # Only the tail matters; searching the whole chunk made splitting quadratic.
    match = LAST_TOKEN.search(chunk[-16:])
    if not match:
        return False
    token = match.group(1)
    return token in ABBREVIATIONS or token.rstrip(".") in ABBREVIATIONS or len(token) == 1


@lru_cache(maxsize=8)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence, whitespace trimmed, covering the text in order.

    Cached for the last few texts: the mention finder and the relation rules
    both split the same article."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in BOUNDARY.finditer(text):
        gap = match.group(0)
        # A paragraph break always ends a sentence, even after "U.S.".
        if gap[0] == "." and "\n" not in gap and ends_with_abbreviation(text[start : match.start() + 1]):
            continue
        cut = match.start() + len(gap.rstrip())
        spans.append((start, cut if gap.strip() else match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return tuple(trim(text, s, e) for s, e in spans if text[s:e].strip())


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_index(starts: list[int], offset: int) -> int:
    """Index of the sentence that contains offset, given sorted sentence starts."""
    return max(bisect_right(starts, offset) - 1, 0)
