"""The evidence layer: what the sentences nearest a claim say about it, read with explicit rules.

The FNC model judges a whole article from aggregate features; it was trained on headlines about an article's main
event, so it calls most articles that mention a claim `discusses`, and it cannot see that "fake claims that he died"
refutes "he died" or that "killed four" excludes "forty killed". This layer reads each sentence near the claim:

- refutes:  a refuting frame ("fake claims that …", "denied that …", "… is not true", "no evidence that …") whose
            scope carries the claim's words;
- excludes: a sentence about the claim's content that states what cannot also be true: a different number, the
            claim's predicate negated, or the other word of an antonym pair (died/alive, arrested/released) said of
            the claim's subject;
- asserts:  the claim's words stated plainly, without hedge, denial or negation;
- doubts:   the claim's words under a hedge (rumours, unconfirmed, allegedly) with no position taken.

`decide` turns the readings of one article into a label, or None to leave the decision to the model. Thresholds were
picked on the development set (tests/data/stance_dev.jsonl) and checked on FNC-1 held-out bodies.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

from storylens.stance.features import STOP_WORDS

Verdict = Literal["refutes", "excludes", "asserts", "doubts", "silent"]
CueKind = Literal["refute", "doubt", "negation"]
Comparator = Literal["=", ">=", "<=", "~"]

CANDIDATES = 6  # sentences nearest the claim that the layer reads
MIN_SIMILARITY = 0.3  # below this a sentence is about something else (MiniLM cosine)
CONTEXT_SENTENCES = 3  # how far back a pronoun's antecedent is looked for
REFUTE_COVERAGE = 0.5  # share of the claim's words a refuting frame's scope must carry
EXCLUDE_COVERAGE = 0.6  # … that a sentence must carry for its number or negation to exclude the claim
ASSERT_COVERAGE = 0.75  # … that a plain sentence must carry to assert the claim
ASSERT_SIMILARITY = 0.5
DOUBT_COVERAGE = 0.5
ASSERT_MARGIN = 0.2  # a plain statement beats a denial when it carries this much more of the claim
HEDGE_MARGIN = 0.0  # a hedge on as much of the claim as a plain statement carries: reported, not vouched for
SCOPE_WORDS = 20  # how far a refuting frame reaches
SCOPE_NEAR = 5  # … and a bare cue ("X denied it", "a fake ID"): the words either side
ANTONYM_REACH = 6  # an excluding word counts when this near the claim's subject: "the rescue of Assad"
NEGATION_REACH = 4  # a negation governs the first content word within this many: "has not resigned", "no cracks"
APPROXIMATE = 0.2  # "about 30" means 24 to 36

_TOKEN = re.compile(r"[a-z0-9]+(?=n't)|n't|[a-z0-9]+(?:[.,]\d+)*|[,;:()\u2014\u2013$€£]")
_CLAUSE_MARKS = frozenset(",;:()\u2014\u2013")  # a refuting frame's scope ends at one
_FRAME_OPENERS = frozenset(
    "that of about claim claims report reports rumour rumours rumor rumors allegation allegations suggestion "
    "suggestions story stories post posts news".split()
)
_SPEECH = frozenset("say says said saying tell tells told claim claims report reports according".split())
_COPULAS = frozenset("is are was were be been being as".split())
_PRONOUNS = frozenset("he she they it his her their its him them".split())
_COMPARATORS: dict[str, Comparator] = {
    "more than": ">=", "over": ">=", "at least": ">=", "above": ">=", "upwards of": ">=",
    "fewer than": "<=", "less than": "<=", "under": "<=", "below": "<=", "at most": "<=", "up to": "<=",
    "about": "~", "around": "~", "nearly": "~", "almost": "~", "some": "~", "roughly": "~", "approximately": "~",
    "an estimated": "~", "estimated": "~",
}  # fmt: skip
_UNITS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "dozen": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}  # fmt: skip  — "one" is left out: "one of the …" is rarely a count
_CURRENCIES = {"$": "dollar", "€": "euro", "£": "pound"}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    comparator: Comparator
    unit: str  # what is counted: the stem of the next content word ("people", "dollar"), "" when unknown

    def interval(self) -> tuple[float, float]:
        if self.comparator == ">=":
            return self.value, math.inf
        if self.comparator == "<=":
            return 0.0, self.value
        if self.comparator == "~":
            return self.value * (1 - APPROXIMATE), self.value * (1 + APPROXIMATE)
        return self.value, self.value

    def fits(self, other: Quantity) -> bool:
        low, high = self.interval()
        other_low, other_high = other.interval()
        return low <= other_high * 1.001 and other_low <= high * 1.001


@dataclass(frozen=True, slots=True)
class Cue:
    kind: CueKind
    start: int  # token indices, end exclusive
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Reading:
    """What the sentence's words are: tokens, their stems ("" for stop words), cues and counts."""

    tokens: tuple[str, ...]
    stems: tuple[str, ...]
    cues: tuple[Cue, ...]
    quantities: tuple[Quantity, ...]
    question: bool


