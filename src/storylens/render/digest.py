"""What every human-readable rendering shows, computed once from the report dict: the summary, the claims × outlets
matrix, word-level differences, the source graph, framing bars and the articles cut into highlighted segments.

Pure functions over the report dict (the truth); the HTML, Markdown and terminal renderers only lay these out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Literal

from storylens.report import Report

Cell = Literal["agrees", "conflicts", "silent"]
STATUS_ORDER = ("conflicting", "corroborated", "single_source")
STATUS_LABEL = {"conflicting": "conflicting", "corroborated": "corroborated", "single_source": "single source"}
CELL_SYMBOL: dict[Cell, str] = {"agrees": "✓", "conflicts": "✗", "silent": "·"}
MIN_DIFF_SIMILARITY = 0.4  # below this, two texts say different things: marking every word helps no one
_TOKEN = re.compile(r"\s+|[\w’'-]+\s*|[^\w\s]\s*")  # a word with the spaces after it: changed words join up


@dataclass(frozen=True, slots=True)
class Summary:
    articles: int
    outlets: tuple[str, ...]
    counts: dict[str, int]  # claims by status
    independent_origins: int  # distinct origins (agencies, officials, witnesses, own reporting) behind the claims
    best_backing: int  # the most independent sources behind any one claim
    shared_agencies: tuple[tuple[str, int], ...]  # (news agency, how many outlets cite it), cited by two or more
    copies: tuple[tuple[str, str], ...] = ()  # (outlet, article name): the outlet ran that article's text verbatim


@dataclass(frozen=True, slots=True)
class Row:
    claim: dict[str, Any]
    cells: tuple[tuple[Cell, dict[str, Any] | None], ...]  # per article, in report order: its cell and evidence


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    changed: bool


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of an article's text; `claim` is set when the run is a claim's evidence."""

    text: str
    claim: str | None = None
    status: str | None = None
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float  # per 1,000 words
    share: float  # of the largest value in the panel, 0..1 (the bar's length)


def outlet_names(report: Report) -> dict[str, str]:
    """Article id → the name a reader knows it by: the outlet; else the headline; else "Article N". Two articles of
    one outlet are told apart by a number."""
    names: dict[str, str] = {}
    for number, article in enumerate(report["articles"], start=1):
        name = article["outlet"] or (cut(article["title"], 40) if article["title"] else f"Article {number}")
        taken = sum(1 for existing in names.values() if existing == name or existing.startswith(f"{name} ("))
        names[article["id"]] = f"{name} ({taken + 1})" if taken else name
    return names


def conflict_detail(conflict: Mapping[str, Any], names: Mapping[str, str]) -> str:
    """The conflict's one-line detail with each outlet-less article called as the rest of the report calls it:
    the JSON detail names such an article by its id ("(000-4ebb…)"), a reader knows it as "Article 1"."""
    detail = str(conflict["detail"])
    for side in (conflict["first"], conflict["second"]):
        article = side["article"]
        detail = detail.replace(f"({article})", f"({names.get(article, article)})")
    return detail


def story_title(report: Report) -> str:
    """A headline for the comparison: the first article's, else the names the articles share most."""
    count = len(report["articles"])
    reports = f"{count} report{'s' if count != 1 else ''} compared"
    titles = [a["title"] for a in report["articles"] if a["title"]]
    if titles:
        return f"{titles[0]} — {reports}"
    ranked = sorted(
        (e for e in report.get("entities", []) if e["type"] in {"PERSON", "ORG", "GPE", "EVENT", "FAC", "LOC"}),
        key=lambda e: (-len({m["article"] for m in e["mentions"]}), -len(e["mentions"])),
    )
    names = [e["name"] for e in ranked[:2]]
    return f"{' and '.join(names)}: {reports}" if names else reports


