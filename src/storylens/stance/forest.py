"""A LightGBM multiclass model read from its text dump and evaluated with numpy.

LightGBM trains the stance model (`storylens.stance.train`); predicting with it here instead of through
`lightgbm.Booster` keeps lightgbm, and the scikit-learn and SciPy it imports, out of every `compare` run: about
1.5 s of a cold start on 2 cores, for the same probabilities (tests/stance check them against the booster).

Only what the shipped model uses is read: numerical splits with LightGBM's missing-value rules (`decision_type`
bits: 1 = default left, bits 2–3 = missing type none / zero / NaN) and constant trees; a categorical split or a
linear tree is refused with ValueError, so that a retrained model that needs more cannot be evaluated wrongly.
All trees advance together, one level per step, so a batch costs a few dozen numpy operations whatever its size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Forest"]

_ZERO = 1e-35  # LightGBM's kZeroThreshold: smaller magnitudes count as zero
_MISSING_ZERO, _MISSING_NAN = 1, 2


@dataclass(frozen=True, slots=True)
class Forest:
    feature_names: tuple[str, ...]
    classes: int
    roots: np.ndarray[Any, Any]  # per tree: a node index (≥ 0) or an encoded leaf (−1 − leaf index)
    feature: np.ndarray[Any, Any]  # per node
    threshold: np.ndarray[Any, Any]
    default_left: np.ndarray[Any, Any]
    missing: np.ndarray[Any, Any]
    left: np.ndarray[Any, Any]  # per node: the next node, or an encoded leaf
    right: np.ndarray[Any, Any]
    leaf_value: np.ndarray[Any, Any]  # per leaf

    @classmethod
    def from_text(cls, text: str) -> Forest:
        header, *blocks = text.split("\nTree=")
        fields = _fields(header)
        classes = int(fields.get("num_tree_per_iteration", "1"))
        builder = _Builder()
        for block in blocks:
            block = block.split("\nend of trees", 1)[0]
            builder.add(_fields(block))
        return builder.forest(tuple(fields["feature_names"].split()), classes)

    def predict(self, rows: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        """Class probabilities (softmax of the summed leaf values), one row per input row."""
        values = np.asarray(rows, dtype=np.float64)
        raw = self._leaf_values(values).reshape(-1, self.classes, len(values)).sum(axis=0).T
        raw -= raw.max(axis=1, keepdims=True)
        exp = np.exp(raw)
        probabilities: np.ndarray[Any, Any] = exp / exp.sum(axis=1, keepdims=True)
        return probabilities

    def _leaf_values(self, values: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        """(trees, rows) leaf values: every tree walks every row down one level per step."""
        at = np.repeat(self.roots[:, None], len(values), axis=1)
        row = np.broadcast_to(np.arange(len(values)), at.shape)
        inner = at >= 0
        while inner.any():
            node = at[inner]
            value = values[row[inner], self.feature[node]]
            at[inner] = np.where(self._goes_left(node, value), self.left[node], self.right[node])
            inner = at >= 0
        leaves: np.ndarray[Any, Any] = self.leaf_value[-1 - at]
        return leaves

    def _goes_left(self, node: np.ndarray[Any, Any], value: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        missing = self.missing[node]
        nan = np.isnan(value)
        value = np.where(nan & (missing != _MISSING_NAN), 0.0, value)
        is_missing = ((missing == _MISSING_ZERO) & (np.abs(value) <= _ZERO)) | ((missing == _MISSING_NAN) & nan)
        goes_left: np.ndarray[Any, Any] = np.where(is_missing, self.default_left[node], value <= self.threshold[node])
        return goes_left


class _Builder:
    """The trees' nodes and leaves, numbered across the whole forest."""

    def __init__(self) -> None:
        self.roots: list[int] = []
        self.nodes: dict[str, list[Any]] = {k: [] for k in ("feature", "threshold", "decision", "left", "right")}
        self.leaves: list[float] = []

    def add(self, tree: dict[str, str]) -> None:
        leaf_base, node_base = len(self.leaves), len(self.nodes["feature"])
        self.leaves += [float(v) for v in tree["leaf_value"].split()]
        if int(tree["num_leaves"]) == 1:
            self.roots.append(-1 - leaf_base)
            return
        if int(tree.get("num_cat", "0")) or int(tree.get("is_linear", "0")):
            raise ValueError("the model has categorical splits or linear trees, which this reader does not evaluate")

        def child(index: str) -> int:
            number = int(index)
            return node_base + number if number >= 0 else -1 - (leaf_base + (-1 - number))

        self.nodes["feature"] += [int(v) for v in tree["split_feature"].split()]
        self.nodes["threshold"] += [float(v) for v in tree["threshold"].split()]
        self.nodes["decision"] += [int(v) for v in tree["decision_type"].split()]
        self.nodes["left"] += [child(v) for v in tree["left_child"].split()]
        self.nodes["right"] += [child(v) for v in tree["right_child"].split()]
        self.roots.append(node_base)

    def forest(self, feature_names: tuple[str, ...], classes: int) -> Forest:
        decision = np.asarray(self.nodes["decision"], dtype=np.int64)
        if (decision & 1).any():
            raise ValueError("the model has categorical splits, which this reader does not evaluate")
        return Forest(
            feature_names=feature_names,
            classes=classes,
            roots=np.asarray(self.roots, dtype=np.int64),
            feature=np.asarray(self.nodes["feature"], dtype=np.int64),
            threshold=np.asarray(self.nodes["threshold"], dtype=np.float64),
            default_left=(decision & 2).astype(bool),
            missing=(decision >> 2) & 3,
            left=np.asarray(self.nodes["left"], dtype=np.int64),
            right=np.asarray(self.nodes["right"], dtype=np.int64),
            leaf_value=np.asarray(self.leaves, dtype=np.float64),
        )


def _fields(block: str) -> dict[str, str]:
    """The `key=value` lines of one section of the dump."""
    return dict(line.split("=", 1) for line in block.splitlines() if "=" in line)