@dataclass(frozen=True, slots=True)
class ClaimReading:
    stems: frozenset[str]  # content words, numbers left out
    names: frozenset[str]  # stems of capitalised words: who or what the claim is about
    quantities: tuple[Quantity, ...]
    negated: bool
    judged: bool  # a plain statement of fact: not a question, a denial, a hedge or a report of what someone said
    excluders: tuple[tuple[frozenset[str], frozenset[str]], ...]  # (the claim's word, what excludes it) pairs


@dataclass(frozen=True, slots=True)
class SentenceCall:
    """The layer's verdict on one sentence, and why (`reason`, for a reader)."""

    index: int
    similarity: float
    coverage: float  # share of the claim's words the sentence carries
    verdict: Verdict
    reason: str


@dataclass(frozen=True, slots=True)
class Decision:
    label: Literal["supports", "contradicts", "discusses"]
    call: SentenceCall


def stem(word: str) -> str:
    """A crude stem that merges the forms a claim and a report use: killed/killing/kills, lives/living, raid/raided."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


def read_claim(text: str) -> ClaimReading:
    reading = read_sentence(text)
    raw = re.findall(r"[A-Za-z][\w'-]*", text)
    names = {
        stem(part)
        for word in raw
        if word[0].isupper()
        for part in _TOKEN.findall(word.lower())
        if part not in STOP_WORDS and part not in _UNITS and len(part) > 1
    }
    stems = frozenset(s for s in reading.stems if s and not s[0].isdigit() and s not in _UNIT_STEMS)
    return ClaimReading(
        stems=stems,
        names=frozenset(names) & stems,
        quantities=reading.quantities,
        negated=any(c.kind == "negation" for c in reading.cues),
        judged=not (reading.question or reading.cues or _SPEECH & set(reading.tokens)),
        excluders=tuple((own & stems, others) for own, others in _antonyms() if own & stems),
    )


@lru_cache(maxsize=65536)
def read_sentence(text: str) -> Reading:
    """Tokens, stems, cues and quantities of one sentence (cached: the same sentences are read for many claims)."""
    lowered = text.lower().replace("’", "'").replace("‘", "'")
    tokens = tuple(_TOKEN.findall(lowered))
    joined = " ".join(tokens)
    starts = _token_starts(tokens)
    pattern, kinds = _cue_pattern()
    cues = tuple(
        Cue(
            kinds[int((m.lastgroup or "c0")[1:])],
            starts[m.start()],
            starts[m.start()] + m.group().count(" ") + 1,
            m.group(),
        )
        for m in pattern.finditer(joined)
    )
    return Reading(
        tokens=tokens,
        stems=tuple("" if t in STOP_WORDS or len(t) < 2 else stem(t) for t in tokens),
        cues=cues,
        quantities=tuple(_quantities(tokens)),
        question=text.rstrip(" \"'”’)").endswith("?"),
    )


def call_sentence(
    claim: ClaimReading, index: int, text: str, similarity: float, context: Sequence[str] = ()
) -> SentenceCall:
    """Refutes, excludes, asserts, doubts or is silent about the claim, with the reason. `context`: the sentences
    just before it, where a pronoun's antecedent is named ("Salo … He had applied for residency")."""
    if not claim.judged:
        return SentenceCall(index, similarity, 0.0, "silent", "")
    reading = read_sentence(text)
    present = frozenset(reading.stems) | _antecedents(claim, reading, context)
    coverage = _coverage(claim.stems, present)

    def called(verdict: Verdict, reason: str, share: float = coverage) -> SentenceCall:
        return SentenceCall(index, similarity, round(share, 4), verdict, reason)

    refuting = [c for c in reading.cues if c.kind == "refute"]
    if refuting:
        names = claim.names & present
        scoped = [(_coverage(claim.stems, _scope(reading, c, names)), c) for c in refuting]
        share, cue = max(scoped, key=lambda item: item[0])
        outside = _coverage(claim.stems, _outside_scopes(reading, refuting, names))
        if share >= REFUTE_COVERAGE and share > outside:  # what is refuted is the claim, not something beside it
            return called("refutes", f"refuting frame “{cue.text}”", share)
        coverage = outside
    hedged = any(c.kind == "doubt" for c in reading.cues) or reading.question
    excluded = _excluded(claim, reading, present, coverage, hedged)
    if excluded:
        return called("excludes", excluded)
    if hedged and coverage >= DOUBT_COVERAGE:
        return called("doubts", "hedged: " + next((c.text for c in reading.cues if c.kind == "doubt"), "a question"))
    numbers_fit = not claim.quantities or any(c.fits(s) for c in claim.quantities for s in reading.quantities)
    # the claim's polar words ("killed", "arrested") must be there: "raided her home" does not say "killed in a raid"
    polar_fit = all(own <= present for own, _ in claim.excluders)
    if coverage >= ASSERT_COVERAGE and similarity >= ASSERT_SIMILARITY and numbers_fit and polar_fit and not hedged:
        return called("asserts", "stated plainly")
    return called("silent", "")


