"""Incremental story clustering: each new article joins the best candidate story or starts a new one.

An article is described by a unit embedding of its title and lead, the names in its text (capitalised word
sequences: cheap, and enough to tell one earthquake's province from another's), the hashed term counts of its text
(a lexical signal: two fires in one town share the town's name but not the words of what happened) and its
publication day. Each story keeps the sum of its members' embeddings, name counts and term counts (its heaviest
STORY_TERMS terms); document frequencies are counted as articles arrive and applied at scoring time. Candidates
are only the stories with a member within `WINDOW_DAYS` of the article's day (looked up in day buckets), so the cost
per article is bounded by the stories active around that day, never by the corpus: there is no all-pairs step. The
TOP_K closest candidates by embedding are then scored in full: cosine + ENTITY_WEIGHT × (name cosine −
NAME_BASELINE) + LEXICAL_WEIGHT × (TF-IDF cosine − LEXICAL_BASELINE) − DAY_PENALTY × days apart. An article
without a date cannot be placed in time: it is compared with
the most recently touched stories instead (time is neutral for it), and the caller tells the user so.

The assignment is sequential in input order, and the state after N articles depends only on those N: adding
articles later gives the same stories as one batch of all of them in the same order.
"""

from __future__ import annotations

import math
import re
from collections import Counter, OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np

from storylens.records import Article

WINDOW_DAYS = 3  # one event's reports cluster within days; the same kind of event a week later is another story
# Weights and thresholds were swept on the gold set, the FNC-1 development half and a synthetic corpus only (see
# benchmarks/corpus_quality.py); the held-out gold file and the FNC-1 test half were never looked at to choose them.
THRESHOLD = 0.65  # score to join a story
ENTITY_WEIGHT = 1.0  # how much shared names move the score (names tell same-topic events apart)
NAME_BASELINE = 0.2  # name cosine that leaves the score unchanged: below it, names count against joining
DAY_PENALTY = 0.02  # per day between the article and the story's nearest day
RECENT_STORIES = 2_000  # candidates for an undated article: the stories touched most recently
TOP_K = 32  # of the candidates, those closest by embedding are scored in full (names, time)
MAX_CANDIDATES = 5_000  # a cap on stories scored per article (the most recently touched ones win)
NAME_WORDS = 1_500  # names are read from the whole article (a cheap regex), up to this many words
LEAD_WORDS = 30  # the lead sentence or two: the embedder's cost grows with length, and the lead says what happened
LEXICAL_WEIGHT = 1.5  # how much the TF-IDF cosine of the full text counts beside the embedding of the lead
LEXICAL_FEATURES = 2**20  # hashed term space: collisions are rare at this size, and no vocabulary is kept
STORY_TERMS = 256  # a story's term vector keeps its heaviest terms only: memory stays bounded per story
LEXICAL_BASELINE = 0.25  # term cosine that leaves the score unchanged: below it, the words count against joining

Vector = np.ndarray[Any, np.dtype[np.float32]]
TermIds = np.ndarray[Any, np.dtype[np.int32]]

_NAME = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:of|de|del|la|van|von)?\s*[A-Z][\w'’-]*)*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# Capitalised words that start sentences or name no one: they would make every article share a "name".
_NOT_NAMES = frozenset(
    """a an the this that these those it its he she they we i you his her their our in on at by for from with
    after before as and but or if when while where who what why how there here some many more most all no not one two
    three four five six seven eight nine ten monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december mr mrs ms dr officials police government
    update breaking live more about over under new""".split()
)


@dataclass(frozen=True, slots=True)
class Features:
    """What clustering needs of one article: computed by a pure function, anywhere."""

    article_id: str
    title: str
    names: frozenset[str]
    day: int | None  # proleptic ordinal of the publication day
    vector: Vector
    terms: Terms = field(default_factory=lambda: Terms.empty())


@dataclass(frozen=True, slots=True)
class Terms:
    """A sparse term vector: hashed term ids (sorted, unique) and their weights."""

    ids: TermIds
    weights: Vector

    @staticmethod
    def empty() -> Terms:
        return Terms(np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32))


def term_counts(texts: list[str]) -> list[Terms]:
    """Sublinear term frequencies (1 + log tf) of each text, hashed (murmurhash: the same ids on every machine)."""
    matrix = _hashing_vectorizer().transform(texts).tocsr()
    found = []
    for row in range(matrix.shape[0]):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        ids = matrix.indices[start:end].astype(np.int32)
        order = np.argsort(ids)
        found.append(Terms(ids[order], (1.0 + np.log(matrix.data[start:end][order])).astype(np.float32)))
    return found


@lru_cache(maxsize=1)
def _hashing_vectorizer() -> Any:
    from sklearn.feature_extraction.text import HashingVectorizer  # type: ignore[import-untyped]

    return HashingVectorizer(n_features=LEXICAL_FEATURES, alternate_sign=False, norm=None, stop_words="english",
                             dtype=np.float32)  # fmt: skip


def headline(article: Article) -> str:
    """The article's title, or its first sentence when it has none."""
    if article.title:
        return article.title
    first = _SENTENCE_END.split(article.text.strip(), maxsplit=1)[0]
    return " ".join(first.split()[:25])


