"""Claim alignment: claims of different articles that state the same proposition, grouped into clusters.

Each pair of claims gets a score from these signals (all computed as matrices, no Python loop over pairs):

    score = 0.75 · cosine(sentence embeddings) + 0.25 · lexical overlap + entity term + speaker term
            + same-fact term

- the embedding carries paraphrase ("Three people died" ~ "Two workers were killed");
- lexical overlap is the Jaccard (or containment) of content-word stems, each word weighted by its rarity in the
  story (words every claim shares, such as the main actor's name, say little), with numbers and number words left
  out, so that a different count (the same proposition in conflict) costs nothing here;
- the entity term is +0.05 · Jaccard of the story entities named inside the two claims when both name some, and
  −0.05 when both name entities and share none (different people or places: likely a different proposition);
- the speaker term is −0.10 for two quotations of different people (each speaker's own view);
- the same-fact term (second pass, `same_fact_term`) is +0.25 for two claims that state the same measured fact —
  a death toll, a count of evacuated people, a numbered warehouse (`conflicts.fact_keys`) — and are at least
  loosely about the same thing (cosine ≥ 0.30). Different figures for one fact were missed without it: a bundled
  or differently worded sentence kept the pair under the threshold, and the conflict was never checked.

All signals read the claim without its attribution (`proposition`: ", the agency reported." and "X told
the Record that" left out), so that one wire's name does not tie unrelated claims and two outlets citing different
people meet on what is said.

Clustering is average-linkage agglomerative over the cross-article pairs only, stopped at `THRESHOLD`: two groups
merge when the mean score of their cross-article pairs, a quarter weighted to their best pair, is at least the
threshold. Averaging (not single linkage) keeps chains from drifting; leaving same-article pairs out of the mean lets
one detailed claim gather two shorter ones of another article (one-to-many). Claims of one article are never merged
with each other unless they are near-duplicates (cosine ≥ `NEAR_DUPLICATE`), or state the same measured fact ("A
third person has died, raising the toll to three." "Two workers were killed at the scene."), or another article's
claim joins them — and then only when the joining claim is a single short one whose words a claim of another article
in the group mostly holds (`_ArticleGuard`): two clusters that each hold a claim of the same article stay apart.
Inputs are taken in (article, claim) order and ties go to the lowest index, so the result is deterministic.

`THRESHOLD` = 0.50 was set on the invented stories in tests/link/test_align.py: there, paraphrases of one
proposition score 0.70–0.96 (a different count included: 0.70), a short claim against the detailed claim holding
it 0.57, and unrelated claims of the same story at most 0.43 (two claims naming the same company). The same-fact
weights were set on the development events of tests/data/link_gold and the bundled example only.

Checked again (issue 4 phase 3) on the development events with mine_flight added (attributed sentences, a shared
wire, background on the same actors, topical traps; alignment 0.70 / 0.73 over 92 gold pairs, mine_flight
0.85 / 0.55) and on a two-report real story whose false pairs are topical neighbours of a claim the other report
lacks (scores 0.51–0.66, like true pairs). None of these rules was kept; each removed at most as many false pairs
as true ones, and none moved development precision without costing recall:
  - a one-to-one first pass (Hungarian or mutual best per article pair) with a penalty for other pairs: development
    unchanged at 0.03–0.05, worse above; the real story's false pairs are themselves mutual best matches;
  - a penalty for a different subject (story entity, or subject phrases far apart in the embedding) under
    different main verbs: story entities split "Russian spies" from "Russia", and a passive subject is the active
    one's object ("Engineers found a crack" ~ "A crack was discovered"), so true pairs lose as often;
  - the same with every clause's verbs and core arguments (subject, object, passive subject, agent, attribute):
    unchanged up to 0.08, recall lost from 0.12, while the real story's false pairs need 0.10–0.17 to part;
  - a penalty for "hub" claims that score high with many others: the story's central claims are hubs too;
  - a higher threshold, with or without more weight on shared rare words: recall falls before precision rises.
Word-level verb similarity (MiniLM) does not separate either: "orchestrate" ~ "organise" 0.37, "make" ~ "help" 0.31.
With ten development events (2026-12), a −0.05 penalty for two claims sharing no verb and no noun outside their
subjects (the conflict views' `deeds` and `things`) lowered development alignment from 0.64 / 0.69 to 0.62 / 0.63.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from typing import Any

import numpy as np

from storylens.nlp import Embedder
from storylens.records import ArticleAnalysis, ClaimCluster, ClaimRef

__all__ = [
    "NEAR_DUPLICATE",
    "THRESHOLD",
    "align_claims",
    "claim_refs",
    "pair_scores",
    "same_fact_keys",
    "same_fact_term",
]

THRESHOLD = 0.50
FactKey = tuple[str, ...]  # `conflicts.fact_keys`: ("event", "death"), ("numbered", "warehouse", "7"), …
SAME_FACT_BONUS, SAME_FACT_FLOOR = 0.25, 0.30
NEAR_DUPLICATE = 0.93
_EMBEDDING_WEIGHT, _LEXICAL_WEIGHT = 0.75, 0.25
_CONTAINED_MIN_WORDS = 3
_SHARED_ENTITY_BONUS, _DISJOINT_ENTITY_PENALTY = 0.05, 0.05
_CANONICAL_ROUNDING = 2  # centroid similarities this close (wire copies) tie: the earliest article wins
_OTHER_SPEAKER_PENALTY = 0.10
# Members this close to the centroid (cosine of the mean) are equally good summaries of the cluster; among them the
# canonical wording is chosen by voice. A two-member cluster always ties (both are equally close to their mean); of
# three, a tabloid's rewrite sits between the two versions it blends, about 0.055 more central (0.05 let it win).
_CENTRAL_TOLERANCE = 0.08
# A third outlet's loose paraphrase of a pair's claim ("stay put at the gates day and night" beside "keep the picket
# going around the clock") scores under the threshold with one member and well over it with the other; the plain
# mean left it out. Weight on the best pair: 0.25 and 0.35 gave the same development figures, 0.15 less, 0.75 and
# single linkage (1.0) cost held-out precision.
_BEST_PAIR_WEIGHT = 0.25
_GATHER_CONTAINMENT = 0.6  # share of a short claim's words a detailed claim of another article must hold
# A trailing attribution (", the agency reported.", ", according to officials."): who says it, not what is said.
# Left in, the same wire's name makes unrelated claims look alike and dilutes the proposition's own words.
_SPEECH_VERBS = (
    r"(?:said|says|reported|reports|added|adds|confirmed|stated|announced|insisted|understands|can reveal"
    r"|(?:it\s(?:is|was)\s(?:understood|believed)))"  # ", it is understood.": a hedged attribution
)
_ATTRIBUTION_TAIL = re.compile(
    r"[,;]\s+(?:according\s+to|citing)\s[^,;\"“”]{1,80}[.!]?$"
    r"|[,;]\s+(?:[\w'’.-]+\s){0,8}?"
    + _SPEECH_VERBS
    + r"(?:\s(?:on|late|last|earlier|in)\s[\w ]{1,20}|\s(?:the|a|an|our)\s[\w ]{1,30})?[.!]?$",
    re.IGNORECASE,
)
# A leading attribution ("Coast guard chief X insisted (that) ...", "Two officials told the Record that ..."): two
# outlets quoting different people for one proposition should still meet on the proposition.
_HEAD_VERBS = (
    r"(?:said|says|insisted|insists|claimed|claims|confirmed|stated|added|warned|believes"
    r"|told(?:\s[\w'’.-]+){1,4}?(?=\sthat\b))"  # "told the Record that …"; "told X to do Y" is a deed, not speech
)
_PRONOUN_SUBJECT = re.compile(r"(?:she|he|it|they|we|i)\b", re.IGNORECASE)
_ATTRIBUTION_HEAD = re.compile(
    r"^(?:[\w'’.-]+\s){1,10}?" + _HEAD_VERBS + r"(?:(?:\s[\w'’.-]+){0,4}?\sthat)?\s+(?=\S)"
    # "A spokesman, Tom Reed, denied that a tank had leaked" meets "a tank had leaked"; the conflict check reads
    # the whole claim, denial and all.
    # "Tomas Brenik, the union's convenor at the plant, said pickets …": a speaker named with an appositive.
    r"|^(?:[\w'’.-]+\s){0,4}[\w'’.-]+,\s(?:the|a|an|its|his|her|their)\s[^,;:\"“”]{1,60},\s"
    + _HEAD_VERBS
    + r"(?!\sto\s)(?:(?:\s[\w'’.-]+){0,4}?\sthat)?\s+(?=\S)"
    r"|^(?:[\w'’.-]+,?\s){1,10}?(?:denied|denies)(?:\s(?:reports|claims|allegations|suggestions))?\sthat\s+(?=\S)",
    re.IGNORECASE,
)

_STOPWORDS = frozenset(
    (
        "a an the and or but if of in on at to for from by with as into onto over under about after before during "
        "since until than then that this these those there here it its it's is are was were be been being has have "
        "had do does did will would shall should can could may might must not no nor so such very also just only "
        "he she him her his hers they them their theirs we us our you your i me my who whom whose which what when "
        "where why how all any both each few more most other some own same too said says say told according "
        "while however yet still which near next up down out off again further once"
    ).split()
)
_NUMBER_WORDS = frozenset(
    (
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds "
        "thousand thousands million millions billion dozen dozens half"
    ).split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SUFFIXES = ("ings", "ing", "ed", "es", "s")


def align_claims(
    analyses: Sequence[ArticleAnalysis],
    embedder: Embedder,
    entity_of: Mapping[tuple[int, int], int],
    fact_keys: Mapping[ClaimRef, Set[FactKey]] | None = None,
) -> list[ClaimCluster]:
    """Every claim of every article in exactly one cluster (singletons included), clusters in order of their
    first member. `fact_keys`: per claim, keys of the measured facts it states (`conflicts.fact_keys`)."""
    refs = claim_refs(analyses)
    if not refs:
        return []
    vectors = embedder.embed([_compared_text(analyses, r) for r in refs])
    scores = pair_scores(analyses, refs, vectors, entity_of)
    same_fact = np.zeros_like(scores, dtype=bool)
    if fact_keys is not None:
        keys = _incidence(same_fact_keys([set(fact_keys.get(r, ())) for r in refs]))
        scores = scores + same_fact_term(keys, vectors)
        same_fact = _same_fact(keys, vectors)
    words = _incidence([_content_words(_compared_text(analyses, r)) for r in refs])
    guard = _ArticleGuard(np.array([r.article for r in refs]), _containment(words), same_fact)
    groups = _average_linkage(scores, _linkable(refs, vectors), THRESHOLD, guard)
    clusters = [_cluster(analyses, [refs[i] for i in group], vectors[group]) for group in groups]
    return sorted(clusters, key=lambda cluster: (cluster.members[0].article, cluster.members[0].claim))


def same_fact_keys(keys: Sequence[Set[FactKey]]) -> list[set[FactKey]]:
    """Each claim's fact keys as alignment weighs them. A numbered place ("numbered", kind, number) is one fact
    only where the story names places of that kind by different numbers ("Warehouse 7" ~ "Warehouse 9": which
    warehouse is in dispute); where every article says "Pier 9", the pier is the setting of half the story, and a
    bonus for it would tie every claim that mentions it."""
    found: dict[FactKey, set[str]] = {}
    for key in (k for claim in keys for k in claim if k[0] in _DISPUTABLE):
        found.setdefault(key[:-1], set()).add(key[-1])
    disputed = {kind for kind, figures in found.items() if len(figures) > 1}
    return [
        {k for k in claim if k[0] not in _DISPUTABLE}
        | {tied for k in claim if k[0] in _DISPUTABLE and k[:-1] in disputed for tied in _disputed_as(k)}
        for claim in keys
    ]


def _disputed_as(key: FactKey) -> list[FactKey]:
    """The keys a disputed fact ties by: which place, whatever its number; a count, by its order of magnitude. Two
    figures within a factor of about three always share one of the two half-decade grids, two a factor of ten
    apart never do: "Three inmates escaped" ~ "Four inmates broke out", not "holds about 600 inmates"."""
    if key[0] != "count":
        return [key[:-1]]
    magnitude = math.log10(max(float(key[-1]), 1.0))
    return [(*key[:-1], f"decade {math.floor(magnitude)}"), (*key[:-1], f"half {math.floor(magnitude + 0.5)}")]


# Fact keys that tie claims only where the story gives their last part in different ways: which warehouse, how many
# batches. Where every article says "Pier 9", the key would tie every claim that mentions the pier.
_DISPUTABLE = frozenset({"numbered", "count"})


def claim_refs(analyses: Sequence[ArticleAnalysis]) -> list[ClaimRef]:
    """Every claim, in (article, claim) order: the order alignment reads them in."""
    return [ClaimRef(a, c) for a, analysis in enumerate(analyses) for c in range(len(analysis.claims))]


def same_fact_term(keys: np.ndarray[Any, Any], vectors: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """`SAME_FACT_BONUS` for two claims that state one measured fact (a shared fact key) and are at least loosely
    about the same thing (cosine ≥ `SAME_FACT_FLOOR`): a different figure for the same count lowers neither the
    embedding nor the lexical score much, but a bundled sentence ("X died and 1,200 were evacuated after …") or a
    loose paraphrase can keep the pair under the threshold, and that is where conflicts were missed."""
    return np.where(_same_fact(keys, vectors), SAME_FACT_BONUS, 0.0).astype(np.float32)


def _same_fact(keys: np.ndarray[Any, Any], vectors: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """[i, j]: the claims share a fact key and are at least loosely about the same thing."""
    return np.asarray(((keys @ keys.T) > 0) & ((vectors @ vectors.T) >= SAME_FACT_FLOOR))


def pair_scores(
    analyses: Sequence[ArticleAnalysis],
    refs: Sequence[ClaimRef],
    vectors: np.ndarray[Any, Any],
    entity_of: Mapping[tuple[int, int], int],
) -> np.ndarray[Any, Any]:
    """The n × n matrix of combined pair scores (symmetric; the diagonal is meaningless)."""
    cosine = vectors @ vectors.T
    texts = [_compared_text(analyses, r) for r in refs]
    lexical = _lexical_overlap(_incidence([_content_words(text) for text in texts]))
    entities = _incidence([_claim_entities(analyses, r, entity_of) for r in refs])
    speakers = _speaker_term([_quoted_speaker(analyses, r, entity_of) for r in refs])
    return np.asarray(_EMBEDDING_WEIGHT * cosine + _LEXICAL_WEIGHT * lexical + _entity_term(entities) + speakers)


def _quoted_speaker(
    analyses: Sequence[ArticleAnalysis], ref: ClaimRef, entity_of: Mapping[tuple[int, int], int]
) -> int | None:
    """The story entity whose quoted words the claim is, when known."""
    analysis = analyses[ref.article]
    claim = analysis.claims[ref.claim]
    if claim.source is None or not _is_quotation(analyses, ref):
        return None
    local = analysis.sources[claim.source].entity
    return entity_of.get((ref.article, local)) if local is not None else None


def _speaker_term(speakers: Sequence[int | None]) -> np.ndarray[Any, Any]:
    """`_OTHER_SPEAKER_PENALTY` for two quotations of different people: quoted words are each speaker's own view
    ("We keep contacts with the rebels" and "It was a foreign plot"), and two topical remarks of two people read
    alike to the embedder without stating one proposition."""
    known = np.array([s is not None for s in speakers])
    ids = np.array([-1 if s is None else s for s in speakers])
    differ = known[:, None] & known[None, :] & (ids[:, None] != ids[None, :])
    return np.where(differ, -_OTHER_SPEAKER_PENALTY, 0.0).astype(np.float32)


def proposition(text: str) -> str:
    """The claim without its attribution: "Ten were hurt, police said." → "Ten were hurt"; "Police said that ten
    were hurt." → "ten were hurt." (what is said, for comparing with other outlets' versions)."""
    start, end = proposition_bounds(text)
    return text[start:end]


