"""The stance of each piece of evidence towards its cluster's canonical claim: supports or contradicts.

An explicit conflict (numbers, times, places, actors, negation) with the canonical claim is authoritative: that member
contradicts. Every other member is read by the trained stance model (`storylens.stance`), its words against the
canonical wording, in one batched call for the whole story; it contradicts only when the model says so with at least
`CONTRADICTS_CONFIDENCE`: the model was trained on whole articles and reads one sentence with less to go on, so a
doubtful call leaves the member as supporting, the alignment's own reading.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from storylens.link.align import proposition
from storylens.nlp import Embedder
from storylens.records import ArticleAnalysis, ClaimCluster, ClaimRef, EvidenceStance

__all__ = ["CONTRADICTS_CONFIDENCE", "contradicting", "member_stance", "with_stances"]

CONTRADICTS_CONFIDENCE = 0.80


def with_stances(
    analyses: Sequence[ArticleAnalysis], clusters: Sequence[ClaimCluster], model: Embedder
) -> list[ClaimCluster]:
    """The clusters with `stances` set, one per member in member order."""
    asked = [(c, m) for c, cluster in enumerate(clusters) for m in cluster.members if m not in _settled(cluster)]
    calls = _model_calls(analyses, clusters, asked, model)
    return [
        replace(
            cluster, stances=tuple(member_stance(cluster, member, calls.get((c, member))) for member in cluster.members)
        )
        for c, cluster in enumerate(clusters)
    ]


def _settled(cluster: ClaimCluster) -> set[ClaimRef]:
    """Members whose stance needs no model: the canonical claim itself, and those in explicit conflict with it."""
    return {cluster.canonical} | contradicting(cluster)


def contradicting(cluster: ClaimCluster) -> set[ClaimRef]:
    """Members in explicit conflict with the canonical wording: they contradict the claim as the report states it."""
    against: set[ClaimRef] = set()
    for conflict in cluster.conflicts:
        if conflict.first == cluster.canonical:
            against.add(conflict.second)
        elif conflict.second == cluster.canonical:
            against.add(conflict.first)
    return against


def _model_calls(
    analyses: Sequence[ArticleAnalysis],
    clusters: Sequence[ClaimCluster],
    asked: Sequence[tuple[int, ClaimRef]],
    model: Embedder,
) -> dict[tuple[int, ClaimRef], tuple[str, float]]:
    if not asked:
        return {}
    from storylens.stance import check_many  # the stance package reads the report module, which calls link

    def text(ref: ClaimRef) -> str:
        return proposition(analyses[ref.article].claims[ref.claim].text)

    pairs = [(text(clusters[c].canonical), text(member)) for c, member in asked]
    results = check_many(pairs, model)
    return {key: (result.label, result.confidence) for key, result in zip(asked, results, strict=True)}


def member_stance(cluster: ClaimCluster, member: ClaimRef, call: tuple[str, float] | None) -> EvidenceStance:
    """An explicit conflict with the canonical claim, else a confident "contradicts" of the model (`call`: its
    label and confidence), makes the member contradict; anything else supports."""
    if member in contradicting(cluster):
        return "contradicts"
    if call is not None and call[0] == "contradicts" and call[1] >= CONTRADICTS_CONFIDENCE:
        return "contradicts"
    return "supports"
