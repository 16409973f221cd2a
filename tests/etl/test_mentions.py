"""Mention rows: offsets, sentences, confidence and the ambiguous flag."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.mentions import article_mentions

WORDS = st.sampled_from(["Russia", "Iran's", "U.S.", "US$", "Georgia", "Jordan", "western", "the West", "Kyiv", "Côte d’Ivoire", "Brussels", ".", "\n", " ", "Mr.", "é", "🙂"])


def test_rows_carry_sentence_offsets_and_evidence() -> None:
    text = "Talks were held. Iranian and Russian envoys met in Moscow."
    rows = article_mentions("a1", "", text)
    assert [(r["surface"], r["code"], r["via"], r["sentence"]) for r in rows] == [
        ("Iranian", "IRN", "demonym", 1), ("Russian", "RUS", "demonym", 1), ("Moscow", "RUS", "capital", 1),
    ]
    assert {r["sentence_text"] for r in rows} == {"Iranian and Russian envoys met in Moscow."}


def test_title_mentions_are_kept_apart_from_text_offsets() -> None:
    rows = article_mentions("a1", "Cuba votes", "Havana welcomed the vote.")
    assert [(r["field"], r["start"], r["code"]) for r in rows] == [("title", 0, "CUB"), ("text", 0, "CUB")]


def test_weak_alias_against_its_context_is_flagged_not_dropped() -> None:
    rows = article_mentions("a1", "", "Georgia's governor spoke in Atlanta.")
    georgia = [r for r in rows if r["code"] == "GEO"]
    assert len(georgia) == 1 and georgia[0]["ambiguous"] and georgia[0]["confidence"] < 0.5
    assert "Atlanta" in georgia[0]["reason"]


def test_brussels_stands_for_belgium_and_for_the_eu_when_about_the_bloc() -> None:
    rows = article_mentions("a1", "", "Brussels agreed new sanctions.")
    assert {(r["code"], r["ambiguous"]) for r in rows} == {("BEL", False), ("EU", False)}


@settings(max_examples=300, deadline=None)
@given(st.text() | st.lists(WORDS | st.text(max_size=3)).map("".join))
def test_any_text_gives_rows_whose_offsets_slice_to_the_surface(text: str) -> None:
    for row in article_mentions("x", text[:10], text):
        source = text[:10] if row["field"] == "title" else text
        assert source[row["start"] : row["end"]] == row["surface"]
        assert 0.0 <= row["confidence"] <= 1.0


def test_a_weak_name_that_is_right_in_context_is_not_scored_as_doubtful() -> None:
    # Confidence is the chance a mention is right (etl/context.py): the common
    # spelling "Turkey" must not fall below a minimum that "Türkiye" passes.
    def found(text: str) -> list[tuple[str, str, float, bool]]:
        return [(m["surface"], m["code"], m["confidence"], m["ambiguous"]) for m in article_mentions("x", "", text)]

    assert found("Turkey signed a trade deal with Greece.") == [("Turkey", "TUR", 0.9, False),
                                                                 ("Greece", "GRC", 0.98, False)]
    assert found("Georgia and Armenia held talks in Tbilisi.") == [
        ("Georgia", "GEO", 0.95, False), ("Armenia", "ARM", 0.98, False), ("Tbilisi", "GEO", 0.9, False)]
