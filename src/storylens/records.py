"""Typed records that flow between the stages. An article owns its text; everything found in it later is an
offset view (`Span`) onto that text, so a finding can always be checked against its source."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from storylens.errors import InputError

if TYPE_CHECKING:
    from spacy.tokens import Doc

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


# ---- per-article analysis: every item is an offset view onto its article's text ----------------------------

EntityLabel = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "OTHER"]
SourceKind = Literal["news_agency", "outlet", "official", "anonymous", "social_media", "tracker", "analyst", "other"]
SpeakerFrom = Literal["explicit", "pronoun", "carried", "none"]
Precision = Literal["year", "month", "day", "hour", "minute"]
FramingKind = Literal["loaded", "name_calling", "exaggeration", "epithet"]
MentionForm = Literal["name", "short", "pronoun", "epithet"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in the text (or a pronoun or epithet standing for one), linked to an entity of its article."""

    span: Span
    text: str
    label: EntityLabel
    entity: int  # index into ArticleAnalysis.entities
    form: MentionForm = "name"


@dataclass(frozen=True, slots=True)
class LocalEntity:
    """One person, organisation or place as one article names it: the fullest name and every form used."""

    name: str
    label: EntityLabel
    variants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    """Words in quotation marks (`span` excludes the marks), who said them, and the verb that says so."""

    span: Span
    text: str
    speaker: int | None  # entity index
    speaker_span: Span | None  # the name or pronoun in the text
    speaker_from: SpeakerFrom
    cue: str | None  # lemma of the cue verb ("say", "tell", "add"), when there is one
    partial: bool  # a fragment quoted inside the outlet's own sentence


@dataclass(frozen=True, slots=True)
class CitedSource:
    """Who a statement is attributed to: a named person, an agency, an anonymous source, a post, a tracker."""

    name: str
    kind: SourceKind
    spans: tuple[Span, ...]  # where the article names it
    entity: int | None
    statements: tuple[int, ...]  # claim indices it backs


@dataclass(frozen=True, slots=True)
class Claim:
    """A check-worthy statement of the article: one proposition, with its attribution and hedging."""

    span: Span
    text: str
    sentence: int
    source: int | None  # index into ArticleAnalysis.sources; None = the outlet's own voice
    hedges: tuple[int, ...]  # indices into ArticleAnalysis.hedges
    numbers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FramingTerm:
    span: Span
    text: str
    kind: FramingKind
    target: int | None  # entity index, when known
    quoted_from: int | None = None  # entity index of the speaker when the word is inside a quote
    quoted: bool = False  # inside quotation marks: someone's words, not the outlet's (speaker may be unknown)


@dataclass(frozen=True, slots=True)
class Hedge:
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time normalised against the publication date; `value` is ISO 8601 to `precision`, None if unresolved."""

    span: Span
    text: str
    value: str | None
    precision: Precision | None
    sentence: int
    claim: int | None = None  # the claim (event) it anchors: the one whose clause holds it
    approximate: bool = False  # "around 7:40": the minute given or taken


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    article: Article
    sentences: tuple[Span, ...]
    mentions: tuple[Mention, ...]
    entities: tuple[LocalEntity, ...]
    quotes: tuple[Quote, ...] = ()
    sources: tuple[CitedSource, ...] = ()
    claims: tuple[Claim, ...] = ()
    hedges: tuple[Hedge, ...] = ()
    framing: tuple[FramingTerm, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    rates: Mapping[str, float] = field(default_factory=dict)  # framing and hedges per 1,000 words
    limitations: tuple[str, ...] = ()  # what this stage could not do for this article, in words
    # Each claim's tokens as the analysis parsed them (a Doc of the claim's own text; None where the claim does not
    # fall on token bounds), so that the link stage reads that parse instead of running the parser again; empty
    # when not kept (an analysis built by hand or loaded from a store).
    claim_docs: tuple[Doc | None, ...] = field(default=(), compare=False, repr=False)


# ---- across articles: the story -------------------------------------------------------------------------------

Verdict = Literal["corroborated", "single_source", "conflicting"]
ConflictKind = Literal["number", "time", "place", "actor", "negation", "other"]
EvidenceStance = Literal["supports", "contradicts"]
Stance = Literal["supports", "contradicts"]


@dataclass(frozen=True, slots=True)
class ClaimRef:
    """A claim of one article: `article` indexes the list of analyses, `claim` that analysis's claims."""

    article: int
    claim: int


@dataclass(frozen=True, slots=True)
class StoryEntity:
    """One real person, organisation or place across the articles: every local entity that stands for it."""

    name: str
    label: EntityLabel
    variants: tuple[str, ...]
    members: tuple[tuple[int, int], ...]  # (article index, local entity index)


@dataclass(frozen=True, slots=True)
class Conflict:
    kind: ConflictKind
    detail: str
    first: ClaimRef
    second: ClaimRef


@dataclass(frozen=True, slots=True)
class ClaimCluster:
    """Claims from different articles that state the same proposition."""

    members: tuple[ClaimRef, ...]
    canonical: ClaimRef
    conflicts: tuple[Conflict, ...] = ()
    stances: tuple[EvidenceStance, ...] = ()  # per member, towards the canonical claim; () = not read yet


@dataclass(frozen=True, slots=True)
class QuoteRef:
    article: int
    quote: int


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """One remark of one speaker as several outlets render it."""

    speaker: int | None  # story entity index
    variants: tuple[QuoteRef, ...]
    similarity: float  # lowest word-level similarity between two variants (1.0 = same words)
    wording_differs: bool  # the words differ beyond case and punctuation


@dataclass(frozen=True, slots=True)
class StorySource:
    """A cited source across the articles: who cites it and which claim clusters it backs."""

    name: str
    kind: SourceKind
    entity: int | None  # story entity index
    cited_by: tuple[int, ...]  # article indices
    clusters: tuple[int, ...]
    members: tuple[tuple[int, int], ...]  # (article index, local source index)


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    when: str
    precision: Precision
    cluster: int
    articles: tuple[int, ...]
    told_by: ClaimRef  # the claim that gives this time: its wording is the event's text


@dataclass(frozen=True, slots=True)
class Story:
    """What the link stage makes of the analyses of N articles about one event."""

    analyses: tuple[ArticleAnalysis, ...]
    entities: tuple[StoryEntity, ...]
    clusters: tuple[ClaimCluster, ...]
    verdicts: tuple[Verdict, ...]  # one per cluster
    origins: tuple[tuple[str, ...], ...]  # per cluster: the independent origins behind it
    sources: tuple[StorySource, ...]
    quotes: tuple[QuoteGroup, ...]
    timeline: tuple[TimelineEvent, ...]
