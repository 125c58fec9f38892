"""The link gold set (tests/data/link_gold/) is well formed, and the scorer gives a perfect prediction full marks.

Fast: no models. Texts are read with `read_articles`, so phrases are checked against what the pipeline sees.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pytest
from benchmarks.link_quality import (
    GOLD,
    GoldEvent,
    PairItem,
    claim_at,
    load_events,
    pairwise,
    score_alignment,
    score_conflicts,
    score_entities,
    score_verdicts,
)

from storylens import read_articles
from storylens.records import (
    Article,
    ArticleAnalysis,
    Claim,
    ClaimCluster,
    ClaimRef,
    Conflict,
    LocalEntity,
    Span,
    StoryEntity,
)

EVENTS = load_events(GOLD)
IDS = [event.name for event in EVENTS]


@cache
def articles(folder: Path) -> dict[str, Article]:
    event = next(e for e in EVENTS if e.folder == folder)
    ingested = read_articles(event.paths)
    assert not ingested.skipped, ingested.skipped
    return {article.id: article for article in ingested.articles}


def test_enough_events() -> None:
    assert len(EVENTS) >= 4
    assert len(set(IDS)) == len(IDS)


@pytest.mark.parametrize("event", EVENTS, ids=IDS)
def test_articles_exist_and_read_cleanly(event: GoldEvent) -> None:
    assert 3 <= len(event.articles) <= 4
    assert all(path.is_file() for path in event.paths)
    read = articles(event.folder)
    assert list(read) == list(event.articles)
    for article in read.values():
        assert article.outlet and article.published is not None, article.id
        assert not article.removed, article.id
        assert 150 <= article.word_count <= 900, (article.id, article.word_count)


@pytest.mark.parametrize("event", EVENTS, ids=IDS)
def test_every_phrase_is_in_its_article_once(event: GoldEvent) -> None:
    texts = {key: article.text for key, article in articles(event.folder).items()}
    phrases = [(e.article, e.phrase) for c in event.claims for e in c.evidence]
    phrases += [(e.article, e.phrase) for c in event.conflicts for e in (c.first, c.second)]
    for article, phrase in phrases:
        assert texts[article].count(phrase) == 1, (article, phrase)
    forms = [f for entity in event.entities for f in entity.forms] + [f for pair in event.apart for f in pair]
    for article, form in forms:
        assert form in texts[article], (article, form)


@pytest.mark.parametrize("event", EVENTS, ids=IDS)
def test_statuses_match_evidence(event: GoldEvent) -> None:
    ids = [claim.id for claim in event.claims]
    assert len(set(ids)) == len(ids)
    for claim in event.claims:
        outlets = {e.article for e in claim.evidence}
        assert outlets <= set(event.articles), claim.id
        assert (len(outlets) == 1) == (claim.status == "single_source"), claim.id
        assert claim.independent_sources == len(claim.origins) >= 1, claim.id
        assert claim.independent_sources <= len(outlets), claim.id
    assert sum(claim.status == "single_source" for claim in event.claims) >= 5


@pytest.mark.parametrize("event", EVENTS, ids=IDS)
def test_conflicts_sit_in_their_claims(event: GoldEvent) -> None:
    claims = {claim.id: claim for claim in event.claims}
    for conflict in event.conflicts:
        claim = claims[conflict.claim]
        assert claim.status == "conflicting", conflict
        assert conflict.first in claim.evidence and conflict.second in claim.evidence, conflict
        assert conflict.first.article != conflict.second.article, conflict
    conflicting = {c.id for c in event.claims if c.status == "conflicting"}
    assert conflicting == {c.claim for c in event.conflicts}
    assert 2 <= len(conflicting) <= 4
    assert len({c.kind for c in event.conflicts}) >= 2


@pytest.mark.parametrize("event", EVENTS, ids=IDS)
def test_entities_are_well_formed(event: GoldEvent) -> None:
    named = {form for entity in event.entities for form in entity.forms}
    assert sum(len({a for a, _ in e.forms}) >= 2 for e in event.entities) >= 4
    assert event.apart
    for pair in event.apart:
        assert set(pair) <= named, pair


# ---- the scorer ---------------------------------------------------------------------------------------------------


def test_pairwise_counts_only_cross_article_pairs() -> None:
    items = [
        PairItem("a1", "k1", 0),
        PairItem("a2", "k1", 0),
        PairItem("a3", "k1", None),  # unmapped: a miss, never predicted
        PairItem("a2", "k2", 0),  # wrongly merged with k1
        PairItem("a1", "k2", 1),
    ]
    score = pairwise(items)
    # gold pairs: (a1,a2,k1) (a1,a3,k1) (a2,a3,k1) (a2,a1,k2) = 4; predicted: (1,2) (1,4) = 2; (2,4) same article
    assert (score.both, score.predicted, score.gold) == (1, 2, 4)
    assert score.precision == 0.5 and score.recall == 0.25


def test_pairwise_empty_is_perfect() -> None:
    score = pairwise([PairItem("a1", "k1", 0)])
    assert (score.precision, score.recall) == (1.0, 1.0)


def _perfect(event: GoldEvent) -> tuple[list[ArticleAnalysis], list[ClaimCluster], list[StoryEntity], dict[int, str]]:
    """Hand-built analyses with one claim per gold phrase, clusters equal to the gold claims, entities equal to the
    gold entities, and the gold statuses as verdicts."""
    read = articles(event.folder)
    claims: dict[str, list[Claim]] = {a: [] for a in event.articles}
    refs: dict[tuple[str, str], ClaimRef] = {}
    for claim in event.claims:
        for e in claim.evidence:
            start = read[e.article].text.index(e.phrase)
            span = Span(start, start + len(e.phrase))
            refs[(e.article, e.phrase)] = ClaimRef(event.articles.index(e.article), len(claims[e.article]))
            claims[e.article].append(Claim(span, e.phrase, 0, None, ()))
    local: dict[str, list[LocalEntity]] = {a: [] for a in event.articles}
    story: list[StoryEntity] = []
    for entity in event.entities:
        members = []
        for article, form in entity.forms:
            members.append((event.articles.index(article), len(local[article])))
            local[article].append(LocalEntity(form, "OTHER", (form,)))
        story.append(StoryEntity(entity.name, "OTHER", tuple(f for _, f in entity.forms), tuple(members)))
    analyses = [
        ArticleAnalysis(read[a], (Span(0, len(read[a].text)),), (), tuple(local[a]), claims=tuple(claims[a]))
        for a in event.articles
    ]
    clusters: list[ClaimCluster] = []
    statuses: dict[int, str] = {}
    for claim in event.claims:
        refs_of_claim = tuple(refs[(e.article, e.phrase)] for e in claim.evidence)
        conflicts = tuple(
            Conflict(c.kind, "", refs[(c.first.article, c.first.phrase)], refs[(c.second.article, c.second.phrase)])
            for c in event.conflicts
            if c.claim == claim.id
        )
        statuses[len(clusters)] = claim.status
        clusters.append(ClaimCluster(refs_of_claim, refs_of_claim[0], conflicts))
    return analyses, clusters, story, statuses


@pytest.mark.parametrize("event", EVENTS, ids=IDS)
def test_a_perfect_prediction_scores_full_marks(event: GoldEvent) -> None:
    analyses, clusters, story, statuses = _perfect(event)

    def verdict(cluster: ClaimCluster, _: Sequence[ArticleAnalysis]) -> str:
        return statuses[clusters.index(cluster)]

    alignment = score_alignment(event, analyses, clusters)
    assert (alignment.precision, alignment.recall) == (1.0, 1.0) and alignment.gold > 0
    assert score_verdicts(event, analyses, clusters, verdict).value == 1.0
    conflicts = score_conflicts(event, analyses, clusters)
    assert (conflicts.precision, conflicts.recall, conflicts.kind.value) == (1.0, 1.0, 1.0)
    assert conflicts.gold == len(event.conflicts)
    entities = score_entities(event, analyses, story)
    assert (entities.pairs.precision, entities.pairs.recall) == (1.0, 1.0)
    assert entities.found == entities.forms and entities.apart_merged == 0


@pytest.mark.parametrize("event", EVENTS[:1], ids=IDS[:1])
def test_everything_in_one_cluster_is_penalised(event: GoldEvent) -> None:
    analyses, clusters, story, _ = _perfect(event)
    merged = [ClaimCluster(tuple(m for c in clusters for m in c.members), clusters[0].canonical)]
    alignment = score_alignment(event, analyses, merged)
    assert alignment.recall == 1.0 and alignment.precision < 0.5
    one = [StoryEntity("all", "OTHER", (), tuple(m for e in story for m in e.members))]
    entities = score_entities(event, analyses, one)
    assert entities.pairs.precision < 0.5 and entities.apart_merged == len(event.apart)


def test_claim_at_falls_back_to_the_sentence() -> None:
    text = "One two three four. Five six seven eight."
    article = Article("x", "x.txt", "text", text, (Span(0, len(text)),))
    analysis = ArticleAnalysis(
        article,
        (Span(0, 19), Span(20, len(text))),
        (),
        (),
        claims=(Claim(Span(0, 8), "One two", 0, None, ()), Claim(Span(20, 29), "Five six", 1, None, ())),
    )
    assert claim_at(analysis, 4) == 0
    assert claim_at(analysis, 12) == 0  # outside any claim, in sentence 0
    assert claim_at(analysis, 35) == 1
    assert claim_at(analysis, 19) is None  # the space between sentences
