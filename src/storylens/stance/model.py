"""The shipped stance model: a LightGBM booster over `FEATURE_NAMES`, loaded once, lazily, from the package.

    stance: "fnc-lgbm.v1"   trained by `python -m storylens.stance.train` (make train-stance) on FNC-1

Its validation figures sit beside it in `data/validation.json`. It is evaluated by `stance.forest` from its text
dump (the same probabilities as lightgbm's, without importing lightgbm at run time).
"""

from __future__ import annotations

import gzip
import json
import threading
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import numpy as np

from storylens.nlp import ModelUnavailable
from storylens.stance.features import FEATURE_NAMES
from storylens.stance.forest import Forest

Label = Literal["supports", "contradicts", "discusses", "unrelated"]
LABELS: tuple[Label, ...] = ("supports", "contradicts", "discusses", "unrelated")
MODEL_NAME = "fnc-lgbm.v1"
MODEL_FILE = "stance-lgbm.txt.gz"
VALIDATION_FILE = "validation.json"

_LOCK = threading.Lock()


def predict_probabilities(rows: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """One row of class probabilities (in LABELS order) per feature row."""
    if len(rows) == 0:
        return np.zeros((0, len(LABELS)), dtype=np.float64)
    probabilities: np.ndarray[Any, Any] = stance_forest().predict(rows)
    return probabilities


def stance_forest() -> Forest:
    with _LOCK:  # two threads asking at once load it once
        return _load()


def model_text() -> str:
    """The shipped model's LightGBM text dump."""
    resource = resources.files("storylens.stance").joinpath(f"data/{MODEL_FILE}")
    try:
        text = gzip.decompress(resource.read_bytes()).decode("utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ModelUnavailable(
            f"the stance model file {MODEL_FILE} is missing from the package (run make train-stance)"
        ) from exc
    return text


@lru_cache(maxsize=1)
def _load() -> Forest:
    try:
        forest = Forest.from_text(model_text())
    except (KeyError, ValueError) as exc:
        raise ModelUnavailable(f"the stance model file {MODEL_FILE} cannot be read: {exc}") from exc
    if forest.feature_names != FEATURE_NAMES:
        raise ModelUnavailable(f"the stance model file {MODEL_FILE} was trained on other features: retrain it")
    return forest


def validation_figures() -> dict[str, Any]:
    """The shipped model's scores on its held-out FNC-1 bodies, as training recorded them."""
    text = resources.files("storylens.stance").joinpath(f"data/{VALIDATION_FILE}").read_text(encoding="utf-8")
    figures: dict[str, Any] = json.loads(text)
    return figures
