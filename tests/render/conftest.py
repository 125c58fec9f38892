"""A hand-built story report for the renderers: two invented articles, a number conflict, a quote worded differently,
a shared agency, framing and a timeline, and markup in every field a user's input can reach."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storylens.report import REPORT_SCHEMA_ID, validate_report

HOSTILE = '<script>alert("x")</script>'
FIRST = (
    f"Nine people were hurt when the Kessel footbridge fell, the fire service said.\n\n"
    f'"We are inspecting every bridge of that design," said engineer Tomas Ferrand.\n\n'
    f"Readers saw {HOSTILE} on the fair's page | for an hour."
)
SECOND = (
    "Fourteen people were hurt when the Kessel footbridge fell, the fire service said.\n\n"
    '"We will inspect every bridge of this type," said engineer Tomas Ferrand.'
)


def _view(article: str, text: str, part: str) -> dict[str, Any]:
    start = text.index(part)
    return {"article": article, "start": start, "end": start + len(part), "text": part}


def _paragraphs(text: str) -> list[list[int]]:
    spans, start = [], 0
    for block in text.split("\n\n"):
        spans.append([start, start + len(block)])
        start += len(block) + 2
    return spans


def _article(article_id: str, outlet: str, text: str, title: str) -> dict[str, Any]:
    return {
        "id": article_id, "outlet": outlet, "outlet_from": "given", "title": title, "byline": None,
        "published": "2026-09-12", "origin": f"{article_id}.txt", "url": None, "kind": "text", "language": "en",
        "language_score": 1.0, "word_count": len(text.split()), "text": text, "paragraphs": _paragraphs(text),
        "removed": [{"text": f"Subscribe {HOSTILE}", "reason": "subscription offer", "rule": "subscription_offer"}],
    }  # fmt: skip


def build_report() -> dict[str, Any]:
    hurt_first = _view("post", FIRST, "Nine people were hurt when the Kessel footbridge fell, the fire service said.")
    hurt_second = _view(
        "courier", SECOND, "Fourteen people were hurt when the Kessel footbridge fell, the fire service said."
    )
    hostile = _view("post", FIRST, f"Readers saw {HOSTILE} on the fair's page | for an hour.")
    evidence = {"stance": "supports", "attributed_to": ["s0"], "hedges": []}
    report = {
        "schema": REPORT_SCHEMA_ID,
        "generator": {"name": "storylens", "version": "test"},
        "articles": [
            _article("post", f"The Post {HOSTILE}", FIRST, f"Bridge falls {HOSTILE}"),
            _article("courier", "Valley Courier", SECOND, "Fourteen hurt"),
        ],
        "skipped": [{"input": f"{HOSTILE}.txt", "reason": "nothing but whitespace", "error": "EmptyInput"}],
        "notices": [{"input": "post.txt", "message": f"note {HOSTILE}"}],
        "entities": [
            {
                "id": "e0",
                "name": f"Tomas Ferrand {HOSTILE}",
                "type": "PERSON",
                "variants": ["Tomas Ferrand"],
                "mentions": [_view("post", FIRST, "Tomas Ferrand")],
            },
        ],
        "claims": [
            {
                "id": "c0",
                "text": hurt_first["text"],
                "status": "conflicting",
                "outlets": ["post", "courier"],
                "independent_sources": 1,
                "origins": ["the fire service"],
                "evidence": [hurt_first | evidence, hurt_second | evidence],
                "conflicts": [
                    {
                        "kind": "number",
                        "detail": 'number: "Nine people" vs "Fourteen people"',
                        "first": hurt_first | evidence,
                        "second": hurt_second | evidence,
                    }
                ],
            },
            {
                "id": "c1",
                "text": hostile["text"],
                "status": "single_source",
                "outlets": ["post"],
                "independent_sources": 1,
                "origins": ["own reporting of The Post"],
                "evidence": [hostile | {"stance": "supports", "attributed_to": [], "hedges": []}],
                "conflicts": [],
            },
        ],
        "quotes": [
            {
                "speaker": "e0",
                "wording_differs": True,
                "similarity": 0.6,
                "variants": [
                    _view("post", FIRST, "We are inspecting every bridge of that design,"),
                    _view("courier", SECOND, "We will inspect every bridge of this type,"),
                ],
            },
        ],
        "sources": [
            {
                "id": "s0",
                "name": f"Wire Agency {HOSTILE}",
                "kind": "news_agency",
                "entity": None,
                "cited_by": ["post", "courier"],
                "claims": ["c0"],
            },
        ],
        "framing": [
            {
                "article": "post",
                "loaded_terms": [_view("post", FIRST, "fell") | {"kind": "loaded", "target": None}],
                "hedges": [],
                "rates": {"loaded": 20.0, "hedges": 0.0},
            },
            {"article": "courier", "loaded_terms": [], "hedges": [], "rates": {"loaded": 0.0, "hedges": 5.0}},
        ],
        "timeline": [
            {
                "when": "2026-09-12",
                "precision": "day",
                "claim": "c0",
                "text": hurt_first["text"],
                "articles": ["post", "courier"],
            }
        ],
    }
    validate_report(report)
    return report


@pytest.fixture
def hand_report() -> dict[str, Any]:
    return build_report()


EXAMPLES = Path(__file__).parents[2] / "src" / "storylens" / "examples"


@pytest.fixture(scope="session")
def bundled_report() -> dict[str, Any]:
    """The real report for the bundled invented examples (models and all): computed once per session."""
    from storylens.report import compare

    return compare(sorted(EXAMPLES.glob("*.txt")))
