"""Check one claim against articles: which support it, contradict it, only discuss it, or are unrelated, and the
sentences that decide it.

Each distinct article text is split and embedded once (and kept in a small cache across calls), each distinct claim
once; the model then scores every pair in one batch.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

import numpy as np

from storylens._version import __version__
from storylens.errors import BadCheckInput, NoUsableInput
from storylens.ingest import IngestOptions, Progress, read_articles
from storylens.nlp import Embedder, embedder, preload
from storylens.records import Article
from storylens.report import Report, notice_json, skipped_json
from storylens.schema import validate_document
from storylens.stance.evidence import (
    CANDIDATES,
    CONTEXT_SENTENCES,
    MIN_SIMILARITY,
    Decision,
    SentenceCall,
    call_sentence,
    decide,
    read_claim,
)
from storylens.stance.features import (
    PreparedArticle,
    PreparedClaim,
    nearest_sentences,
    pair_features,
    prepare_articles,
    prepare_claims,
)
from storylens.stance.model import LABELS, MODEL_NAME, Label, predict_probabilities, validation_figures

CHECK_SCHEMA_ID = "storylens.check/1"
MAX_EVIDENCE = 3
EVIDENCE_MIN_SIMILARITY = 0.35  # below this a sentence is about something else (MiniLM cosine)
CUE_WINDOW = 8  # evidence is chosen among this many sentences nearest the claim
DISCUSS_SIMILARITY = 0.5  # a single sentence this near the claim discusses it, whatever words it shares
UNRELATED_FIRM = 0.8  # the model's probability of `unrelated` above which …
UNRELATED_OVERRIDE_COVERAGE = 0.8  # … only a sentence carrying this share of the claim's words overrides it
CACHE_SIZE = 4096  # prepared claims, and as many prepared articles (~40 kB each), kept across calls


Prepared = TypeVar("Prepared", PreparedClaim, PreparedArticle)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence of the article: `text == article_text[start:end]`; `similarity` is its cosine to the claim."""

    start: int
    end: int
    text: str
    similarity: float
    decides: bool = False  # the sentence the evidence layer decided on


@dataclass(frozen=True, slots=True)
class StanceResult:
    """`basis` says who decided: "model" (then `confidence` is its probability for `label`) or "evidence" (the
    evidence layer read a deciding sentence, the first of `evidence`; `confidence` is then the share of the claim's
    words that sentence carries). `reason` says why in a few words; `probabilities` are always the model's."""

    label: Label
    confidence: float
    probabilities: dict[Label, float]
    evidence: tuple[Evidence, ...]
    basis: Literal["model", "evidence"] = "model"
    reason: str = ""


def check_many(pairs: Iterable[tuple[str, str]], model: Embedder | None = None) -> list[StanceResult]:
    """The stance of each article text towards its claim, in the order given. Raises BadCheckInput on an empty
    claim or article (naming the pair)."""
    listed = list(pairs)
    for index, (claim, text) in enumerate(listed):
        _require_text(claim, f"pair {index}: the claim")
        _require_text(text, f"pair {index}: the article text")
    if not listed:
        return []
    model = model or embedder()
    claims = _CLAIMS.get_many([c for c, _ in listed], model)
    articles = _ARTICLES.get_many([t for _, t in listed], model)
    rows = np.array([pair_features(claims[c], articles[t]) for c, t in listed], dtype=np.float32)
    probabilities = predict_probabilities(rows)
    return [_result(claims[c], articles[t], row) for (c, t), row in zip(listed, probabilities, strict=True)]


def check_articles(claim: str, articles: Sequence[Article], model: Embedder | None = None) -> list[StanceResult]:
    """One claim against ingested articles, in their order."""
    _require_text(claim, "the claim")
    return check_many([(claim, article.text) for article in articles], model)


def stance_of(claim: str, sentences: Sequence[str], model: Embedder | None = None) -> list[tuple[Label, float]]:
    """(label, confidence) of each sentence on its own towards `claim`, in order: for evidence the link stage has
    already aligned. The evidence layer reads each sentence (a refuting frame, an excluding number, negation or
    antonym: contradicts; a plain statement: supports; a hedge: discusses), its confidence the share of the claim's
    words the sentence carries. Where it is silent, a sentence near the claim discusses it (confidence: its cosine)
    and one far from it is unrelated (confidence: 1 - cosine); the whole-article model is not asked, one sentence
    gives it too little. A claim that is itself a question, a denial, a hedge or a report of what someone said is
    left to the model."""
    _require_text(claim, "the claim")
    for index, sentence in enumerate(sentences):
        _require_text(sentence, f"sentence {index}")
    if not sentences:
        return []
    if not _claim_reading(claim).judged:
        return [(r.label, r.confidence) for r in check_many([(claim, s) for s in sentences], model)]
    model = model or embedder()
    prepared = _CLAIMS.get_many([claim], model)[claim]
    articles = _ARTICLES.get_many(sentences, model)
    return [_sentence_stance(prepared, articles[sentence]) for sentence in sentences]


