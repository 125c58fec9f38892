"""The stance of each piece of evidence towards its cluster's canonical claim: supports or contradicts.

An explicit conflict (numbers, times, places, actors, negation) with the canonical claim is authoritative: that member
contradicts. Each member is checked against the canonical claim itself (`explicit_against`): a cluster reports one
disagreement once, through whichever pair found it first, and that pair need not hold the canonical claim. Every
other member is read by the trained stance model (`storylens.stance`), its words against the canonical wording, in
one batched call for the whole story; it contradicts only when the model says so with at least
`CONTRADICTS_CONFIDENCE`: the model was trained on whole articles and reads one sentence with less to go on, so a
doubtful call leaves the member as supporting, the alignment's own reading.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from storylens.link.align import core_proposition
from storylens.link.conflicts import ClaimView, find_conflicts
from storylens.nlp import Embedder
from storylens.records import ArticleAnalysis, ClaimCluster, ClaimRef, EvidenceStance

__all__ = ["CONTRADICTS_CONFIDENCE", "contradicting", "explicit_against", "member_stance", "with_stances"]

CONTRADICTS_CONFIDENCE = 0.80


def with_stances(
    analyses: Sequence[ArticleAnalysis],
    clusters: Sequence[ClaimCluster],
    model: Embedder,
    against: Sequence[set[ClaimRef]] | None = None,
) -> list[ClaimCluster]:
    """The clusters with `stances` set, one per member in member order (`against`: per cluster, the members in
    explicit conflict with its canonical claim, `explicit_against`; else the cluster's own conflicts naming it)."""
    settled = [_settled(cluster, against[c] if against is not None else None) for c, cluster in enumerate(clusters)]
    asked = [(c, m) for c, cluster in enumerate(clusters) for m in cluster.members if m not in settled[c]]
    calls = _model_calls(analyses, clusters, asked, model)
    return [
        replace(
            cluster,
            stances=tuple(
                member_stance(cluster, member, calls.get((c, member)), settled[c] - {cluster.canonical})
                for member in cluster.members
            ),
        )
        for c, cluster in enumerate(clusters)
    ]


def explicit_against(
    analyses: Sequence[ArticleAnalysis],
    cluster: ClaimCluster,
    entity_of: Mapping[tuple[int, int], int],
    views: Mapping[ClaimRef, ClaimView],
) -> set[ClaimRef]:
    """Members in explicit conflict with the canonical claim: those its conflicts pair with it, and those the
    conflict checks find against it directly."""
    canonical = cluster.canonical
    direct = {
        member
        for member in cluster.members
        if member.article != canonical.article and find_conflicts(analyses, [canonical, member], entity_of, views)
    }
    return contradicting(cluster) | direct


def _settled(cluster: ClaimCluster, against: set[ClaimRef] | None = None) -> set[ClaimRef]:
    """Members whose stance needs no model: the canonical claim itself, and those in explicit conflict with it."""
    return {cluster.canonical} | (contradicting(cluster) if against is None else against)


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
        return core_proposition(analyses[ref.article].claims[ref.claim].text)

    pairs = [(text(clusters[c].canonical), text(member)) for c, member in asked]
    results = check_many(pairs, model)
    return {key: (result.label, result.confidence) for key, result in zip(asked, results, strict=True)}


def member_stance(
    cluster: ClaimCluster,
    member: ClaimRef,
    call: tuple[str, float] | None,
    against: set[ClaimRef] | None = None,
) -> EvidenceStance:
    """An explicit conflict with the canonical claim (`against`, else the cluster's conflicts naming it), else a
    confident "contradicts" of the model (`call`: its label and confidence), makes the member contradict; anything
    else supports."""
    if member in (contradicting(cluster) if against is None else against):
        return "contradicts"
    if call is not None and call[0] == "contradicts" and call[1] >= CONTRADICTS_CONFIDENCE:
        return "contradicts"
    return "supports"
