"""Typed records that flow between the stages. An article owns its text; everything found in it later is an
offset view (`Span`) onto that text, so a finding can always be checked against its source."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from storylens.errors import InputError

InputKind = Literal["text", "html", "url", "jsonl", "feed", "warc"]
OutletFrom = Literal["given", "metadata", "url", "text", "unknown"]


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range [start, end) into an article's `text`."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")


@dataclass(frozen=True, slots=True)
class Removal:
    """A line (or sentence) the boilerplate filter dropped, and why. Nothing is dropped without one."""

    text: str
    reason: str
    rule: str


@dataclass(frozen=True, slots=True)
class Notice:
    """Something a user should know about an input that was still used (e.g. not English, fallback extraction)."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(frozen=True, slots=True)
class Article:
    """One news report, cleaned. `published` is a `date` (day precision) or a `datetime`, or None if unknown."""

    id: str
    origin: str
    kind: InputKind
    text: str
    paragraphs: tuple[Span, ...]
    outlet: str | None = None
    outlet_from: OutletFrom = "unknown"
    title: str | None = None
    byline: str | None = None
    published: date | None = None
    url: str | None = None
    language: str = "und"
    language_score: float = 0.0
    removed: tuple[Removal, ...] = ()

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    @property
    def paragraph_texts(self) -> list[str]:
        return [self.span_text(p) for p in self.paragraphs]

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(slots=True)
class Ingested:
    """What ingest made of the inputs: the articles, what was skipped (with why), and notices on what was used."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[InputError] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
