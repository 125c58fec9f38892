"""Fixtures for the analyse stage: a parsed article from a text, with the real spaCy model (marked slow)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from storylens import article_from_text
from storylens.analyse import parse_article
from storylens.analyse.parsed import ParsedArticle

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
        return parse_article(article_from_text(text, article_id, published=published))

    return _parse
