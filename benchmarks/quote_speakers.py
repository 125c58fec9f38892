"""Quote detection and speaker attribution on the labelled gold set (tests/data/quotes_gold.jsonl).

The same measures the test gate pins (tests/analyse/test_quotes.py): quotes are matched on their words (case, edge
punctuation and marks ignored); a speaker is right when the resolved entity's name equals the expected one (compared
with `name_key`) or both are none. The held-out batch was written after the rules were fixed and is reported apart,
as the fairer estimate.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from storylens import article_from_text
from storylens.analyse import parse_article
from storylens.analyse.entities import name_key
from storylens.analyse.quotes import find_quotes

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "quotes_gold.jsonl"
NAME = "quotes"


@dataclass
class Tally:
    found: int = 0
    gold: int = 0
    matched: int = 0
    speakers: int = 0
    sources: int = 0
    partials: int = 0

    @property
    def f1(self) -> float:
        precision, recall = self.matched / max(self.found, 1), self.matched / max(self.gold, 1)
        return 2 * precision * recall / max(precision + recall, 1e-9)

    def rate(self, count: int) -> str:
        return f"{count / max(self.matched, 1):.3f}"


def _normal(text: str) -> str:
    return " ".join(text.casefold().strip(" ,.;:!?…—–-\"'“”‘’«»„").split())


def _same_speaker(found: str | None, expected: str | None) -> bool:
    if found is None or expected is None:
        return found is expected
    return name_key(found) == name_key(expected)


def _score(record: dict[str, object], tally: Tally) -> None:
    parsed = parse_article(article_from_text(str(record["text"]), str(record["id"])))
    found = {_normal(q.text): q for q in find_quotes(parsed)}
    expected = {_normal(g["text"]): g for g in record["quotes"]}  # type: ignore[attr-defined]
    tally.found, tally.gold = tally.found + len(found), tally.gold + len(expected)
    for key, gold in expected.items():
        quote = found.get(key)
        if quote is None:
            continue
        name = parsed.entities[quote.speaker].name if quote.speaker is not None else None
        tally.matched += 1
        tally.speakers += _same_speaker(name, gold["speaker"])
        tally.sources += quote.speaker_from == gold["speaker_from"]
        tally.partials += quote.partial == gold["partial"]


def tally_gold() -> dict[str, Tally]:
    """Scores over the whole gold set ("all") and its held-out batch ("held_out")."""
    tallies = {"all": Tally(), "held_out": Tally()}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        _score(record, tallies["all"])
        if record.get("batch") == "held_out":
            _score(record, tallies["held_out"])
    return tallies


def run() -> list[tuple[str, str, str]]:
    tallies = tally_gold()
    every, held = tallies["all"], tallies["held_out"]
    return [
        (NAME, f"detection F1 (gold set, {every.gold} quotes)", f"{every.f1:.3f}"),
        (NAME, f"speaker accuracy (gold set, {every.matched} quotes)", every.rate(every.speakers)),
        (NAME, f"speaker accuracy (held-out part, {held.matched} quotes)", held.rate(held.speakers)),
        (NAME, "speaker_from accuracy", every.rate(every.sources)),
        (NAME, "partial flag accuracy", every.rate(every.partials)),
    ]


if __name__ == "__main__":
    for row in run():
        print(*row, sep="\t")
