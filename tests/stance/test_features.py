"""Stance features on hand-written claims and sentences. Vectors are given by hand here (unit vectors along chosen
axes), so these tests read the pure feature arithmetic without loading a model."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from storylens.records import Span
from storylens.stance.features import (
    FEATURE_NAMES,
    content_stems,
    cue_count,
    numbers_in,
    pair_features,
    prepared_article,
    prepared_claim,
)
from storylens.stance.sentences import split_sentences

DIMENSIONS = 8


def axis(index: int, lean: float = 0.0) -> np.ndarray:
    """A unit vector along `index`, leaning towards axis 0 by `lean` (cosine to axis 0 grows with it)."""
    vector = np.zeros(DIMENSIONS, dtype=np.float32)
    vector[index] = 1.0
    vector[0] += lean
    return vector / np.linalg.norm(vector)


def features(claim: str, article: str, nearest: int = 0) -> dict[str, float]:
    """Features with the claim along axis 0 and sentence `nearest` of the article closest to it."""
    spans = tuple(split_sentences(article))
    vectors = np.stack([axis(1 + i % (DIMENSIONS - 1), 3.0 if i == nearest else 0.1) for i in range(len(spans))])
    row = pair_features(prepared_claim(claim, axis(0)), prepared_article(article, spans, vectors))
    assert len(row) == len(FEATURE_NAMES)
    return dict(zip(FEATURE_NAMES, row, strict=True))


@pytest.mark.parametrize(
    ("text", "refute", "hedge", "negation"),
    [
        ("Officials denied the report, calling it a hoax.", 2, 1, 0),
        ("The story is not true and there is no evidence for it.", 2, 0, 2),
        ("He reportedly fled, according to unconfirmed accounts.", 0, 3, 0),
        ("She didn’t resign.", 0, 0, 1),
        ("The mayor resigned on Tuesday.", 0, 0, 0),
    ],
)
def test_cue_counts(text: str, refute: int, hedge: int, negation: int) -> None:
    lowered = text.lower().replace("’", "'")
    assert (cue_count(lowered, "refute"), cue_count(lowered, "hedge"), cue_count(lowered, "negation")) == (
        refute,
        hedge,
        negation,
    )


def test_numbers_read_digits_and_number_words() -> None:
    assert numbers_in("Three ships, 1,200 sailors and 4.5 tonnes") == {"3", "1200", "4.5"}


def test_content_stems_drop_stop_words_and_plurals() -> None:
    assert content_stems("The reports of the ships were denied") == ["report", "ship", "denied"]


def test_refutation_near_the_best_sentence_is_counted_there() -> None:
    article = "The mayor resigned, a viral post said. City hall denied it, calling the story a hoax. Rain is due."
    found = features("The mayor resigned", article, nearest=0)
    assert found["refute_near_best"] == 2
    assert found["refute_best"] == 0
    assert found["hedge_best"] >= 1  # "viral"


def test_negation_mismatch_between_claim_and_best_sentence() -> None:
    said = features("The mayor resigned", "The mayor has not resigned. Rain is due.")
    agreed = features("The mayor resigned", "The mayor resigned on Monday. Rain is due.")
    assert said["negation_mismatch_best"] == 1
    assert agreed["negation_mismatch_best"] == 0


def test_number_mismatch_with_the_best_sentence() -> None:
    differs = features("12 people died in the fire", "Four people died in the fire. Rain is due.")
    matches = features("12 people died in the fire", "Twelve people died in the fire. Rain is due.")
    assert differs["numbers_mismatch_best"] == 1
    assert matches["numbers_mismatch_best"] == 0
    assert matches["numbers_claim_in_best"] == 1


def test_similarity_and_position_follow_the_nearest_sentence() -> None:
    article = "Rain is due. Markets fell. The mayor resigned on Monday. Traffic was light."
    found = features("The mayor resigned", article, nearest=2)
    assert found["sim_max"] > 0.9 > found["sim_second"]
    assert found["best_index_capped"] == 2
    assert found["best_position"] == pytest.approx(2 / 4)
    assert found["words_claim_in_best"] == 1
    assert found["words_claim_in_body"] == 1


def test_an_unrelated_article_shares_no_words() -> None:
    found = features("The mayor resigned", "Rain is due on Friday. Markets fell.", nearest=-1)
    assert found["words_claim_in_body"] == 0
    assert found["sim_max"] < 0.5


@given(
    st.text(alphabet=st.sampled_from("ab 12.!?\n“”'NotDenied"), min_size=1, max_size=120),
    st.text(alphabet=st.sampled_from("ab 12.!?\n“”'Not hoax reportedly"), min_size=1, max_size=400),
)
def test_every_feature_is_a_finite_number(claim: str, article: str) -> None:
    spans = tuple(split_sentences(article)) or (Span(0, len(article)),)
    vectors = np.stack([axis(1 + i % (DIMENSIONS - 1), 0.5) for i in range(len(spans))])
    row = pair_features(prepared_claim(claim, axis(0)), prepared_article(article, spans, vectors))
    assert len(row) == len(FEATURE_NAMES)
    assert all(np.isfinite(value) for value in row)
