"""Features of a (claim, article) pair for the stance model: pure functions over prepared claims and articles.

An article is split and embedded once (`prepare_articles`), a claim once (`prepare_claims`); a pair's features are
then cheap arithmetic over the two (`pair_features`), so tens of thousands of pairs over a few hundred articles cost
a few hundred article embeddings, not tens of thousands.

What the features capture, and why:
- similarity of the claim to the article's sentences (sentence embeddings): related or unrelated, and where;
- lexical overlap (content words, word pairs, numbers) with the best sentences and the whole body: embeddings blur
  names and numbers, words do not;
- refuting, hedging and negation cues, in the whole body and in the sentences nearest the claim: what separates
  supports from contradicts from merely reporting;
- position of the best-matching sentences: an article about a claim states it early.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any, Literal

import numpy as np

from storylens.nlp import Embedder
from storylens.records import Span
from storylens.stance.sentences import split_sentences

CueKind = Literal["refute", "hedge", "negation", "assert"]
Vector = np.ndarray[Any, Any]

TOP_K = 3  # sentences nearest the claim that count as "where the article speaks to it"

_WORD = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "dozen": "12", "twenty": "20", "hundred": "100",
    "thousand": "1000", "million": "1000000", "billion": "1000000000",
}  # fmt: skip
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be been before being below between both but
    by can could did do does doing down during each few for from further had has have having he her here hers herself
    him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours out over own same she should so some such than that the their theirs them then there these they
    this those through to too under until up very was we were what when where which while who whom why will with would
    you your yours s t said says say new one two after year years mr mrs ms""".split()
)


@dataclass(frozen=True, slots=True)
class PreparedClaim:
    text: str
    vector: Vector  # unit length
    words: frozenset[str]  # content-word stems
    pairs: frozenset[tuple[str, str]]  # adjacent content-word stems
    numbers: frozenset[str]
    negated: bool
    refutes: bool
    hedged: bool


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """An article's text split into sentences, each embedded and reduced to what the features read."""

    text: str
    sentences: tuple[Span, ...]
    vectors: Vector  # one unit-length row per sentence
    words: tuple[frozenset[str], ...]
    body_words: frozenset[str]
    body_pairs: frozenset[tuple[str, str]]
    numbers: tuple[frozenset[str], ...]
    refute: Vector  # per sentence: refuting cues
    hedge: Vector
    negation: Vector
    asserting: Vector  # cues of a report that vouches: confirmed, announced, footage
    centroid: Vector  # the mean sentence vector, unit length
    body_numbers: frozenset[str]
    word_count: int

    @property
    def sentence_texts(self) -> list[str]:
        return [self.text[s.start : s.end] for s in self.sentences]


FEATURE_NAMES: tuple[str, ...] = (
    "sim_max", "sim_second", "sim_top3_mean", "sim_mean", "sim_std", "sim_first", "sim_centroid",
    "share_above_0.5", "share_above_0.35", "log_sentences", "best_position", "best_index_capped",
    "words_claim_in_body", "words_jaccard_body", "words_claim_in_best", "words_claim_in_top3", "words_max_sentence",
    "pairs_claim_in_body", "claim_words", "numbers_claim", "numbers_claim_in_body", "numbers_claim_in_best",
    "numbers_mismatch_best",
    "refute_body_rate", "refute_top3", "refute_best", "refute_first3", "refute_near_best",
    "hedge_body_rate", "hedge_top3", "hedge_best", "hedge_first3",
    "negation_body_rate", "negation_top3", "negation_best", "negation_claim", "negation_mismatch_best",
    "claim_refutes", "claim_hedged", "question_top3",
    "refute_weighted", "refute_sim_max", "hedge_weighted", "negation_weighted", "assert_weighted", "assert_top3",
    "assert_body_rate", "log_words",
)  # fmt: skip


def prepare_claims(texts: Sequence[str], embedder: Embedder) -> list[PreparedClaim]:
    vectors = embedder.embed(list(texts))
    return [prepared_claim(text, vector) for text, vector in zip(texts, vectors, strict=True)]


