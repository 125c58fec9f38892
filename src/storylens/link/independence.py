"""Where each outlet's version of a claim comes from, and how many independent origins stand behind a cluster.

The origin of one article's claim is, in this order: the named person or organisation it is attributed to (one story
entity, whoever quotes it: an interview given to one outlet and repeated by others rests on the speaker alone); else
a news agency or another outlet that the claim rests on (a wire story repeated is one source, however many outlets
print it); else an anonymous source, which counts once per article (two outlets' "sources close to the government"
cannot be shown to be the same people) unless the article credits its unnamed sources to an agency or outlet
("sources told Bloomberg News"): then that agency is the origin; else the outlet's own reporting.

Across a cluster, an outlet's own reporting gives way to a source it cites elsewhere in the article when another
outlet's version of the claim rests on that source: an outlet that credits the Nordvik Press Agency for the rest of
its story and prints "at least 14 dead" unattributed most likely has the toll from the agency too, so the two
versions are one source, not two. An outlet of the story cited as the origin ("…, the Harbour Herald reported")
stands for what its own version rests on ("the wire service", described not named, is the story's one wire: an
outlet named as an agency anywhere, or named like one), and an outlet that credits another outlet of the story
anywhere in its article ("MPA said", "the national broadcaster ABS reported") and tells a claim unattributed has it
from that outlet's version (a tabloid rewriting the wire; the wire's, where it credits a wire and a paper's scoop).
Origins are told apart by name, whatever kind a cue gave them ("Eastline News Agency" cited, and the same agency's
own copy, are one); one body described with more or fewer words is one ("the regional grid operator", "the grid
operator"), and a spokesperson is the body they speak for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from storylens.analyse.attribution import SPEAKERS_FOR, lexicon
from storylens.analyse.entities import initials, name_key
from storylens.records import ArticleAnalysis, CitedSource, ClaimCluster, ClaimRef, StoryEntity

_UPSTREAM = ("news_agency", "outlet")
_OWN = "own reporting of "


def story_origins(
    clusters: Sequence[ClaimCluster],
    analyses: Sequence[ArticleAnalysis],
    entities: Sequence[StoryEntity],
    entity_of: Mapping[tuple[int, int], int],
) -> list[tuple[str, ...]]:
    """`cluster_origins` of each cluster, with what each article cites worked out once."""
    citations = story_citations(analyses, entities, entity_of)
    return [cluster_origins(c, analyses, entities, entity_of, citations) for c in clusters]


@dataclass(frozen=True, slots=True)
class Citations:
    """What the story's articles cite, worked out once: per article, the keys of the origins its claims rest on
    (own reporting left out) and the other articles whose outlet it credits; and the articles whose outlet is a
    wire (named like one, or named as a news agency anywhere in the story)."""

    cited: list[frozenset[str]]
    credited: list[list[int]]
    wires: frozenset[int]


def story_citations(
    analyses: Sequence[ArticleAnalysis], entities: Sequence[StoryEntity], entity_of: Mapping[tuple[int, int], int]
) -> Citations:
    agencies = [s.name for analysis in analyses for s in analysis.sources if s.kind == "news_agency"]
    wires = frozenset(
        article
        for article, analysis in enumerate(analyses)
        if (outlet := analysis.article.outlet) is not None
        and (_named_like_a_wire(outlet) or any(_names_outlet(name, outlet) for name in agencies))
    )
    credited = [_credited_outlets(analyses, article) for article in range(len(analyses))]
    return Citations(cited_origins(analyses, entities, entity_of), credited, wires)


def cited_origins(
    analyses: Sequence[ArticleAnalysis], entities: Sequence[StoryEntity], entity_of: Mapping[tuple[int, int], int]
) -> list[frozenset[str]]:
    """Per article, the keys of the origins its claims rest on, own reporting left out."""
    return [
        frozenset(
            _key(origin)
            for index in range(len(analysis.claims))
            if not (origin := claim_origin(ClaimRef(article, index), analyses, entities, entity_of)).startswith(_OWN)
        )
        for article, analysis in enumerate(analyses)
    ]


def cluster_origins(
    cluster: ClaimCluster,
    analyses: Sequence[ArticleAnalysis],
    entities: Sequence[StoryEntity],
    entity_of: Mapping[tuple[int, int], int],
    citations: Citations | None = None,
) -> tuple[str, ...]:
    """The distinct origins behind the cluster's claims, in first-seen order (their count is the number of
    independent sources). `citations`: the story's, when the caller has worked them out."""
    citations = citations or story_citations(analyses, entities, entity_of)
    cited = citations.cited
    direct = [claim_origin(member, analyses, entities, entity_of) for member in cluster.members]
    labels = _through_outlets(cluster, analyses, _rewritten(cluster, direct, citations), citations.wires)
    sourced = [label for label in labels if not label.startswith(_OWN)]
    seen: dict[str, str] = {}
    for member, label in zip(cluster.members, labels, strict=True):
        if label.startswith(_OWN):
            label = next((s for s in sourced if _key(s) in cited[member.article]), label)
        seen.setdefault(_same_body_key(label, seen), label)
    return tuple(seen.values())


