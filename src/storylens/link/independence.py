"""Where each outlet's version of a claim comes from, and how many independent origins stand behind a cluster.

The origin of one article's claim is, in this order: the named person or organisation it is attributed to (one story
entity, whoever quotes it: an interview given to one outlet and repeated by others rests on the speaker alone); else
a news agency or another outlet that the claim rests on (a wire story repeated is one source, however many outlets
print it); else an anonymous source, which counts once per article (two outlets' "sources close to the government"
cannot be shown to be the same people) unless the article credits its unnamed sources to an agency or outlet
("sources told Bloomberg News"): then that agency is the origin; else the outlet's own reporting.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from storylens.analyse.entities import name_key
from storylens.records import ArticleAnalysis, CitedSource, ClaimCluster, ClaimRef, StoryEntity

_UPSTREAM = ("news_agency", "outlet")


def cluster_origins(
    cluster: ClaimCluster,
    analyses: Sequence[ArticleAnalysis],
    entities: Sequence[StoryEntity],
    entity_of: Mapping[tuple[int, int], int],
) -> tuple[str, ...]:
    """The distinct origins behind the cluster's claims, in first-seen order (their count is the number of
    independent sources)."""
    seen: dict[str, None] = {}
    for member in cluster.members:
        seen.setdefault(claim_origin(member, analyses, entities, entity_of), None)
    return tuple(seen)


def claim_origin(
    ref: ClaimRef,
    analyses: Sequence[ArticleAnalysis],
    entities: Sequence[StoryEntity],
    entity_of: Mapping[tuple[int, int], int],
) -> str:
    analysis = analyses[ref.article]
    claim = analysis.claims[ref.claim]
    source = analysis.sources[claim.source] if claim.source is not None else None
    speaker = _named_speaker(source, ref.article, entities, entity_of)
    if speaker is not None:
        return speaker  # "He told NBC News: …": the interview is the speaker's word, whichever outlet carries it
    backing = [s for s in analysis.sources if ref.claim in s.statements]
    upstream = [s for s in backing if s.kind in _UPSTREAM and not _is_own_outlet(s, analysis)]
    if upstream:
        return f"{upstream[0].name} ({_kind_words(upstream[0])})"
    if source is None or _is_own_outlet(source, analysis):
        return f"own reporting of {_outlet(analysis)}"
    if source.kind == "anonymous":
        relayed = _anonymous_relayed_by(analysis)
        if relayed is not None:
            return f"{relayed.name} ({_kind_words(relayed)})"
        return f"{source.name} (anonymous, in {_outlet(analysis)})"
    if source.entity is not None and (ref.article, source.entity) in entity_of:
        return entities[entity_of[(ref.article, source.entity)]].name
    return source.name


def _named_speaker(
    source: CitedSource | None,
    article: int,
    entities: Sequence[StoryEntity],
    entity_of: Mapping[tuple[int, int], int],
) -> str | None:
    """The story entity a claim is attributed to when that is a named person or body, not an agency or outlet."""
    if source is None or source.kind in _UPSTREAM or source.kind == "anonymous" or source.entity is None:
        return None
    story = entity_of.get((article, source.entity))
    return entities[story].name if story is not None else None


def _anonymous_relayed_by(analysis: ArticleAnalysis) -> CitedSource | None:
    """The agency or outlet the article credits its anonymous sources to ("Three sources told Bloomberg News that
    …"), if any: an article that relays one agency's unnamed sources has its other unnamed sources from there too,
    more likely than from its own reporting, so they do not count as a second independent origin."""
    anonymous = {claim for s in analysis.sources if s.kind == "anonymous" for claim in s.statements}
    for source in analysis.sources:
        upstream = source.kind in _UPSTREAM and not _is_own_outlet(source, analysis)
        if upstream and anonymous.intersection(source.statements):
            return source
    return None


def _is_own_outlet(source: CitedSource, analysis: ArticleAnalysis) -> bool:
    outlet = analysis.article.outlet
    return source.kind == "outlet" and outlet is not None and name_key(source.name) in name_key(outlet)


def _outlet(analysis: ArticleAnalysis) -> str:
    return analysis.article.outlet or analysis.article.id


def _kind_words(source: CitedSource) -> str:
    return "news agency" if source.kind == "news_agency" else "outlet"