def prepare_articles(texts: Sequence[str], embedder: Embedder) -> list[PreparedArticle]:
    """Every article's sentences embedded in one batch (the embedder pads less and loads once)."""
    splits = [split_sentences(text) or [Span(0, len(text))] for text in texts]
    sentence_texts = [text[s.start : s.end] for text, spans in zip(texts, splits, strict=True) for s in spans]
    vectors = embedder.embed(sentence_texts)
    prepared: list[PreparedArticle] = []
    first = 0
    for text, spans in zip(texts, splits, strict=True):
        prepared.append(prepared_article(text, tuple(spans), vectors[first : first + len(spans)]))
        first += len(spans)
    return prepared


def prepared_claim(text: str, vector: Vector) -> PreparedClaim:
    """A claim with its embedding (unit length) reduced to what the features read."""
    stems = content_stems(text)
    lowered = _normalise(text)
    return PreparedClaim(
        text=text,
        vector=vector,
        words=frozenset(stems),
        pairs=frozenset(pairwise(stems)),
        numbers=numbers_in(text),
        negated=cue_count(lowered, "negation") > 0,
        refutes=cue_count(lowered, "refute") > 0,
        hedged=cue_count(lowered, "hedge") > 0,
    )


def prepared_article(text: str, sentences: tuple[Span, ...], vectors: Vector) -> PreparedArticle:
    """An article from its sentences and their embeddings (one unit-length row each)."""
    texts = [text[s.start : s.end] for s in sentences]
    lowered = [_normalise(t) for t in texts]
    stems = [content_stems(t) for t in texts]
    numbers = tuple(numbers_in(t) for t in texts)
    centroid = np.asarray(vectors, dtype=np.float32).mean(axis=0)
    return PreparedArticle(
        text=text,
        sentences=sentences,
        vectors=np.asarray(vectors, dtype=np.float32),
        words=tuple(frozenset(s) for s in stems),
        body_words=frozenset(w for s in stems for w in s),
        body_pairs=frozenset(p for s in stems for p in pairwise(s)),
        numbers=numbers,
        refute=np.array([cue_count(t, "refute") for t in lowered], dtype=np.float32),
        hedge=np.array([cue_count(t, "hedge") for t in lowered], dtype=np.float32),
        negation=np.array([cue_count(t, "negation") for t in lowered], dtype=np.float32),
        asserting=np.array([cue_count(t, "assert") for t in lowered], dtype=np.float32),
        centroid=centroid / max(float(np.linalg.norm(centroid)), 1e-9),
        body_numbers=frozenset().union(*numbers),
        word_count=len(text.split()),
    )


def pair_features(claim: PreparedClaim, article: PreparedArticle) -> list[float]:
    """One row of FEATURE_NAMES for the pair."""
    sims = article.vectors @ claim.vector
    order = np.argsort(-sims)
    top = order[:TOP_K]
    best = int(order[0])
    count = len(sims)
    first3 = slice(0, min(3, count))
    claim_words = max(len(claim.words), 1)
    covered = [len(claim.words & words) / claim_words for words in article.words]
    top_words = frozenset().union(*(article.words[i] for i in top))
    near_best = slice(max(0, best - 1), best + 2)
    best_numbers = article.numbers[best]
    texts_top = [article.text[article.sentences[i].start : article.sentences[i].end] for i in top]
    return [
        float(sims[best]),
        float(sims[order[1]]) if count > 1 else float(sims[best]),
        float(sims[top].mean()),
        float(sims.mean()),
        float(sims.std()),
        float(sims[0]),
        float(article.centroid @ claim.vector),
        float((sims > 0.5).mean()),
        float((sims > 0.35).mean()),
        math.log1p(count),
        best / count,
        float(min(best, 10)),
        len(claim.words & article.body_words) / claim_words,
        _jaccard(claim.words, article.body_words),
        covered[best],
        len(claim.words & top_words) / claim_words,
        max(covered),
        len(claim.pairs & article.body_pairs) / max(len(claim.pairs), 1),
        float(len(claim.words)),
        float(len(claim.numbers)),
        _share(claim.numbers, article.body_numbers),
        _share(claim.numbers, best_numbers),
        float(bool(claim.numbers) and bool(best_numbers) and not claim.numbers & best_numbers),
        float(article.refute.sum()) / count,
        float(article.refute[top].sum()),
        float(article.refute[best]),
        float(article.refute[first3].sum()),
        float(article.refute[near_best].sum()),
        float(article.hedge.sum()) / count,
        float(article.hedge[top].sum()),
        float(article.hedge[best]),
        float(article.hedge[first3].sum()),
        float(article.negation.sum()) / count,
        float(article.negation[top].sum()),
        float(article.negation[best]),
        float(claim.negated),
        float(claim.negated != (article.negation[best] > 0)),
        float(claim.refutes),
        float(claim.hedged),
        float(sum("?" in t for t in texts_top)),
        *_weighted_cues(sims, article),
        float(article.asserting[top].sum()),
        float(article.asserting.sum()) / count,
        math.log1p(article.word_count),
    ]