_ASIDE = re.compile(r",\s+(?:who|which|whose)\s[^,;:\"“”]+,\s*")


def _compared_text(analyses: Sequence[ArticleAnalysis], ref: ClaimRef) -> str:
    """The claim as alignment compares it: its core proposition, without its hedges ("was reportedly ordered" →
    "was ordered", "is understood to have started" → "to have started"): how sure an outlet is of a fact is not
    which fact it states, and a tabloid's hedges kept its rewrite of the wire apart from the wire."""
    analysis = analyses[ref.article]
    claim = analysis.claims[ref.claim]
    text = claim.text
    inside = [h.span for h in analysis.hedges if claim.span.start <= h.span.start and h.span.end <= claim.span.end]
    for span in sorted(inside, key=lambda span: span.start, reverse=True):
        text = text[: span.start - claim.span.start] + text[span.end - claim.span.start :]
    return core_proposition(_SPACE_BEFORE_PUNCTUATION.sub(r"\1\2", " ".join(text.split())))


_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:])|[,;]\s*([.!?])$")  # "leaders, it is understood." → "leaders."


def core_proposition(text: str) -> str:
    """The proposition without its non-restrictive relative clauses ("Velisar, who founded Chirra, was held" →
    "Velisar was held"): background told in passing, which a sentence on that background elsewhere would match."""
    core = _ASIDE.sub(" ", proposition(text))
    return core if len(core.split()) >= 3 else proposition(text)


