"""Models load offline from their PyPI packages, once, and do what callers rely on."""

from __future__ import annotations

import os

import numpy as np
import pytest

from storylens.nlp import ModelUnavailable, embedder, spacy_pipeline

pytestmark = pytest.mark.slow


def test_hub_access_is_switched_off() -> None:
    assert os.environ["HF_HUB_OFFLINE"] == "1"


def test_embedder_gives_unit_vectors_that_rank_paraphrases_first() -> None:
    model = embedder()
    assert embedder() is model  # loaded once
    vectors = model.embed(
        [
            "Two workers died in the fire at the depot.",
            "The blaze at the depot killed two employees.",
            "The football club signed a new striker.",
        ]
    )
    assert vectors.shape == (3, model.dimensions) == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3


def test_empty_input_gives_an_empty_matrix() -> None:
    assert embedder().embed([]).shape == (0, 384)


def test_spacy_pipeline_is_shared_and_english() -> None:
    nlp = spacy_pipeline()
    assert spacy_pipeline() is nlp and nlp.lang == "en"
    assert {"parser", "ner"} <= set(nlp.pipe_names)


def test_unknown_model_names_are_refused_by_name() -> None:
    with pytest.raises(ModelUnavailable, match=r"minilm\.v1"):
        embedder("bert-huge.v9")