def _same_body_key(label: str, seen: Mapping[str, str]) -> str:
    """The key already seen for the same body described with more or fewer words ("the regional grid operator" and
    "the grid operator": same singular head noun, one's words inside the other's) or named by its first word alone
    ("Velora" and "Velora Airways"); else the label's own key. Unnamed people stay apart: two outlets' "officials"
    or "sources" cannot be shown to be the same people."""
    words = _description(label)
    if not words or label.startswith(_OWN) or "(anonymous, in " in label:
        return _key(label)
    plural = words[-1].endswith("s")  # "officials": unnamed people, never shown to be the same
    for key, other in seen.items():
        if _short_name(label, other) or _short_name(other, label):
            return key
        known = _description(other)
        if _staff_of(words, known) or _staff_of(known, words):
            return key
        if not plural and known and known[-1] == words[-1] and (set(words) <= set(known) or set(known) <= set(words)):
            return key
    return _key(label)


def _staff_of(people: list[str], body: list[str]) -> bool:
    """ "prosecutors" for "the National Prosecutor's Office": the people a body is named after speak for it."""
    return len(people) == 1 and people[0].endswith("s") and len(body) >= 2 and people[0][:-1] in body[:-1]


def _short_name(short: str, full: str) -> bool:
    """ "Velora" for "Velora Airways": a one-word name that is the first word of a longer name."""
    first, words = _key(short).split(), _key(full).split()
    named = all(label[:1].isupper() and "(anonymous, in " not in label for label in (short, full))
    return named and len(first) == 1 and len(words) >= 2 and words[0] == first[0] and len(first[0]) >= 4


def _description(label: str) -> list[str]:
    """The body a description names: "a police spokeswoman" → police; "a spokesperson for the prosecutor's office"
    → prosecutor's office (a spokesperson speaks for the body, and is no origin of their own)."""
    words = [word for word in _key(label).split() if word not in {"the", "a", "an"}]
    for at, word in enumerate(words):
        if word in SPEAKERS_FOR and words[at + 1 : at + 2] in (["for"], ["of"]) and words[at + 2 :]:
            return words[at + 2 :]
    return [word for word in words if word not in SPEAKERS_FOR] or words


def _rewritten(cluster: ClaimCluster, labels: list[str], citations: Citations) -> list[str]:
    """An outlet that credits another outlet of the story elsewhere in its article ("…, the Meridia Press Agency
    reported") and tells this claim unattributed most likely rewrote it from that outlet's copy too: its version
    rests on what that outlet's version rests on (a tabloid rewriting the wire is not a second source)."""
    by_article = {member.article: label for member, label in zip(cluster.members, labels, strict=True)}
    rewritten = []
    for member, label in zip(cluster.members, labels, strict=True):
        if label.startswith(_OWN):
            here = [a for a in citations.credited[member.article] if a in by_article]
            # Crediting a wire and a paper's scoop, an outlet's unattributed copy is the wire's.
            copied = here if len(here) == 1 else [a for a in here if a in citations.wires]
            label = by_article[copied[0]] if len(copied) == 1 else label
        rewritten.append(label)
    return rewritten


_WIRE_NOUNS = frozenset({"agency", "wire", "press"})


def _a_wire(label: str) -> bool:
    """ "the wire service", "the news agency": a wire described, not named."""
    words = set(_key(label).split()) - {"the", "a", "an"}
    return bool(words) and words <= _OUTLET_NOUNS and bool(words & _WIRE_NOUNS - {"press"})


def _named_like_a_wire(outlet: str) -> bool:
    return bool(set(_key(outlet).split()) & _WIRE_NOUNS) or bool(lexicon().find("agency", outlet, cased=True))


def _credited_outlets(analyses: Sequence[ArticleAnalysis], article: int) -> list[int]:
    """The other articles of the story whose outlet this article cites (by name, short name or acronym: "the
    Meridia Press Agency", "the Northline agency", "MPA"), whatever kind attribution gave the citation ("the
    Northline agency" reads like a public agency)."""
    own = analyses[article].article.outlet
    cited = [s.name for s in analyses[article].sources if own is None or not _names_outlet(s.name, own)]
    return [
        other
        for other, analysis in enumerate(analyses)
        if other != article
        and analysis.article.outlet is not None
        and any(_names_outlet(name, analysis.article.outlet) for name in cited)
    ]