def proposition_bounds(text: str) -> tuple[int, int]:
    """Where `proposition` starts and ends inside `text`; the whole text when too little (< 3 words) would stay."""
    end = len(_ATTRIBUTION_TAIL.sub("", text).rstrip())
    if len(text[:end].split()) < 3:
        end = len(text)
    head = _ATTRIBUTION_HEAD.match(text[:end])
    if head is None or _PRONOUN_SUBJECT.match(text, head.end()) or len(text[head.end() : end].split()) < 3:
        return 0, end  # "Vanek claims she did nothing wrong": the speaker is who the proposition is about
    return head.end(), end


def _content_words(text: str) -> set[str]:
    """Lower-cased content-word stems; stopwords, numbers and number words dropped (a count may differ)."""
    words = (w.casefold().replace("’", "'") for w in _WORD.findall(text))
    return {_stem(w) for w in words if w not in _STOPWORDS and w not in _NUMBER_WORDS and len(w) > 1}


def _stem(word: str) -> str:
    """A crude suffix strip ("killed" ~ "kill", "workers" ~ "worker"): cheap, and enough for overlap."""
    word = word.removesuffix("'s")
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _claim_entities(
    analyses: Sequence[ArticleAnalysis], ref: ClaimRef, entity_of: Mapping[tuple[int, int], int]
) -> set[int]:
    """Story entities mentioned inside the claim's span, its attribution left out (a local entity without a
    story entity is skipped)."""
    analysis = analyses[ref.article]
    claim = analysis.claims[ref.claim]
    start, end = (claim.span.start + offset for offset in proposition_bounds(claim.text))
    found = set()
    for mention in analysis.mentions:
        if start <= mention.span.start and mention.span.end <= end:
            story = entity_of.get((ref.article, mention.entity))
            if story is not None:
                found.add(story)
    return found