def _sentence_stance(claim: PreparedClaim, sentence: PreparedArticle) -> tuple[Label, float]:
    calls = sentence_calls(claim, sentence)
    decision = decide(calls)
    if decision is not None:
        return decision.label, decision.call.coverage
    similarity = float(np.max(sentence.vectors @ claim.vector))
    coverage = max((c.coverage for c in calls), default=0.0)
    # a shared name alone lifts MiniLM's cosine to ~0.4: a sentence near the claim also shares half its words
    if similarity >= DISCUSS_SIMILARITY or (similarity >= EVIDENCE_MIN_SIMILARITY and coverage >= 0.5):
        return "discusses", round(similarity, 4)
    return "unrelated", round(1 - max(similarity, 0.0), 4)


def check(
    claim: str,
    inputs: Iterable[str | Path],
    options: IngestOptions | None = None,
    progress: Progress | None = None,
) -> Report:
    """The `storylens check` report (schema "storylens.check/1"). Raises BadCheckInput on an empty claim and
    NoUsableInput when every input was skipped."""
    _require_text(claim, "the claim")
    preload(pipeline=None)  # the embedder loads while the inputs are read
    ingested = read_articles(inputs, options, progress)
    if not ingested.articles:
        raise NoUsableInput(ingested.skipped)
    if progress is not None:
        progress(f"checking the claim against {len(ingested.articles)} article(s)")
    results = check_articles(claim, ingested.articles)
    figures = validation_figures()
    return {
        "schema": CHECK_SCHEMA_ID,
        "generator": {"name": "storylens", "version": __version__},
        "claim": claim,
        "model": {
            "name": MODEL_NAME,
            "embedder": figures["embedder"],
            "validation": {k: figures["validation"][k] for k in ("fnc_score_share", "macro_f1")},
        },
        "summary": {label: sum(r.label == label for r in results) for label in LABELS},
        "articles": [_article_json(a, r) for a, r in zip(ingested.articles, results, strict=True)],
        "skipped": [skipped_json(error) for error in ingested.skipped],
        "notices": [notice_json(notice) for notice in ingested.notices],
    }


def _require_text(value: object, what: str) -> None:
    if not isinstance(value, str):
        raise BadCheckInput(f"{what} is a {type(value).__name__}, not text")
    if not value.strip():
        raise BadCheckInput(f"{what} is empty")


def _result(claim: PreparedClaim, article: PreparedArticle, probabilities: np.ndarray[Any, Any]) -> StanceResult:
    best = int(np.argmax(probabilities))
    shared = {name: round(float(p), 4) for name, p in zip(LABELS, probabilities, strict=True)}
    decision = _evidence_decision(claim, article, LABELS[best], float(probabilities[best]))
    if decision is None:
        label = LABELS[best]
        return StanceResult(
            label, round(float(probabilities[best]), 4), shared, tuple(_evidence(claim, article, label))
        )
    call = decision.call
    evidence = tuple(_evidence(claim, article, decision.label, deciding=call.index))
    return StanceResult(decision.label, call.coverage, shared, evidence, "evidence", call.reason)


def _evidence_decision(
    claim: PreparedClaim, article: PreparedArticle, label: Label, probability: float
) -> Decision | None:
    """The evidence layer's decision, unless the model is sure the article is about something else and no sentence
    carries most of the claim."""
    calls = sentence_calls(claim, article)
    decision = decide(calls)
    if decision is None:
        return None
    firmly_unrelated = label == "unrelated" and probability >= UNRELATED_FIRM
    if firmly_unrelated and decision.call.coverage < UNRELATED_OVERRIDE_COVERAGE:
        return None
    return decision


