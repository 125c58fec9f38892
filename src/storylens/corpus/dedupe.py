"""Near-duplicate detection: MinHash signatures over word shingles, looked up in a MinHash LSH index.

Streaming and order-dependent on purpose: the first article seen is kept, and each later near-copy (a wire copy, a
light rewrite) is listed under the kept article it duplicates, never dropped silently. Signatures are pure functions
of the text (computed anywhere, e.g. on Dask workers); only the index lives in one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH  # type: ignore[import-untyped]

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch 2's default permutation scheme: a saved signature must say which it used
SHINGLE_WORDS = 3  # word 3-grams: a changed word costs 3 shingles, so a light rewrite still scores ~0.6
THRESHOLD = 0.5  # estimated Jaccard at or above which an article is a near-duplicate
MAX_SHINGLE_WORDS = 5_000  # an enormous article is judged on its first 5,000 words: enough to tell copies apart

_WORD = re.compile(r"\w+")

Signature = np.ndarray[Any, np.dtype[np.uint64]]


@dataclass(frozen=True, slots=True)
class Duplicate:
    """`id` is a near-copy of the kept article `duplicate_of`; `similarity` is the estimated Jaccard of shingles."""

    id: str
    duplicate_of: str
    similarity: float


def shingles(text: str) -> set[str]:
    words = _WORD.findall(text.casefold())[:MAX_SHINGLE_WORDS]
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str) -> Signature:
    """The MinHash signature of the text's word shingles (NUM_PERM unsigned 64-bit values)."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in shingles(text)])
    values: Signature = np.asarray(minhash.hashvalues, dtype=np.uint64)
    return values


def similarity(first: Signature, second: Signature) -> float:
    """Estimated Jaccard similarity of two signatures' shingle sets."""
    return float(np.count_nonzero(first == second)) / NUM_PERM


class Deduper:
    """Kept articles in an LSH index; `check` tells whether a new article near-duplicates one of them."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, Signature] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def check(self, article_id: str, values: Signature) -> Duplicate | None:
        """The duplicate record when `values` is a near-copy of a kept article (the most similar one), else None
        after keeping the article. Nothing else changes, so the outcome depends only on what was kept before."""
        best: tuple[float, str] | None = None
        for candidate in sorted(self._lsh.query(self._lean(values))):  # sorted: ties go the same way every run
            score = similarity(values, self._signatures[candidate])
            if score >= self.threshold and (best is None or score > best[0]):
                best = (score, candidate)
        if best is not None:
            return Duplicate(article_id, best[1], round(best[0], 4))
        self.keep(article_id, values)
        return None

    def keep(self, article_id: str, values: Signature) -> None:
        """Index a kept article (also how a store reloads its state)."""
        if article_id in self._signatures:
            raise ValueError(f"article {article_id!r} is already in the duplicate index")
        self._signatures[article_id] = values
        self._lsh.insert(article_id, self._lean(values))

    @staticmethod
    def _lean(values: Signature) -> Any:
        return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


def find_duplicates(items: Iterable[tuple[str, str]], threshold: float = THRESHOLD) -> list[Duplicate]:
    """Every near-duplicate among (id, text) pairs, in input order: the first seen is kept."""
    deduper = Deduper(threshold)
    found = (deduper.check(article_id, signature(text)) for article_id, text in items)
    return [duplicate for duplicate in found if duplicate is not None]