def _names_outlet(name: str, outlet: str) -> bool:
    """Whether a cited name is this outlet: the same name, its acronym, or its distinctive words."""
    cited, full = _key(name).removeprefix("the ").split(), _key(outlet).removeprefix("the ").split()
    if not cited or not full:
        return False
    if cited == full or (len(cited) == 1 and cited[0].upper() == initials(outlet) and len(cited[0]) >= 2):
        return True
    # "the Northline agency" for "Northline Press", "the national broadcaster ABS" for "ABS News": every distinctive
    # word of the outlet's name, and only words that say what kind of outlet it is besides ("Radio Varn" is not
    # "The Varn Valley Post").
    distinctive = {w for w in full if w not in _OUTLET_NOUNS}
    return bool(distinctive) and distinctive <= set(cited) and set(cited) <= distinctive | _OUTLET_NOUNS


_OUTLET_NOUNS = frozenset(
    "agency wire service news press paper newspaper bureau broadcaster national public state channel radio television "
    "tv station website site network magazine tabloid daily weekly local regional".split()
)


def _through_outlets(
    cluster: ClaimCluster, analyses: Sequence[ArticleAnalysis], labels: list[str], wires: frozenset[int]
) -> list[str]:
    """An outlet of the story cited as the origin ("…, the Harbour Herald reported") stands for what its own
    version in this cluster rests on: the Herald's port authority, not the Herald, is the origin of both."""
    by_outlet: dict[str, str] = {}
    by_wire: dict[str, str] = {}
    for member, label in zip(cluster.members, labels, strict=True):
        outlet = analyses[member.article].article.outlet
        if outlet is not None:
            by_outlet.setdefault(outlet, label)
            if member.article in wires:
                by_wire.setdefault(outlet, label)

    def follow(label: str) -> str:
        if _a_wire(label) and len(by_wire) == 1:
            return next(iter(by_wire.values()))  # "the wire service reported": the story's one wire
        return next((own for outlet, own in by_outlet.items() if _names_outlet(_plain(label), outlet)), label)

    for _ in range(len(labels)):  # an outlet citing an outlet citing …: follow the chain, without looping forever
        followed = [follow(label) for label in labels]
        if followed == labels:
            break
        labels = followed
    return labels


def _plain(origin: str) -> str:
    return origin.removesuffix(" (news agency)").removesuffix(" (outlet)")


@cache
def _key(origin: str) -> str:
    """An origin's identity: its name, without the kind words a cue added."""
    return name_key(_plain(origin))


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
        return f"{_OWN}{_outlet(analysis)}"
    if source.kind == "anonymous":
        relayed = _anonymous_relayed_by(analysis, source)
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


def _anonymous_relayed_by(analysis: ArticleAnalysis, unnamed: CitedSource) -> CitedSource | None:
    """The agency or outlet the article credits its anonymous sources to ("Three sources told Bloomberg News that
    …"), if any: an article that relays one agency's unnamed sources has its other unnamed sources of the same
    description ("Kremlin sources", "insiders" after "insider information shared with Bloomberg") from there too,
    more likely than from its own reporting, so they do not count as a second independent origin. "Two Syrian
    sources" beside "insider information" are someone else."""
    words = _described_as(unnamed)
    anonymous = {
        claim for s in analysis.sources if s.kind == "anonymous" and words & _described_as(s) for claim in s.statements
    }
    for source in analysis.sources:
        upstream = source.kind in _UPSTREAM and not _is_own_outlet(source, analysis)
        if upstream and anonymous.intersection(source.statements):
            return source
    return None


def _described_as(source: CitedSource) -> set[str]:
    """The nouns an unnamed source is called by (attribution's lexicon of them), singular: "Kremlin insiders" →
    {"insider"}."""
    words = lexicon()
    unnamed = [w for w in name_key(source.name).split() if words.has("anonymous", w) or words.has("anonymous_weak", w)]
    return {word.removesuffix("s") for word in unnamed}


def _is_own_outlet(source: CitedSource, analysis: ArticleAnalysis) -> bool:
    outlet = analysis.article.outlet
    return source.kind == "outlet" and outlet is not None and name_key(source.name) in name_key(outlet)


def _outlet(analysis: ArticleAnalysis) -> str:
    return analysis.article.outlet or analysis.article.id


def _kind_words(source: CitedSource) -> str:
    return "news agency" if source.kind == "news_agency" else "outlet"