def sentence_calls(claim: PreparedClaim, article: PreparedArticle) -> list[SentenceCall]:
    """The evidence layer's reading of the sentences nearest the claim."""
    reading = _claim_reading(claim.text)
    texts = article.sentence_texts
    return [
        call_sentence(reading, index, texts[index], sim, texts[max(0, index - CONTEXT_SENTENCES) : index])
        for index, sim in nearest_sentences(claim, article, CANDIDATES)
        if sim >= MIN_SIMILARITY
    ]


_claim_reading = lru_cache(maxsize=CACHE_SIZE)(read_claim)


def _evidence(
    claim: PreparedClaim, article: PreparedArticle, label: Label, deciding: int | None = None
) -> Iterator[Evidence]:
    """The sentences that speak most to the claim, the deciding one (when the evidence layer decided) among them;
    for a model's `contradicts`, a nearby sentence that refutes it among them. None when the article is unrelated:
    no sentence speaks to the claim."""
    if label == "unrelated":
        return
    nearest = nearest_sentences(claim, article, CUE_WINDOW)
    ranked = sorted(nearest, key=lambda item: -_evidence_weight(claim, article, *item))
    if deciding is not None:
        ranked = [item for item in ranked if item[0] == deciding] + [item for item in ranked if item[0] != deciding]
    chosen = [(i, s) for rank, (i, s) in enumerate(ranked[:MAX_EVIDENCE]) if rank == 0 or s >= EVIDENCE_MIN_SIMILARITY]
    if deciding is None and label == "contradicts" and not any(article.refute[i] for i, _ in chosen):
        refuting = [(i, s) for i, s in ranked if article.refute[i]]
        chosen = chosen[: MAX_EVIDENCE - 1] + refuting[:1]
    for index, similarity in sorted(chosen):
        span = article.sentences[index]
        text = article.text[span.start : span.end]
        yield Evidence(span.start, span.end, text, round(similarity, 4), index == deciding)


def _evidence_weight(claim: PreparedClaim, article: PreparedArticle, index: int, similarity: float) -> float:
    """Similarity, raised for sentences that share the claim's words and that deny or hedge: embeddings alone
    rank a background sentence on the same topic above "the claims that he died in a crash are fake"."""
    shared = len(claim.words & article.words[index]) / max(len(claim.words), 1)
    cued = bool(article.refute[index] > 0 or article.hedge[index] > 0)
    return similarity + 0.2 * shared + 0.05 * cued


class _PreparedCache(Generic[Prepared]):
    """Prepared claims or articles by (embedder, text), the most recently used kept: the link stage and a web
    session ask about the same texts again and again, and embedding is the slow part."""

    def __init__(self, prepare: Callable[[Sequence[str], Embedder], list[Prepared]], size: int) -> None:
        self._prepare: Callable[[Sequence[str], Embedder], list[Prepared]] = prepare
        self._size = size
        self._lock = threading.Lock()
        self._items: OrderedDict[tuple[str, str], Prepared] = OrderedDict()

    def get_many(self, texts: Sequence[str], model: Embedder) -> dict[str, Prepared]:
        distinct = list(dict.fromkeys(texts))
        with self._lock:
            found = {t: self._items[(model.name, t)] for t in distinct if (model.name, t) in self._items}
        missing = [t for t in distinct if t not in found]
        found.update(zip(missing, self._prepare(missing, model), strict=True))
        with self._lock:
            for text in distinct:
                self._items[(model.name, text)] = found[text]
                self._items.move_to_end((model.name, text))
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return found


_CLAIMS = _PreparedCache(prepare_claims, CACHE_SIZE)
_ARTICLES = _PreparedCache(prepare_articles, CACHE_SIZE)


def _article_json(article: Article, result: StanceResult) -> dict[str, Any]:
    return {
        "id": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "origin": article.origin,
        "text": article.text,
        "label": result.label,
        "confidence": result.confidence,
        "basis": result.basis,
        "reason": result.reason,
        "probabilities": dict(result.probabilities),
        "evidence": [
            {
                "article": article.id,
                "start": e.start,
                "end": e.end,
                "text": e.text,
                "similarity": e.similarity,
                "decides": e.decides,
            }
            for e in result.evidence
        ],
    }


def validate_check_report(report: Report) -> None:
    """Raise jsonschema.ValidationError if `report` breaks its schema, or ValueError if an evidence offset lies."""
    validate_document(report, "check")
    for article in report["articles"]:
        for item in article["evidence"]:
            if item["article"] != article["id"] or article["text"][item["start"] : item["end"]] != item["text"]:
                raise ValueError(f"article {article['id']}: evidence [{item['start']}, {item['end']}) lies")
