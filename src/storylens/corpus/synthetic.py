"""Synthetic news corpora for speed benchmarks and tests: many invented events, several outlets each, wire copies.

Every article is built from its event's facts (place, people, numbers, day) in wording that differs by outlet, with
generic background sentences around them (~300 words), so articles of one event are alike in meaning but not copies,
and events of one kind ("an earthquake") differ by place, people and day: the clusterer's real job. A share of
articles are wire copies: an earlier article of the event with a credit line and a word or two changed. Deterministic
for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

_SYLLABLES = (
    "ka lo ve ri sa nor mel tan bri os du fen gar hal is jor kel lun mar nev or pel quin ros sul tor ul vag wen"
)
_SYLLABLE_LIST = _SYLLABLES.split()
_OUTLETS = [f"{name} {kind}" for name in ("North", "Coast", "Valley", "City", "Metro", "Harbour", "Prairie", "Capital")
            for kind in ("Ledger", "Times", "Post", "Herald", "Radio", "Daily")]  # fmt: skip
_KINDS: dict[str, dict[str, list[str]]] = {
    "quake": {
        "title": [
            "Magnitude {n1}.{n2} earthquake strikes {place}",
            "Deadly quake hits {place}, {n3} dead",
            "{place} shaken by strong earthquake",
            "Earthquake in {place}: {n3} killed",
        ],
        "facts": [
            "A magnitude {n1}.{n2} earthquake struck {place} on {weekday}, killing at least {n3} people.",
            "At least {n3} people died when a strong earthquake shook {place} early on {weekday}.",
            "The quake, measured at {n1}.{n2}, toppled buildings across {place} and left {n3} dead.",
            "{person}, who leads the {place} civil protection agency, said rescuers were searching the rubble.",
            "Rescue teams under {person} dug through collapsed homes in {place} through the night.",
            "{person} of the civil protection service said {n4} people had been injured.",
            "Hospitals in {place} treated {n4} injured people, officials said.",
        ],
    },
    "election": {
        "title": [
            "{person} wins {place} election",
            "{place} votes: {person} claims victory",
            "{person}'s party ahead in {place} poll",
            "Voters in {place} back {person}",
        ],
        "facts": [
            "{person} won the election in {place} on {weekday} with {n5} percent of the vote.",
            "Official results gave {person} {n5} percent in {place}'s vote held on {weekday}.",
            "Turnout in {place} reached {n6} percent, the electoral commission said.",
            "{person2}, the main rival, conceded defeat in {place} late on {weekday}.",
            "{person} promised to form a government in {place} within {n1} weeks.",
            "Supporters of {person} celebrated in the streets of {place}.",
        ],
    },
    "strike": {
        "title": [
            "{union} workers strike in {place}",
            "Strike halts work across {place}",
            "{place} hit by {union} walkout",
            "Walkout by {union} in {place} over pay",
        ],
        "facts": [
            "Members of the {union} union walked out across {place} on {weekday} in a dispute over pay.",
            "A strike called by the {union} union halted services in {place} on {weekday}.",
            "Union leader {person} said the offer of {n1} percent was far too low.",
            "{person}, who leads the {union}, warned of more walkouts in {place}.",
            "Employers in {place} said only {n6} percent of services were running.",
            "Talks between the {union} and employers in {place} are due to resume within {n1} days.",
        ],
    },
    "fire": {
        "title": [
            "Wildfire forces evacuations near {place}",
            "Fire burns {n4} hectares near {place}",
            "{place} residents flee wildfire",
            "Blaze near {place} spreads",
        ],
        "facts": [
            "A wildfire forced the evacuation of {n4} residents near {place} on {weekday}.",
            "Firefighters battled a fast-moving blaze near {place} on {weekday}, moving {n4} people to safety.",
            "Fire chief {person} said the fire had burned {n4} hectares of forest around {place}.",
            "{person}, the regional fire chief, said planes would drop water over {place} at dawn.",
            "Strong winds pushed the flames toward farms outside {place}, officials said.",
        ],
    },
}
_BACKGROUND = [
    "Officials said more details would be released later in the day.",
    "The region has seen similar events in recent years, according to local records.",
    "Residents described scenes of confusion as news spread through the area.",
    "Local radio stations interrupted their programmes to carry updates.",
    "Neighbouring authorities offered help and said they were monitoring the situation closely.",
    "Analysts said the full impact would not be clear for several days.",
    "Social media posts showed crowds gathering in the main square.",
    "A spokesperson for the national government said ministers were being kept informed.",
    "Schools in the area announced they would remain closed until further notice.",
    "Businesses reported disruption to deliveries and staff travel.",
    "Community groups organised food and shelter for those affected.",
    "Journalists at the scene said the mood was tense but calm.",
    "Experts cautioned against drawing early conclusions from incomplete figures.",
    "The story is developing and will be updated as information arrives.",
    "Transport operators advised travellers to check timetables before setting out.",
    "Several international organisations issued statements of concern.",
    "Opposition politicians called for a full inquiry into the response.",
    "Volunteers arrived from nearby towns to help with the clean-up.",
    "Insurance companies said it was too early to estimate the cost.",
    "Church bells rang in the evening as families waited for news.",
]
_VOCABULARY = sorted({w.strip(".,").lower() for s in _BACKGROUND for w in s.split()})
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_UNIONS = ["Transport", "Dockers", "Teachers", "Nurses", "Miners", "Postal", "Bus", "Airport"]
WORDS_PER_ARTICLE = 300
EVENTS_PER_DAY = 30


@dataclass(frozen=True, slots=True)
class _Event:
    number: int
    kind: str
    slots: dict[str, str]
    day: date


def _name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(_SYLLABLE_LIST) for _ in range(parts)).capitalize()


def _event(rng: random.Random, number: int, start: date) -> _Event:
    kind = rng.choice(sorted(_KINDS))
    day = start + timedelta(days=number // EVENTS_PER_DAY)
    slots = {
        "place": _name(rng, 3),
        "person": f"{_name(rng)} {_name(rng, 3)}",
        "person2": f"{_name(rng)} {_name(rng, 3)}",
        "union": rng.choice(_UNIONS),
        "weekday": _WEEKDAYS[day.weekday()],
        "n1": str(rng.randint(3, 9)),
        "n2": str(rng.randint(0, 9)),
        "n3": str(rng.randint(2, 90)),
        "n4": str(rng.randint(100, 5000)),
        "n5": str(rng.randint(40, 70)),
        "n6": str(rng.randint(10, 80)),
    }
    return _Event(number, kind, slots, day)


def _background(rng: random.Random) -> str:
    """A background sentence: a known one, or words of them in a new order, so that articles of different events
    share words as real ones do, but not whole runs of words (which would make them near-duplicates)."""
    if rng.random() < 0.2:
        return rng.choice(_BACKGROUND)
    words = rng.sample(_VOCABULARY, rng.randint(8, 14))
    return " ".join(words).capitalize() + "."


def _article(rng: random.Random, event: _Event, number: int) -> dict[str, Any]:
    templates = _KINDS[event.kind]
    facts = [sentence.format(**event.slots) for sentence in rng.sample(templates["facts"], 3)]
    body: list[str] = list(facts)
    while sum(len(s.split()) for s in body) < WORDS_PER_ARTICLE:
        body.insert(rng.randint(1, len(body)), _background(rng))
    paragraphs = [" ".join(body[i : i + 3]) for i in range(0, len(body), 3)]
    return {
        "id": f"a{number}",
        "story": f"event-{event.number}",
        "outlet": rng.choice(_OUTLETS),
        "title": rng.choice(templates["title"]).format(**event.slots),
        "published": (event.day + timedelta(days=rng.choice((0, 0, 0, 1)))).isoformat(),
        "text": "\n".join(paragraphs),
    }


def _wire_copy(rng: random.Random, original: dict[str, Any], number: int) -> dict[str, Any]:
    words = original["text"].split(" ")
    for _ in range(2):  # a light edit: a word or two swapped for a synonym-like change
        position = rng.randrange(len(words))
        words[position] = words[position].upper() if rng.random() < 0.5 else words[position] + ","
    credit = f"\nThis report was provided by {rng.choice(['Continental Press', 'Global Wire', 'Newsline Agency'])}."
    return original | {"id": f"a{number}", "outlet": rng.choice(_OUTLETS), "text": " ".join(words) + credit}


def synthetic_corpus(
    size: int, seed: int = 7, wire_share: float = 0.15, start: date = date(2024, 1, 1)
) -> Iterator[dict[str, Any]]:
    """`size` JSONL-ready records (`id`, `story` label, `outlet`, `title`, `published`, `text`), in publication
    order with events interleaved as a feed would carry them."""
    rng = random.Random(seed)
    open_events: list[tuple[_Event, list[dict[str, Any]], int]] = []  # (event, its articles so far, articles left)
    events = 0
    for number in range(1, size + 1):
        if not open_events or (len(open_events) < 40 and rng.random() < 0.35):
            open_events.append((_event(rng, events, start), [], rng.randint(2, 8)))
            events += 1
        slot = rng.randrange(len(open_events))
        event, written, left = open_events[slot]
        if written and rng.random() < wire_share:
            record = _wire_copy(rng, rng.choice(written), number)
        else:
            record = _article(rng, event, number)
        written.append(record)
        if left <= 1:
            open_events.pop(slot)
        else:
            open_events[slot] = (event, written, left - 1)
        yield record