def decide(calls: Sequence[SentenceCall]) -> Decision | None:
    """A denial or an exclusion outweighs a plain statement (a debunking article restates what it debunks) unless
    the statement carries clearly more of the claim; a plain statement outweighs a hedge; with none of these the
    model decides."""
    against = _strongest(calls, ("refutes", "excludes"))
    in_favour = _strongest(calls, ("asserts",))
    if against and not (in_favour and in_favour.coverage >= against.coverage + ASSERT_MARGIN):
        return Decision("contradicts", against)
    doubting = _strongest(calls, ("doubts",))
    if in_favour and not (doubting and doubting.coverage >= in_favour.coverage - HEDGE_MARGIN):
        return Decision("supports", in_favour)
    return Decision("discusses", doubting) if doubting else None


def _strongest(calls: Sequence[SentenceCall], verdicts: tuple[Verdict, ...]) -> SentenceCall | None:
    found = [c for c in calls if c.verdict in verdicts]
    return max(found, key=lambda c: (c.coverage, c.similarity)) if found else None


def _antecedents(claim: ClaimReading, reading: Reading, context: Sequence[str]) -> frozenset[str]:
    """The claim's names, when the sentence refers to someone by a pronoun and the sentences before name them."""
    if not claim.names or not _PRONOUNS & set(reading.tokens):
        return frozenset()
    named = frozenset(s for text in context for s in read_sentence(text).stems)
    return claim.names & named


def _excluded(claim: ClaimReading, reading: Reading, present: frozenset[str], coverage: float, hedged: bool) -> str:
    """Why the sentence excludes the claim ("" when it does not)."""
    if coverage >= EXCLUDE_COVERAGE and not hedged:
        for counted in claim.quantities:
            alike = [q for q in reading.quantities if q.unit and q.unit == counted.unit]
            if alike and not any(counted.fits(q) for q in alike):  # "31 people" against "3 people", not "No. 248"
                return f"number: {_show([counted])} {counted.unit} against {_show(alike)}"
    if coverage >= EXCLUDE_COVERAGE and not hedged and _negates_claim_words(claim, reading):
        return "negated"
    if not claim.names:
        return ""
    subject = [i for i, s in enumerate(reading.stems) if s in claim.names]
    for own, others in claim.excluders:
        near = [
            reading.tokens[i]
            for i in range(len(reading.stems))
            if reading.stems[i] in others and any(abs(i - j) <= ANTONYM_REACH for j in subject)
        ]
        if near and (not own & present or hedged):
            return f"antonym of the claim's “{sorted(own)[0]}”: “{near[0]}”"
    return ""


def _negates_claim_words(claim: ClaimReading, reading: Reading) -> bool:
    covered = {i for c in reading.cues if c.kind != "negation" for i in range(c.start, c.end)}
    for cue in reading.cues:
        if cue.kind == "negation" and cue.start not in covered:
            # the first content word after the negation is what it negates: "has not resigned", "found no cracks";
            # "not clear if the meteorite …" negates "clear", not the meteorite
            following = [s for s in reading.stems[cue.end : cue.end + NEGATION_REACH] if s]
            if following and following[0] in claim.stems - claim.names:
                return True
    return False


def _scope(reading: Reading, cue: Cue, names: frozenset[str]) -> frozenset[str]:
    """The words a refuting cue speaks of, to the end of its clause: after it ("fake claims that …", "denied on
    Monday that …"), before it ("… is not true"), else its whole sentence. The claim's subject counts when the
    sentence (or a pronoun's antecedent) names it: "denied that he died"."""
    return frozenset(reading.stems[_scope_window(reading, cue)]) | names


def _scope_window(reading: Reading, cue: Cue) -> slice:
    tokens = reading.tokens
    if set(tokens[cue.end : cue.end + 3]) & _FRAME_OPENERS or cue.text.split()[-1] in _FRAME_OPENERS:
        end = cue.end
        while end < len(tokens) and end < cue.end + SCOPE_WORDS and tokens[end] not in _CLAUSE_MARKS:
            end += 1
        return slice(cue.end, end)
    if set(tokens[max(0, cue.start - 2) : cue.start]) & _COPULAS:
        start = cue.start
        while start > 0 and start > cue.start - SCOPE_WORDS and tokens[start - 1] not in _CLAUSE_MARKS:
            start -= 1
        return slice(start, cue.start)
    return slice(max(0, cue.start - SCOPE_NEAR), cue.end + SCOPE_NEAR)


