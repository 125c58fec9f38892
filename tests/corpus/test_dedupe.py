"""Near-duplicate detection: wire copies and light rewrites found and listed under the first seen, others kept."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storylens.corpus.dedupe import Deduper, find_duplicates, shingles, signature, similarity

ORIGINAL = (
    "The Bank of Norland raised its main interest rate by a quarter point to 4.25 percent on Wednesday, its third "
    "increase this year, saying inflation was still too high. Governor Petra Lind said the bank would watch wage "
    "growth closely before deciding on further moves, and that the labour market remained tight across the country."
)
WIRE_COPY = ORIGINAL + "\nThis story was provided by Continental Press."
LIGHT_REWRITE = ORIGINAL.replace("saying inflation", "saying that inflation").replace("the bank would", "it would")
OTHER = (
    "Firefighters battled a fast-moving forest fire near Dornach on Wednesday as gusts pushed the flames toward "
    "farmland. The regional fire chief said water-bombing planes would join at dawn and that 1,200 residents had "
    "been moved to sports halls in the town while the blaze burned through 800 hectares of pine forest."
)


def test_wire_copy_and_light_rewrite_are_listed_under_the_original() -> None:
    found = find_duplicates([("a", ORIGINAL), ("b", OTHER), ("c", WIRE_COPY), ("d", LIGHT_REWRITE)])
    assert [(d.id, d.duplicate_of) for d in found] == [("c", "a"), ("d", "a")]
    assert all(0.5 <= d.similarity <= 1.0 for d in found)


def test_first_seen_is_kept() -> None:
    found = find_duplicates([("copy", WIRE_COPY), ("original", ORIGINAL)])
    assert [(d.id, d.duplicate_of) for d in found] == [("original", "copy")]


def test_different_articles_are_all_kept() -> None:
    assert find_duplicates([("a", ORIGINAL), ("b", OTHER)]) == []


def test_a_copy_goes_to_the_most_similar_kept_article() -> None:
    half = " ".join(ORIGINAL.split()[:25])
    deduper = Deduper()
    assert deduper.check("whole", signature(ORIGINAL)) is None
    assert deduper.check("other", signature(OTHER)) is None
    duplicate = deduper.check("copy", signature(WIRE_COPY))
    assert duplicate is not None and duplicate.duplicate_of == "whole"
    assert deduper.check("half", signature(half)) is None  # half the shingles: a different article
    assert len(deduper) == 3


def test_enormous_article_is_judged_on_its_first_words() -> None:
    enormous = " ".join([ORIGINAL] * 2_000)  # ~100,000 words
    assert len(shingles(enormous)) <= 5_000
    assert similarity(signature(enormous), signature(enormous + " one more line")) == 1.0


def test_short_and_empty_texts_have_signatures() -> None:
    assert shingles("Hello") == {"hello"}
    assert similarity(signature(""), signature("")) == 1.0


words = st.lists(st.sampled_from("alpha beta gamma delta omega river bank fire quake vote".split()), min_size=30)


@settings(max_examples=40, deadline=None)
@given(words, st.text(max_size=20))
def test_case_spacing_and_a_short_credit_line_never_hide_a_copy(text: list[str], credit: str) -> None:
    original = " ".join(text)
    copy = "  ".join(text).upper() + "\n" + credit[:20]
    found = find_duplicates([("a", original), ("b", copy)])
    if len(shingles(original)) >= 20:
        assert [d.duplicate_of for d in found] == ["a"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=300), max_size=8))
def test_every_article_is_kept_or_listed_once(texts: list[str]) -> None:
    items = [(f"id{i}", text) for i, text in enumerate(texts)]
    found = find_duplicates(items)
    listed = [d.id for d in found]
    assert len(listed) == len(set(listed))
    order = {article_id: i for i, (article_id, _) in enumerate(items)}
    assert all(d.duplicate_of not in listed and order[d.duplicate_of] < order[d.id] for d in found)
