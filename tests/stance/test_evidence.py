"""The evidence layer: rules over single sentences (no model), then stance_of and the labelled claim/article sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storylens.errors import BadCheckInput as ErrorsBadCheckInput
from storylens.errors import StorylensError
from storylens.stance import LABELS, BadCheckInput, check_many, stance_of
from storylens.stance.evidence import (
    Quantity,
    SentenceCall,
    call_sentence,
    decide,
    read_claim,
    read_sentence,
)

DATA = Path(__file__).parents[1] / "data"
NEAR = 0.7  # a cosine that puts a sentence well inside the layer's reach


def verdict(claim: str, sentence: str, context: tuple[str, ...] = ()) -> str:
    return call_sentence(read_claim(claim), 0, sentence, NEAR, context).verdict


@pytest.mark.parametrize(
    ("claim", "sentence", "expected"),
    [
        # refuting frames, scoped over what they refute
        (
            "Pell died in a plane crash",
            "Officials said fake claims that he died in a crash were spread online.",
            "refutes",
        ),
        ("Pell died in a plane crash", "Claims that Pell died in a plane crash are false, his lawyer said.", "refutes"),
        (
            "The mill dumped waste in the river",
            "The mill denied on Monday that it had dumped waste in the river.",
            "refutes",
        ),
        (
            "The mill dumped waste in the river",
            "There is no evidence that the mill dumped waste in the river.",
            "refutes",
        ),
        ("Police arrested Ines Roca", "Police arrested Ines Roca, who was travelling with a fake passport.", "asserts"),
        (
            "Tiles fell from the Rowe tower",
            "The mayor dismissed reports of a strike, saying tiles fell from the Rowe tower.",
            "asserts",
        ),
        # exclusion: numbers, negation, antonyms said of the claim's subject
        (
            "Three people died in the Kell fire",
            "At least 31 people died in the Kell fire, the ministry said.",
            "excludes",
        ),
        (
            "More than 30 people died in the Kell fire",
            "At least 31 people died in the Kell fire, the ministry said.",
            "asserts",
        ),
        ("The Kell fire started in 2019", "The Kell fire, which started in 2019, killed 31 people.", "asserts"),
        ("Kivo was sold for $12 billion", "Kivo was sold for $1.2 billion on Tuesday.", "excludes"),
        ("The mayor of Dunmore resigned", "The mayor of Dunmore has not resigned, his office said.", "excludes"),
        (
            "Meteorite hits Managua",
            "He said it was not clear if the meteorite that hit Managua had been buried.",
            "doubts",
        ),
        ("Pell was killed in the raid", "Pell is alive and living in Lisbon, his lawyer said.", "excludes"),
        ("Pell was killed in the raid", "Police raided his home, and the Pell family later moved abroad.", "silent"),
        ("Coach Rado was sacked by Velora", "Velora signed coach Rado to a new three-year contract.", "excludes"),
        # hedges and plain statements
        ("The Kelso steelworks will close", "Rumours that the Kelso steelworks will close have spread.", "doubts"),
        (
            "The Kelso steelworks will close",
            "The owners neither confirmed nor denied that the Kelso steelworks will close.",
            "doubts",
        ),
        ("The Kelso steelworks will close", "The Kelso steelworks will close in May, its owner confirmed.", "asserts"),
        ("Salo applied for residency in Portugal", "He applied for residency there.", "silent"),
    ],
)
def test_sentence_verdicts(claim: str, sentence: str, expected: str) -> None:
    assert verdict(claim, sentence) == expected


def test_a_pronoun_takes_its_antecedent_from_the_sentences_before() -> None:
    claim, sentence = "Salo applied for residency in Portugal", "He applied for residency there."
    assert verdict(claim, sentence, ("Viktor Salo moved to Portugal last year.",)) == "asserts"


@pytest.mark.parametrize(
    "claim", ["Did Pell die in a crash?", "Pell reportedly died in a crash", "Police say Pell died", "Pell did not die"]
)
def test_the_layer_leaves_questions_hedges_reports_and_denials_to_the_model(claim: str) -> None:
    assert not read_claim(claim).judged
    assert verdict(claim, "Pell is alive and well, his lawyer said.") == "silent"


def test_cues_prefer_the_longest_phrase() -> None:
    kinds = [c.kind for c in read_sentence("The firm neither confirmed nor denied it; there is no evidence.").cues]
    assert kinds == ["doubt", "refute"]
    assert [c.text for c in read_sentence("He didn't go.").cues] == ["n't"]


def test_numbers_read_comparators_scales_currencies_and_skip_years() -> None:
    assert read_sentence("In 2021 at least 31 people and about 2 million dollars").quantities == (
        Quantity(31, ">=", "peopl"),
        Quantity(2_000_000, "~", "dollar"),
    )
    assert read_sentence("It cost £1.2 billion").quantities == (Quantity(1_200_000_000, "=", "pound"),)


@given(
    st.floats(1, 1e6),
    st.floats(1, 1e6),
    st.sampled_from(["=", ">=", "<=", "~"]),
    st.sampled_from(["=", ">=", "<=", "~"]),
)
def test_quantities_fit_symmetrically_and_each_fits_itself(a: float, b: float, ca: str, cb: str) -> None:
    left, right = Quantity(a, ca, "x"), Quantity(b, cb, "x")  # type: ignore[arg-type]
    assert left.fits(right) == right.fits(left)
    assert left.fits(left)


def _call(verdict_: str, coverage: float) -> SentenceCall:
    return SentenceCall(0, 0.6, coverage, verdict_, "")  # type: ignore[arg-type]


def test_a_denial_outweighs_a_plain_statement_unless_it_carries_clearly_less() -> None:
    assert decide([_call("asserts", 0.8), _call("refutes", 0.75)]).label == "contradicts"  # type: ignore[union-attr]
    assert decide([_call("asserts", 1.0), _call("refutes", 0.6)]).label == "supports"  # type: ignore[union-attr]
    assert decide([_call("asserts", 0.8), _call("doubts", 0.8)]).label == "discusses"  # type: ignore[union-attr]
    assert decide([_call("silent", 0.9)]) is None


def test_bad_check_input_lives_in_the_error_tree() -> None:
    assert BadCheckInput is ErrorsBadCheckInput and issubclass(BadCheckInput, StorylensError)
    with pytest.raises(BadCheckInput, match="sentence 1 is empty"):
        stance_of("The mill closed", ["The mill closed.", "  "])


@pytest.mark.slow
def test_stance_of_single_sentences() -> None:
    claim = "The Harwick dam burst on Sunday"
    sentences = {
        "The Harwick dam burst on Sunday, flooding three villages.": "supports",
        "Engineers said reports that the Harwick dam burst were false.": "contradicts",
        "Unverified videos claim the Harwick dam burst on Sunday.": "discusses",
        "The Harwick dam held on Sunday and did not burst, engineers said.": "contradicts",
        "Harwick's football club won the regional cup.": "unrelated",
    }
    results = stance_of(claim, list(sentences))
    assert [label for label, _ in results] == list(sentences.values())
    assert all(0 < confidence <= 1 for _, confidence in results)


def _labelled(name: str) -> tuple[list[tuple[str, str]], list[str]]:
    rows = [json.loads(line) for line in (DATA / f"stance_{name}.jsonl").read_text(encoding="utf-8").splitlines()]
    pairs = [(c["claim"], r["article"]) for r in rows for c in r["claims"]]
    return pairs, [c["label"] for r in rows for c in r["claims"]]


@pytest.mark.parametrize("name", ["dev", "heldout"])
def test_labelled_sets_are_well_formed(name: str) -> None:
    pairs, labels = _labelled(name)
    assert len(pairs) >= 15 and set(labels) <= set(LABELS)
    assert len(set(labels)) == len(LABELS)  # every label is represented


@pytest.mark.slow
@pytest.mark.parametrize(("name", "floor"), [("dev", 0.80), ("heldout", 0.75)])
def test_accuracy_on_the_labelled_sets(name: str, floor: float) -> None:
    """Measured 0.824 (dev) and 0.812 (held-out, never tuned on); the model alone gets 0.382 and 0.438."""
    pairs, labels = _labelled(name)
    predicted = [r.label for r in check_many(pairs)]
    assert sum(p == g for p, g in zip(predicted, labels, strict=True)) / len(labels) >= floor