def lead_text(article: Article) -> str:
    """Title and lead: what the embedding sees (the first words say what happened; the rest is detail)."""
    lead = " ".join(article.text.split()[:LEAD_WORDS])
    return f"{headline(article)}. {lead}" if article.title else lead


def names_in(text: str) -> frozenset[str]:
    """Lower-cased capitalised word sequences, minus words that only start sentences."""
    names: set[str] = set()
    for match in _NAME.finditer(text):
        words = match.group(0).split()
        if _starts_sentence(text, match.start()):
            words = words[1:]  # any word is capitalised there; a real name there is usually named again later
        words = [w for w in words if w.casefold() not in _NOT_NAMES]
        if words:
            names.add(" ".join(words).casefold())
            names.update(w.casefold() for w in words if len(w) > 2)
    return frozenset(names)


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in '.!?\n"“:'


def day_of(published: date | None) -> int | None:
    return published.toordinal() if published is not None else None


def features(article: Article, vector: Vector, terms: Terms | None = None) -> Features:
    """`terms` when computed for a batch (`term_counts`), else counted here."""
    body = body_text(article)
    return Features(
        article_id=article.id,
        title=headline(article),
        names=names_in(body),
        day=day_of(article.published),
        vector=vector,
        terms=terms if terms is not None else term_counts([body])[0],
    )


def body_text(article: Article) -> str:
    """What names and terms are read from: the headline and the first NAME_WORDS words."""
    return " ".join(article.text.split()[:NAME_WORDS]) + " " + headline(article)


@dataclass(slots=True)
class StoryState:
    """One story as the clusterer holds it; `vector_sum` over members keeps the centroid exact and incremental."""

    id: str
    title: str
    vector_sum: Vector
    names: Counter[str] = field(default_factory=Counter)
    days: set[int] = field(default_factory=set)
    articles: list[str] = field(default_factory=list)
    squares: int = -1  # sum of squared name counts; -1: not computed yet
    terms: Terms = field(default_factory=lambda: Terms.empty())  # sum of members' unit term counts, pruned

    @property
    def names_norm(self) -> float:
        if self.squares < 0:
            self.squares = sum(count * count for count in self.names.values())
        return math.sqrt(self.squares)

    def add_names(self, names: Iterable[str]) -> None:
        squares = self.squares if self.squares >= 0 else sum(c * c for c in self.names.values())
        for name in names:
            squares += 2 * self.names[name] + 1  # (c + 1)² − c²
            self.names[name] += 1
        self.squares = squares

    _centroid: Vector | None = None  # cached unit centroid; reset when a member joins

    def add_terms(self, document: Terms, frequencies: DocumentFrequencies) -> None:
        """Add a member's unit term-count vector, keeping the STORY_TERMS heaviest terms by TF-IDF now."""
        ids, where = np.unique(np.concatenate([self.terms.ids, document.ids]), return_inverse=True)
        weights = np.bincount(where, np.concatenate([self.terms.weights, document.weights]), len(ids))
        if len(ids) > STORY_TERMS:
            keep = np.sort(np.argpartition(-weights * frequencies.idf(ids), STORY_TERMS)[:STORY_TERMS])
            ids, weights = ids[keep], weights[keep]
        self.terms = Terms(ids.astype(np.int32), weights.astype(np.float32))

    @property
    def centroid(self) -> Vector:
        if self._centroid is None:
            norm = float(np.linalg.norm(self.vector_sum))
            self._centroid = self.vector_sum / max(norm, 1e-12)
        return self._centroid


