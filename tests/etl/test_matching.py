"""Finding candidates and resolving overlaps (longest first, then earliest)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.knowledge import Entry
from etl.matching import Candidate, find_candidates, on_boundaries, resolve_overlaps, settled_candidates

RUS = Entry("Russia", "RUS", "country", "name", "strong")
DENY = Entry("x", "", "deny", "", "strong")


def test_longest_candidate_wins_an_overlap() -> None:
    short, long = Candidate(6, 11, (RUS,)), Candidate(0, 16, (RUS,))
    assert resolve_overlaps([short, long]) == [long]


def test_earliest_wins_between_equal_lengths() -> None:
    first, second = Candidate(0, 5, (RUS,)), Candidate(3, 8, (RUS,))
    assert resolve_overlaps([second, first]) == [first]


def test_a_winning_deny_phrase_silences_what_it_covers() -> None:
    assert resolve_overlaps([Candidate(0, 15, (DENY,)), Candidate(6, 11, (RUS,))]) == []


def test_disjoint_candidates_all_survive_in_text_order() -> None:
    a, b = Candidate(10, 14, (RUS,)), Candidate(0, 4, (RUS,))
    assert resolve_overlaps([a, b]) == [b, a]


def test_matches_must_sit_on_word_boundaries() -> None:
    assert not on_boundaries("Perugia", 0, 4)
    assert on_boundaries("Peru's", 0, 4)
    assert on_boundaries("Iran-backed", 0, 4)
    assert not on_boundaries("U.S.A.", 0, 4)


def test_find_candidates_reports_offsets() -> None:
    text = "Talks in Moscow and Tehran."
    spans = {(c.start, c.end) for c in find_candidates(text)}
    assert (9, 15) in spans and (20, 26) in spans


ALIASES = ["Saudi", "Saudi Arabia", "UN", "UN Security Council", "Security Council", "New Guinea",
           "Papua New Guinea", "Guinea", "South Sudan", "Sudan", "Georgia", "Georgia Tech", "U.S.", "US$",
           "EU", "EU's", "Korea", "North Korea", "Niger", "Nigeria", "Peru", "Perugia"]


@given(st.lists(st.tuples(st.sampled_from(ALIASES + ["x", "the", "and"]), st.sampled_from([" ", "", ", ", "-", ".", "A"])),
                max_size=12))
@settings(max_examples=300, deadline=None)
def test_the_one_pass_matcher_settles_as_the_policy_does(pieces: list[tuple[str, str]]) -> None:
    """settled_candidates (the build's fast path) must equal the written policy on any text,
    however its matches touch, nest or chain."""
    text = "".join(word + gap for word, gap in pieces)
    assert settled_candidates(text) == resolve_overlaps(find_candidates(text))
