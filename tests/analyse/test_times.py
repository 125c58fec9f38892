"""Time expressions: one test per pattern, the tense rule, anchoring, robustness, and the floor on the gold set."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from benchmarks import time_quality

from storylens.analyse.parsed import ParsedArticle
from storylens.analyse.times import find_times

Parse = Callable[..., ParsedArticle]
# Floors just under what the rules achieve on tests/data/times_gold.jsonl; only a deliberate change lowers them.
PRECISION_FLOOR = 0.97
RECALL_FLOOR = 0.97
ACCURACY_FLOOR = 0.95
TUESDAY = date(2024, 12, 10)


def _times(parse: Parse, text: str, published: date | None = TUESDAY) -> dict[str, tuple[str | None, str | None]]:
    return {t.text: (t.value, t.precision) for t in find_times(parse(text, published))}


@pytest.mark.parametrize(
    ("text", "phrase", "value", "precision"),
    [
        ("The plane crashed on Sunday at 5.29am.", "Sunday at 5.29am", "2024-12-08T05:29", "minute"),
        ("The alarm rang at 4.15 a.m. on Monday.", "4.15 a.m. on Monday", "2024-12-09T04:15", "minute"),
        ("Winds peaked at 03:48 on Sunday.", "03:48 on Sunday", "2024-12-08T03:48", "minute"),
        ("The fire began in the early hours of Sunday.", "the early hours of Sunday", "2024-12-08", "day"),
        ("He was stopped shortly before midnight on Saturday.", "shortly before midnight on Saturday",
         "2024-12-07T23", "hour"),
        ("They met on Sunday morning.", "Sunday morning", "2024-12-08", "day"),
        ("The vote was held last Tuesday.", "last Tuesday", "2024-12-03", "day"),
        ("The mayor spoke yesterday.", "yesterday", "2024-12-09", "day"),
        ("The shop reopened today.", "today", "2024-12-10", "day"),
        ("Shots were heard last night.", "last night", "2024-12-09", "day"),
        ("Snow fell overnight.", "overnight", "2024-12-09", "day"),
        ("Talks stalled earlier this week.", "earlier this week", "2024-12-09", "day"),
        ("Prices rose this week.", "this week", "2024-12", "month"),
        ("The rally drew crowds this weekend.", "this weekend", "2024-12", "month"),
        ("Rents have risen since September.", "since September", "2024-09", "month"),
        ("The firm was founded in 2015.", "2015", "2015", "year"),
        ("Sales fell last month.", "last month", "2024-11", "month"),
        ("The bridge closed in March.", "March", "2024-03", "month"),
        ("The treaty was signed on 8 December 2024.", "8 December 2024", "2024-12-08", "day"),
        ("The treaty was signed on December 8, 2024.", "December 8, 2024", "2024-12-08", "day"),
        ("The file is dated 2024-12-08.", "2024-12-08", "2024-12-08", "day"),
        ("The letter is dated 8/12/2024.", "8/12/2024", "2024-12-08", "day"),
        ("The letter is dated 12/25/2024.", "12/25/2024", "2024-12-25", "day"),
        ("The minister resigned three days ago.", "three days ago", "2024-12-07", "day"),
        ("Power failed at noon yesterday.", "noon yesterday", "2024-12-09T12:00", "minute"),
        ("The bells rang this morning at 9am.", "this morning at 9am", "2024-12-10T09", "hour"),
        ("The rally ended at around 5.30pm on Monday.", "around 5.30pm on Monday", "2024-12-09T17:30", "minute"),
        ("The heatwave this summer broke records.", "this summer", "2024", "year"),
        ("The dam leaked in Spring 2023.", "Spring 2023", "2023", "year"),
        ("Crowds gathered on Christmas Day.", "Christmas Day", "2023-12-25", "day"),
    ],
)  # fmt: skip
def test_pattern(parse: Parse, text: str, phrase: str, value: str, precision: str) -> None:
    assert _times(parse, text)[phrase] == (value, precision)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The committee will meet on Wednesday.", "Wednesday", "2024-12-11"),
        ("The committee met on Wednesday.", "Wednesday", "2024-12-04"),
        ("The road stays closed until Wednesday.", "until Wednesday", "2024-12-11"),
        ("The report is due to be published on Friday.", "Friday", "2024-12-13"),
        ("Registration opens on Monday.", "Monday", "2024-12-16"),
        ("Officials will publish the data next Tuesday.", "next Tuesday", "2024-12-17"),
        ("The bank is expected to cut rates in February.", "February", "2025-02"),
        ("The bank cut rates in February.", "February", "2024-02"),
        ("The summit takes place on 24 December.", "24 December", "2024-12-24"),
        ("Investigators said they would examine the jet on Thursday.", "Thursday", "2024-12-12"),  # reported future
        ("He said he had examined the jet on Thursday.", "Thursday", "2024-12-05"),
        # a past verb under a future one keeps its own time
        (
            "The race will go to a recount after Wednesday's vote left the two candidates level.",
            "Wednesday's",
            "2024-12-04",
        ),
    ],
)
def test_tense_picks_the_past_or_the_next_day(parse: Parse, text: str, phrase: str, value: str) -> None:
    assert _times(parse, text)[phrase][0] == value


def test_clock_takes_the_day_of_the_previous_sentence(parse: Parse) -> None:
    times = _times(parse, "The storm reached the coast on Sunday. At 6.10pm the sea wall gave way.")
    assert times["6.10pm"] == ("2024-12-08T18:10", "minute")


def test_a_clock_far_from_any_day_takes_the_story_s_first_day(parse: Parse) -> None:
    text = (
        "The jet skidded off the runway on Sunday evening. The pair were first held on 9 March. "
        "Nobody was badly hurt. Crews worked through the night. Residents said it touched down at about 7.15 p.m."
    )
    times = _times(parse, text)
    assert times["about 7.15 p.m."] == ("2024-12-08T19:15", "minute")  # the lead's day, not the background's


def test_clock_in_past_clause_skips_a_future_day(parse: Parse) -> None:
    text = "She said last night that the vote will be held on 4 July. Speaking at 5.05pm, she thanked voters."
    assert _times(parse, text)["5.05pm"] == ("2024-12-09T17:05", "minute")


def test_shift_moves_the_nearest_earlier_time(parse: Parse) -> None:
    text = "The jet took off at 4.49am on Sunday. Two hours later it was found. Rescuers arrived 12 minutes later."
    times = _times(parse, text)
    assert times["Two hours later"] == ("2024-12-08T06:49", "minute")
    assert times["12 minutes later"] == ("2024-12-08T07:01", "minute")


def test_days_later_and_the_next_day(parse: Parse) -> None:
    text = "She was arrested on 14 July 2022 and charged two days later. She was freed the next day."
    times = _times(parse, text)
    assert times["two days later"] == ("2022-07-16", "day")
    assert times["the next day"] == ("2022-07-17", "day")


def test_appositive_after_event_restates_the_time(parse: Parse) -> None:
    times = _times(parse, "The plane crashed on Sunday at 5.29am, 40 minutes after takeoff.")
    assert times["40 minutes after takeoff"] == ("2024-12-08T05:29", "minute")


def test_within_the_hour_is_the_unit_holding_the_window(parse: Parse) -> None:
    times = _times(parse, "Crews arrived at 4.15am on Monday. The roof fell within the hour.")
    assert times["within the hour"] == ("2024-12-09", "day")


def test_shift_without_a_fine_enough_anchor_is_unresolved(parse: Parse) -> None:
    assert _times(parse, "The strike began on Monday. Two hours later, talks resumed.")["Two hours later"] == (
        None,
        None,
    )
    assert _times(parse, "Two hours later, talks resumed.")["Two hours later"] == (None, None)


def test_relative_expressions_need_a_publication_date(parse: Parse) -> None:
    times = _times(parse, "The deal was signed on 8 December 2024 and talks resume on Sunday, since March.", None)
    assert times["8 December 2024"] == ("2024-12-08", "day")
    assert times["Sunday"] == (None, None)
    assert times["since March"] == (None, None)


def test_aware_publication_keeps_its_local_date(parse: Parse) -> None:
    late_evening = datetime(2025, 1, 20, 23, 30, tzinfo=timezone(timedelta(hours=-5)))  # already the 21st in UTC
    assert _times(parse, "The mayor spoke today.", late_evening)["today"] == ("2025-01-20", "day")
    assert _times(parse, "It ended 40 minutes ago.", datetime(2025, 1, 20, 9, 30, tzinfo=UTC))["40 minutes ago"] == (
        "2025-01-20T08:50",
        "minute",
    )


@pytest.mark.parametrize(
    "text",
    [
        "The 61-year-old man was questioned.",
        "He has lived there since the 1990s.",
        "Engineers worked for eight hours.",
        "Shares fell 5.29 per cent.",
        "Theresa May said she would resign.",
        "The Sunday Times reported the story.",
        "The protests were part of the Arab Spring.",
        "Prices rose at 3.5 per cent.",
    ],
)
def test_non_times_are_skipped(parse: Parse, text: str) -> None:
    assert find_times(parse(text, TUESDAY)) == []


@pytest.mark.parametrize(
    "text",
    [
        "?",
        "It happened on 31 February 2024 at 25:99.",
        "At 13pm on 0/0/0000, 99 days later, within the hour, the next day.",
        "Sunday Sunday Sunday at at at 5.29am 5.29am",
        "x" * 5000,
        "since since March March 2024 2024 2024",
    ],
)
def test_odd_input_never_raises(parse: Parse, text: str) -> None:
    for published in (None, TUESDAY, datetime(2024, 12, 10, 8, 0, tzinfo=UTC)):
        for time in find_times(parse(text, published)):
            assert parse(text, published).article.text[time.span.start : time.span.end] == time.text
            assert (time.value is None) == (time.precision is None)


def test_spans_point_into_the_article(parse: Parse) -> None:
    parsed = parse("Firefighters arrived at 4.15 a.m. this morning.\nThe roof collapsed within the hour.", TUESDAY)
    for time in find_times(parsed):
        assert parsed.article.text[time.span.start : time.span.end] == time.text
        assert parsed.sentences[time.sentence].span.start <= time.span.start


def test_gold_set_floors() -> None:
    benchmark = time_quality
    scores = benchmark.score()
    assert scores.items >= 60 and len(benchmark.gold_articles()) >= 12
    assert scores.precision >= PRECISION_FLOOR
    assert scores.recall >= RECALL_FLOOR
    assert scores.accuracy >= ACCURACY_FLOOR


def test_a_minute_said_roughly_is_marked_approximate(parse: Parse) -> None:
    found = {
        t.text: t.approximate
        for t in find_times(parse("The rally ended at around 5.30pm on Monday. It began at 4.15pm on Monday.", TUESDAY))
    }
    assert found == {"around 5.30pm on Monday": True, "4.15pm on Monday": False}
