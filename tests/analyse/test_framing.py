"""Framing and hedges: one test per rule, on invented sentences, and the gold-set gate with pinned floors."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from benchmarks import framing_quality

from storylens.analyse.framing import find_framing, find_hedges, framing_lexicon, framing_rates, quote_spans
from storylens.analyse.parsed import ParsedArticle
from storylens.records import FramingTerm, Quote, Span

Parse = Callable[..., ParsedArticle]  # the `parse` fixture of tests/analyse/conftest.py


def _terms(parsed: ParsedArticle, kind: str | None = None) -> list[FramingTerm]:
    return [t for t in find_framing(parsed) if kind is None or t.kind == kind]


def _target(parsed: ParsedArticle, term: FramingTerm) -> str | None:
    return parsed.entities[term.target].name if term.target is not None else None


def _entity(parsed: ParsedArticle, name: str) -> int:
    return next(i for i, e in enumerate(parsed.entities) if e.name == name)


# ---- the lexicon as data ----------------------------------------------------------------------------------------


def test_lexicon_loads_with_known_kinds() -> None:
    entries = framing_lexicon()
    assert len(entries) > 100
    assert {e.kind for e in entries} == {"loaded", "name_calling", "exaggeration"}


# ---- hedges -----------------------------------------------------------------------------------------------------


def test_hedges_single_words_and_phrases_with_offsets(parse: Parse) -> None:
    parsed = parse("The minister reportedly resigned, and it is believed that aides are said to be furious.")
    hedges = find_hedges(parsed)
    assert [h.text for h in hedges] == ["reportedly", "it is believed", "are said to"]
    assert all(parsed.article.text[h.span.start : h.span.end] == h.text for h in hedges)


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_hedges_match_straight_and_curly_apostrophes(parse: Parse, apostrophe: str) -> None:
    text = f"It{apostrophe}s understood the talks failed. There{apostrophe}s even a chance of a deal."
    assert [h.text for h in find_hedges(parse(text))] == [
        f"It{apostrophe}s understood",
        f"There{apostrophe}s even a chance",
    ]


def test_may_have_is_a_hedge_only_before_a_participle(parse: Parse) -> None:
    parsed = parse("The driver may have fallen asleep. Residents may have a say in the plan.")
    assert [h.text for h in find_hedges(parsed)] == ["may have"]


def test_claimed_is_a_hedge_only_with_a_reported_clause(parse: Parse) -> None:
    parsed = parse("The club claimed the title in May. Its owner claimed that the referee was bribed.")
    hedges = find_hedges(parsed)
    assert [h.text for h in hedges] == ["claimed"]
    assert hedges[0].span.start > parsed.article.text.index("May")


# ---- framing terms: kinds, neutral senses -------------------------------------------------------------------------


def test_loaded_and_exaggeration_terms_in_outlet_voice(parse: Parse) -> None:
    parsed = parse("The horrific blaze became an inferno within minutes, and carnage followed in the streets.")
    assert [(t.text, t.kind, t.quoted_from) for t in _terms(parsed)] == [
        ("horrific", "loaded", None),
        ("inferno", "exaggeration", None),
        ("carnage", "exaggeration", None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The boxer suffered a bloody nose in the second round.",
        "Soldiers followed a strict training regime at the camp.",
        "Police said the man was arrested on terror charges in Leeds.",
        "The car slammed into a wall and the door was slammed shut.",
        "Crews cleared toxic fumes from the tunnel.",
    ],
)
def test_neutral_senses_are_not_counted(parse: Parse, text: str) -> None:
    assert _terms(parse(text)) == []


def test_bloody_counts_about_a_war(parse: Parse) -> None:
    parsed = parse("Thousands died in the bloody civil war that followed.")
    assert [(t.text, t.kind) for t in _terms(parsed)] == [("bloody", "loaded")]


def test_an_epithet_never_stands_for_someone_named_only_later(parse: Parse) -> None:
    parsed = parse(
        "Ex-minister Pavel Rusu fled the country on Sunday, his brother Andrei Rusu said.\n"
        "The former minister is wanted over a contract scandal.\n"
        "His father, Mihai Rusu, a former general, has not commented."
    )
    assert all(_target(parsed, t) != "Mihai Rusu" for t in find_framing(parsed))


def test_a_shouted_tabloid_word_is_loaded_too(parse: Parse) -> None:
    parsed = parse("CORRUPT dam boss Viktor Halm told the mayor the wall would hold.")
    assert [(t.text, t.kind) for t in _terms(parsed, "loaded")] == [("CORRUPT", "loaded")]


def test_regime_of_a_named_ruler_is_loaded_and_aimed_at_him(parse: Parse) -> None:
    parsed = parse("Anton Kovac ruled for years. Rebels said the collapse of the Kovac regime was near.")
    [term] = _terms(parsed)
    assert (term.text, term.kind, _target(parsed, term)) == ("regime", "loaded", "Anton Kovac")


# ---- targets --------------------------------------------------------------------------------------------------------


def test_name_calling_before_a_name_targets_that_person(parse: Parse) -> None:
    parsed = parse("Moscow told tyrant Anton Kovac that he would lose the war.")
    [term] = _terms(parsed, "name_calling")
    assert (term.text, _target(parsed, term)) == ("tyrant", "Anton Kovac")


def test_a_pejorative_noun_phrase_stands_for_the_person_last_named(parse: Parse) -> None:
    parsed = parse("Anton Kovac fled the capital on Sunday.\nHours later the shamed tyrant landed in Minsk.")
    targets = {t.text: _target(parsed, t) for t in _terms(parsed)}
    assert targets == {"the shamed tyrant": "Anton Kovac", "shamed": "Anton Kovac", "tyrant": "Anton Kovac"}


def test_epithet_matches_the_person_with_that_nationality(parse: Parse) -> None:
    text = (
        "Anton Kovac, the Serbian president, flew to Moscow on Monday.\n"
        "He met Russian President Mikhail Sorin at the Kremlin.\n"
        "The Russian president promised new loans."
    )
    parsed = parse(text)
    [epithet] = _terms(parsed, "epithet")
    assert (epithet.text, _target(parsed, epithet)) == ("The Russian president", "Mikhail Sorin")


def test_a_title_or_apposition_with_the_name_is_not_an_epithet(parse: Parse) -> None:
    parsed = parse("Russian President Mikhail Sorin met Anton Kovac, the Serbian president, in Moscow.")
    assert _terms(parsed, "epithet") == []


def test_a_role_nobody_is_named_for_is_not_an_epithet(parse: Parse) -> None:
    parsed = parse("Anton Kovac said the factory would close.\nThe plant manager declined to comment.")
    assert _terms(parsed, "epithet") == []


# ---- quotes: the speaker's framing ----------------------------------------------------------------------------------


def test_term_inside_a_given_quote_is_the_speakers(parse: Parse) -> None:
    parsed = parse("Gary Hill said the owners were to blame.\nHill said: “These cowboy operators put lives at risk.”")
    text = parsed.article.text
    start = text.index("These")
    hill = _entity(parsed, "Gary Hill")
    quote = Quote(Span(start, text.index("”")), text[start : text.index("”")], hill, None, "explicit", "say", False)
    [term] = find_framing(parsed, [quote])
    assert (term.text, term.kind, term.quoted_from) == ("cowboy operators", "name_calling", hill)


def test_quote_marks_alone_make_a_term_quoted(parse: Parse) -> None:
    parsed = parse("Gary Hill told reporters: “It was absolute chaos.”")
    [term] = find_framing(parsed)
    assert term.quoted_from == _entity(parsed, "Gary Hill")


def test_quote_spans_skip_apostrophes() -> None:
    text = "The chief’s aide said ‘sickening’ scenes and “chaos” followed; it’s over."
    assert [text[s.start : s.end] for s in quote_spans(text)] == ["sickening", "chaos"]


# ---- rates ----------------------------------------------------------------------------------------------------------


def test_rates_per_thousand_words_keep_quoted_terms_apart(parse: Parse) -> None:
    text = "Carnage reportedly followed the horrific crash.\nA witness said: “It was chaos.”"
    parsed = parse(text)
    hedges, terms = find_hedges(parsed), find_framing(parsed)
    rates = framing_rates(parsed, hedges, terms)
    per_word = 1000 / len(parsed.article.text.split())
    assert rates["loaded"] == pytest.approx(2 * per_word, abs=0.01)  # carnage, horrific; chaos is quoted
    assert rates["exaggeration"] == pytest.approx(per_word, abs=0.01)
    assert rates["quoted"] == pytest.approx(per_word, abs=0.01)
    assert rates["hedges"] == pytest.approx(per_word, abs=0.01)
    assert rates["epithets"] == 0.0


# ---- the gold-set gate ---------------------------------------------------------------------------------------------
# Floors sit just under what the rules achieve (measured: see docs/framing.md). Lower one only deliberately.

FLOORS = {
    "term_precision": 0.97,
    "term_recall": 0.82,
    "heldout_term_recall": 0.30,
    "target_accuracy": 0.88,
    "quoted_accuracy": 0.97,
    "hedge_precision": 0.97,
    "hedge_recall": 0.93,
}


def test_gold_set_scores_stay_above_their_floors() -> None:
    bench = framing_quality
    items = bench.gold_items()
    assert len(items) >= 12
    scores = bench.evaluate(items)
    heldout = bench.evaluate([i for i in items if i.get("split") == "heldout"])
    measured = {
        "term_precision": scores.terms.precision,
        "term_recall": scores.terms.recall,
        "heldout_term_recall": heldout.terms.recall,
        "target_accuracy": scores.target_accuracy,
        "quoted_accuracy": scores.quoted_accuracy,
        "hedge_precision": scores.hedges.precision,
        "hedge_recall": scores.hedges.recall,
    }
    below = {name: round(value, 3) for name, value in measured.items() if value < FLOORS[name]}
    assert not below, f"below floor: {below}; errors: {scores.errors}"
