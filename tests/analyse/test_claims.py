"""Claims: which sentences are check-worthy, how a sentence splits into propositions, numbers, exact offsets."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from storylens.analyse.attribution import attribute
from storylens.analyse.claims import draft_claims, find_numbers
from storylens.analyse.parsed import ParsedArticle
from storylens.records import Hedge, Span

Parse = Callable[..., ParsedArticle]


def test_numbers_as_written() -> None:
    text = "It cost £30 million, took 40 minutes, and 1,200 people, three of them children, were moved; up 12%."
    assert find_numbers(text) == ("£30 million", "40 minutes", "1,200", "three", "12%")


def test_a_number_keeps_no_trailing_comma() -> None:
    assert find_numbers("Since 2011, the depot has grown.") == ("2011",)


def test_coordinated_main_clauses_split(parse: Parse) -> None:
    parsed = parse("The fire spread quickly through the warehouse, and three people were injured, police said.")
    texts = [parsed.text(d.span) for d in draft_claims(parsed)]
    assert texts == ["The fire spread quickly through the warehouse", "three people were injured, police said."]


def test_said_a_and_that_b_splits(parse: Parse) -> None:
    parsed = parse("Mayor Jon Reeve said the depot was safe and that no one had been hurt.")
    texts = [parsed.text(d.span) for d in draft_claims(parsed)]
    assert texts == ["Mayor Jon Reeve said the depot was safe", "that no one had been hurt."]


def test_two_reported_facts_on_one_speech_verb_split(parse: Parse) -> None:
    parsed = parse("Two workers were killed and about 1,200 residents were evacuated from Halvering, officials said.")
    texts = [parsed.text(d.span) for d in draft_claims(parsed)]
    assert texts == ["Two workers were killed", "about 1,200 residents were evacuated from Halvering, officials said."]


def test_each_claim_keeps_its_own_parse() -> None:
    from storylens import article_from_text
    from storylens.analyse import analyse

    analysis = analyse(article_from_text("The fire spread through the warehouse, and three people were injured."))
    assert len(analysis.claim_docs) == len(analysis.claims) == 2
    for claim, doc in zip(analysis.claims, analysis.claim_docs, strict=True):
        assert doc is not None and doc.text == claim.text
        assert sum(token.head.i == token.i for token in doc) >= 1  # a clause cut from its sentence has a root


def test_split_claims_keep_the_source(parse: Parse) -> None:
    parsed = parse("The fire spread quickly through the warehouse, and three people were injured, police said.")
    sources, claims = attribute(parsed, [], [])
    assert len(claims) == 2
    assert {sources[c.source].name for c in claims if c.source is not None} == {"police"}
    assert all(c.source is not None for c in claims)


def test_every_claim_is_an_exact_slice(parse: Parse) -> None:
    parsed = parse(
        "Storm floods valley town\n"
        "Floodwater reached 1.5 metres in Arnholt on Sunday, and 400 homes lost power.\n"
        "The council said it had opened two shelters."
    )
    _, claims = attribute(parsed, [], [])
    assert claims
    for claim in claims:
        assert parsed.article.text[claim.span.start : claim.span.end] == claim.text
        assert parsed.sentences[claim.sentence].span.start <= claim.span.start


def test_headings_questions_promos_and_short_lines_are_skipped(parse: Parse) -> None:
    parsed = parse(
        "Storm floods valley town\n"
        "What happens next?\n"
        "Subscribe now for unlimited access to our journalism.\n"
        "Updated.\n"
        "Floodwater reached the town hall on Sunday."
    )
    _, claims = attribute(parsed, [], [])
    assert [c.text for c in claims] == ["Floodwater reached the town hall on Sunday."]


def test_unattributed_colour_is_skipped_but_attributed_opinion_kept(parse: Parse) -> None:
    parsed = parse("It was a grim morning.\nIt was a grim morning for everyone, the mayor said.")
    _, claims = attribute(parsed, [], [])
    assert [c.text for c in claims] == ["It was a grim morning for everyone, the mayor said."]


def test_claims_carry_their_numbers(parse: Parse) -> None:
    parsed = parse("More than 3,000 people were evacuated within 40 minutes, at a cost of £2 million.")
    _, [claim] = attribute(parsed, [], [])
    assert claim.numbers == ("3,000", "40 minutes", "£2 million")


def test_hedges_go_to_the_clause_that_holds_them(parse: Parse) -> None:
    text = "The bridge reportedly collapsed at dawn, and the river may have risen by two metres."
    parsed = parse(text)
    hedges = [Hedge(Span(text.index("reportedly"), text.index("reportedly") + 10), "reportedly")]
    hedges.append(Hedge(Span(text.index("may"), text.index("may") + 3), "may"))
    _, claims = attribute(parsed, [], hedges)
    assert [c.hedges for c in claims] == [(0,), (1,)]


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        # coordinated predicates of one subject stay together: a subjectless half aligns badly
        (
            "The skipper, Ola Brenn, survived and was questioned by harbour police, the agency reported.",
            ["The skipper, Ola Brenn, survived and was questioned by harbour police, the agency reported."],
        ),
        (
            "Families waited at the Tollmar quay for news, while a dozen trawlers joined the search.",
            ["Families waited at the Tollmar quay for news", "while a dozen trawlers joined the search."],
        ),
        # a temporal clause anchors the main event: one claim; so does "while" with no comma before it
        (
            "Brennock managers paid for three hunting trips while the contracts were being handed out.",
            ["Brennock managers paid for three hunting trips while the contracts were being handed out."],
        ),
        (
            "Four people died when the bus overturned on the Tollmar bypass on Monday.",
            ["Four people died when the bus overturned on the Tollmar bypass on Monday."],
        ),
    ],
)
def test_claims_split_at_contrastive_clauses_only(parse: Parse, sentence: str, claims: list[str]) -> None:
    _, found = attribute(parse(sentence), [], [])
    assert [c.text for c in found] == claims