def _outside_scopes(reading: Reading, cues: Sequence[Cue], names: frozenset[str]) -> frozenset[str]:
    inside: set[int] = set()
    for cue in cues:
        window = _scope_window(reading, cue)
        inside |= set(range(len(reading.tokens))[window]) | set(range(cue.start, cue.end))
    return frozenset(s for i, s in enumerate(reading.stems) if i not in inside) | names


def _coverage(stems: frozenset[str], present: frozenset[str]) -> float:
    return len(stems & present) / len(stems) if stems else 0.0


def _quantities(tokens: Sequence[str]) -> list[Quantity]:
    found: list[Quantity] = []
    index = 0
    while index < len(tokens):
        value = _number(tokens[index])
        if value is None:
            index += 1
            continue
        start = index
        while index + 1 < len(tokens) and tokens[index + 1] in _SCALES:
            index += 1
            value *= _SCALES[tokens[index]]
        is_year = value.is_integer() and 1900 <= value <= 2100 and index == start and tokens[start].isdigit()
        if not is_year:
            before = " ".join(tokens[max(0, start - 2) : start])
            comparator: Comparator = next(
                (c for phrase, c in _COMPARATORS.items() if (" " + before).endswith(" " + phrase)), "="
            )
            found.append(Quantity(value, comparator, _unit(tokens, start, index)))
        index += 1
    return found


def _unit(tokens: Sequence[str], start: int, end: int) -> str:
    """What a number counts: a currency sign before it, else the next content word ("31 people", "$1.2 billion")."""
    if start > 0 and tokens[start - 1] in _CURRENCIES:
        return _CURRENCIES[tokens[start - 1]]
    for token in tokens[end + 1 : end + 3]:
        if token in _CURRENCIES.values() or (token not in STOP_WORDS and token.isalpha() and len(token) > 1):
            return stem(token)
    return ""


def _number(token: str) -> float | None:
    if token in _UNITS:
        return float(_UNITS[token])
    if token[0].isdigit():
        try:
            return float(token.replace(",", ""))
        except ValueError:
            return None
    return None


def _show(quantities: Sequence[Quantity]) -> str:
    return ", ".join(f"{'' if q.comparator == '=' else q.comparator}{q.value:g}" for q in quantities)


def _token_starts(tokens: Sequence[str]) -> dict[int, int]:
    """Character offset in the space-joined tokens → token index."""
    starts: dict[int, int] = {}
    offset = 0
    for index, token in enumerate(tokens):
        starts[offset] = index
        offset += len(token) + 1
    return starts


_UNIT_STEMS = frozenset(list(_UNITS) + list(_SCALES))


@lru_cache(maxsize=1)
def _antonyms() -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """(a claim's words, the words that exclude them) pairs from data/antonyms.tsv, both directions where marked."""
    text = resources.files("storylens.stance").joinpath("data/antonyms.tsv").read_text(encoding="utf-8")
    pairs: list[tuple[frozenset[str], frozenset[str]]] = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            left, right, both = line.split("\t")
            own, others = frozenset(stem(w) for w in left.split()), frozenset(stem(w) for w in right.split())
            pairs += [(own, others), (others, own)] if both.strip() == "both" else [(own, others)]
    return tuple(pairs)


@lru_cache(maxsize=1)
def _cue_table() -> dict[str, CueKind]:
    text = resources.files("storylens.stance").joinpath("data/evidence_cues.tsv").read_text(encoding="utf-8")
    table: dict[str, CueKind] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            phrase, kind = line.split("\t")
            table[phrase] = kind  # type: ignore[assignment]
    return table


@lru_cache(maxsize=1)
def _cue_pattern() -> tuple[re.Pattern[str], tuple[CueKind, ...]]:
    """One pattern over every cue, a named group per phrase (its kind by group number); longest phrases first, so
    the longest wins where two start at the same word."""
    phrases = sorted(_cue_table(), key=len, reverse=True)
    pattern = re.compile("|".join(f"(?P<c{i}>{_phrase_regex(p)})" for i, p in enumerate(phrases)))
    return pattern, tuple(_cue_table()[p] for p in phrases)


def _phrase_regex(phrase: str) -> str:
    words = [re.escape(w.rstrip("*")) + (r"[a-z0-9']*" if w.endswith("*") else "") for w in phrase.split()]
    start = "" if phrase.startswith("n't") else r"(?<![a-z0-9'])"
    return start + " ".join(words) + r"(?![a-z0-9'])"
