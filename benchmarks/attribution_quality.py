"""Attribution quality on the labelled articles (tests/data/attribution_gold.jsonl), the measure the test gate pins.

Each gold item is a phrase of an invented article, the kind of source it should be attributed to and the source's
name (both null for the outlet's own voice). The claim holding the phrase is looked up, and its source compared:
  - kind accuracy: attributed items whose claim's source has the expected kind;
  - precision: claims given a source that got the right one (a source on an own-voice item counts against it);
  - recall: attributed items whose claim got the right source.
Names match when one holds the other once case and a leading article are ignored ("police" ~ "Fenwick police").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "attribution_gold.jsonl"
NAME = "attribution"


@dataclass(frozen=True, slots=True)
class Outcome:
    phrase: str
    kind: str | None
    source: str | None
    got_kind: str | None
    got_source: str | None

    @property
    def right_source(self) -> bool:
        return names_match(self.got_source, self.source)


@dataclass(frozen=True, slots=True)
class Scores:
    items: int
    attributed: int
    kind_accuracy: float
    precision: float
    recall: float
    outcomes: tuple[Outcome, ...]


def gold_articles() -> list[dict[str, Any]]:
    with GOLD.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def names_match(got: str | None, want: str | None) -> bool:
    if got is None or want is None:
        return got is None and want is None
    a, b = _bare(got), _bare(want)
    return bool(a and b) and (a in b or b in a)


def _bare(name: str) -> str:
    name = re.sub(r"^(?:the|a|an)\s+", "", name.strip().casefold())
    return re.sub(r"(?:'s|’s)\b", "", name)


def outcomes(article: dict[str, Any]) -> list[Outcome]:
    from storylens import article_from_text
    from storylens.analyse import parse_article
    from storylens.analyse.attribution import attribute

    parsed = parse_article(article_from_text(article["text"], article["id"], outlet=article["outlet"]))
    sources, claims = attribute(parsed, [], [])
    found = []
    for item in article["attributions"]:
        start = parsed.article.text.index(item["phrase"])
        claim = next((c for c in claims if c.span.start <= start < c.span.end), None)
        source = sources[claim.source] if claim is not None and claim.source is not None else None
        got_kind, got_name = (source.kind, source.name) if source else (None, None)
        found.append(Outcome(item["phrase"], item["kind"], item["source"], got_kind, got_name))
    return found


def score() -> Scores:
    results = [o for article in gold_articles() for o in outcomes(article)]
    attributed = [o for o in results if o.source is not None]
    given = [o for o in results if o.got_source is not None]
    return Scores(
        items=len(results),
        attributed=len(attributed),
        kind_accuracy=sum(o.got_kind == o.kind for o in attributed) / max(1, len(attributed)),
        precision=sum(o.right_source for o in given) / max(1, len(given)),
        recall=sum(o.right_source for o in attributed) / max(1, len(attributed)),
        outcomes=tuple(results),
    )


def run() -> list[tuple[str, str, str]]:
    scores = score()
    return [
        (NAME, "gold items (attributed / own voice)", f"{scores.attributed} / {scores.items - scores.attributed}"),
        (NAME, "source-kind accuracy", f"{scores.kind_accuracy:.3f}"),
        (NAME, "attribution precision", f"{scores.precision:.3f}"),
        (NAME, "attribution recall", f"{scores.recall:.3f}"),
    ]


if __name__ == "__main__":
    result = score()
    for o in result.outcomes:
        mark = "ok " if o.right_source and o.got_kind == o.kind else "BAD"
        print(f"{mark} {o.phrase[:45]!r:50} want {o.kind}/{o.source} got {o.got_kind}/{o.got_source}")
    for row in run():
        print(row)
