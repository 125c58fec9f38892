"""The analyse stage: one Article in, one ArticleAnalysis out; pure, and safe to run in parallel.

Components run in a fixed order over a `ParsedArticle` (spaCy output with article offsets): entities → quotes →
hedges → sources and claims → framing → times. Models load once, lazily (`storylens.nlp`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from storylens.analyse.attribution import attribute
from storylens.analyse.entities import find_entities
from storylens.analyse.framing import attach_quotes, find_framing, find_hedges, framing_rates
from storylens.analyse.parsed import ParsedArticle, parse_articles
from storylens.analyse.quotes import find_quotes
from storylens.analyse.times import find_times
from storylens.nlp import spacy_pipeline
from storylens.records import Article, ArticleAnalysis, Claim, FramingTerm, Mention, TimeExpression

__all__ = ["analyse", "analyse_many", "parse_article"]


def analyse(article: Article) -> ArticleAnalysis:
    return analyse_many([article])[0]


def analyse_many(articles: Sequence[Article]) -> list[ArticleAnalysis]:
    """Analyse several articles; spaCy sees all their paragraphs in one batch."""
    parsed = parse_articles(articles, spacy_pipeline())
    return [_analyse_parsed(p) for p in parsed]


def parse_article(article: Article) -> ParsedArticle:
    """One article parsed and its entities found: what every component after entity linking reads (the
    components' own tests and gold-set evaluations start here)."""
    [parsed] = parse_articles([article], spacy_pipeline())
    find_entities(parsed)
    return parsed


def _analyse_parsed(parsed: ParsedArticle) -> ArticleAnalysis:
    if parsed.article.language not in {"en", "und"}:
        return _sentences_only(parsed)
    find_entities(parsed)
    unquoted = find_framing(parsed)
    add_epithet_mentions(parsed, unquoted)  # "The depot chief … He said:" — the pronoun can now find the chief
    quotes = find_quotes(parsed)
    framing = attach_quotes(parsed, unquoted, quotes)
    hedges = find_hedges(parsed)
    sources, claims = attribute(parsed, quotes, hedges)
    times = find_times(parsed)
    return ArticleAnalysis(
        article=parsed.article,
        sentences=tuple(s.span for s in parsed.sentences),
        mentions=tuple(parsed.mentions),
        entities=tuple(parsed.entities),
        quotes=tuple(quotes),
        sources=tuple(sources),
        claims=tuple(claims),
        hedges=tuple(hedges),
        framing=tuple(framing),
        times=anchor_times(times, claims),
        rates=framing_rates(parsed, hedges, framing),
        limitations=undated_times(parsed.article, times),
        claim_docs=tuple(parsed.span_doc(c.span) for c in claims),
    )


def undated_times(article: Article, times: Sequence[TimeExpression]) -> tuple[str, ...]:
    """Say so when times relative to the publication date ("on Sunday", "this morning") stay undated because the
    article has none: they are then missing from the timeline, and the user can supply the date."""
    undated = list(dict.fromkeys(t.text for t in times if t.value is None))
    if article.published is not None or not undated:
        return ()
    shown = ", ".join(f"“{text}”" for text in undated[:3]) + (", …" if len(undated) > 3 else "")
    return (
        f"no publication date found, so {len(undated)} time expression(s) relative to it ({shown}) could not be "
        "dated and are not on the timeline; give the date as front matter (a first block '---' / "
        "'published: 2024-12-08' / '---') or in the page's metadata",
    )


def add_epithet_mentions(parsed: ParsedArticle, framing: Sequence[FramingTerm]) -> None:
    """Epithets that stand for a named entity ("the Russian dictator") are mentions of it, as names are."""
    epithets = [
        Mention(term.span, term.text, parsed.entities[term.target].label, term.target, "epithet")
        for term in framing
        if term.kind == "epithet" and term.target is not None and parsed.mention_at(term.span) is None
    ]
    parsed.mentions = sorted([*parsed.mentions, *epithets], key=lambda m: m.span.start)


def anchor_times(times: Sequence[TimeExpression], claims: Sequence[Claim]) -> tuple[TimeExpression, ...]:
    """Each time with the claim it dates: the claim whose clause holds it, else the first claim of its sentence."""
    anchored = []
    for time in times:
        inside = [i for i, c in enumerate(claims) if c.span.start <= time.span.start and time.span.end <= c.span.end]
        same_sentence = [i for i, c in enumerate(claims) if c.sentence == time.sentence]
        candidates = inside or same_sentence
        anchored.append(replace(time, claim=candidates[0] if candidates else None))
    return tuple(anchored)


def _sentences_only(parsed: ParsedArticle) -> ArticleAnalysis:
    limitation = (
        f"the article is in '{parsed.article.language}', and the models are English-only: entities, quotes' "
        "speakers, sources, claims, framing and times were not analysed"
    )
    return ArticleAnalysis(
        article=parsed.article,
        sentences=tuple(s.span for s in parsed.sentences),
        mentions=(),
        entities=(),
        limitations=(limitation,),
    )
