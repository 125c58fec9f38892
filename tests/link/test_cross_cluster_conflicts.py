"""Conflicts across clusters: a claim aligned by its count may also say, in passing, who ordered the deed it counts;
an event cannot have begun after its first alert. Invented text."""

from __future__ import annotations

from datetime import date

import pytest

from storylens.link.story import link
from storylens.records import ClaimRef
from support import analysed_story

pytestmark = pytest.mark.slow

WIRE = (
    "Mayor Ilse Varga ordered the evacuation of Halvering as the gas spread.\n"
    "About 1,200 residents were evacuated from Halvering overnight.\n"
)


def _conflicts(wire: str, local: str, kind: str) -> list[tuple[ClaimRef, ClaimRef, str]]:
    analyses, _ = analysed_story({"wire": wire, "local": local}, date(2024, 3, 6))
    story = link(analyses)
    return [(c.first, c.second, c.detail) for cluster in story.clusters for c in cluster.conflicts if c.kind == kind]


def _actor_conflicts(local: str) -> list[tuple[ClaimRef, ClaimRef, str]]:
    return _conflicts(WIRE, local, "actor")


def test_an_order_given_in_passing_conflicts_with_another_outlets_order() -> None:
    local = "More than 3,000 residents were evacuated from Halvering on the orders of fire chief Tomas Reyl.\n"
    [(first, second, detail)] = _actor_conflicts(local)
    assert (first, second) == (ClaimRef(0, 0), ClaimRef(1, 0))
    assert "Ilse Varga" in detail and "Tomas Reyl" in detail


def test_the_same_person_ordering_is_no_conflict() -> None:
    local = "More than 3,000 residents were evacuated from Halvering on the orders of Mayor Ilse Varga.\n"
    assert _actor_conflicts(local) == []


def test_an_inquiry_ordered_by_someone_else_in_the_passive_is_an_actor_conflict() -> None:
    wire = "Harbour minister Ada Fenn ordered an independent investigation into the Brennock blast.\n"
    for local in (
        "The inquiry was ordered by the Halvering Safety Board, officials at the board said.\n",
        "An independent probe was ordered by the Halvering Safety Board.\n",
    ):
        [(_, _, detail)] = _conflicts(wire, local, "actor")
        assert "Ada Fenn" in detail and "Halvering Safety Board" in detail
    same = "The inquiry into the Brennock blast was ordered by Ada Fenn, the harbour minister.\n"
    assert _conflicts(wire, same, "actor") == []


RESIGNED = (
    "Harbour minister Ada Fenn threw in the towel late on Tuesday night.\n"
    "The Brennock blast killed two workers, officials said.\n"
)


def test_one_resignation_at_two_times_is_a_time_conflict() -> None:
    local = (
        "Councillors in Halvering voted to close the Brennock plant for good after Ada Fenn stepped down as harbour "
        "minister on Thursday morning.\n"
    )
    [(_, _, detail)] = _conflicts(RESIGNED, local, "time")
    assert "Tuesday" in detail and "Thursday" in detail


@pytest.mark.parametrize(
    "local",
    [
        # told in passing, so that alignment leaves them apart from the resignation and only this check compares
        f"Councillors in Halvering voted to close the Brennock plant after {happening}.\n"
        for happening in (
            "Ada Fenn stepped down as harbour minister late on Tuesday",  # the same day
            "her deputy, Tomas Reyl, stepped down on Thursday morning",  # someone else
            "the harbour minister resigned at about 9.30pm",  # a clock time is dated by publication: not compared
        )
    ],
)
def test_a_resignation_at_the_same_time_or_by_someone_else_is_no_conflict(local: str) -> None:
    assert _conflicts(RESIGNED, local, "time") == []


def test_one_capsizing_at_two_clock_times_is_a_time_conflict() -> None:
    wire = "The ferry Brennock Star capsized shortly after 6am on Tuesday.\nThe harbour stayed shut all day.\n"
    local = "Survivors in Halvering said the ferry overturned at around 7.40am on Tuesday, soon after leaving.\n"
    [(_, _, detail)] = _conflicts(wire, local, "time")  # an hour and a minute are both clock times
    assert "6am" in detail and "7.40am" in detail
    ship = "The Brennock Lines ship went down shortly after 6am on Tuesday.\nThe harbour stayed shut all day.\n"
    assert len(_conflicts(ship, local, "time")) == 1  # the ship and the ferry: one vessel in other words


def test_a_landing_told_of_it_far_from_the_lead_is_compared_with_another_outlet_s_landing() -> None:
    wire = "Flight BL 204 from Halvering landed at 6.40 p.m. on Friday and ran off the end of the runway.\n"
    local = (
        "A Brennock Lines jet skidded off the runway at Tarn airport on Friday evening.\n"
        "Farmer Ada Fenn watched from her field.\n"
        "The wing stopped a few metres from her barn.\n"
        "Nobody on the ground was hurt.\n"
        "Residents said it touched down at about 7.15 p.m.\n"
    )
    [(_, _, detail)] = _conflicts(wire, local, "time")  # "it": the jet; the clock: the lead's Friday
    assert "6.40 p.m." in detail and "7.15 p.m." in detail


STARTED = "The fire at the Brennock plant broke out at about 4.15am on Tuesday.\n"


def test_a_start_after_the_first_alert_is_a_time_conflict() -> None:
    local = "The first emergency call about the Brennock plant was logged at 3.48am on Tuesday.\n"
    [(first, second, detail)] = _conflicts(STARTED, local, "time")
    assert {first, second} == {ClaimRef(0, 0), ClaimRef(1, 0)}
    assert "4.15am" in detail and "3.48am" in detail


@pytest.mark.parametrize(
    "local",
    [
        "The first emergency call about the Brennock plant was logged at 4.20am on Tuesday.\n",  # after: agrees
        "An emergency call about the Brennock plant was logged at 3.48am on Tuesday.\n",  # not the first one
    ],
)
def test_an_alert_after_the_start_or_not_the_first_is_no_conflict(local: str) -> None:
    assert _conflicts(STARTED, local, "time") == []


def test_one_strike_starting_at_two_times_is_a_time_conflict() -> None:
    wire = "The strike at the Brennock plant began at 6 a.m. on Monday, union officials said.\nPickets stayed out.\n"
    local = "The walkout at Brennock began at 10 p.m. on Sunday, when the night shift downed tools, strikers said.\n"
    [(_, _, detail)] = _conflicts(wire, local, "time")  # a strike starts once: the walkout is the strike
    assert "6 a.m." in detail and "10 p.m. on Sunday" in detail
    # another thing starting, told in passing so that alignment leaves it apart and only this check compares
    talks = "Councillors in Halvering met the mayor after talks at the Brennock plant began at 10 p.m. on Sunday.\n"
    assert _conflicts(wire, talks, "time") == []
