"""Incremental story clustering on hand-made features (no model): time window, names, undated articles, order."""

from __future__ import annotations

from collections import Counter
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storylens import article_from_text
from storylens.corpus import cluster
from storylens.corpus.cluster import (
    NAME_BASELINE,
    WINDOW_DAYS,
    DocumentFrequencies,
    Features,
    Merge,
    NameWords,
    StoryClusterer,
    headline,
    lead_text,
    name_coverage,
    names_in,
    term_counts,
    term_id,
    time_penalty,
)

DAY = date(2025, 3, 3).toordinal()


def unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def item(article_id: str, vector: np.ndarray, day: int | None = DAY, names: str = "") -> Features:
    return Features(article_id, article_id, frozenset(names.split(",")) - {""}, day, vector)


def test_same_event_joins_and_a_different_one_starts_a_story() -> None:
    clusterer = StoryClusterer()
    first = clusterer.assign(item("a", unit(1, 0, 0)))
    assert clusterer.assign(item("b", unit(0.95, 0.1, 0))) == first
    assert clusterer.assign(item("c", unit(0, 1, 0))) != first
    assert clusterer.stories[first].articles == ["a", "b"]


def test_same_topic_outside_the_time_window_is_another_story() -> None:
    clusterer = StoryClusterer()
    first = clusterer.assign(item("quake-1", unit(1, 0, 0)))
    later = clusterer.assign(item("quake-2", unit(1, 0, 0), day=DAY + WINDOW_DAYS + 1))
    assert later != first
    assert clusterer.assign(item("quake-1-follow-up", unit(1, 0, 0), day=DAY + 1)) == first


def test_names_tell_same_topic_events_apart() -> None:
    clusterer = StoryClusterer()
    first = clusterer.assign(item("a", unit(1, 0, 0), names="valdera,rosco"))
    other = item("b", unit(0.6, 0.8, 0), names="tessaly,vinna")  # cosine 0.6 to the story, no shared name
    same = item("c", unit(0.6, 0, 0.8), names="valdera,rosco")  # cosine 0.6 too, the story's names
    assert clusterer.assign(other) != first
    assert clusterer.assign(same) == first


def test_an_undated_article_can_join_a_recent_story() -> None:
    clusterer = StoryClusterer()
    first = clusterer.assign(item("a", unit(1, 0, 0)))
    assert clusterer.assign(item("undated", unit(1, 0, 0), day=None)) == first


def test_candidates_are_only_stories_near_the_day() -> None:
    clusterer = StoryClusterer()
    for offset in range(0, 100, 10):  # ten stories, ten days apart
        clusterer.assign(item(f"a{offset}", unit(1, offset, 0), day=DAY + offset))
    assert len(clusterer.stories) == 10
    assert len(clusterer.candidates(DAY + 50)) == 1


def test_time_and_names_scores() -> None:
    assert time_penalty(None, [DAY]) == 0.0 and time_penalty(DAY, []) == 0.0
    assert time_penalty(DAY, [DAY - 2, DAY + 5]) > time_penalty(DAY, [DAY])
    frequencies = DocumentFrequencies()
    assert name_coverage(NameWords.of(()), Counter({"x": 1}), frequencies) == 0.0  # no names: neutral
    assert name_coverage(NameWords.of({"x"}), Counter({"x": 2}), frequencies) == pytest.approx(1 - NAME_BASELINE)
    assert name_coverage(NameWords.of({"y"}), Counter({"x": 2}), frequencies) == -NAME_BASELINE


def test_a_rare_name_outweighs_a_common_one() -> None:
    """A run of same-kind events (every one "Postal", each its own town) must not read as one story."""
    frequencies = DocumentFrequencies()
    for number in range(cluster.IDF_MIN_DOCUMENTS):
        frequencies.count(term_counts([f"Postal workers strike in town{number}"])[0])
    for town in ("ashby", "bream", "corton", "dunmore"):
        frequencies.count(term_counts([f"Postal workers strike in {town}"])[0])
    story = Counter({"postal": 3, "ashby": 3})
    other_town = name_coverage(NameWords.of({"postal", "corton"}), story, frequencies)
    same_town = name_coverage(NameWords.of({"postal", "ashby"}), story, frequencies)
    assert other_town < 0 < same_town


