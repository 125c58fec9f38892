"""The same-fact alignment pass: claims that state one measured fact (a count of the dead, of the evacuated, a
numbered place) are aligned even when their sentences read far apart, so that different figures become conflicts;
and different facts with different figures stay apart. Invented text."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from storylens.link.align import _ArticleGuard, same_fact_keys, same_fact_term
from storylens.link.conflicts import claim_views, fact_keys
from storylens.link.story import link
from storylens.records import ArticleAnalysis, ClaimRef, Story
from support import analysed_story

pytestmark = pytest.mark.slow

WIRE = (
    "Brennock plant fire\n"
    "Two workers were killed and about 1,200 residents were evacuated after a fire broke out at the Brennock "
    "chemical plant in Halvering early on Tuesday, officials said.\n"
    "The fire started in Warehouse 7 of the Brennock plant, the fire service said.\n"
    "Fourteen people were treated in hospital for breathing problems.\n"
)
LOCAL = (
    "Third death after Brennock fire\n"
    "A third person has died following Tuesday's fire at the Brennock chemical plant in Halvering, raising the "
    "death toll to three, the hospital trust said.\n"
    "Crews found the fire already burning in a loading bay next to Warehouse 9.\n"
    "More than 3,000 people were evacuated from their homes in Halvering overnight.\n"
    "It was the worst fire in Halvering since 2009, when eleven people died in a blaze at the docks.\n"
)


@pytest.fixture(scope="module")
def analysed() -> tuple[list[ArticleAnalysis], dict[tuple[int, int], int]]:
    return analysed_story({"wire": WIRE, "local": LOCAL}, date(2024, 3, 6))


@pytest.fixture(scope="module")
def story(analysed: tuple[list[ArticleAnalysis], dict[tuple[int, int], int]]) -> Story:
    return link(analysed[0])


def _claim(analyses: list[ArticleAnalysis], article: int, words: str) -> ClaimRef:
    found = [i for i, claim in enumerate(analyses[article].claims) if words in claim.text]
    assert found, f"no claim of article {article} holds {words!r}"
    return ClaimRef(article, found[0])


def _keys(analysed: tuple[list[ArticleAnalysis], dict[tuple[int, int], int]], article: int, words: str) -> set[str]:
    analyses, entity_of = analysed
    ref = _claim(analyses, article, words)
    return {":".join(part for part in key if part) for key in fact_keys(claim_views(analyses, [ref], entity_of)[ref])}


def test_fact_keys_name_what_was_measured(analysed: tuple[list[ArticleAnalysis], dict[tuple[int, int], int]]) -> None:
    assert "event:death" in _keys(analysed, 0, "Two workers were killed")
    assert "event:death" in _keys(analysed, 1, "death toll to three")
    assert "measure:person:evacuate" in _keys(analysed, 0, "1,200 residents")
    assert "measure:person:evacuate" in _keys(analysed, 1, "3,000 people")
    assert "numbered:warehouse:7" in _keys(analysed, 0, "Warehouse 7")
    assert "numbered:warehouse:9" in _keys(analysed, 1, "Warehouse 9")
    assert not _keys(analysed, 0, "Fourteen people") & _keys(analysed, 1, "3,000 people")
    assert "event:death" not in _keys(analysed, 1, "since 2009")  # a side remark's count is another event's


def _conflict_details(story: Story) -> list[str]:
    return [conflict.detail for cluster in story.clusters for conflict in cluster.conflicts]


def test_different_figures_for_one_fact_are_found_across_differently_worded_sentences(story: Story) -> None:
    details = _conflict_details(story)
    assert any("three" in d and d.startswith("number:") and d.endswith("dead") for d in details), details
    assert any("1,200" in d and "3,000" in d for d in details), details
    assert any("Warehouse 7" in d and "Warehouse 9" in d for d in details), details


def test_different_facts_with_different_figures_are_not_conflicts(story: Story) -> None:
    details = _conflict_details(story)
    assert not any("Fourteen" in d and ("3,000" in d or "three" in d) for d in details), details
    assert not any("eleven" in d for d in details), details  # a count in a side remark is another event's


def test_the_same_fact_term_needs_a_shared_key_and_a_loosely_related_sentence() -> None:
    keys = np.array([[1, 0], [1, 0], [0, 1], [1, 0]], dtype=np.float32)
    vectors = np.array([[1.0, 0.0], [0.8, 0.6], [0.8, 0.6], [0.0, 1.0]], dtype=np.float32)
    term = same_fact_term(keys, vectors)
    assert term[0, 1] > 0  # shared key, cosine 0.8
    assert term[0, 2] == 0  # no shared key
    assert term[0, 3] == 0  # shared key, but unrelated sentences (cosine 0)


def test_the_guard_lets_one_article_tell_one_fact_in_two_sentences() -> None:
    articles = np.array([0, 1, 1])
    same_fact = np.array([[False, True, True], [True, False, True], [True, True, False]])
    nothing_contained = np.zeros((3, 3), dtype=np.float32)
    assert _ArticleGuard(articles, nothing_contained, same_fact).allows([0, 1], [2])
    assert not _ArticleGuard(articles, nothing_contained, ~same_fact).allows([0, 1], [2])
    assert not _ArticleGuard(articles, nothing_contained).allows([0, 1], [2])


def test_a_deed_asked_for_is_one_fact_whoever_asked() -> None:
    texts = {
        "told": "Mayor Ilse Varga told the harbour master to close the port of Halvering.",
        "persuaded": "Engineers from the port authority persuaded the harbour master to close the port of Halvering.",
        "visited": "Mayor Ilse Varga visited the port of Halvering on Tuesday.",
    }
    analyses, entity_of = analysed_story(texts, date(2024, 3, 6))
    views = claim_views(analyses, [ClaimRef(a, 0) for a in range(3)], entity_of)
    keys = [fact_keys(views[ClaimRef(a, 0)]) for a in range(3)]
    assert ("act", "close", "port") in keys[0] & keys[1]
    assert not keys[0] & keys[2]


def test_who_persuaded_someone_of_one_thing_is_one_fact() -> None:
    texts = {
        "told": "Mayor Ilse Varga told Tomas Reyl that he was going to lose the vote, insiders revealed.",
        "persuaded": "Party agents persuaded Tomas Reyl he would lose the vote.",
        "outlet": "Mayor Ilse Varga told reporters that she would lose the vote.",
    }
    analyses, entity_of = analysed_story(texts, date(2024, 3, 6))
    views = claim_views(analyses, [ClaimRef(a, 0) for a in range(3)], entity_of)
    keys = [fact_keys(views[ClaimRef(a, 0)]) for a in range(3)]
    assert ("persuade", "lose") in keys[0] & keys[1]
    assert ("persuade", "lose") not in keys[2]  # telling reporters is how a statement is made


def test_a_numbered_place_is_one_fact_only_where_its_number_is_in_dispute() -> None:
    disputed = same_fact_keys([{("numbered", "warehouse", "7")}, {("numbered", "warehouse", "9")}])
    assert disputed == [{("numbered", "warehouse")}, {("numbered", "warehouse")}]
    setting = same_fact_keys([{("numbered", "pier", "9"), ("event", "death")}, {("numbered", "pier", "9")}])
    assert setting == [{("event", "death")}, set()]


def _first_claims_keys(texts: dict[str, str]) -> list[set[tuple[str, ...]]]:
    """The fact keys of each text's first claim, the texts analysed as one story."""
    analyses, entity_of = analysed_story(texts, date(2024, 3, 6))
    refs = [ClaimRef(a, 0) for a in range(len(texts))]
    views = claim_views(analyses, refs, entity_of)
    return [set(fact_keys(views[ref])) for ref in refs]


