"""The link stage, put together: the analyses of N articles about one event → the story.

entities     one story entity per real person, organisation or place (variants, misspellings, epithets)
align        claims of different articles that state the same proposition → clusters
conflicts    explicit checks inside a cluster: numbers, times, places, actors, negation; across clusters,
             who ordered one deed and a start after its first alert; the verdict
independence the origin behind each outlet's version; how many independent sources a cluster has
stances     each member's stance towards the cluster's canonical claim (conflicts first, then the stance model)
quotes       one remark as several outlets word it
sources      cited sources across articles
timeline     the clusters in time order
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from storylens.link.align import align_claims, claim_refs
from storylens.link.conflicts import claim_views, cross_cluster_conflicts, fact_keys, find_conflicts, verdict
from storylens.link.entities import entity_lookup, resolve_entities
from storylens.link.independence import story_origins
from storylens.link.quotes import group_quotes
from storylens.link.sources import merge_sources
from storylens.link.stances import explicit_against, with_stances
from storylens.link.timeline import build_timeline, cluster_lookup
from storylens.nlp import Embedder, Remembering, embedder
from storylens.records import ArticleAnalysis, Story

__all__ = ["link"]


def link(analyses: Sequence[ArticleAnalysis], model: Embedder | None = None) -> Story:
    """The story told by these analyses (one article is a story too: every claim is then single-source)."""
    entities = resolve_entities(analyses)
    entity_of = entity_lookup(entities)
    views = claim_views(analyses, claim_refs(analyses), entity_of)  # each claim read once, for both steps
    keys = {ref: fact_keys(view) for ref, view in views.items()}
    model = Remembering(model or embedder())  # the stance step reads the claims alignment has embedded
    clusters = align_claims(analyses, model, entity_of, keys)
    clusters = [replace(c, conflicts=tuple(find_conflicts(analyses, c.members, entity_of, views))) for c in clusters]
    across = cross_cluster_conflicts(clusters, views)
    clusters = [replace(c, conflicts=c.conflicts + tuple(across.get(i, ()))) for i, c in enumerate(clusters)]
    against = [explicit_against(analyses, c, entity_of, views) for c in clusters]
    clusters = with_stances(analyses, clusters, model, against)
    return Story(
        analyses=tuple(analyses),
        entities=tuple(entities),
        clusters=tuple(clusters),
        verdicts=tuple(verdict(c, analyses) for c in clusters),
        origins=tuple(story_origins(clusters, analyses, entities, entity_of)),
        sources=tuple(merge_sources(analyses, entity_of, cluster_lookup(clusters))),
        quotes=tuple(group_quotes(analyses, entity_of, model)),
        timeline=tuple(build_timeline(analyses, clusters)),
    )
