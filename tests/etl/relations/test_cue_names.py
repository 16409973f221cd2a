"""Every cue the rules name in code is a cue of the lexicons: renaming or
deleting a row of data/alliance_cues.csv or data/sanction_cues.csv must not
silently switch a sentence shape off."""

from __future__ import annotations

import pytest

from etl.relations.alliance_shapes import (
    ADMITS, ALLY_NOUNS, BLOC_FIRST, BUY_CUES, HOST_CUES, NOMINAL_SUPPLY, SUPPLIER_NOUNS, SUSPENDS,
)
from etl.relations.cues import alliance_cues, sanction_cues
from etl.relations.sanction_shapes import BARE_BANS, IN_FORCE

ALLIANCE_NAMED = {*ALLY_NOUNS, *SUPPLIER_NOUNS, *BUY_CUES, *ADMITS, *SUSPENDS, *HOST_CUES, *BLOC_FIRST,
                  *NOMINAL_SUPPLY, "members", "military"}
SANCTION_NAMED = {*BARE_BANS, "sanction", "sanctions", "unfroze", "unfrozen"}


@pytest.mark.parametrize("cue", sorted(ALLIANCE_NAMED))
def test_alliance_cue_named_in_code_is_in_the_lexicon(cue: str) -> None:
    assert cue in {c.cue for c in alliance_cues()}


@pytest.mark.parametrize("cue", sorted(SANCTION_NAMED))
def test_sanction_cue_named_in_code_is_in_the_lexicon(cue: str) -> None:
    assert cue in {c.cue for c in sanction_cues()}


@pytest.mark.parametrize("word", IN_FORCE)
def test_words_of_measures_taking_effect_occur_in_imposed_actions(word: str) -> None:
    assert any(word in c.cue for c in sanction_cues() if c.role == "action" and c.label == "imposed")