class StoryClusterer:
    """Stories so far, indexed by day; `assign` places one article and returns its story id."""

    def __init__(self, id_prefix: str = "story-") -> None:
        self._prefix = id_prefix
        self.stories: dict[str, StoryState] = {}
        self._by_day: dict[int, set[str]] = {}
        self._recent: OrderedDict[str, None] = OrderedDict()  # touch order, oldest first
        self._next = 1
        self.frequencies = DocumentFrequencies()

    def assign(self, item: Features) -> str:
        document = unit(item.terms)
        best = self._best_candidate(item, document)
        if best is None:
            story = StoryState(self._new_id(), item.title, np.zeros_like(item.vector))
            self.stories[story.id] = story
        else:
            story = self.stories[best]
        self.add_member(story, item, document)
        self.frequencies.count(item.terms)
        return story.id

    def add_member(self, story: StoryState, item: Features, document: Terms) -> None:
        story.vector_sum += item.vector
        story._centroid = None
        story.add_names(item.names)
        story.add_terms(document, self.frequencies)
        story.articles.append(item.article_id)
        if item.day is not None:
            story.days.add(item.day)
            self._by_day.setdefault(item.day, set()).add(story.id)
        self._touch(story.id)

    def in_touch_order(self) -> list[StoryState]:
        """The recently touched stories, oldest first: restored in this order, a clusterer carries on exactly."""
        return [self.stories[story_id] for story_id in self._recent]

    def restore(self, story: StoryState) -> None:
        """Take back a story saved earlier (a store reopening its state)."""
        self.stories[story.id] = story
        for day in story.days:
            self._by_day.setdefault(day, set()).add(story.id)
        self._touch(story.id)
        number = story.id.removeprefix(self._prefix)
        if number.isdigit():
            self._next = max(self._next, int(number) + 1)

    def _new_id(self) -> str:
        story_id = f"{self._prefix}{self._next}"
        self._next += 1
        return story_id

    def _touch(self, story_id: str) -> None:
        self._recent[story_id] = None
        self._recent.move_to_end(story_id)
        if len(self._recent) > RECENT_STORIES:
            self._recent.popitem(last=False)

    def candidates(self, day: int | None) -> list[str]:
        if day is None:
            found = list(self._recent)
        else:
            near = set().union(*(self._by_day.get(d, ()) for d in range(day - WINDOW_DAYS, day + WINDOW_DAYS + 1)))
            # Undated stories cannot be ruled out by time; the recent ones stay candidates.
            found = sorted(near) + [s for s in self._recent if not self.stories[s].days]
        if len(found) > MAX_CANDIDATES:
            order = {story_id: rank for rank, story_id in enumerate(self._recent)}
            found = sorted(found, key=lambda s: order.get(s, -1))[-MAX_CANDIDATES:]
        return sorted(set(found), key=_story_order)

    def _lexical(self, document: Terms, story: StoryState) -> float:
        similarity = term_cosine(document, story, self.frequencies)
        return 0.0 if similarity is None else LEXICAL_WEIGHT * (similarity - LEXICAL_BASELINE)

    def _best_candidate(self, item: Features, document: Terms) -> str | None:
        ids = self.candidates(item.day)
        if not ids:
            return None
        cosines = np.stack([self.stories[s].centroid for s in ids]) @ item.vector
        if len(ids) > TOP_K:  # names, words and time only rerank the closest stories by meaning
            keep = np.sort(np.argsort(-cosines, kind="stable")[:TOP_K])
            ids, cosines = [ids[i] for i in keep], cosines[keep]
        best_id, best_score = None, THRESHOLD
        for story_id, cosine in zip(ids, cosines.tolist(), strict=True):
            story = self.stories[story_id]
            names = ENTITY_WEIGHT * name_overlap(item.names, story.names, story.names_norm)
            score = cosine + names + self._lexical(document, story) - time_penalty(item.day, story.days)
            if score >= best_score and (best_id is None or score > best_score):  # ties: the older story
                best_id, best_score = story_id, score
        return best_id


class DocumentFrequencies:
    """How many articles so far hold each hashed term: IDF learnt as the corpus streams in, applied when scoring (so
    words that turn out to be everywhere, such as a wire's boilerplate, lose their weight in old stories too)."""

    def __init__(self) -> None:
        self.documents = 0
        self.counts = np.zeros(LEXICAL_FEATURES, dtype=np.int32)

    def idf(self, ids: TermIds) -> Vector:
        """log(N / df), smoothed; no +1: a word in every article weighs nothing."""
        weights: Vector = np.log((1.0 + self.documents) / (1.0 + self.counts[ids])).astype(np.float32)
        return weights

    def count(self, terms: Terms) -> None:
        self.counts[terms.ids] += 1
        self.documents += 1


def unit(terms: Terms) -> Terms:
    return Terms(terms.ids, terms.weights / max(float(np.linalg.norm(terms.weights)), 1e-12))


def term_cosine(document: Terms, story: StoryState, frequencies: DocumentFrequencies) -> float | None:
    """TF-IDF cosine of an article's term counts and a story's summed counts, IDF as of now; None (no evidence)
    when either is empty or holds only words seen everywhere."""
    ids = story.terms.ids
    if not len(ids) or not len(document.ids):
        return None
    mine = document.weights * frequencies.idf(document.ids)
    theirs = story.terms.weights * frequencies.idf(ids)
    norms = float(np.linalg.norm(mine)) * float(np.linalg.norm(theirs))
    if norms == 0.0:
        return None
    where = np.minimum(np.searchsorted(ids, document.ids), len(ids) - 1)
    shared = ids[where] == document.ids
    return float(np.dot(mine[shared], theirs[where[shared]])) / norms


def name_overlap(names: frozenset[str], story_names: Counter[str], story_norm: float) -> float:
    """Cosine of the article's names (as a set) and the story's name counts, less NAME_BASELINE; 0 when either has
    no names (neutral). `story_norm` is the length of the story's count vector, kept up to date by the story."""
    if not names or not story_names:
        return 0.0
    shared = sum(story_names.get(name, 0) for name in names)
    return shared / (math.sqrt(len(names)) * story_norm) - NAME_BASELINE


def time_penalty(day: int | None, story_days: Iterable[int]) -> float:
    days = list(story_days)
    if day is None or not days:
        return 0.0  # a missing date is neutral
    return DAY_PENALTY * min(abs(day - d) for d in days)


def _story_order(story_id: str) -> tuple[int, str]:
    number = story_id.rsplit("-", 1)[-1]
    return (int(number), story_id) if number.isdigit() else (0, story_id)
