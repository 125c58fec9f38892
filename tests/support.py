"""Test data shared across test modules. Article texts here are invented for the tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from storylens.records import ArticleAnalysis

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parents[1] / "src" / "storylens" / "examples"

FERRY_STORY = (
    "Rescue crews searched the Farrow channel through Sunday night for two passengers missing from the ferry "
    "Saltmarsh Queen, which capsized in a squall on Sunday morning.\n"
    "The Farrow Harbour Authority said 21 of the 23 people aboard had been brought ashore alive.\n"
    "“We have not given up,” said harbour master Ines Calloway. “The water is cold but the missing are strong "
    "swimmers.”\n"
)


def entities_by_name(analyses: Sequence[ArticleAnalysis]) -> dict[tuple[int, int], int]:
    """Story entities by exact name key: a plain stand-in for the link stage's entity resolution in unit tests."""
    from storylens.analyse.entities import name_key

    keys: dict[str, int] = {}
    return {
        (a, e): keys.setdefault(name_key(entity.name), len(keys))
        for a, analysis in enumerate(analyses)
        for e, entity in enumerate(analysis.entities)
    }


def analysed_story(
    texts: Mapping[str, str], published: date
) -> tuple[list[ArticleAnalysis], dict[tuple[int, int], int]]:
    """Articles (id → text, one paragraph per line) analysed in one batch, with story entities by name."""
    from storylens import article_from_text
    from storylens.analyse import analyse_many

    analyses = analyse_many([article_from_text(text, key, published=published) for key, text in texts.items()])
    return analyses, entities_by_name(analyses)
