from etl.text import sentence_index, sentence_spans


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_splits_on_full_stops_and_line_breaks() -> None:
    text = "Russia signed. Iran agreed!\nNew heading\nThe end?"
    assert sentences(text) == ["Russia signed.", "Iran agreed!", "New heading", "The end?"]


def test_abbreviations_do_not_end_a_sentence() -> None:
    text = "The U.S. Treasury and Mr. Smith met Gen. Lee on Jan. 5. Then they left."
    assert sentences(text) == ["The U.S. Treasury and Mr. Smith met Gen. Lee on Jan. 5.", "Then they left."]


def test_quotes_close_the_sentence() -> None:
    text = "He called it “a breakthrough.” Others disagreed."
    assert sentences(text) == ["He called it “a breakthrough.”", "Others disagreed."]


def test_spans_are_offsets_into_the_text() -> None:
    text = "  One.  Two.  "
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["One.", "Two."]
    assert sentence_index([s for s, _ in spans], spans[1][0] + 1) == 1


def test_empty_text_has_no_sentences() -> None:
    assert sentence_spans("   ") == ()


def test_a_paragraph_break_after_an_abbreviation_ends_the_sentence() -> None:
    text = "Most countries sided with the U.S.\n\nThe resolution passed."
    assert sentences(text) == ["Most countries sided with the U.S.", "The resolution passed."]
