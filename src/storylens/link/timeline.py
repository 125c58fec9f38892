"""The story's events in time order: each claim cluster dated by the times its articles give it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from storylens.records import ArticleAnalysis, ClaimCluster, ClaimRef, Precision, TimelineEvent

_FINENESS: dict[Precision, int] = {"year": 0, "month": 1, "day": 2, "hour": 3, "minute": 4}


def build_timeline(analyses: Sequence[ArticleAnalysis], clusters: Sequence[ClaimCluster]) -> list[TimelineEvent]:
    """One event per dated cluster, at the finest time its articles give (conflicting times are the conflicts'
    business; the timeline shows the most precise one, in the words of the claim that gives it, and lists every
    article that dates it)."""
    cluster_of = cluster_lookup(clusters)
    dated: dict[int, list[tuple[str, Precision, ClaimRef]]] = {}
    for a, analysis in enumerate(analyses):
        for time in analysis.times:
            if time.value is None or time.precision is None or time.claim is None:
                continue
            ref = ClaimRef(a, time.claim)
            cluster = cluster_of.get(ref)
            if cluster is not None:
                dated.setdefault(cluster, []).append((time.value, time.precision, ref))
    events = [_event(cluster, times, clusters[cluster].canonical) for cluster, times in dated.items()]
    return sorted(events, key=lambda e: (e.when, -_FINENESS[e.precision], e.cluster))


def _event(cluster: int, times: list[tuple[str, Precision, ClaimRef]], canonical: ClaimRef) -> TimelineEvent:
    """The finest time, the latest on a tie; told by the canonical claim where it gives that time."""
    when, precision, told_by = max(
        times, key=lambda t: (_FINENESS[t[1]], t[0], t[2] == canonical, -t[2].article, -t[2].claim)
    )
    return TimelineEvent(when, precision, cluster, tuple(sorted({ref.article for _, _, ref in times})), told_by)


def cluster_lookup(clusters: Sequence[ClaimCluster]) -> Mapping[ClaimRef, int]:
    return {ref: i for i, cluster in enumerate(clusters) for ref in cluster.members}
