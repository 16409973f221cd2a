"""Finding cues in sentences: longer cues win, and the cheap word tests never drop a match."""

from __future__ import annotations

from etl.relations.cues import alliance_cues, sanction_cues
from etl.relations.hits import find_hits


def test_a_longer_cue_hides_the_shorter_one_of_the_same_role() -> None:
    hits = find_hits("They agreed military cooperation with its allies.", alliance_cues())
    cues = {h.cue for h in hits}
    assert "military cooperation" in cues and "cooperation" not in cues and "allies" not in cues


def test_a_cue_matches_only_where_all_its_words_occur() -> None:
    """sentence_hits runs a cue's regex only in sentences (lower-cased) holding its
    anchor and its other literal words; no match of any shipped cue may break that,
    in any sentence of the bundled sample (or in the capitalised openings)."""
    import json

    from etl.paths import SAMPLE_INPUT
    from etl.relations.clauses import sentence_texts

    records = [json.loads(line) for line in SAMPLE_INPUT.read_text(encoding="utf-8").splitlines() if line.strip()]
    sentences = [s for r in records for s in sentence_texts(r.get("title") or "", r["text"])]
    sentences += [s[:1].upper() + s[1:] for s in sentences]
    checked = 0
    for cue in (*alliance_cues(), *sanction_cues()):
        for sentence in sentences:
            if cue.pattern.search(sentence):
                checked += 1
                low = sentence.lower()
                assert cue.anchor in low and all(word in low for word in cue.others), (cue.cue, sentence)
    assert checked > 1000  # the sample exercises the lexicons
