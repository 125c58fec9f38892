"""Time-expression quality on the labelled texts (tests/data/times_gold.jsonl), the measure the test gate pins.

Each gold item is a phrase of an invented article (with its publication date, or null) and the value and precision
it should normalise to (both null where the text does not allow it). Phrases are located in order in the text; a
found expression matches a gold phrase when their spans overlap.
  - detection precision: found expressions that overlap some gold phrase;
  - detection recall: gold phrases that some found expression overlaps;
  - normalisation accuracy: gold phrases whose overlapping expression (the one overlapping most) has the same value
    and precision; a missed phrase counts as wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from storylens import article_from_text
from storylens.analyse import parse_article
from storylens.records import Span, TimeExpression

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "times_gold.jsonl"
NAME = "times"


@dataclass(frozen=True, slots=True)
class Outcome:
    article: str
    text: str
    value: str | None
    precision: str | None
    got: TimeExpression | None

    @property
    def right(self) -> bool:
        return self.got is not None and (self.got.value, self.got.precision) == (self.value, self.precision)


@dataclass(frozen=True, slots=True)
class Scores:
    items: int
    found: int
    spurious: tuple[TimeExpression, ...]
    precision: float
    recall: float
    accuracy: float
    outcomes: tuple[Outcome, ...]


def gold_articles() -> list[dict[str, Any]]:
    with GOLD.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def published(article: dict[str, Any]) -> date | None:
    stamp = article["published"]
    if stamp is None:
        return None
    return datetime.fromisoformat(stamp) if "T" in stamp else date.fromisoformat(stamp)


def find(article: dict[str, Any]) -> list[TimeExpression]:
    from storylens.analyse.times import find_times

    return find_times(parse_article(article_from_text(article["text"], article["id"], published=published(article))))


def _gold_spans(article: dict[str, Any]) -> list[Span]:
    spans, position = [], 0
    for item in article["times"]:
        start = article["text"].index(item["text"], position)
        spans.append(Span(start, start + len(item["text"])))
        position = start + len(item["text"])
    return spans


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def outcomes(article: dict[str, Any], found: list[TimeExpression]) -> list[Outcome]:
    results = []
    for item, span in zip(article["times"], _gold_spans(article), strict=True):
        best = max(found, key=lambda t: _overlap(t.span, span), default=None)
        got = best if best is not None and _overlap(best.span, span) else None
        results.append(Outcome(article["id"], item["text"], item["value"], item["precision"], got))
    return results


def score() -> Scores:
    results: list[Outcome] = []
    spurious: list[TimeExpression] = []
    found_total = 0
    for article in gold_articles():
        found = find(article)
        spans = _gold_spans(article)
        found_total += len(found)
        spurious += [t for t in found if not any(_overlap(t.span, s) for s in spans)]
        results += outcomes(article, found)
    return Scores(
        items=len(results),
        found=found_total,
        spurious=tuple(spurious),
        precision=(found_total - len(spurious)) / max(1, found_total),
        recall=sum(o.got is not None for o in results) / max(1, len(results)),
        accuracy=sum(o.right for o in results) / max(1, len(results)),
        outcomes=tuple(results),
    )


def run() -> list[tuple[str, str, str]]:
    scores = score()
    return [
        (NAME, "gold expressions / texts", f"{scores.items} / {len(gold_articles())}"),
        (NAME, "detection precision", f"{scores.precision:.3f}"),
        (NAME, "detection recall", f"{scores.recall:.3f}"),
        (NAME, f"normalisation accuracy (gold, {scores.items})", f"{scores.accuracy:.3f}"),
    ]


if __name__ == "__main__":
    result = score()
    for o in result.outcomes:
        got = (o.got.text, o.got.value, o.got.precision) if o.got else None
        print(f"{'ok ' if o.right else 'BAD'} {o.article:10} {o.text[:36]!r:40} want {o.value}/{o.precision} got {got}")
    for t in result.spurious:
        print(f"SPURIOUS {t.text!r} {t.value}")
    for row in run():
        print(row)
