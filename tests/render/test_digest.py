"""What the renderings share: word diffs, the claims × outlets matrix, the summary and article segments."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from storylens.render import digest

words = st.lists(st.sampled_from(["the", "bridge", "fell", "9", "14", "people", "said", ",", "."]), max_size=12)


@given(words, words)
def test_word_diff_keeps_both_texts_whole(first: list[str], second: list[str]) -> None:
    a, b = " ".join(first), " ".join(second)
    left, right = digest.word_diff(a, b)
    assert "".join(p.text for p in left) == a
    assert "".join(p.text for p in right) == b
    assert not any(p.changed and not p.text.strip() for p in [*left, *right]), "no marked whitespace"


@given(words)
def test_word_diff_marks_nothing_in_equal_texts(first: list[str]) -> None:
    text = " ".join(first)
    left, right = digest.word_diff(text, text)
    assert not any(p.changed for p in [*left, *right])


def test_word_diff_marks_the_differing_words_only() -> None:
    left, right = digest.word_diff("Nine people were hurt on Saturday.", "Fourteen people were hurt on Saturday.")
    assert [p.text for p in left if p.changed] == ["Nine"]
    assert [p.text for p in right if p.changed] == ["Fourteen"]


def test_word_diff_leaves_unrelated_sentences_unmarked() -> None:
    left, right = digest.word_diff("The bridge fell at noon.", "Police opened an inquiry into contractors.")
    assert not any(p.changed for p in [*left, *right])


def test_matrix_cells(hand_report: dict[str, Any]) -> None:
    rows = {row.claim["id"]: [state for state, _ in row.cells] for row in digest.matrix(hand_report)}
    assert rows == {"c0": ["agrees", "conflicts"], "c1": ["agrees", "silent"]}
    assert [row.claim["id"] for row in digest.matrix(hand_report)] == ["c0", "c1"], "conflicts come first"


def test_a_contradicting_stance_is_the_conflicting_cell(hand_report: dict[str, Any]) -> None:
    claim = hand_report["claims"][0]
    claim["evidence"][0]["stance"] = "contradicts"
    assert digest.cell(claim, "post")[0] == "conflicts"
    assert digest.cell(claim, "courier")[0] == "agrees"


def test_an_outlet_whose_claim_conflicts_from_another_cluster_is_no_silent_cell(hand_report: dict[str, Any]) -> None:
    claim = hand_report["claims"][0]
    other = claim["conflicts"][0]["second"]["article"]
    claim["evidence"] = [e for e in claim["evidence"] if e["article"] != other]  # its own claim is in another cluster
    assert digest.cell(claim, other)[0] == "conflicts"
    claim["conflicts"] = []
    assert digest.cell(claim, other)[0] == "silent"


def test_summary(hand_report: dict[str, Any]) -> None:
    summary = digest.summarise(hand_report)
    assert summary.counts == {"conflicting": 1, "corroborated": 0, "single_source": 1}
    assert summary.independent_origins == 2 and summary.best_backing == 1
    assert summary.shared_agencies == ((hand_report["sources"][0]["name"], 2),)


def test_article_segments_cover_the_paragraphs_exactly(hand_report: dict[str, Any]) -> None:
    for article in hand_report["articles"]:
        paragraphs = digest.article_paragraphs(hand_report, article)
        texts = ["".join(s.text for s in segments) for segments in paragraphs]
        assert texts == [article["text"][start:end] for start, end in article["paragraphs"]]
    first = digest.article_paragraphs(hand_report, hand_report["articles"][0])
    assert first[0][0].claim == "c0" and first[0][0].anchor == "ev-post-0"


def test_outlet_names_fall_back_and_stay_distinct(hand_report: dict[str, Any]) -> None:
    first, second = hand_report["articles"]
    second["outlet"] = first["outlet"]
    names = digest.outlet_names(hand_report)
    assert names[second["id"]] == f"{first['outlet']} (2)" and names[first["id"]] == first["outlet"]
    first["outlet"], first["title"], second["outlet"] = None, None, None
    assert digest.outlet_names(hand_report) == {"post": "Article 1", "courier": "Fourteen hurt"}


def test_story_title(hand_report: dict[str, Any]) -> None:
    assert digest.story_title(hand_report).endswith("— 2 reports compared")
    for article in hand_report["articles"]:
        article["title"] = None
    assert digest.story_title(hand_report).startswith("Tomas Ferrand")


def test_a_conflict_names_an_outlet_less_article_as_the_report_does() -> None:
    conflict = {
        "detail": 'actor: "the mayor" (a1-3f) vs "the governor" (Harbour Herald) as who ordered',
        "first": {"article": "a1-3f"},
        "second": {"article": "b2-9c"},
    }
    names = {"a1-3f": "Article 1", "b2-9c": "Harbour Herald"}
    detail = digest.conflict_detail(conflict, names)
    assert detail == 'actor: "the mayor" (Article 1) vs "the governor" (Harbour Herald) as who ordered'


def test_loaded_examples_leave_out_epithets_quotes_and_repeats() -> None:
    framing = {
        "loaded_terms": [
            {"kind": "name_calling", "text": "tyrant"},
            {"kind": "epithet", "text": "the Russian president"},
            {"kind": "loaded", "text": "regime", "quoted": True},
            {"kind": "name_calling", "text": "Tyrant"},
            {"kind": "loaded", "text": "shamed"},
        ]
    }
    assert digest.loaded_examples(framing) == ["tyrant", "shamed"]
    assert digest.loaded_examples(framing, limit=1) == ["tyrant"]
