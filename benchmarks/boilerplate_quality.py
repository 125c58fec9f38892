"""Boilerplate filter quality on the labelled line sets, and its cost.

Two sets: boilerplate_lines.tsv was used while writing the rules (its score shows regressions, not quality);
boilerplate_heldout.tsv was written afterwards and is never tuned on (its score is the honest one).

Quality is whole-line classification (`match_rule`), the same measure the test gate pins. Cost is a ratio against
one case-insensitive regex search over the same lines, measured in the same run, since these machines are noisy.
"""

from __future__ import annotations

import csv
import re
import time
from collections.abc import Callable
from pathlib import Path

from storylens.ingest.boilerplate import match_rule, strip_boilerplate

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
LINES = DATA / "boilerplate_lines.tsv"
HELD_OUT = DATA / "boilerplate_heldout.tsv"
NAME = "boilerplate filter"
_BASELINE = re.compile(r"\b(subscribe|newsletter|advertisement|share this)\b", re.IGNORECASE)


def labelled_lines(path: Path = LINES) -> list[tuple[bool, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["label"] == "boilerplate", row["line"]) for row in rows]


def _seconds(work: Callable[[], object], repeats: int = 5) -> float:
    """Best of a few runs: the least disturbed by other load."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def scores(lines: list[tuple[bool, str]]) -> tuple[float, float, float]:
    """Precision, recall and F1 of whole-line classification."""
    guesses = [(gold, match_rule(line) is not None) for gold, line in lines]
    true_positives = sum(gold and guess for gold, guess in guesses)
    precision = true_positives / max(1, sum(guess for _, guess in guesses))
    recall = true_positives / max(1, sum(gold for gold, _ in guesses))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def run() -> list[tuple[str, str, str]]:
    lines = labelled_lines()
    precision, recall, f1 = scores(lines)
    held_out = labelled_lines(HELD_OUT)
    held_precision, held_recall, held_f1 = scores(held_out)
    texts = [line for _, line in lines]
    ours = _seconds(lambda: strip_boilerplate(texts))
    baseline = _seconds(lambda: [_BASELINE.search(text) for text in texts])
    boilerplate = sum(gold for gold, _ in lines)
    return [
        (NAME, "development set: lines (boilerplate / news)", f"{boilerplate} / {len(lines) - boilerplate}"),
        (NAME, "development set: precision / recall / F1", f"{precision:.3f} / {recall:.3f} / {f1:.3f}"),
        (NAME, "held-out set: lines", str(len(held_out))),
        (NAME, "held-out set: precision / recall / F1", f"{held_precision:.3f} / {held_recall:.3f} / {held_f1:.3f}"),
        (NAME, "time vs. one regex search", f"{ours / baseline:.0f}×"),
        (NAME, "µs per line", f"{ours / len(texts) * 1e6:.0f}"),
    ]
