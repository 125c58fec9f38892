"""Claim alignment on invented reports of one ferry fire: paraphrases align, unrelated claims stay apart."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
import pytest

from storylens.link.align import (
    _ArticleGuard,
    _average_linkage,
    _compared_text,
    _containment,
    _incidence,
    align_claims,
    core_proposition,
    proposition,
)
from storylens.nlp import embedder
from storylens.records import Article, ArticleAnalysis, Claim, ClaimCluster, ClaimRef, Span
from support import analysed_story

pytestmark = pytest.mark.slow

STORY = {
    "post": (
        "A fire broke out on the ferry Marisol Star shortly after it left Port Ashcombe on Friday evening. "
        "Two crew members were killed in the fire. "
        "The coastguard sent three rescue boats to the burning vessel. "
        "Captain Elena Moravec ordered passengers to gather on the upper deck. "
        "Tidewell Ferries said the engine room had been inspected in May. "
        "Local schools will stay closed on Monday as a mark of respect."
    ),
    "times": (
        "Tidewell Ferries insisted that the ship's engine room passed a safety inspection in May. "
        "Passengers were told by Captain Elena Moravec to assemble on the top deck. "
        "Three crew members died in the blaze. "
        "Flames engulfed the Marisol Star soon after the ferry departed from Port Ashcombe on Friday. "
        "A fishing festival in the harbour was cancelled last month because of storms."
    ),
    "wire": (
        "Fire swept through the Marisol Star ferry after it sailed from Port Ashcombe on Friday, killing two crew "
        "members. Investigators from the Marine Accident Branch will arrive on Sunday. "
        "Shares in Tidewell Ferries fell by 8% on Monday morning."
    ),
    "brief": (
        "The Marisol Star caught fire after leaving Port Ashcombe on Friday. Two members of the crew were killed."
    ),
}

Analysed = tuple[list[ArticleAnalysis], dict[tuple[int, int], int]]


def _analysed(story: dict[str, str]) -> Analysed:
    return analysed_story(story, date(2024, 5, 18))


@pytest.fixture(scope="module")
def three() -> Analysed:
    return _analysed({k: STORY[k] for k in ("post", "times")} | {"wire": STORY["wire"].split(" Investigators")[0]})


@pytest.fixture(scope="module")
def story() -> Analysed:
    return _analysed({k: STORY[k] for k in ("post", "times")} | {"wire": STORY["wire"]})


@pytest.fixture(scope="module")
def clusters(story: Analysed) -> list[ClaimCluster]:
    return align_claims(story[0], embedder(), story[1])


def _texts(analyses: Sequence[ArticleAnalysis], clusters: list[ClaimCluster]) -> list[set[str]]:
    return [{analyses[m.article].claims[m.claim].text for m in c.members} for c in clusters]


def _cluster_of(analyses: Sequence[ArticleAnalysis], clusters: list[ClaimCluster], start: str) -> set[str]:
    [found] = [texts for texts in _texts(analyses, clusters) if any(t.startswith(start) for t in texts)]
    return found


def test_paraphrases_in_other_words_and_order_align(story: Analysed, clusters: list[ClaimCluster]) -> None:
    analyses = story[0]
    fire = _cluster_of(analyses, clusters, "A fire broke out")
    assert any(t.startswith("Flames engulfed") for t in fire) and any(t.startswith("Fire swept") for t in fire)
    deck = _cluster_of(analyses, clusters, "Captain Elena Moravec ordered")
    assert deck == {"Captain Elena Moravec ordered passengers to gather on the upper deck.",
                    "Passengers were told by Captain Elena Moravec to assemble on the top deck."}  # fmt: skip
    inspection = _cluster_of(analyses, clusters, "Tidewell Ferries said")
    assert any(t.startswith("Tidewell Ferries insisted") for t in inspection) and len(inspection) == 2


def test_a_different_number_still_aligns(story: Analysed, clusters: list[ClaimCluster]) -> None:
    dead = _cluster_of(story[0], clusters, "Two crew members were killed")
    assert "Three crew members died in the blaze." in dead


def test_unrelated_claims_stay_single(story: Analysed, clusters: list[ClaimCluster]) -> None:
    for start in ("Local schools", "A fishing festival", "Investigators from", "Shares in Tidewell"):
        assert len(_cluster_of(story[0], clusters, start)) == 1, start


def test_every_claim_in_exactly_one_cluster(story: Analysed, clusters: list[ClaimCluster]) -> None:
    members = [m for c in clusters for m in c.members]
    every = [ClaimRef(a, c) for a, analysis in enumerate(story[0]) for c in range(len(analysis.claims))]
    assert sorted(members, key=lambda r: (r.article, r.claim)) == every
    assert all(c.canonical in c.members for c in clusters)


def test_alignment_is_deterministic(story: Analysed, clusters: list[ClaimCluster]) -> None:
    assert align_claims(story[0], embedder(), story[1]) == clusters


def test_one_detailed_claim_gathers_two_short_ones() -> None:
    analyses, entity_of = _analysed({"wire": STORY["wire"], "brief": STORY["brief"]})
    clusters = align_claims(analyses, embedder(), entity_of)
    gathered = _cluster_of(analyses, clusters, "Fire swept through")
    assert gathered == {analyses[0].claims[0].text, *(c.text for c in analyses[1].claims)}


def test_claims_of_one_article_are_not_merged_with_each_other(three: Analysed) -> None:
    analyses, entity_of = three
    only_post = align_claims(analyses[:1], embedder(), {k: v for k, v in entity_of.items() if k[0] == 0})
    assert all(len(c.members) == 1 for c in only_post)


# ---- speed: 10 articles × 40 claims, with stand-in embeddings (the model's time is not the clustering's) ------


class _TopicEmbedder:
    """Each claim text names a topic; its vector is the topic's plus noise: many true clusters, many merges."""

    name, dimensions = "topics", 384

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        rng = np.random.default_rng(7)
        topics = rng.normal(size=(64, self.dimensions))
        rows = np.stack([topics[int(t.split()[1]) % 64] for t in texts]) + rng.normal(scale=0.6, size=(len(texts), 384))
        return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def _synthetic(articles: int, claims: int) -> list[ArticleAnalysis]:
    made = []
    for a in range(articles):
        sentences = [
            f"Topic {(c * 7 + a) % 60} report from outlet {a} item {c} harbour fire crew." for c in range(claims)
        ]
        text = " ".join(sentences)
        spans, start = [], 0
        for sentence in sentences:
            spans.append(Span(start, start + len(sentence)))
            start += len(sentence) + 1
        article = Article(id=f"s{a}", origin=f"s{a}.txt", kind="text", text=text, paragraphs=(Span(0, len(text)),))
        found = tuple(Claim(span, text[span.start : span.end], i, None, ()) for i, span in enumerate(spans))
        made.append(ArticleAnalysis(article=article, sentences=tuple(spans), mentions=(), entities=(), claims=found))
    return made


