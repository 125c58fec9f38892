"""The stance sentence splitter: exact offsets, no empty pieces, abbreviations kept whole."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storylens.stance.sentences import MAX_SENTENCE_CHARS, split_sentences


def texts_of(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_splits_on_end_marks_and_paragraphs() -> None:
    text = "The bridge closed on Monday. Was it safe? Nobody knew!\nA second paragraph without a full stop"
    assert texts_of(text) == [
        "The bridge closed on Monday.",
        "Was it safe?",
        "Nobody knew!",
        "A second paragraph without a full stop",
    ]


def test_keeps_abbreviations_and_initials_inside_a_sentence() -> None:
    text = "Dr. Ana Ruiz of the U.S. Coast Guard met J. Smith. They spoke."
    assert texts_of(text) == ["Dr. Ana Ruiz of the U.S. Coast Guard met J. Smith.", "They spoke."]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = "“It is over.” The crowd left."
    assert texts_of(text) == ["“It is over.”", "The crowd left."]


def test_cuts_an_unpunctuated_wall_of_text_at_spaces() -> None:
    text = " ".join(["word"] * 400)
    pieces = texts_of(text)
    assert len(pieces) > 1
    assert all(len(p) <= MAX_SENTENCE_CHARS for p in pieces)
    assert " ".join(pieces) == text


@given(st.text(alphabet=st.sampled_from("ab .!?\n“”'A1"), max_size=300))
def test_spans_are_ordered_stripped_views(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for span in spans:
        piece = text[span.start : span.end]
        assert piece and piece == piece.strip()
        assert span.start >= previous_end
        previous_end = span.end
    kept = "".join(text[s.start : s.end] for s in spans)
    assert "".join(kept.split()) == "".join(text.split())  # nothing but whitespace is ever dropped
