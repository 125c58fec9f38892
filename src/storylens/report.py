"""The report contract: records → the versioned JSON report (the API that every rendering reads)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from storylens._version import __version__
from storylens.errors import InputError, NoUsableInput
from storylens.ingest import IngestOptions, Progress, read_articles
from storylens.records import Article, Ingested, Notice

REPORT_SCHEMA_ID = "storylens.report/1"
Report = dict[str, Any]


def compare(
    inputs: Iterable[str | Path], options: IngestOptions | None = None, progress: Progress | None = None
) -> Report:
    """The report for several reports of one event. Raises NoUsableInput when every input was skipped."""
    ingested = read_articles(inputs, options, progress)
    if not ingested.articles:
        raise NoUsableInput(ingested.skipped)
    return build_report(ingested)


def build_report(ingested: Ingested) -> Report:
    return {
        "schema": REPORT_SCHEMA_ID,
        "generator": {"name": "storylens", "version": __version__},
        "articles": [article_json(article) for article in ingested.articles],
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


def skipped_json(error: InputError) -> dict[str, str]:
    return {"input": error.source, "reason": error.reason, "error": type(error).__name__}


def notice_json(notice: Notice) -> dict[str, str]:
    return {"input": notice.source, "message": notice.message}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


@lru_cache(maxsize=1)
def report_schema() -> dict[str, Any]:
    text = resources.files("storylens").joinpath("schema/report.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate_report(report: Report) -> None:
    """Raise jsonschema.ValidationError if `report` breaks the schema, or ValueError if an offset lies."""
    import jsonschema

    jsonschema.validate(report, report_schema())
    for article in report["articles"]:
        for start, end in article["paragraphs"]:
            if not article["text"][start:end].strip():
                raise ValueError(f"article {article['id']}: paragraph [{start}, {end}) is empty")