def test_four_hundred_claims_cluster_quickly() -> None:
    analyses = _synthetic(10, 40)
    started = time.perf_counter()
    clusters = align_claims(analyses, _TopicEmbedder(), {})
    elapsed = time.perf_counter() - started
    assert sum(len(c.members) for c in clusters) == 400
    assert len(clusters) < 400  # topics shared across outlets did merge
    assert elapsed < 10  # measured ≈ 0.1–0.3 s here; a loose bound only, against a quadratic Python loop


# ---- rules added with the development split of tests/data/link_gold (invented text) -----------------------------


@pytest.mark.parametrize(
    ("claim", "stated"),
    [
        ("Nine boats joined the search, the harbour office said.", "Nine boats joined the search"),
        ("The bridge reopened at noon, according to the city council.", "The bridge reopened at noon"),
        ("Two porters told the Gazette that the lift had failed twice.", "the lift had failed twice."),
        ("Dock worker Ana Pell insisted the crane was not overloaded.", "the crane was not overloaded."),
        # a denial meets the statement it denies (the conflict check reads the whole claim, denial and all)
        ("A company spokesman, Tom Reed, denied that any tank had leaked.", "any tank had leaked."),
        ("The operator denied the report.", "The operator denied the report."),
        # the speaker is the one the proposition is about: kept
        ("Councillor Reyes claims she did nothing wrong.", "Councillor Reyes claims she did nothing wrong."),
        # too little would stay: the whole claim
        ("Police said so.", "Police said so."),
        # a speaker named with an appositive; a hedged attribution at the end
        ("Tomas Brenik, the union's convenor, said pickets would stay.", "pickets would stay."),
        (
            "Pickets will stay at the gates day and night, it is understood.",
            "Pickets will stay at the gates day and night",
        ),
        (
            "The blaze, the worst in years, said to be arson, spread fast.",
            "The blaze, the worst in years, said to be arson, spread fast.",
        ),
    ],
)
def test_proposition_leaves_the_attribution_out(claim: str, stated: str) -> None:
    assert proposition(claim) == stated