def summarise(report: Report) -> Summary:
    claims = report.get("claims", [])
    counts = {status: sum(c["status"] == status for c in claims) for status in STATUS_ORDER}
    origins = {origin for c in claims for origin in c.get("origins", [])}
    agencies = sorted(
        ((s["name"], len(s["cited_by"])) for s in report.get("sources", [])
         if s["kind"] == "news_agency" and len(s["cited_by"]) > 1),
        key=lambda item: (-item[1], item[0]),
    )  # fmt: skip
    return Summary(
        articles=len(report["articles"]),
        outlets=tuple(dict.fromkeys(outlet_names(report).values())),
        counts=counts,
        independent_origins=len(origins) or max((c["independent_sources"] for c in claims), default=0),
        best_backing=max((c["independent_sources"] for c in claims), default=0),
        shared_agencies=tuple(agencies),
        copies=verbatim_copies(report),
    )


def verbatim_copies(report: Report) -> tuple[tuple[str, str], ...]:
    """(outlet, article name) for each other outlet whose input held an article's text word for word (a wire copy
    run unchanged): skipped as a duplicate, it still carries that article's claims, as one source with it."""
    names = outlet_names(report)
    return tuple(
        (copy["outlet"], names[article["id"]])
        for article in report["articles"]
        for copy in article.get("copies", ())
        if copy["outlet"] and copy["outlet"] != article["outlet"]
    )


def ordered_claims(report: Report) -> list[dict[str, Any]]:
    """Conflicts first, then what several outlets agree on, then single-source claims; the best-backed first."""
    return sorted(
        report.get("claims", []),
        key=lambda c: (STATUS_ORDER.index(c["status"]), -c["independent_sources"], -len(c["outlets"])),
    )


def matrix(report: Report) -> list[Row]:
    article_ids = [a["id"] for a in report["articles"]]
    return [Row(claim, tuple(cell(claim, article) for article in article_ids)) for claim in ordered_claims(report)]


def cell(claim: dict[str, Any], article: str) -> tuple[Cell, dict[str, Any] | None]:
    """How one article stands towards a claim. An article conflicts when its evidence contradicts the claim or,
    when no evidence contradicts it, when it is the second party of a conflict (it differs from the claim's wording);
    an article with no evidence for the claim conflicts when it is a party of one of its conflicts (a once-only
    happening it tells at another time, in a claim of its own), else it is silent."""
    evidence = [e for e in claim["evidence"] if e["article"] == article]
    if not evidence:
        party = next(
            (c[side] for c in claim["conflicts"] for side in ("first", "second") if c[side]["article"] == article), None
        )
        return ("conflicts", party) if party is not None else ("silent", None)
    contradicting = [e for e in evidence if e["stance"] == "contradicts"]
    if contradicting:
        return "conflicts", contradicting[0]
    if not any(e["stance"] == "contradicts" for e in claim["evidence"]):
        for conflict in claim["conflicts"]:
            if conflict["second"]["article"] == article:
                return "conflicts", conflict["second"]
    return "agrees", evidence[0]


def word_diff(first: str, second: str) -> tuple[list[Piece], list[Piece]]:
    """Both texts cut into pieces, those not shared with the other text marked `changed` (word by word). Two texts
    with too little in common are different sentences, not variants: nothing is marked then."""
    a, b = _TOKEN.findall(first), _TOKEN.findall(second)
    matcher = SequenceMatcher(None, [_key(t) for t in a], [_key(t) for t in b], autojunk=False)
    words = SequenceMatcher(None, [_key(t) for t in a if not t.isspace()], [_key(t) for t in b if not t.isspace()])
    if words.ratio() < MIN_DIFF_SIMILARITY:  # spaces would make any two sentences look alike
        return [Piece(first, False)], [Piece(second, False)]
    left: list[Piece] = []
    right: list[Piece] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        _append(left, "".join(a[a0:a1]), op != "equal")
        _append(right, "".join(b[b0:b1]), op != "equal")
    return left, right


def _key(token: str) -> str:
    # Differences in spacing or curly/straight apostrophes are not differences in wording.
    return " " if token.isspace() else token.strip().replace("’", "'").lower()


def _append(pieces: list[Piece], text: str, changed: bool) -> None:
    """Add a run; a changed run is marked as one piece, without the spaces around it."""
    if not text:
        return
    if changed:
        core = text.strip()
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        parts = [(lead, False), (core, bool(core)), (trail, False)]
    else:
        parts = [(text, False)]
    for part, flag in parts:
        if not part:
            continue
        if pieces and pieces[-1].changed == flag:
            pieces[-1] = Piece(pieces[-1].text + part, flag)
        else:
            pieces.append(Piece(part, flag))


