"""Evidence stance towards the canonical claim, and conflict details that name outlets (invented reports)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from storylens import article_from_text
from storylens.analyse import analyse_many
from storylens.link.conflicts import article_names
from storylens.link.stances import CONTRADICTS_CONFIDENCE, member_stance
from storylens.link.story import link
from storylens.records import ArticleAnalysis, ClaimCluster, ClaimRef, Conflict

CANONICAL, OTHER = ClaimRef(0, 0), ClaimRef(1, 0)
DAY = date(2026, 3, 2)


def _pair(conflicts: tuple[Conflict, ...] = ()) -> ClaimCluster:
    return ClaimCluster((CANONICAL, OTHER), CANONICAL, conflicts)


def test_an_explicit_conflict_with_the_canonical_claim_contradicts_whatever_the_model_says() -> None:
    cluster = _pair((Conflict("number", 'number: "2" vs "3"', CANONICAL, OTHER),))
    assert member_stance(cluster, OTHER, ("supports", 0.99)) == "contradicts"


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (("contradicts", CONTRADICTS_CONFIDENCE), "contradicts"),
        (("contradicts", CONTRADICTS_CONFIDENCE - 0.01), "supports"),  # a doubtful call keeps the alignment's reading
        (("discusses", 0.95), "supports"),
        (None, "supports"),
    ],
)
def test_the_model_decides_only_when_confident(call: tuple[str, float] | None, expected: str) -> None:
    assert member_stance(_pair(), OTHER, call) == expected


def _analyses(outlets: list[str | None]) -> list[ArticleAnalysis]:
    texts = ["Two workers were killed in the blast at the Brennock plant on Tuesday.",
             "Three workers were killed in the blast at the Brennock plant on Tuesday.",
             "Two workers died in the blast at the Brennock plant on Tuesday."]  # fmt: skip
    pairs = enumerate(zip(texts, outlets, strict=True))
    articles = [article_from_text(t, f"r{i}", published=DAY, outlet=o) for i, (t, o) in pairs]
    return analyse_many(articles)


@pytest.mark.slow
def test_article_names_are_outlets_with_the_id_only_where_needed() -> None:
    analyses = _analyses(["Herald", None, "Herald"])
    assert article_names(analyses) == ["Herald, r0", "r1", "Herald, r2"]


@pytest.mark.slow
@pytest.mark.parametrize("keep_parses", [True, False])
def test_link_sets_one_stance_per_member_and_names_outlets_in_details(keep_parses: bool) -> None:
    analyses = _analyses(["Herald", "Ledger", "Courier"])
    if not keep_parses:  # analyses shipped between processes arrive without their spaCy parses
        analyses = [replace(a, claim_docs=()) for a in analyses]
    story = link(analyses)
    [cluster] = [c for c in story.clusters if len(c.members) == 3]
    assert len(cluster.stances) == len(cluster.members)
    stance = dict(zip(cluster.members, cluster.stances, strict=True))
    assert stance[ClaimRef(1, 0)] == "contradicts"  # the odd count: "Three" against "Two"
    assert stance[ClaimRef(0, 0)] == stance[ClaimRef(2, 0)] == "supports"
    details = [c.detail for c in cluster.conflicts]
    assert details and all("Ledger" in d and "r1" not in d for d in details), details