def test_names_skip_sentence_starters() -> None:
    names = names_in("The quake struck Rosco on Monday. Governor Elena Marsh said it was bad.")
    assert {"rosco", "elena marsh", "elena", "marsh"} <= names
    assert "the" not in names and "monday" not in names
    assert names_in("Unions rejected Brenrail’s offer; Brenrail's board met Assads' lawyers.") >= {"brenrail", "assads"}


def test_headline_falls_back_to_the_first_sentence() -> None:
    article = article_from_text("A quake struck Rosco. Many houses fell.\nMore news.", "x")
    assert headline(article) == "A quake struck Rosco."
    assert lead_text(article).startswith("A quake struck Rosco.")


vectors = st.lists(st.tuples(st.integers(0, 3), st.integers(-3, 3), st.none() | st.integers(0, 12)), max_size=25)


@settings(max_examples=60, deadline=None)
@given(vectors, st.integers(0, 25), st.sampled_from([cluster.MERGE_THRESHOLD, 0.4]))
def test_adding_later_gives_the_same_stories_as_one_batch(
    spec: list[tuple[int, int, int | None]], cut: int, merge_threshold: float
) -> None:
    items = [
        item(f"a{i}", unit(1 + topic, float(topic * 2 + 1), float(shade)), day=None if d is None else DAY + d)
        for i, (topic, shade, d) in enumerate(spec)
    ]
    with pytest.MonkeyPatch.context() as patch:  # 0.4: merges happen often
        patch.setattr(cluster, "MERGE_THRESHOLD", merge_threshold)
        batch = StoryClusterer()
        expected = [batch.assign(x) for x in items]
        first, second = StoryClusterer(), StoryClusterer()
        got = [first.assign(x) for x in items[:cut]]
        for story in first.in_touch_order():  # what a store saves and restores
            second.restore(story)
        for absorbed, survivor in first.merged.items():
            second.restore_merge(absorbed, survivor)
        got += [second.assign(x) for x in items[cut:]]
    assert got == expected
    assert [second.resolve(s) for s in got] == [batch.resolve(s) for s in expected]


def test_a_story_that_grows_towards_another_merges_into_the_older(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster, "MERGE_THRESHOLD", 0.4)
    clusterer = StoryClusterer()
    left = clusterer.assign(item("a", unit(1, 0, 0)))
    right = clusterer.assign(item("b", unit(0.3, 0.954, 0)))  # cosine 0.3: another story
    assert left != right
    # Joins the right story (cosine 0.94; 0.6 to the left one), whose centroid is then 0.46 from the left one.
    assert clusterer.assign(item("c", unit(0.6, 0.8, 0))) == left
    assert list(clusterer.stories) == [left] and clusterer.stories[left].articles == ["a", "b", "c"]
    assert clusterer.resolve(right) == left
    assert clusterer.take_merges() == [Merge(right, left, 1)] and clusterer.take_merges() == []
    assert clusterer.candidates(DAY) == [left]
    assert clusterer.assign(item("d", unit(0, 0, 1))) not in (left, right)  # an absorbed id is never reused


# ---- the lexical signal ---------------------------------------------------------------------------------------------


def test_term_counts_are_sublinear_and_the_same_on_every_call() -> None:
    from storylens.corpus.cluster import term_counts

    once, again = term_counts(["Blaze blaze blaze in Harlow warehouse"] * 2)
    assert np.array_equal(once.ids, again.ids) and np.all(np.diff(once.ids) > 0)
    assert sorted(once.weights.tolist()) == pytest.approx([1.0, 1.0, 1.0 + np.log(3)])  # "in" is a stop word


