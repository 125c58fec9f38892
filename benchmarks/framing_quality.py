"""Framing and hedge quality on the labelled gold set (tests/data/framing_gold.jsonl), the measure the test gate pins.

Each gold line is an invented article with the framing terms and hedges a careful reader would mark. A found term
matches a gold term of the same kind whose span overlaps it (one to one, in text order); a gold term listed twice
stands for its first and second occurrence. Among matched terms, `target` and `quoted` are scored as accuracies.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storylens import article_from_text
from storylens.analyse import parse_article
from storylens.analyse.entities import name_key
from storylens.analyse.framing import find_framing, find_hedges, quote_spans
from storylens.analyse.parsed import ParsedArticle
from storylens.records import FramingTerm, Span

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "framing_gold.jsonl"
NAME = "framing"
KINDS = ("loaded", "name_calling", "exaggeration", "epithet")


@dataclass(slots=True)
class Tally:
    found: int = 0
    gold: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0


@dataclass(slots=True)
class Scores:
    terms: Tally = field(default_factory=Tally)
    by_kind: dict[str, Tally] = field(default_factory=lambda: {kind: Tally() for kind in KINDS})
    hedges: Tally = field(default_factory=Tally)
    targets_right: int = 0
    quoted_right: int = 0
    errors: list[str] = field(default_factory=list)  # what went wrong, for a reader tuning the lexicon

    @property
    def target_accuracy(self) -> float:
        return self.targets_right / self.terms.matched if self.terms.matched else 1.0

    @property
    def quoted_accuracy(self) -> float:
        return self.quoted_right / self.terms.matched if self.terms.matched else 1.0


def gold_items(path: Path = GOLD) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def parse(item: dict[str, Any]) -> ParsedArticle:
    return parse_article(article_from_text(item["text"], item["id"]))


def gold_spans(text: str, phrases: Sequence[str]) -> list[Span]:
    """Where each gold phrase is: the n-th listing of a phrase is its n-th occurrence (whole words)."""
    seen: dict[str, int] = {}
    spans = []
    for phrase in phrases:
        occurrences = list(re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text))
        nth = seen.get(phrase, 0)
        seen[phrase] = nth + 1
        if nth >= len(occurrences):
            raise ValueError(f"framing_gold.jsonl: {phrase!r} occurs fewer than {nth + 1} times")
        spans.append(Span(occurrences[nth].start(), occurrences[nth].end()))
    return spans


def evaluate(items: Sequence[dict[str, Any]] | None = None) -> Scores:
    scores = Scores()
    for item in items if items is not None else gold_items():
        parsed = parse(item)
        _score_terms(scores, item, parsed, find_framing(parsed))
        _score_hedges(scores, item, parsed.article.text, [h.span for h in find_hedges(parsed)])
    return scores


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _score_terms(scores: Scores, item: dict[str, Any], parsed: ParsedArticle, found: list[FramingTerm]) -> None:
    gold = item["terms"]
    spans = gold_spans(parsed.article.text, [g["text"] for g in gold])  # the cleaned text: offsets refer to it
    free = list(range(len(gold)))
    marks = quote_spans(parsed.article.text)
    for term in found:
        scores.terms.found += 1
        scores.by_kind[term.kind].found += 1
        g = next((i for i in free if gold[i]["kind"] == term.kind and _overlap(spans[i], term.span)), None)
        if g is None:
            scores.errors.append(f"{item['id']}: extra {term.kind} {term.text!r}")
            continue
        free.remove(g)
        scores.terms.matched += 1
        scores.by_kind[term.kind].matched += 1
        target = parsed.entities[term.target] if term.target is not None else None
        if _same_entity(gold[g]["target"], target.variants if target else ()):
            scores.targets_right += 1
        else:
            scores.errors.append(f"{item['id']}: {term.text!r} target {target and target.name} ≠ {gold[g]['target']}")
        quoted = term.quoted_from is not None or any(
            m.start <= term.span.start and term.span.end <= m.end for m in marks
        )
        scores.quoted_right += quoted == gold[g]["quoted"]
    for g in gold:
        scores.terms.gold += 1
        scores.by_kind[g["kind"]].gold += 1
    scores.errors += [f"{item['id']}: missed {gold[i]['kind']} {gold[i]['text']!r}" for i in free]


def _same_entity(gold: str | None, variants: Sequence[str]) -> bool:
    if gold is None or not variants:
        return gold is None and not variants
    # "Boxer Danny Reeve" (a title the entity stage kept) is still Danny Reeve: every gold name word must be there.
    return any(set(name_key(gold).split()) <= set(name_key(v).split()) for v in variants)


def _score_hedges(scores: Scores, item: dict[str, Any], text: str, found: list[Span]) -> None:
    gold = gold_spans(text, item["hedges"])
    free = list(gold)
    for span in found:
        hit = next((g for g in free if _overlap(g, span)), None)
        if hit is None:
            scores.errors.append(f"{item['id']}: extra hedge {text[span.start : span.end]!r}")
        else:
            free.remove(hit)
            scores.hedges.matched += 1
    scores.hedges.found += len(found)
    scores.hedges.gold += len(gold)
    scores.errors += [f"{item['id']}: missed hedge {text[g.start : g.end]!r}" for g in free]


def run() -> list[tuple[str, str, str]]:
    """Scores on the whole set; recall also on the held-out texts, written after the lexicon was frozen and never
    used to extend it (the honest estimate of recall on unseen text)."""
    items = gold_items()
    s = evaluate(items)
    held = evaluate([item for item in items if item.get("split") == "heldout"])
    rows = [
        (NAME, "gold set (articles / terms / hedges)", f"{len(items)} / {s.terms.gold} / {s.hedges.gold}"),
        (NAME, "framing-term precision (gold set)", f"{s.terms.precision:.3f}"),
        (NAME, "framing-term recall (gold set)", f"{s.terms.recall:.3f}"),
        (
            NAME,
            "framing-term precision / recall (held-out part)",
            f"{held.terms.precision:.3f} / {held.terms.recall:.3f}",
        ),
    ]
    rows += [
        (NAME, f"{kind} precision / recall", f"{t.precision:.3f} / {t.recall:.3f}") for kind, t in s.by_kind.items()
    ]
    return [
        *rows,
        (NAME, "target accuracy (matched terms)", f"{s.target_accuracy:.3f}"),
        (NAME, "quoted-or-not accuracy (matched terms)", f"{s.quoted_accuracy:.3f}"),
        (NAME, "hedge precision (gold set)", f"{s.hedges.precision:.3f}"),
        (NAME, "hedge recall (gold set)", f"{s.hedges.recall:.3f}"),
        (NAME, "hedge precision / recall (held-out)", f"{held.hedges.precision:.3f} / {held.hedges.recall:.3f}"),
    ]


if __name__ == "__main__":
    result = evaluate()
    print("\n".join(result.errors))
    for row in run():
        print(*row, sep="  |  ")
