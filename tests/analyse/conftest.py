"""Fixtures for the analyse stage: a parsed article from a text, with the real spaCy model (marked slow)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from storylens.analyse.entities import find_entities
from storylens.analyse.parsed import ParsedArticle, parse_articles
from storylens.ingest.finish import finish_article
from storylens.ingest.raw import RawDocument
from storylens.nlp import spacy_pipeline

Parse = Callable[..., ParsedArticle]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def parse() -> Parse:
    """parse(text, published=None) → ParsedArticle with sentences, mentions and entities filled in.
    One paragraph per line of `text`."""

    def _parse(text: str, published: date | None = None, article_id: str = "test") -> ParsedArticle:
        raw = RawDocument(origin=f"{article_id}.txt", kind="text", body=text, published=published)
        [parsed] = parse_articles([finish_article(raw, article_id)], spacy_pipeline())
        find_entities(parsed)
        return parsed

    return _parse