def test_a_count_of_one_thing_by_different_figures_is_one_fact_however_worded() -> None:
    texts = {
        "paper": "The recall covers 12 batches of the syrup, the document shows.",
        "trade": "The notice sent to wholesalers on Tuesday lists nine batches.",
        "agreeing": "Inspectors sealed nine batches at the Tessvik plant.",
        "people": "Nine people were treated in hospital.",
    }
    keys = _first_claims_keys(texts)
    assert ("count", "batch", "12") in keys[0] and ("count", "batch", "9") in keys[1]
    assert not any(key[0] == "count" for key in keys[3])  # people are counted in too many ways to tie by count
    aligned = same_fact_keys(keys)
    shared = aligned[0] & aligned[1] & aligned[2]  # the story counts batches two ways, 12 and nine
    assert any(key[:2] == ("count", "batch") for key in shared)
    agreed = same_fact_keys([keys[1], keys[2]])
    assert not any(key[0] == "count" for claim in agreed for key in claim)  # one figure: nothing in dispute
    not_counts = {
        "label": "Gas escaped through a faulty valve on storage tank No. 2 at the Tessvik plant.",  # a name
        "bribes": "The director took 2.4 million florins in bribes from Tessvik Terminals.",  # a sum, not a count
        "contract": "The Tessvik contracts are worth a combined 140 million florins.",
    }
    label, bribes, contract = _first_claims_keys(not_counts)
    assert not any(key[0] in {"count", "value"} for key in label)
    assert not any(key[0] == "count" for key in bribes | contract)


def test_one_figure_with_a_unit_is_one_fact_however_written() -> None:
    texts = {
        "wire": "The union is seeking a pay rise of 9 per cent for this year.",
        "site": "Militants at the Tessvik plant are demanding a 9% raise.",
        "other": "Prices at Tessvik rose 7.8 per cent last year.",
        "days": "The Tessvik strike will last for two days.",
    }
    keys = _first_claims_keys(texts)
    assert ("figure", "%", "9") in keys[0] & keys[1]
    assert ("figure", "%", "9") not in keys[2]
    assert not any(key[0] == "figure" for key in keys[3])  # durations recur across a story's facts


def test_one_named_subject_s_silence_is_one_fact_however_worded() -> None:
    analysed = analysed_story(
        {
            "wire": "Brennock Chemicals did not immediately respond to a request for comment.\n",
            "local": "Brennock Chemicals has so far refused to comment on the fire.\n",
            "other": "The Halvering council declined to comment.\n",
        },
        date(2024, 3, 6),
    )
    wire, local, other = (_keys(analysed, n, words) for n, words in ((0, "respond"), (1, "refused"), (2, "declined")))
    silence = {key for key in wire if key.startswith("no comment")}
    assert silence and silence == {key for key in local if key.startswith("no comment")}
    assert not silence & other  # someone else's silence is another fact


def test_counts_tie_only_within_an_order_of_magnitude() -> None:
    three, four, six_hundred = same_fact_keys(
        [{("count", "inmate", "3")}, {("count", "inmate", "4")}, {("count", "inmate", "600")}]
    )
    assert three & four
    assert not three & six_hundred and not four & six_hundred


def test_none_hurt_is_one_fact_however_said() -> None:
    keys = _first_claims_keys(
        {
            "wire": "No one was injured in the Brennock launch failure, the coastguard said.",
            "tabloid": "Miraculously, nobody was hurt when the Brennock rocket blew up.",
            "paper": "Two Brennock engineers were injured when the rocket blew up.",
        }
    )
    assert ("event", "injury") in keys[0] & keys[1] & keys[2]
