"""Quotes and their speakers: one test per quote style and attribution pattern, odd input, and the gold-set gate.

Every text here is invented for the tests. The gold set (tests/data/quotes_gold.jsonl) is scored the same way as
benchmarks/quote_speakers.py; its floors sit just under what the rules reached and only a deliberate change may
lower them.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

import pytest
from benchmarks.quote_speakers import tally_gold

from storylens.analyse.parsed import ParsedArticle
from storylens.analyse.quotes import find_quotes
from storylens.records import Quote

Parse = Callable[..., ParsedArticle]


def speaker_name(parsed: ParsedArticle, quote: Quote) -> str | None:
    return parsed.entities[quote.speaker].name if quote.speaker is not None else None


def speaker_text(parsed: ParsedArticle, quote: Quote) -> str | None:
    return parsed.text(quote.speaker_span) if quote.speaker_span is not None else None


def only(parsed: ParsedArticle) -> Quote:
    [quote] = find_quotes(parsed)
    return quote


def assert_offsets_hold(parsed: ParsedArticle, quotes: list[Quote]) -> None:
    for quote in quotes:
        assert parsed.article.text[quote.span.start : quote.span.end] == quote.text


# ---- quote styles ----------------------------------------------------------------------------------------------


def test_straight_double_quote_with_speaker_after(parse: Parse) -> None:
    parsed = parse('"The dam held through the night," Mayor Pia Lorentz said on Monday.')
    quote = only(parsed)
    assert quote.text == "The dam held through the night"  # marks and the trailing comma left out
    assert speaker_name(parsed, quote) == "Pia Lorentz"
    assert (quote.speaker_from, quote.cue, quote.partial) == ("explicit", "say", False)
    assert_offsets_hold(parsed, [quote])


def test_curly_quote_after_colon_with_titled_speaker(parse: Parse) -> None:
    parsed = parse("Chief Fire Officer Ann Veld said: “The blaze is contained. Crews will stay overnight.”")
    quote = only(parsed)
    assert quote.text == "The blaze is contained. Crews will stay overnight."  # across a sentence boundary
    assert speaker_text(parsed, quote) == "Ann Veld"
    assert speaker_name(parsed, quote) == "Ann Veld"


def test_the_company_or_its_statement_speaks_for_the_body_named_before(parse: Parse) -> None:
    parsed = parse(
        'Brennock Chemicals said it "obeys the law in every country where it operates".\n'
        '"We have nothing to hide," the statement said.\n'
        '"We will appeal," the company added.'
    )
    full = [q for q in find_quotes(parsed) if not q.partial]
    assert [speaker_name(parsed, q) for q in full] == ["Brennock Chemicals", "Brennock Chemicals"]
    alone = parse('"We will appeal," the company added.')
    assert speaker_name(alone, only(alone)) is None  # no body named before: nobody to resolve it to


def test_inverted_cue_after_the_quote(parse: Parse) -> None:
    parsed = parse("“Nobody was hurt,” said Ann Veld, the chief of the county fire service.")
    quote = only(parsed)
    assert (speaker_name(parsed, quote), quote.cue) == ("Ann Veld", "say")


def test_single_curly_quotes_leave_apostrophes_alone(parse: Parse) -> None:
    parsed = parse("‘We don’t know where Haddad’s convoy went,’ said Lena Brook of the Monitors’ Group.")
    quote = only(parsed)
    assert quote.text == "We don’t know where Haddad’s convoy went"
    assert speaker_name(parsed, quote) == "Lena Brook"


def test_straight_single_quotes_and_decades(parse: Parse) -> None:
    parsed = parse("Fans of the '90s side cheered. 'It's our year,' said coach Marta Lindqvist. The players' bus left.")
    quote = only(parsed)
    assert quote.text == "It's our year"
    assert speaker_name(parsed, quote) == "Marta Lindqvist"


@pytest.mark.parametrize("opening, closing", [("«", "»"), ("»", "«"), ("„", "“")])
def test_guillemets_and_low_marks(parse: Parse, opening: str, closing: str) -> None:
    parsed = parse(f"{opening}Nobody is walking away from the table,{closing} said envoy Dieter Falk.")
    quote = only(parsed)
    assert quote.text == "Nobody is walking away from the table"
    assert speaker_name(parsed, quote) == "Dieter Falk"


def test_nested_quote_stays_inside_the_outer_one(parse: Parse) -> None:
    parsed = parse("“She told me ‘keep going’ and I did,” said runner Tom Abara.")
    quote = only(parsed)
    assert quote.text == "She told me ‘keep going’ and I did"
    assert speaker_name(parsed, quote) == "Tom Abara"


def test_quote_split_by_its_cue(parse: Parse) -> None:
    parsed = parse("“We have pulled eleven people out,” Ines Albuquerque said, “and we are not stopping.”")
    first, second = find_quotes(parsed)
    assert second.text == "and we are not stopping."
    assert speaker_name(parsed, first) == speaker_name(parsed, second) == "Ines Albuquerque"
    assert second.speaker_from == "explicit"


# ---- speakers --------------------------------------------------------------------------------------------------


def test_pronoun_speaker_resolved_to_the_person_before(parse: Parse) -> None:
    parsed = parse("Deputy minister Pavel Orlin spoke after the talks.\nHe told NBC News: “The matter is closed.”")
    quote = only(parsed)
    assert (quote.speaker_from, quote.cue, speaker_text(parsed, quote)) == ("pronoun", "tell", "He")
    assert speaker_name(parsed, quote) == "Pavel Orlin"


def test_pronoun_skips_people_named_inside_quotes(parse: Parse) -> None:
    parsed = parse("Grace Whitfield spoke to the jury.\n“I told Marco Diaz to leave,” she said.")
    assert speaker_name(parsed, only(parsed)) == "Grace Whitfield"


def test_speaker_carried_to_a_paragraph_that_is_only_a_quote(parse: Parse) -> None:
    parsed = parse("“We are sending pumps,” said Omar Haddad.\n“Nobody should drive through the water.”")
    first, second = find_quotes(parsed)
    assert second.speaker == first.speaker
    assert (second.speaker_from, second.cue) == ("carried", None)


def test_no_carrying_across_an_unquoted_gap(parse: Parse) -> None:
    parsed = parse(
        "“We are sending pumps,” said Omar Haddad.\nThe river rose all night.\nShops stayed shut.\n“It is over.”"
    )
    assert find_quotes(parsed)[-1].speaker_from == "none"


def test_multi_paragraph_quote_is_one_piece_per_paragraph(parse: Parse) -> None:
    parsed = parse(
        "Judge Miriam Oyelaran gave evidence.\n“I arrived after two. The roof was gone.\n“We saved a third,” Oyelaran"
        " told the inquiry."
    )
    first, second = find_quotes(parsed)
    assert first.text == "I arrived after two. The roof was gone."
    assert first.speaker == second.speaker
    assert speaker_name(parsed, second) == "Miriam Oyelaran"
    assert first.speaker_from == "carried"


@pytest.mark.parametrize(
    "text, noun_phrase",
    [
        ("“We are reviewing it,” a spokesman said.", "a spokesman"),
        ('"It was chaos," one firefighter told the Valley Courier.', "one firefighter"),
        ("Residents said: “The order came too late.”", "Residents"),
    ],
)
def test_nominal_speaker_has_a_span_but_no_entity(parse: Parse, text: str, noun_phrase: str) -> None:
    quote = only(parse(text))
    assert quote.speaker is None
    assert quote.speaker_from == "explicit"
    assert speaker_text(parse(text), quote) == noun_phrase


def test_according_to(parse: Parse) -> None:
    parsed = parse('According to analyst Tom Ecclestone, the fault was "entirely avoidable".')
    quote = only(parsed)
    assert (speaker_name(parsed, quote), quote.partial) == ("Tom Ecclestone", True)


# ---- partial quotes ----------------------------------------------------------------------------------------------


def test_partial_quote_takes_the_sentence_speaker(parse: Parse) -> None:
    parsed = parse("Sergei Ryabkov added that he had “no idea” what was happening.")
    quote = only(parsed)
    assert (quote.text, quote.partial, quote.cue) == ("no idea", True, "add")
    assert speaker_name(parsed, quote) == "Sergei Ryabkov"


def test_second_fragment_in_a_sentence_shares_its_speaker(parse: Parse) -> None:
    parsed = parse('Analyst Marcus Feld said the cuts were "overdue" and would "calm investors".')
    first, second = find_quotes(parsed)
    assert second.partial and second.speaker == first.speaker is not None


def test_scare_quotes_have_no_speaker(parse: Parse) -> None:
    parsed = parse("The so-called “rescue plan” was rejected by the council.")
    quote = only(parsed)
    assert (quote.partial, quote.speaker, quote.speaker_span, quote.speaker_from) == (True, None, None, "none")


def test_passive_subject_is_not_the_speaker(parse: Parse) -> None:
    quote = only(parse("Ministers have been warned that the timetable is ‘not fit for purpose’."))
    assert quote.speaker_span is None and quote.speaker_from == "none"


# ---- odd input ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The river rose overnight and the bridge was closed.",
        'A 6" pipe burst in the O"Hara building.',
        "Rock 'n' roll night at the club, said the owner's son.",
        '""',
        "“”",
        "“",
        "'",
    ],
)
def test_no_quotes_found_in_text_without_quotes(parse: Parse, text: str) -> None:
    assert find_quotes(parse(text)) == []


def test_unbalanced_opening_runs_to_the_paragraph_end(parse: Parse) -> None:
    parsed = parse("Mayor Pia Lorentz said: “We will rebuild everything\nThe storm passed by noon.")
    quote = only(parsed)
    assert quote.text == "We will rebuild everything"
    assert speaker_name(parsed, quote) == "Pia Lorentz"


def test_stray_closing_marks_are_ignored(parse: Parse) -> None:
    assert find_quotes(parse("The vote was close” and the hall emptied fast» after.")) == []


def test_article_that_is_all_quotes(parse: Parse) -> None:
    parsed = parse("“We are here.”\n“We are not leaving.”\n“Write that down.”")
    quotes = find_quotes(parsed)
    assert [q.text for q in quotes] == ["We are here.", "We are not leaving.", "Write that down."]
    assert all(q.speaker is None and not q.partial for q in quotes)
    assert_offsets_hold(parsed, quotes)


def test_random_marks_never_raise(parse: Parse) -> None:
    alphabet = [*"\"'“”‘’«»„‹›", "said Ann Veld", " she said", "we", " ", " ", ", ", ". ", "\n", "O'", "s’ "]
    generator = random.Random(7)
    for _ in range(40):
        text = "Ann Veld spoke. " + "".join(generator.choice(alphabet) for _ in range(60))
        parsed = parse(text)
        quotes = find_quotes(parsed)
        assert_offsets_hold(parsed, quotes)
        assert all(q.speaker is None or 0 <= q.speaker < len(parsed.entities) for q in quotes)


def test_enormous_paragraph_stays_linear(parse: Parse) -> None:
    sentence = "“The line held at the {n}th mile,” said Ann Veld. Crews from {n} towns went home. "
    parsed = parse("".join(sentence.format(n=n) for n in range(400)))
    started = time.perf_counter()
    quotes = find_quotes(parsed)
    assert len(quotes) == 400
    assert time.perf_counter() - started < 5.0
    assert_offsets_hold(parsed, quotes)


# ---- gold set ----------------------------------------------------------------------------------------------------

DETECTION_F1_FLOOR = 0.97
SPEAKER_ACCURACY_FLOOR = 0.93
SPEAKER_FROM_FLOOR = 0.95
PARTIAL_FLOOR = 0.95


@pytest.fixture(scope="module")
def gold_scores() -> dict[str, float]:
    tally = tally_gold()["all"]
    return {
        "gold": tally.gold,
        "f1": tally.f1,
        "speaker": tally.speakers / max(tally.matched, 1),
        "speaker_from": tally.sources / max(tally.matched, 1),
        "partial": tally.partials / max(tally.matched, 1),
    }


def test_gold_set_is_big_enough(gold_scores: dict[str, float]) -> None:
    assert gold_scores["gold"] >= 60


def test_gold_detection(gold_scores: dict[str, float]) -> None:
    assert gold_scores["f1"] >= DETECTION_F1_FLOOR


def test_gold_speaker_accuracy(gold_scores: dict[str, float]) -> None:
    assert gold_scores["speaker"] >= SPEAKER_ACCURACY_FLOOR


def test_gold_speaker_from_and_partial(gold_scores: dict[str, float]) -> None:
    assert gold_scores["speaker_from"] >= SPEAKER_FROM_FLOOR
    assert gold_scores["partial"] >= PARTIAL_FLOOR


def test_he_after_according_to_is_the_one_it_is_according_to(parse: Parse) -> None:
    """Not the last person named in that sentence (the one the rescue was of)."""
    parsed = parse(
        "According to Piet Marn, a commentator on Telegram, Dorval's rescue of Okafor proved that its council had "
        "been negotiating with the rebels.\n"
        "He said: “The army helped the council take the dam. To do this, they reached a deal with Okafor.”"
    )
    assert speaker_name(parsed, only(parsed)) == "Piet Marn"