@pytest.mark.parametrize(
    ("claim", "core"),
    [
        ("Anton Brask, who founded Brennock Chemicals, was arrested on Tuesday, police said.",
         "Anton Brask was arrested on Tuesday"),
        ("The plant, which has run since 2011, closed.", "The plant closed."),
        ("Brennock denied reports that the sprinkler had failed.", "the sprinkler had failed."),
        ("Ten, which is many, died.", "Ten, which is many, died."),  # too little would stay
    ],
)  # fmt: skip
def test_core_proposition_leaves_background_asides_out(claim: str, core: str) -> None:
    assert core_proposition(claim) == core


def _linkage(scores: list[list[float]], articles: list[int], words: list[set[str]]) -> list[list[int]]:
    matrix = np.array(scores, dtype=np.float32)
    linkable = np.array(articles)[:, None] != np.array(articles)[None, :]
    guard = _ArticleGuard(np.array(articles), _containment(_incidence(words)))
    return _average_linkage(matrix, linkable, 0.5, guard)


def test_two_groups_sharing_an_article_stay_apart() -> None:
    # claims 0, 1 of article 0; claims 2, 3 of article 1; 0~2 and 1~3 are pairs; 0~3 and 1~2 just above threshold
    scores = [[1, 0, 0.9, 0.6], [0, 1, 0.6, 0.9], [0.9, 0.6, 1, 0], [0.6, 0.9, 0, 1]]
    words = [{"ferry", "sank"}, {"route", "closed"}, {"ferry", "capsized"}, {"route", "suspended"}]
    assert _linkage(scores, [0, 0, 1, 1], words) == [[0, 2], [1, 3]]


def test_a_detailed_claim_still_gathers_the_short_ones_it_holds() -> None:
    scores = [[1, 0.6, 0.6], [0.6, 1, 0], [0.6, 0, 1]]
    words = [{"fire", "ferry", "crew", "kill", "port"}, {"fire", "ferry", "port"}, {"crew", "kill"}]
    assert _linkage(scores, [0, 1, 1], words) == [[0, 1, 2]]


def test_a_claim_it_does_not_hold_is_left_out() -> None:
    scores = [[1, 0.6, 0.6], [0.6, 1, 0], [0.6, 0, 1]]
    words = [{"fire", "ferry", "port"}, {"fire", "ferry", "port"}, {"shares", "fell", "monday"}]
    assert _linkage(scores, [0, 1, 1], words) == [[0, 1], [2]]


def test_a_third_claim_close_to_one_of_a_pair_joins_it() -> None:
    # 0~1 a close pair; 2 scores 0.62 with 0 and 0.36 with 1: the plain mean (0.49) left it out
    scores = [[1, 0.9, 0.62], [0.9, 1, 0.36], [0.62, 0.36, 1]]
    words = [{"picket", "gate", "clock"}, {"picket", "gate", "night"}, {"steward", "picket", "clock"}]
    assert _linkage(scores, [0, 1, 2], words) == [[0, 1, 2]]


def test_a_third_claim_loosely_like_both_stays_out() -> None:
    scores = [[1, 0.9, 0.45], [0.9, 1, 0.45], [0.45, 0.45, 1]]
    words = [{"picket", "gate", "clock"}, {"picket", "gate", "night"}, {"union", "offer", "talks"}]
    assert _linkage(scores, [0, 1, 2], words) == [[0, 1], [2]]


def test_hedges_are_left_out_of_what_is_compared() -> None:
    analyses, _ = analysed_story(
        {"tabloid": "The walkout was reportedly ordered by the union's leaders, it is understood."}, date(2024, 3, 6)
    )
    assert _compared_text(analyses, ClaimRef(0, 0)) == "The walkout was ordered by the union's leaders."