def evidence_anchor(item: dict[str, Any]) -> str:
    return f"ev-{item['article']}-{item['start']}"


def article_paragraphs(report: Report, article: dict[str, Any]) -> list[list[Segment]]:
    """The article's paragraphs, each cut into plain runs and claim evidence (the first claim wins an overlap)."""
    spans = sorted(
        {(e["start"], e["end"], c["id"], c["status"])
         for c in report.get("claims", []) for e in c["evidence"] if e["article"] == article["id"]},
    )  # fmt: skip
    text: str = article["text"]
    return [_segments(article["id"], text, start, end, spans) for start, end in article["paragraphs"]]


def _segments(
    article: str, text: str, start: int, end: int, spans: Iterable[tuple[int, int, str, str]]
) -> list[Segment]:
    segments: list[Segment] = []
    cursor = start
    for span_start, span_end, claim, status in spans:
        if span_start < cursor or span_end > end or span_start >= span_end:
            continue  # outside this paragraph, or overlapping a span already shown
        if span_start > cursor:
            segments.append(Segment(text[cursor:span_start]))
        anchor = evidence_anchor({"article": article, "start": span_start})
        segments.append(Segment(text[span_start:span_end], claim, status, anchor))
        cursor = span_end
    if cursor < end:
        segments.append(Segment(text[cursor:end]))
    return segments


def framing_bars(report: Report) -> list[tuple[str, list[Bar]]]:
    """Per outlet: loaded terms (in its own voice) and hedges per 1,000 words, scaled to the largest value shown."""
    names = outlet_names(report)
    measures = (("loaded terms", "loaded"), ("hedges", "hedges"))
    framing = report.get("framing", [])
    largest = max((f["rates"].get(key, 0.0) for f in framing for _, key in measures), default=0.0) or 1.0
    return [
        (names.get(f["article"], f["article"]),
         [Bar(label, f["rates"].get(key, 0.0), f["rates"].get(key, 0.0) / largest) for label, key in measures])
        for f in framing
    ]  # fmt: skip


def loaded_examples(framing: Mapping[str, Any], limit: int = 6) -> list[str]:
    """An outlet's loaded words in its own voice, each once: what its "loaded terms" rate counts (a neutral epithet
    such as "the Russian president" names someone; it is listed with the naming, not here)."""
    seen: dict[str, str] = {}
    for term in framing["loaded_terms"]:
        if term["kind"] != "epithet" and not term.get("quoted"):
            seen.setdefault(term["text"].casefold(), term["text"])
    return list(seen.values())[:limit]


@dataclass(frozen=True, slots=True)
class Graph:
    """Outlets (left) → the origins they cite (right). `agency` marks a news agency that several outlets share: their
    reports of it are one source, not several."""

    outlets: tuple[str, ...]
    sources: tuple[tuple[str, str, int, bool], ...]  # (name, kind, outlets citing it, shared agency)
    edges: tuple[tuple[int, int], ...]  # (outlet index, source index)
    left_out: int  # sources not drawn (the graph keeps the most cited)


def source_graph(report: Report, limit: int = 24) -> Graph:
    articles = [a["id"] for a in report["articles"]]
    names = outlet_names(report)
    ranked = sorted(
        report.get("sources", []),
        key=lambda s: (
            -(s["kind"] == "news_agency" and len(s["cited_by"]) > 1),
            -len(s["cited_by"]),
            min((articles.index(a) for a in s["cited_by"] if a in articles), default=0),  # fewer crossing lines
            s["name"].lower(),
        ),
    )
    chosen = ranked[:limit]
    edges = tuple(
        (articles.index(article), index)
        for index, source in enumerate(chosen)
        for article in source["cited_by"]
        if article in articles
    )
    return Graph(
        outlets=tuple(names[a] for a in articles),
        sources=tuple(
            (s["name"], s["kind"], len(s["cited_by"]), s["kind"] == "news_agency" and len(s["cited_by"]) > 1)
            for s in chosen
        ),
        edges=edges,
        left_out=len(ranked) - len(chosen),
    )


def cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