def _incidence(sets: Sequence[set[Any]]) -> np.ndarray[Any, Any]:
    """A 0/1 matrix: one row per set, one column per distinct item (in sorted order)."""
    vocabulary = {item: i for i, item in enumerate(sorted(set().union(*sets), key=str))}
    matrix = np.zeros((len(sets), max(len(vocabulary), 1)), dtype=np.float32)
    for row, items in enumerate(sets):
        matrix[row, [vocabulary[item] for item in items]] = 1.0
    return matrix


def _jaccard(incidence: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    shared = incidence @ incidence.T
    sizes = incidence.sum(axis=1)
    union = sizes[:, None] + sizes[None, :] - shared
    return np.asarray(np.divide(shared, union, out=np.zeros_like(shared), where=union > 0))


def _lexical_overlap(incidence: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Jaccard, or — when the shorter claim has `_CONTAINED_MIN_WORDS` content words or more — the share of the
    shorter claim's words found in the longer one: a short claim inside a detailed one (one-to-many) scores high
    although the embeddings of a short and a long sentence are far apart.

    Words count by their rarity in the story (inverse document frequency over its claims): every claim of a story
    about Assad's flight names Russia and Assad, so sharing those says little; sharing "asylum" says much."""
    weighted = incidence * _rarity(incidence)[None, :]
    shared = weighted @ incidence.T
    sizes = weighted.sum(axis=1)
    union = sizes[:, None] + sizes[None, :] - shared
    jaccard = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    counts = incidence.sum(axis=1)
    long_enough = np.minimum(counts[:, None], counts[None, :]) >= _CONTAINED_MIN_WORDS
    smaller = np.minimum(sizes[:, None], sizes[None, :])
    contained = np.divide(shared, smaller, out=np.zeros_like(shared), where=long_enough & (smaller > 0))
    return np.asarray(np.maximum(jaccard, contained))


def _rarity(incidence: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Per word, log(claims / claims holding it) + 1 (smoothed: a word in every claim still counts a little)."""
    claims = max(len(incidence), 1)
    holding = np.maximum(incidence.sum(axis=0), 1.0)
    return np.asarray(np.log((claims + 1) / (holding + 1)) + 1.0, dtype=np.float32)


def _entity_term(incidence: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """A bonus for shared story entities, a small penalty when both claims name entities and share none."""
    named = incidence.sum(axis=1) > 0
    both = named[:, None] & named[None, :]
    overlap = _jaccard(incidence)
    term = np.where(overlap > 0, _SHARED_ENTITY_BONUS * overlap, -_DISJOINT_ENTITY_PENALTY)
    return np.where(both, term, 0.0).astype(np.float32)


def _linkable(refs: Sequence[ClaimRef], vectors: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Which pairs count in a merge: claims of different articles, and near-duplicates within one article."""
    articles = np.array([r.article for r in refs])
    different = articles[:, None] != articles[None, :]
    linkable = different | ((vectors @ vectors.T) >= NEAR_DUPLICATE)
    np.fill_diagonal(linkable, False)
    return np.asarray(linkable)


def _containment(incidence: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """[i, j] = the share of claim i's content words that claim j holds (directional)."""
    shared = incidence @ incidence.T
    sizes = incidence.sum(axis=1)[:, None]
    return np.asarray(np.divide(shared, sizes, out=np.zeros_like(shared), where=sizes > 0))


@dataclass(frozen=True, slots=True)
class _ArticleGuard:
    """Two claims of one article rarely state one proposition: a group takes a second claim of an article only
    when that claim is a single short one whose words a claim of another article in the group mostly holds
    (one detailed claim gathering the short ones it covers), when they are near-duplicates, or when they state
    the same measured fact."""

    articles: np.ndarray[Any, Any]
    contained: np.ndarray[Any, Any]
    same_fact: np.ndarray[Any, Any] | None = None

    def allows(self, first: list[int], second: list[int]) -> bool:
        shared = set(self.articles[first]) & set(self.articles[second])
        if not shared:
            return True
        return (
            self._gathers(first, second)
            or self._gathers(second, first)
            or self._duplicates(first, second)
            or self._one_fact(first, second)
        )

    def _one_fact(self, first: list[int], second: list[int]) -> bool:
        """Every two claims of one article across the groups state the same measured fact: one fact told over two
        sentences ("A third person has died, raising the toll to three." "Two workers were killed at the scene.")."""
        if self.same_fact is None:
            return False
        pairs = [(i, j) for i in first for j in second if self.articles[i] == self.articles[j]]
        return all(self.same_fact[i, j] for i, j in pairs)

    def _gathers(self, group: list[int], single: list[int]) -> bool:
        if len(single) != 1:
            return False
        [claim] = single
        others = [i for i in group if self.articles[i] != self.articles[claim]]
        return any(self.contained[claim, i] >= _GATHER_CONTAINMENT for i in others)

    def _duplicates(self, first: list[int], second: list[int]) -> bool:
        return len(first) == len(second) == 1 and bool(self.contained[first[0], second[0]] >= 0.9)


def _average_linkage(
    scores: np.ndarray[Any, Any], linkable: np.ndarray[Any, Any], threshold: float, guard: _ArticleGuard | None = None
) -> list[list[int]]:
    """Agglomerative clustering: repeatedly merge the two groups whose linkable pairs have the highest linkage
    (their mean score, with `_BEST_PAIR_WEIGHT` on their best pair), while that is at least `threshold` and the
    `guard` allows it. Returns groups of indices, each sorted.

    The matrix of group means is kept up to date row by row (only the merged group's row changes), so a merge costs
    one scan for the best pair rather than a fresh division of the whole matrix."""
    n = len(scores)
    totals = np.where(linkable, scores, 0.0).astype(np.float64)
    counts = linkable.astype(np.float64)
    alive = np.ones(n, dtype=bool)
    maxes = np.where(linkable, scores, -np.inf).astype(np.float64)
    means = np.divide(totals, counts, out=np.full_like(totals, -np.inf), where=counts > 0)
    groups: list[list[int]] = [[i] for i in range(n)]
    while n:
        best = int(np.argmax(means))  # the first maximum in row-major order: the lowest indices win ties
        keep, gone = divmod(best, n)
        if means[keep, gone] < threshold:
            break
        keep, gone = min(keep, gone), max(keep, gone)
        if guard is not None and not guard.allows(groups[keep], groups[gone]):
            means[keep, gone] = means[gone, keep] = -np.inf  # refused until either group changes
            continue
        _merge_rows(totals, keep, gone)
        _merge_rows(counts, keep, gone)
        alive[gone] = False
        groups[keep] = sorted(groups[keep] + groups[gone])
        maxes[keep, :] = maxes[:, keep] = np.maximum(maxes[keep, :], maxes[gone, :])
        maxes[gone, :] = maxes[:, gone] = -np.inf
        mean = np.divide(totals[keep], counts[keep], out=np.full(n, -np.inf), where=(counts[keep] > 0) & alive)
        row = np.where(np.isfinite(mean), (1 - _BEST_PAIR_WEIGHT) * mean + _BEST_PAIR_WEIGHT * maxes[keep], mean)
        row[keep] = -np.inf
        means[keep, :] = means[:, keep] = row
        means[gone, :] = means[:, gone] = -np.inf
    return [groups[i] for i in range(n) if alive[i]]


def _merge_rows(matrix: np.ndarray[Any, Any], keep: int, gone: int) -> None:
    """Fold group `gone` into group `keep` in a symmetric sum matrix."""
    matrix[keep, :] += matrix[gone, :]
    matrix[:, keep] += matrix[:, gone]
    matrix[keep, keep] = 0.0
    matrix[gone, :] = 0.0
    matrix[:, gone] = 0.0


def _cluster(
    analyses: Sequence[ArticleAnalysis], members: list[ClaimRef], vectors: np.ndarray[Any, Any]
) -> ClaimCluster:
    return ClaimCluster(members=tuple(members), canonical=_canonical(analyses, members, vectors))


def _canonical(analyses: Sequence[ArticleAnalysis], members: list[ClaimRef], vectors: np.ndarray[Any, Any]) -> ClaimRef:
    """The wording a fact-checker would quote: among the members about as central as the most central one (within
    `_CENTRAL_TOLERANCE` of its similarity to the centroid), a whole sentence before a fragment split off one (it
    starts in lower case: "although he has no intention of meeting him, sources said."), then the one in the most
    neutral voice — fewest loaded terms, name-calling, epithets and hedges inside it, then not a quotation; then the
    most central, and near-ties (wire copies) go to the earliest article (publication date, then input order).
    Length is no criterion: preferring the shortest picked such fragments over the whole claim."""
    closeness = vectors @ vectors.mean(axis=0)
    central = [i for i in range(len(members)) if closeness[i] >= float(closeness.max()) - _CENTRAL_TOLERANCE]

    def key(i: int) -> tuple[bool, int, bool, float, str, int, int]:
        ref = members[i]
        published = analyses[ref.article].article.published
        return (_text(analyses, ref)[:1].islower(), _colour(analyses, ref), _is_quotation(analyses, ref),
                -round(float(closeness[i]), _CANONICAL_ROUNDING), published.isoformat() if published else "9999",
                ref.article, ref.claim)  # fmt: skip

    return members[min(central, key=key)]


def _text(analyses: Sequence[ArticleAnalysis], ref: ClaimRef) -> str:
    return analyses[ref.article].claims[ref.claim].text


def _colour(analyses: Sequence[ArticleAnalysis], ref: ClaimRef) -> int:
    """How far the claim is from a neutral voice: the framing terms (loaded words, name-calling, epithets,
    exaggeration) inside its span, and its hedges."""
    analysis = analyses[ref.article]
    claim = analysis.claims[ref.claim]
    framed = sum(claim.span.start <= t.span.start and t.span.end <= claim.span.end for t in analysis.framing)
    return framed + len(claim.hedges)


def _is_quotation(analyses: Sequence[ArticleAnalysis], ref: ClaimRef) -> bool:
    """The claim lies within someone's quoted words rather than the outlet's own voice."""
    analysis = analyses[ref.article]
    span = analysis.claims[ref.claim].span
    return any(q.span.start - 1 <= span.start and span.end <= q.span.end + 1 for q in analysis.quotes) or any(
        q.span.start >= span.start
        and q.span.end <= span.end
        and q.span.end - q.span.start > 0.6 * (span.end - span.start)
        for q in analysis.quotes
    )
