"""The report contract: records → the versioned JSON report (the API that every rendering reads)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from storylens._version import __version__
from storylens.errors import DuplicateInput, InputError, NoUsableInput, TooManyArticles
from storylens.ingest import IngestOptions, Progress, read_articles
from storylens.records import Article, ArticleAnalysis, Ingested, Notice, Span
from storylens.schema import validate_document

REPORT_SCHEMA_ID = "storylens.report/1"
ANALYSIS_SCHEMA_ID = "storylens.analysis/1"
Report = dict[str, Any]


MAX_ARTICLES = 100  # claims are compared pairwise: memory and time grow with the square of their number


def compare(
    inputs: Iterable[str | Path],
    options: IngestOptions | None = None,
    progress: Progress | None = None,
    max_articles: int = MAX_ARTICLES,
) -> Report:
    """The report for several reports of one event. Raises NoUsableInput when every input was skipped, and
    TooManyArticles past `max_articles` (before any analysis is spent)."""
    report, _ = compare_ingested(_read(inputs, options, progress, max_articles), progress)
    return report


def compare_ingested(ingested: Ingested, progress: Progress | None = None) -> tuple[Report, list[ArticleAnalysis]]:
    """The report over articles already read, and the analyses behind it (the corpus store keeps them)."""
    from storylens.link.report import story_json
    from storylens.link.story import link
    from storylens.nlp import preload

    preload()  # spaCy and the embedder load side by side, in two threads
    analyses = _analyse(ingested, progress)
    _tell(progress, "linking claims, entities and sources across articles")
    return build_report(ingested) | story_json(link(analyses)), analyses


def _read(
    inputs: Iterable[str | Path], options: IngestOptions | None, progress: Progress | None, max_articles: int | None
) -> Ingested:
    ingested = read_articles(inputs, options, progress)
    if not ingested.articles:
        raise NoUsableInput(ingested.skipped)
    if max_articles is not None and len(ingested.articles) > max_articles:
        raise TooManyArticles(len(ingested.articles), max_articles)
    return ingested


def _analyse(ingested: Ingested, progress: Progress | None) -> list[ArticleAnalysis]:
    """Every article analysed; what the analysis could not do is added to the notices."""
    from storylens.analyse import analyse_many

    _tell(progress, f"analysing {len(ingested.articles)} article(s)")
    analyses = analyse_many(ingested.articles)
    ingested.notices += [Notice(a.article.origin, limit) for a in analyses for limit in a.limitations]
    return analyses


def _tell(progress: Progress | None, message: str) -> None:
    if progress is not None:
        progress(message)


def build_report(ingested: Ingested) -> Report:
    return {
        "schema": REPORT_SCHEMA_ID,
        "generator": {"name": "storylens", "version": __version__},
        "articles": [article_json(article) | {"copies": _copies(ingested, article)} for article in ingested.articles],
        "skipped": [skipped_json(error) for error in ingested.skipped],
        "notices": [notice_json(notice) for notice in ingested.notices],
    }


def article_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "outlet": article.outlet,
        "outlet_from": article.outlet_from,
        "title": article.title,
        "byline": article.byline,
        "published": _iso(article.published),
        "origin": article.origin,
        "url": article.url,
        "kind": article.kind,
        "language": article.language,
        "language_score": article.language_score,
        "word_count": article.word_count,
        "text": article.text,
        "paragraphs": [[span.start, span.end] for span in article.paragraphs],
        "removed": [{"text": r.text, "reason": r.reason, "rule": r.rule} for r in article.removed],
    }


def _copies(ingested: Ingested, article: Article) -> list[dict[str, str | None]]:
    """The inputs skipped as the same text as `article`: another outlet that ran the same wire copy is still a
    carrier of every claim in it (one source with it, not a second one), so the report names it."""
    return [
        {"input": error.source, "id": error.record_id, "outlet": error.outlet}
        for error in ingested.skipped
        if isinstance(error, DuplicateInput) and error.kept == article.id
    ]


def skipped_json(error: InputError) -> dict[str, str]:
    return {"input": error.source, "reason": error.reason, "error": type(error).__name__}


def notice_json(notice: Notice) -> dict[str, str]:
    return {"input": notice.source, "message": notice.message}


def analyse_inputs(
    inputs: Iterable[str | Path], options: IngestOptions | None = None, progress: Progress | None = None
) -> Report:
    """Per-article analysis of every input (schema "storylens.analysis/1"). Raises NoUsableInput."""
    ingested = _read(inputs, options, progress, None)
    return build_analysis_report(ingested, _analyse(ingested, progress))


def build_analysis_report(ingested: Ingested, analyses: list[ArticleAnalysis]) -> Report:
    report = build_report(ingested)
    report["schema"] = ANALYSIS_SCHEMA_ID
    report["analyses"] = [analysis_json(a) for a in analyses]
    return report


def analysis_json(analysis: ArticleAnalysis) -> dict[str, Any]:
    """One article's findings; every item with start/end/text is an exact view of the article's text."""
    article = analysis.article
    entity_ids = [f"{article.id}/e{i}" for i in range(len(analysis.entities))]
    source_ids = [f"{article.id}/s{i}" for i in range(len(analysis.sources))]
    claim_ids = [f"{article.id}/c{i}" for i in range(len(analysis.claims))]

    def ref(ids: list[str], index: int | None) -> str | None:
        return ids[index] if index is not None else None

    return {
        "article": article.id,
        "sentences": [_view(article, s) for s in analysis.sentences],
        "entities": [
            {"id": entity_ids[i], "name": e.name, "type": e.label, "variants": list(e.variants),
             "mentions": [_view(article, m.span) | {"form": m.form} for m in analysis.mentions if m.entity == i]}
            for i, e in enumerate(analysis.entities)
        ],
        "quotes": [
            _view(article, q.span) | {"speaker": ref(entity_ids, q.speaker), "speaker_from": q.speaker_from,
             "speaker_text": article.span_text(q.speaker_span) if q.speaker_span else None, "cue": q.cue,
             "partial": q.partial}
            for q in analysis.quotes
        ],
        "sources": [
            {"id": source_ids[i], "name": s.name, "kind": s.kind, "entity": ref(entity_ids, s.entity),
             "mentions": [_view(article, span) for span in s.spans], "claims": [claim_ids[c] for c in s.statements]}
            for i, s in enumerate(analysis.sources)
        ],
        "claims": [
            _view(article, c.span) | {"id": claim_ids[i], "source": ref(source_ids, c.source),
             "hedges": [analysis.hedges[h].text for h in c.hedges], "numbers": list(c.numbers)}
            for i, c in enumerate(analysis.claims)
        ],
        "hedges": [_view(article, h.span) for h in analysis.hedges],
        "framing": [
            _view(article, f.span) | {"kind": f.kind, "target": ref(entity_ids, f.target), "quoted": f.quoted,
             "quoted_from": ref(entity_ids, f.quoted_from)}
            for f in analysis.framing
        ],
        "times": [
            _view(article, t.span) | {"value": t.value, "precision": t.precision, "claim": ref(claim_ids, t.claim)}
            for t in analysis.times
        ],
        "rates": dict(analysis.rates),
        "limitations": list(analysis.limitations),
    }  # fmt: skip


def _view(article: Article, span: Span) -> dict[str, Any]:
    return {"article": article.id, "start": span.start, "end": span.end, "text": article.span_text(span)}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def validate_report(report: Report) -> None:
    """Raise jsonschema.ValidationError if `report` breaks its schema, or ValueError if an offset lies."""
    validate_document(report, "report")
    texts = {article["id"]: article["text"] for article in report["articles"]}
    for article in report["articles"]:
        for start, end in article["paragraphs"]:
            if not article["text"][start:end].strip():
                raise ValueError(f"article {article['id']}: paragraph [{start}, {end}) is empty")
    for article_id, item in _views({key: value for key, value in report.items() if key != "articles"}, None):
        if article_id not in texts:
            raise ValueError(f"a finding points to article {article_id!r}, which the report does not list")
        if texts[article_id][item["start"] : item["end"]] != item["text"]:
            raise ValueError(f"article {article_id}: [{item['start']}, {item['end']}) is not {item['text']!r}")


def _views(value: Any, article: str | None) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every dict with start/end/text anywhere inside `value`, with the article it points into: its own `article`
    key, or the nearest enclosing one (a framing entry names its article once for all its terms)."""
    if isinstance(value, dict):
        if isinstance(value.get("article"), str):
            article = value["article"]
        if {"start", "end", "text"} <= value.keys() and article is not None:
            yield article, value
        for child in value.values():
            yield from _views(child, article)
    elif isinstance(value, list):
        for child in value:
            yield from _views(child, article)
