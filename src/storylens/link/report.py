"""The story as the JSON report of the contract (schema storylens.report/1): entities, claims, quotes, sources,
framing and timeline, each finding pointing to its evidence as (article id, offsets, text)."""

from __future__ import annotations

from typing import Any

from storylens.link.stances import contradicting
from storylens.records import ArticleAnalysis, ClaimCluster, ClaimRef, Conflict, Span, Story

Json = dict[str, Any]


def story_json(story: Story) -> Json:
    ids = _Ids(story)
    return {
        "entities": [_entity(story, ids, e) for e in range(len(story.entities))],
        "claims": [_claim(story, ids, c) for c in range(len(story.clusters))],
        "quotes": [_quote_group(story, ids, g) for g in range(len(story.quotes))],
        "sources": [_source(story, ids, s) for s in range(len(story.sources))],
        "framing": [_framing(ids, a, analysis) for a, analysis in enumerate(story.analyses)],
        "timeline": [
            {"when": event.when, "precision": event.precision, "claim": ids.claim(event.cluster),
             "text": _text_of(story, event.told_by),
             "articles": [ids.article(a) for a in event.articles]}
            for event in story.timeline
        ],
    }  # fmt: skip


class _Ids:
    """Report ids: articles keep theirs; e1…, c1…, s1… for story entities, claims and sources."""

    def __init__(self, story: Story) -> None:
        self.articles = [a.article.id for a in story.analyses]
        self.entity_of = {member: e for e, entity in enumerate(story.entities) for member in entity.members}
        self.source_of = {member: s for s, source in enumerate(story.sources) for member in source.members}

    def article(self, index: int) -> str:
        return self.articles[index]

    def entity(self, index: int) -> str:
        return f"e{index + 1}"

    def local_entity(self, article: int, local: int | None) -> str | None:
        story_index = self.entity_of.get((article, local)) if local is not None else None
        return self.entity(story_index) if story_index is not None else None

    def claim(self, index: int) -> str:
        return f"c{index + 1}"

    def source(self, index: int) -> str:
        return f"s{index + 1}"

    def local_source(self, article: int, local: int) -> str:
        return self.source(self.source_of[(article, local)])


def view(ids: _Ids, analysis: ArticleAnalysis, article: int, span: Span) -> Json:
    return {"article": ids.article(article), "start": span.start, "end": span.end,
            "text": analysis.article.text[span.start : span.end]}  # fmt: skip


def _entity(story: Story, ids: _Ids, index: int) -> Json:
    entity = story.entities[index]
    mentions = [
        view(ids, story.analyses[a], a, mention.span)
        for a, local in entity.members
        for mention in story.analyses[a].mentions
        if mention.entity == local
    ]
    mentions.sort(key=lambda m: (ids.articles.index(m["article"]), m["start"]))
    return {"id": ids.entity(index), "name": entity.name, "type": entity.label, "variants": list(entity.variants),
            "mentions": mentions}  # fmt: skip


def _claim(story: Story, ids: _Ids, index: int) -> Json:
    cluster = story.clusters[index]
    stances = cluster.stances or tuple(
        "contradicts" if ref in contradicting(cluster) else "supports" for ref in cluster.members
    )
    return {
        "id": ids.claim(index),
        "text": _claim_text(story, cluster),
        "status": story.verdicts[index],
        "outlets": sorted({ids.article(m.article) for m in cluster.members}, key=ids.articles.index),
        "independent_sources": len(story.origins[index]),
        "origins": list(story.origins[index]),
        "evidence": [_evidence(story, ids, ref, stance) for ref, stance in zip(cluster.members, stances, strict=True)],
        "conflicts": [_conflict(story, ids, conflict) for conflict in cluster.conflicts],
    }


def _claim_text(story: Story, cluster: ClaimCluster) -> str:
    return _text_of(story, cluster.canonical)


def _text_of(story: Story, ref: ClaimRef) -> str:
    return story.analyses[ref.article].claims[ref.claim].text


def _evidence(story: Story, ids: _Ids, ref: ClaimRef, stance: str) -> Json:
    analysis = story.analyses[ref.article]
    claim = analysis.claims[ref.claim]
    backing = [s for s, source in enumerate(analysis.sources) if ref.claim in source.statements]
    return view(ids, analysis, ref.article, claim.span) | {
        "stance": stance,
        "attributed_to": [ids.local_source(ref.article, s) for s in backing],
        "hedges": [analysis.hedges[h].text for h in claim.hedges],
    }


def _conflict(story: Story, ids: _Ids, conflict: Conflict) -> Json:
    return {"kind": conflict.kind, "detail": conflict.detail,
            "first": _evidence(story, ids, conflict.first, "supports"),
            "second": _evidence(story, ids, conflict.second, "contradicts")}  # fmt: skip


def _quote_group(story: Story, ids: _Ids, index: int) -> Json:
    group = story.quotes[index]
    variants = []
    for ref in group.variants:
        analysis = story.analyses[ref.article]
        quote = analysis.quotes[ref.quote]
        variants.append(view(ids, analysis, ref.article, quote.span) | {"cue": quote.cue})
    speaker = ids.entity(group.speaker) if group.speaker is not None else None
    return {"speaker": speaker, "variants": variants, "wording_differs": group.wording_differs,
            "similarity": group.similarity}  # fmt: skip


def _source(story: Story, ids: _Ids, index: int) -> Json:
    source = story.sources[index]
    return {
        "id": ids.source(index),
        "name": source.name,
        "kind": source.kind,
        "entity": ids.entity(source.entity) if source.entity is not None else None,
        "cited_by": [ids.article(a) for a in source.cited_by],
        "claims": [ids.claim(c) for c in source.clusters],
    }


def _framing(ids: _Ids, article: int, analysis: ArticleAnalysis) -> Json:
    naming: dict[str, list[str]] = {}
    for mention in analysis.mentions:
        entity = ids.local_entity(article, mention.entity)
        if entity is not None and mention.text not in naming.setdefault(entity, []):
            naming[entity].append(mention.text)
    for term in analysis.framing:
        entity = ids.local_entity(article, term.target)
        if term.kind == "epithet" and entity is not None and term.text not in naming.setdefault(entity, []):
            naming[entity].append(term.text)
    return {
        "article": ids.article(article),
        "loaded_terms": [
            view(ids, analysis, article, t.span) | {"kind": t.kind, "target": ids.local_entity(article, t.target),
                                                   "quoted": t.quoted}
            for t in analysis.framing
        ],
        "hedges": [view(ids, analysis, article, h.span) for h in analysis.hedges],
        "rates": dict(analysis.rates),
        "naming": naming,
    }  # fmt: skip