def _weighted_cues(sims: Vector, article: PreparedArticle) -> list[float]:
    """Cues weighted by how near their sentence is to the claim: a denial counts where the claim is discussed."""
    weights = np.clip(sims - 0.2, 0.0, None)
    refuting = article.refute > 0
    return [
        float(weights @ article.refute),
        float(sims[refuting].max()) if refuting.any() else 0.0,
        float(weights @ article.hedge),
        float(weights @ article.negation),
        float(weights @ article.asserting),
    ]


def nearest_sentences(claim: PreparedClaim, article: PreparedArticle, limit: int) -> list[tuple[int, float]]:
    """(sentence index, cosine) of the sentences nearest the claim, nearest first."""
    sims = article.vectors @ claim.vector
    order = np.argsort(-sims)[:limit]
    return [(int(i), float(sims[i])) for i in order]


def content_stems(text: str) -> list[str]:
    """Lowercased content words, crudely singularised, in order: "Reports" and "report" are one word here."""
    return [_stem(w) for w in _WORD.findall(_normalise(text)) if w not in STOP_WORDS and len(w) > 1]


def numbers_in(text: str) -> frozenset[str]:
    found = {n.replace(",", "") for n in _NUMBER.findall(text)}
    found |= {_NUMBER_WORDS[w] for w in _WORD.findall(text.lower()) if w in _NUMBER_WORDS}
    return frozenset(found)


def cue_count(lowered: str, kind: CueKind) -> int:
    """How many cues of `kind` occur in `lowered` (text passed through `_normalise`)."""
    return len(_cue_patterns()[kind].findall(lowered))


def _normalise(text: str) -> str:
    return text.lower().replace("’", "'").replace("‘", "'")


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _jaccard(left: frozenset[str], right: frozenset[str]) -> float:
    union = len(left | right)
    return len(left & right) / union if union else 0.0


def _share(part: frozenset[str], whole: frozenset[str]) -> float:
    return len(part & whole) / len(part) if part else 0.0


@lru_cache(maxsize=1)
def _cue_patterns() -> dict[CueKind, re.Pattern[str]]:
    text = resources.files("storylens.stance").joinpath("data/cues.tsv").read_text(encoding="utf-8")
    phrases: dict[CueKind, list[str]] = {"refute": [], "hedge": [], "negation": [], "assert": []}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            phrase, kind = line.split("\t")
            phrases[kind].append(_cue_regex(phrase))  # type: ignore[index]
    return {kind: re.compile("|".join(sorted(parts, key=len, reverse=True))) for kind, parts in phrases.items()}


def _cue_regex(phrase: str) -> str:
    body = re.escape(phrase.rstrip("*")).replace(r"\ ", r"\s+") + (r"\w*" if phrase.endswith("*") else "")
    start = "" if phrase.startswith("n'") else r"(?<!\w)"  # "n't" sits inside "didn't"
    return f"{start}{body}(?!\\w)"