def test_a_word_in_every_article_weighs_nothing_once_there_are_enough_articles() -> None:
    from storylens.corpus.cluster import DocumentFrequencies, term_counts

    frequencies = DocumentFrequencies()
    everywhere, rare = term_counts(["reporting", "reporting warehouse"])
    for _ in range(cluster.IDF_MIN_DOCUMENTS - 1):
        frequencies.count(everywhere)
    assert frequencies.idf(rare.ids).tolist() == [1.0, 1.0]  # too few articles to tell: every word counts the same
    frequencies.count(everywhere)
    assert frequencies.idf(everywhere.ids).tolist() == [0.0]
    assert float(frequencies.idf(rare.ids).max()) > 1.0


def test_term_cosine_is_none_without_evidence_and_high_for_the_same_words() -> None:
    from storylens.corpus.cluster import DocumentFrequencies, StoryState, term_cosine, term_counts, unit

    frequencies = DocumentFrequencies()
    fire, bridge, other = term_counts(["warehouse fire arson", "bridge collapse inspection", "election coalition"])
    for terms in (fire, bridge, other):
        frequencies.count(terms)
    story = StoryState("s", "t", np.zeros(2, dtype=np.float32))
    assert term_cosine(unit(fire), story.terms, frequencies) is None  # an empty story: no evidence either way
    story.add_terms(unit(fire), frequencies)
    assert term_cosine(unit(fire), story.terms, frequencies) == pytest.approx(1.0)
    assert term_cosine(unit(bridge), story.terms, frequencies) == 0.0


@given(st.lists(st.lists(st.integers(0, 2_000), min_size=1, max_size=60, unique=True), min_size=1, max_size=30))
@settings(max_examples=40, deadline=None)
def test_a_story_keeps_at_most_its_heaviest_terms(documents: list[list[int]]) -> None:
    from storylens.corpus import cluster

    frequencies = cluster.DocumentFrequencies()
    story = cluster.StoryState("s", "t", np.zeros(2, dtype=np.float32))
    for ids in documents:
        terms = cluster.Terms(np.array(sorted(ids), dtype=np.int32), np.ones(len(ids), dtype=np.float32))
        story.add_terms(cluster.unit(terms), frequencies)
        frequencies.count(terms)
    assert len(story.terms.ids) <= cluster.STORY_TERMS
    assert np.all(np.diff(story.terms.ids) > 0) and np.all(story.terms.weights > 0)
    if len({i for ids in documents for i in ids}) <= cluster.STORY_TERMS:  # nothing pruned: exact sums
        expected = Counter(i for ids in documents for i in ids for _ in [0])
        weights = dict(zip(story.terms.ids.tolist(), story.terms.weights.tolist(), strict=True))
        norms = {n: 1 / np.sqrt(len(ids)) for n, ids in enumerate(documents)}
        for term in expected:
            total = sum(norms[n] for n, ids in enumerate(documents) if term in ids)
            assert weights[term] == pytest.approx(total, rel=1e-4)


def test_name_ids_are_the_term_counter_ids() -> None:
    """Name weights come from the lexical document frequencies, so a name word must hash as the counter does."""
    counted = term_counts(["Kessel harbour Aurora"])[0]
    assert sorted(term_id(word) for word in ("kessel", "harbour", "aurora")) == counted.ids.tolist()


def test_same_place_is_not_enough_when_the_reports_tell_different_things() -> None:
    """A bridge collapse and a warehouse fire in one town share its names; their leads read apart (cosine 0.3)."""
    clusterer = StoryClusterer()
    bridge = clusterer.assign(item("bridge", unit(1, 0, 0), names="harlow,ems"))
    assert clusterer.assign(item("fire", unit(0.3, 0.954, 0), names="harlow,ems")) != bridge
    assert clusterer.assign(item("bridge-2", unit(0.9, 0.436, 0), names="harlow,ems")) == bridge
