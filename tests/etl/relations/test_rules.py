"""Each alliance and sanction rule fires under its stable name, with the columns of etl.tables."""

from __future__ import annotations

import pytest

from etl.mentions import article_mentions
from etl.tables import ALLIANCE_COLUMNS, SANCTION_COLUMNS
from tests.helpers import relations


@pytest.mark.parametrize(
    ("text", "pair", "rule"),
    [
        ("The treaty between Belarus and Russia was signed in 1999.", ("BLR", "RUS"), "between"),
        ("Serbia will deepen its ties with Russia.", ("RUS", "SRB"), "with"),
        ("Russia and Iran signed a treaty.", ("IRN", "RUS"), "coordination"),
        ("Iran and Russia met. Both nations deepened their partnership.", ("IRN", "RUS"), "collective"),
        ("Damascus lost Bashar al-Assad, a key Iranian ally.", ("IRN", "SYR"), "apposition"),
        ("Finland joined NATO.", ("FIN", "NATO"), "membership"),
        ("Iran supplied Russia with drones.", ("IRN", "RUS"), "supply"),
        ("Under the deal, the United States will sell Australia submarines.", ("AUS", "USA"), "treaty-context"),
        ("Russia and Iran signed a treaty. The treaty covers trade.", ("IRN", "RUS"), "inherited"),
    ],
)
def test_alliance_rule_names(text: str, pair: tuple[str, str], rule: str) -> None:
    rows, _ = relations(text)
    assert rule in {r["rule"] for r in rows if (r["party_a"], r["party_b"]) == pair}, rows


@pytest.mark.parametrize(
    ("text", "target", "rule"),
    [
        ("UK sanctions 30 ships from Russia's fleet", "RUS", "verb"),
        ("The US imposed sanctions on Russian banks.", "RUS", "object"),
        ("The Russian oil price cap stays in force.", "RUS", "entity"),
        ("Russian banks were sanctioned by the EU.", "RUS", "passive"),
        ("Russia and Iran are isolated by sanctions.", "IRN", "frame"),
        ("The US imposed an embargo on Cuba. The embargo was later eased.", "CUB", "inherited"),
    ],
)
def test_sanction_rule_names(text: str, target: str, rule: str) -> None:
    _, rows = relations(text)
    assert rule in {r["rule"] for r in rows if r["target"] == target}, rows


def test_rows_carry_the_table_columns_and_sentence_positions() -> None:
    alliances, sanctions = relations("Moscow has ties with Tehran. The EU sanctioned Iranian firms.", title="Iran and Russia")
    assert alliances and sanctions
    for row in alliances:
        assert set(row) == set(ALLIANCE_COLUMNS) and row["party_a"] < row["party_b"]
        assert 0 < row["confidence"] <= 1 and row["field"] == "text" and row["sentence"] == 0
    for row in sanctions:
        assert set(row) == set(SANCTION_COLUMNS) and row["sentence"] == 1
        assert row["evidence"] == "The EU sanctioned Iranian firms."


def test_membership_needs_a_bloc_and_a_country() -> None:
    rows, _ = relations("Germany and France are members of the EU.")
    assert {(r["party_a"], r["party_b"], r["kind"]) for r in rows} >= {("DEU", "EU", "membership"), ("EU", "FRA", "membership")}
    assert not [r for r in rows if r["kind"] == "membership" and "EU" not in (r["party_a"], r["party_b"])]


def test_partnership_stands_alone_only_without_a_treaty_in_the_sentence() -> None:
    rows, _ = relations("Japan and the Philippines, both allies, signed a defence agreement.")
    kinds = {r["kind"] for r in rows if (r["party_a"], r["party_b"]) == ("JPN", "PHL")}
    assert kinds == {"treaty", "military"}


def test_a_leader_needs_the_country_named_in_the_article() -> None:
    rows, _ = relations("Kim met the chairman of the club, a key ally of France.")
    assert not rows


def test_sentence_texts_are_the_texts_the_rules_read() -> None:
    """The cue scan runs on sentence_texts before any parties are built (an
    article without a row-making cue is spared them): same sentences, same order."""
    from etl.relations.clauses import article_sentences, sentence_texts
    from etl.relations.cues import leaders

    title = "Iran’s ties with Russia. U.S. officials react"
    text = "Mr. Putin met Iran’s president.\n\nThe two nations agreed a treaty. Sanctions on Iran stay."
    mentions = [m for m in article_mentions("t", title, text) if not m["ambiguous"]]
    assert sentence_texts(title, text) == [s.text for s in article_sentences(title, text, mentions, leaders())]


def test_countries_without_any_relation_cue_make_no_rows() -> None:
    assert relations("France and Germany played a football match in Paris. Italy watched.") == ([], [])
