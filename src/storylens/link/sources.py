"""Cited sources across the articles: the same source cited by several outlets is one, with who cites it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from storylens.analyse.entities import name_key
from storylens.records import ArticleAnalysis, ClaimRef, StorySource


@dataclass(slots=True)
class _Merged:
    entity: int | None
    members: list[tuple[int, int]] = field(default_factory=list)


def merge_sources(
    analyses: Sequence[ArticleAnalysis],
    entity_of: Mapping[tuple[int, int], int],
    cluster_of: Mapping[ClaimRef, int],
) -> list[StorySource]:
    """One StorySource per story entity, or per kind and name for sources that are no entity ("three sources
    close to the government" in two articles stay two: nothing shows they are the same people)."""
    merged: dict[str, _Merged] = {}
    for a, analysis in enumerate(analyses):
        for s, source in enumerate(analysis.sources):
            entity = entity_of.get((a, source.entity)) if source.entity is not None else None
            key = _key(a, entity, source.kind, source.name)
            merged.setdefault(key, _Merged(entity)).members.append((a, s))
    # A source that backs no claim anywhere was only named inside someone else's statement ("Iranian officials had
    # warned him", said the leader): the story has no claim from it.
    backing = [item for item in merged.values() if any(analyses[a].sources[s].statements for a, s in item.members)]
    return [_story_source(item, analyses, cluster_of) for item in backing]


def _key(article: int, entity: int | None, kind: str, name: str) -> str:
    if entity is not None:
        return f"entity:{entity}"
    if kind == "anonymous":
        return f"anonymous:{article}:{name_key(name)}"
    return f"{kind}:{name_key(name).removeprefix('the ')}"


def _story_source(
    item: _Merged, analyses: Sequence[ArticleAnalysis], cluster_of: Mapping[ClaimRef, int]
) -> StorySource:
    backers = [(a, s) for a, s in item.members if analyses[a].sources[s].statements]
    first_article, first_source = backers[0]  # named as the first article that cites it names it
    first = analyses[first_article].sources[first_source]
    clusters = {cluster_of[ClaimRef(a, c)] for a, s in item.members for c in analyses[a].sources[s].statements}
    backing = {a for a, _ in backers}
    return StorySource(
        name=first.name,
        kind=first.kind,
        entity=item.entity,
        # An article that names the source only inside someone else's statement ("Putin told him …, insiders
        # revealed") does not cite it.
        cited_by=tuple(sorted(backing)),
        clusters=tuple(sorted(clusters)),
        members=tuple(item.members),
    )
