"""BCubed precision, recall and F1 of a clustering against gold labels (Bagga & Baldwin 1998; Amigó et al. 2009).

Per item: precision is the share of its predicted cluster that shares its gold label, recall the share of its gold
class that shares its predicted cluster; both averaged over items. Linear in the items (counts per label pair).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class BCubed:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def bcubed(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> BCubed:
    """Scores over the items of `gold`; every one must have a predicted cluster (a lost item is an error)."""
    missing = sorted(set(gold) - set(predicted))
    if missing:
        raise ValueError(f"items without a predicted cluster: {', '.join(missing[:5])}")
    pair_counts = Counter((predicted[item], gold[item]) for item in gold)
    cluster_sizes = Counter(predicted[item] for item in gold)
    class_sizes = Counter(gold[item] for item in gold)
    precision = sum(pair_counts[predicted[i], gold[i]] / cluster_sizes[predicted[i]] for i in gold) / len(gold)
    recall = sum(pair_counts[predicted[i], gold[i]] / class_sizes[gold[i]] for i in gold) / len(gold)
    return BCubed(precision, recall)


def story_labels(stories: Mapping[str, Any]) -> dict[str, str]:
    """Article id → story id from a stories JSON, duplicates counted in the story they are listed under."""
    labels: dict[str, str] = {}
    for story in stories["stories"]:
        for article in story["articles"]:
            labels[article] = story["id"]
        for duplicate in story["duplicates"]:
            labels[duplicate["id"]] = story["id"]
    return labels
