"""A cluster's canonical wording is the neutral one a fact-checker would quote; head counts of people by their state
("on board", "trapped") are one measured fact, so different figures align and conflict. Invented text."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from storylens.link.align import _canonical
from storylens.link.conflicts import _state_stem, claim_views, fact_keys, find_conflicts
from storylens.link.stances import contradicting, explicit_against, member_stance
from storylens.link.story import link
from storylens.nlp import embedder
from storylens.records import ArticleAnalysis, ClaimCluster, ClaimRef, Story
from support import analysed_story

pytestmark = pytest.mark.slow

# One proposition three ways: a tabloid's loaded, hedged wording first (earliest article), then two neutral ones.
FLIGHT = {
    "tabloid": "Disgraced tyrant Ivo Darran reportedly fled to Ostend on a chartered jet on Sunday, allies confirmed.\n"
    "Crowds gathered outside the palace in Vessen.\n",
    "wire": "Former president Ivo Darran fled to Ostend on a chartered jet on Sunday.\n"
    "Six people were on board the jet, an airport employee said.\n",
    "daily": "Ivo Darran left for Ostend aboard a chartered jet on Sunday.\n"
    "Nine passengers were on board the jet, according to a flight manifest.\n",
}


@pytest.fixture(scope="module")
def analysed() -> tuple[list[ArticleAnalysis], dict[tuple[int, int], int]]:
    return analysed_story(FLIGHT, date(2024, 12, 9))


@pytest.fixture(scope="module")
def story(analysed: tuple[list[ArticleAnalysis], dict[tuple[int, int], int]]) -> Story:
    return link(analysed[0])


def _ref(analyses: list[ArticleAnalysis], article: int, words: str) -> ClaimRef:
    found = [i for i, claim in enumerate(analyses[article].claims) if words in claim.text]
    assert found, f"no claim of article {article} holds {words!r}"
    return ClaimRef(article, found[0])


def test_the_loaded_hedged_wording_is_not_canonical(
    analysed: tuple[list[ArticleAnalysis], dict[tuple[int, int], int]], story: Story
) -> None:
    analyses = analysed[0]
    loaded = _ref(analyses, 0, "Disgraced tyrant")
    assert analyses[0].framing and analyses[0].hedges, "the tabloid wording should carry framing and a hedge"
    [cluster] = [c for c in story.clusters if loaded in c.members]
    assert len({m.article for m in cluster.members}) >= 2, "the versions of the flight should align"
    canonical = analyses[cluster.canonical.article].claims[cluster.canonical.claim].text
    assert "Disgraced" not in canonical and "reportedly" not in canonical


def test_two_versions_tie_on_centrality_and_the_neutral_one_wins() -> None:
    """Two members are always equally close to their mean: the earliest article won before, whatever its voice."""
    analyses, _ = analysed_story({k: FLIGHT[k] for k in ("tabloid", "daily")}, date(2024, 12, 9))
    loaded, neutral = _ref(analyses, 0, "Disgraced tyrant"), _ref(analyses, 1, "left for Ostend")
    vectors = embedder().embed([analyses[r.article].claims[r.claim].text for r in (loaded, neutral)])
    assert _canonical(analyses, [loaded, neutral], vectors) == neutral


def test_a_whole_sentence_wins_over_a_fragment_split_off_one() -> None:
    """Claim splitting can leave a clause ("although he …") as a claim: it is no wording to quote, even when neutral."""
    versions = {
        "tabloid": "The disgraced tyrant reportedly will not meet the envoy in Ostend, allies said.\n",
        "daily": "Darran was flown to Ostend on Sunday, although he will not meet the envoy, aides said.\n",
    }
    analyses, _ = analysed_story(versions, date(2024, 12, 9))
    whole = _ref(analyses, 0, "will not meet")
    fragments = [i for i, c in enumerate(analyses[1].claims) if c.text[:1].islower()]
    assert fragments, "the claim splitter should split the daily's sentence at 'although'"
    fragment = ClaimRef(1, fragments[0])
    vectors = embedder().embed([analyses[r.article].claims[r.claim].text for r in (whole, fragment)])
    assert _canonical(analyses, [whole, fragment], vectors) == whole


def test_a_far_more_central_member_stays_canonical() -> None:
    analyses, _ = analysed_story({k: FLIGHT[k] for k in ("tabloid", "daily")}, date(2024, 12, 9))
    loaded, neutral = _ref(analyses, 0, "Disgraced tyrant"), _ref(analyses, 1, "left for Ostend")
    third = _ref(analyses, 1, "Nine passengers")
    # Invented geometry: the neutral member far off the centre, the loaded one and a third near it.
    vectors = np.array([[0.0, 1.0], [0.95, 0.31], [1.0, 0.0]], dtype=np.float32)
    assert _canonical(analyses, [neutral, third, loaded], vectors) == third
    # All three about equally central, the loaded one the most: voice decides, and the loaded one loses.
    vectors = np.array([[0.8, 0.6], [0.7, 0.714], [0.6, 0.8]], dtype=np.float32)
    assert _canonical(analyses, [neutral, loaded, third], vectors) in {neutral, third}
    # A tabloid's rewrite sits between the wire and the paper it paraphrases: 0.06 more central than either, it is
    # still as good a summary, and voice decides.
    angles = np.radians([0.0, 20.0, 40.0])
    vectors = np.stack([np.cos(angles), np.sin(angles)], axis=1).astype(np.float32)
    assert _canonical(analyses, [neutral, loaded, third], vectors) in {neutral, third}


def test_head_counts_by_state_share_a_fact_key(
    analysed: tuple[list[ArticleAnalysis], dict[tuple[int, int], int]],
) -> None:
    analyses, entity_of = analysed
    six, nine = _ref(analyses, 1, "Six people"), _ref(analyses, 2, "Nine passengers")
    views = claim_views(analyses, [six, nine], entity_of)
    shared = fact_keys(views[six]) & fact_keys(views[nine])
    assert ("state", "", "person", "aboard") in shared


def test_different_head_counts_align_and_conflict(
    analysed: tuple[list[ArticleAnalysis], dict[tuple[int, int], int]], story: Story
) -> None:
    analyses = analysed[0]
    six, nine = _ref(analyses, 1, "Six people"), _ref(analyses, 2, "Nine passengers")
    [cluster] = [c for c in story.clusters if six in c.members]
    assert nine in cluster.members
    assert [c.kind for c in cluster.conflicts] == ["number"]
    assert '"Six people"' in cluster.conflicts[0].detail and '"Nine passengers"' in cluster.conflicts[0].detail


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Four miners remain trapped underground.", "Five workers were trapped underground."),
        ("Twelve workers are still missing.", "Ten miners remain missing."),
        ("There were nine people aboard the jet.", "Six passengers were on board."),
        ("Seven people are in custody.", "Eight protesters are in custody."),
        # a head count of strikers, told by the words outlets use for striking
        ("About 1,200 workers walked off the job on Monday.", "Some 750 workers had stopped work by noon."),
        ("An estimated 900 staff downed tools at the plant.", "About 600 employees went on strike."),
    ],
)
def test_one_head_count_told_two_ways_shares_a_state_key(first: str, second: str) -> None:
    analyses, entity_of = analysed_story({"x": first, "y": second}, date(2024, 3, 6))
    refs = [ClaimRef(0, 0), ClaimRef(1, 0)]
    views = claim_views(analyses, refs, entity_of)
    assert any(key[0] == "state" for key in fact_keys(views[refs[0]]) & fact_keys(views[refs[1]])), (first, second)


def test_different_states_are_different_keys() -> None:
    analyses, entity_of = analysed_story(
        {"x": "Nine people were on board the jet.", "y": "Three people are missing."}, date(2024, 3, 6)
    )
    refs = [ClaimRef(0, 0), ClaimRef(1, 0)]
    views = claim_views(analyses, refs, entity_of)
    assert not fact_keys(views[refs[0]]) & fact_keys(views[refs[1]])


@given(st.sampled_from(["trap", "arrest", "miss", "evacuate", "rescue", "strand", "detain"]))
def test_a_verb_and_its_participles_meet(verb: str) -> None:
    stem = verb.removesuffix("e")
    doubled = stem + stem[-1] if stem in {"trap"} else stem
    assert _state_stem(verb) == _state_stem(doubled + "ed") == _state_stem(doubled + "ing")


def test_a_disagreement_said_once_still_makes_its_member_contradict_any_canonical_claim() -> None:
    """One article states the count twice; the cluster reports the disagreement once, through its first claim. With
    the second claim canonical, the other article's count still contradicts it."""
    texts = {
        "x": "Six people were on board the jet.\nSix people were on board the jet, the airline said later.",
        "y": "Nine people were on board the jet.",
    }
    analyses, entity_of = analysed_story(texts, date(2024, 3, 6))
    first, second, other = ClaimRef(0, 0), ClaimRef(0, 1), ClaimRef(1, 0)
    assert len(analyses[0].claims) == 2 and len(analyses[1].claims) == 1
    views = claim_views(analyses, [first, second, other], entity_of)
    reported = tuple(find_conflicts(analyses, [first, second, other], entity_of, views))
    cluster = ClaimCluster((first, second, other), second, reported)
    assert other not in contradicting(cluster), "the reported conflict should pair the first claim only"
    against = explicit_against(analyses, cluster, entity_of, views)
    assert against == {other}
    assert member_stance(cluster, other, ("supports", 0.99), against) == "contradicts"
