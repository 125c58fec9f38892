"""Explicit conflict checks between the claims of one cluster, and the cluster's verdict.

Models are weakest on numbers, times and named actors, so each is checked by rule, pair by pair, between members
of *different* articles (an article does not conflict with itself):

- number: amounts of the same kind (same currency or unit, or plain counts) that belong together — the same noun,
  the same event ("killed" ~ "died" ~ "dead"), or the only count on both sides — and whose ranges do not overlap.
  "about", "more than", "at least", "up to", "dozens" make ranges; "two" = "2"; "£30 million" = "£30m".
- time: the claims' time expressions as windows ("Tuesday" is the whole day, "04:15" one minute); a conflict when
  they are disjoint by more than a small tolerance, so a day and a minute of that day agree.
- place: different place entities (GPE/LOC/FAC) in the same role ("in X" vs "near Y", "via X" vs "via Y"), each
  never mentioned by the other article, and not a country and its capital or seat ("in Moscow" vs "in Russia");
  or one numbered place with different numbers ("Warehouse 7" vs "9").
- actor: the subject (or passive agent, or the X of "on the orders of X") of the main predicate names different
  story entities on each side, or a named one on one side and an unnamed one in other words on the other; two
  countries' actors differ even in the same words ("Russian agents" vs "Turkish agents"). A country, its capital,
  its seat of government and groups of its people are one actor ("Moscow" ~ "the Kremlin" ~ "Russian spies" ~
  "Russia", `analyse/data/demonyms.tsv`), and a state may act through any named person; a named person and a
  group of a country's people ("Russian agents") stay two.
- negation: one side's main predicate is negated or denied ("not", "never", "denied", "no evidence", "has yet
  to", "not one steward") and the other's is not, and the two share a verb, or a subject and something told of it,
  or the negated verb is a noun on the other side ("not handcuffed" ~ "in handcuffs"); "a second tank was not
  damaged" does not answer "a valve failed", nor "police have not interviewed her" "police opened an inquiry".
- what a claim rules out: "customs officers, not the border police, …" against the border police as the other
  side's actor (actor); "at Mirov, and not at Kestrel" against "at Kestrel" (place).

A time on the speech verb ("the trust said on Monday") dates the saying, not the event, and is left out. Each claim
is read once (`claim_views`) from the parse the analysis kept, and `fact_keys` tells alignment which measured fact
a claim states.

One side adding a detail the other lacks is never a conflict: every check needs a value on both sides that
disagrees with everything the other side says of that kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from itertools import combinations, product

from spacy.tokens import Doc, Token

from storylens.analyse.framing import demonyms, nations
from storylens.nlp import spacy_pipeline
from storylens.records import ArticleAnalysis, ClaimCluster, ClaimRef, Conflict, ConflictKind, TimeExpression, Verdict

__all__ = [
    "ClaimView",
    "article_names",
    "claim_docs",
    "claim_views",
    "cross_cluster_conflicts",
    "fact_keys",
    "find_conflicts",
    "verdict",
]


def verdict(cluster: ClaimCluster, analyses: Sequence[ArticleAnalysis]) -> Verdict:
    """ "conflicting" with any conflict, else "corroborated" when 2+ articles carry it, else "single_source"."""
    if cluster.conflicts:
        return "conflicting"
    articles = {analyses[m.article].article.id for m in cluster.members}
    return "corroborated" if len(articles) >= 2 else "single_source"


def find_conflicts(
    analyses: Sequence[ArticleAnalysis],
    cluster_members: Sequence[ClaimRef],
    entity_of: Mapping[tuple[int, int], int],
    views: Mapping[ClaimRef, ClaimView] | None = None,
) -> list[Conflict]:
    """Every conflict between two members of different articles, in member order, one per kind and pair (`views`:
    the members' views when the caller has read them already)."""
    members = sorted(set(cluster_members), key=lambda r: (r.article, r.claim))
    if len({m.article for m in members}) < 2:
        return []
    if views is None or any(m not in views for m in members):
        views = claim_views(analyses, members, entity_of)
    conflicts: dict[str, Conflict] = {}
    for first, second in combinations(members, 2):
        if first.article == second.article:
            continue
        for kind, check in _CHECKS:
            detail = check(views[first], views[second])
            if detail is not None:
                # One disagreement seen through several claim pairs of a one-to-many cluster is said once.
                conflicts.setdefault(f"{kind}: {detail}", Conflict(kind, f"{kind}: {detail}", first, second))
    return list(conflicts.values())


# ---- what one claim says, read once ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Quantity:
    text: str  # the number as written, with its noun when that follows ("Two workers")
    low: float
    high: float
    unit: str  # "" for a plain count, else the currency sign or unit
    noun: str | None  # its class: "person", or the noun's lemma
    event: str | None  # "death", "injury", or the governing verb's lemma
    compounds: frozenset[str] = frozenset()  # the noun's compound modifiers ("48 million crown contract": crown)
    aside: bool = False  # inside a relative clause or apposition ("since 2009, when eleven people died")
    state: str | None = None  # where or how the counted people are: "aboard", "trap", "in custody" (`_state`)
    another_time: bool = False  # in a clause that tells of another date ("since 1998, when two inmates fled")


@dataclass(frozen=True, slots=True)
class _Place:
    text: str
    role: str | None
    entity: int | None  # story entity; None for a numbered place such as "Warehouse 7"
    numbered: tuple[str, str] | None  # ("warehouse", "7")


@dataclass(frozen=True, slots=True)
class _Rejected:
    text: str  # as written: "the border police"
    entities: frozenset[int]  # the story entities named in it
    words: frozenset[str]  # its nouns and proper nouns (lemmas)


@dataclass(frozen=True, slots=True)
class ClaimView:
    article_name: str  # the outlet, as conflict details name it (`article_names`)
    article_text: str
    article_entities: frozenset[int]  # every story entity the article mentions anywhere
    quantities: tuple[_Quantity, ...]
    times: tuple[tuple[str, datetime, datetime, str, int], ...]  # text, window start, end, precision, offset
    places: tuple[_Place, ...]
    actor: _Actor | None
    negated: bool
    predicate: str  # the words that carry the (negated or plain) main predicate
    topic: frozenset[str] = frozenset()  # its verbs and its subjects' head words: what a denial must answer
    deeds: frozenset[str] = frozenset()  # its verbs alone
    things: frozenset[str] = frozenset()  # stems of its nouns outside its subjects ("in handcuffs"): what it tells
    denies_subject: bool = False  # "No ransom was paid": its subject is denied
    # stems of the nouns inside an argument it denies: "no decision about an appeal" → "decis", "appeal"
    denied_things: frozenset[str] = frozenset()
    denied: str | None = None  # the verb a denial denies ("denied that its chief had fled" → "flee")
    # every verb negated anywhere in the claim ("was not fleeing", "nobody is")
    negated_verbs: frozenset[str] = frozenset()
    acts: frozenset[tuple[str, ...]] = frozenset()  # ("act", verb, object) of the main predicate
    orders: tuple[tuple[str, _Actor], ...] = ()  # (deed, who ordered it), anywhere in the claim (`_orders`)
    timing: str | None = None  # "start": when it began; "alert": when first reported; "call": another alert
    happenings: tuple[tuple[str, frozenset[int], frozenset[str]], ...] = ()  # (event, subject's entities, words)
    rejected: tuple[_Rejected, ...] = ()  # what the claim says it was not: "Customs officers, not the border police"
    silent: frozenset[int] = frozenset()  # who has not commented ("X declined to comment"), as story entities
    # ("deed", lemma, words) and ("thing", stem, words): how to show the part of the claim a negation answers
    told: tuple[tuple[str, str, str], ...] = ()
    future: bool = False  # it tells of what will be: "will not launch again until …"


def claim_views(
    analyses: Sequence[ArticleAnalysis], refs: Sequence[ClaimRef], entity_of: Mapping[tuple[int, int], int]
) -> dict[ClaimRef, ClaimView]:
    """What each claim says of numbers, times, places, actors and polarity, read once from its parse."""
    docs = claim_docs(analyses, refs)
    names = article_names(analyses)
    return {r: _view(analyses[r.article], r, docs[r], entity_of, names[r.article]) for r in refs}


def article_names(analyses: Sequence[ArticleAnalysis]) -> list[str]:
    """How a reader knows each article: its outlet; the id when it has none; both when two articles share one."""
    outlets = [analysis.article.outlet for analysis in analyses]
    return [
        _name(analysis.article.id, outlet, outlets.count(outlet))
        for analysis, outlet in zip(analyses, outlets, strict=True)
    ]


def fact_keys(view: ClaimView) -> frozenset[tuple[str, ...]]:
    """Keys of the measured facts a claim states, for alignment: two claims sharing one report the same fact even
    when worded far apart, whatever their figures say ("Two workers were killed" ~ "raising the death toll to
    three"; "about 1,200 residents were evacuated" ~ "More than 3,000 people were evacuated").

    - a death or injury count, none included ("nobody was hurt"): ("event", "death");
    - a count of a kind of thing by what happened to it: ("measure", unit, noun, verb) — "residents … evacuated";
    - a count of a kind of thing with the same figure: ("value", unit, noun, figure) — "1,200 residents";
    - a head count by the people's state: ("state", unit, "person", state) — "Six people were on board" ~ "Nine
      passengers were aboard", "four miners remain trapped" ~ "five workers were trapped";
    - a plain count of a kind of thing, whatever happened to it: ("count", noun, figure) — alignment ties "covers
      12 batches" to "lists nine batches" where the story counts that thing by different figures
      (`align.same_fact_keys`); people, money and measures are left out (`_NOT_COUNTED`);
    - one figure with a unit, whatever it measures: ("figure", "%", "9") — "a pay rise of 9 per cent" ~ "a 9%
      raise" (durations left out: "for two days" recurs across a story's facts);
    - a numbered place: ("numbered", "warehouse", "7") — alignment ties "Warehouse 7" to "Warehouse 9" when the
      story names places of that kind by different numbers (`align.same_fact_keys`);
    - a deed done to a thing, whoever did it: ("act", "order", "investigation") — "X ordered an investigation" ~
      "The investigation was ordered by Y";
    - a named subject's silence: ("no comment", entity) — "X did not respond to a request for comment" ~ "X has
      refused to comment"."""
    keys: set[tuple[str, ...]] = set(view.acts)
    if view.denies_subject:  # "No one was injured" ~ "nobody was hurt": a count of none
        keys.update(("event", _EVENTS[deed]) for deed in view.deeds if deed in _EVENTS)
    for quantity in view.quantities:
        if quantity.aside:
            continue  # a side remark's count ("the worst since 2009, when eleven died") is another event's
        if quantity.event in _EVENT_WORDS:
            keys.add(("event", quantity.event))
            continue
        if quantity.noun is None:
            continue
        if quantity.event is not None and quantity.event not in _LIGHT_VERBS:
            keys.add(("measure", quantity.unit, quantity.noun, quantity.event))
        keys.add(("value", quantity.unit, quantity.noun, _figure(quantity)))
        if not quantity.unit and quantity.noun not in _NOT_COUNTED:
            keys.add(("count", quantity.noun, _figure(quantity)))
        if quantity.state is not None:
            keys.add(("state", quantity.unit, quantity.noun, quantity.state))
    for quantity in view.quantities:
        if quantity.unit and quantity.unit not in _TIME_UNITS and not quantity.aside:
            keys.add(("figure", quantity.unit, _figure(quantity)))
    keys.update(("numbered", *place.numbered) for place in view.places if place.numbered is not None)
    if view.silent:
        keys.add(("no comment", *sorted(str(entity) for entity in view.silent)))
    return frozenset(keys)


# Counts too common to tie two claims by their noun: people (a story counts them in many ways) and money in words
# ("2.4 million florins" in bribes and a contract "worth 140 million florins" are two sums, not one in dispute).
_NOT_COUNTED = frozenset(
    (
        "person dollar euro pound florin crown franc mark dinar dirham ruble rouble rupee yen yuan peso lira krona "
        "krone zloty shekel rand real won baht ringgit forint leu lev kuna hryvnia"
    ).split()
)
# Durations recur across a story's facts ("for two days", "within 40 minutes"): the same one ties nothing.
_TIME_UNITS = frozenset("hour minute second day week month year".split())
# Verbs that say too little of what happened to the thing counted to tie two claims by themselves.
_LIGHT_VERBS = frozenset("be have include say tell report make take give get see".split())


def _figure(quantity: _Quantity) -> str:
    """The figure without its qualifier ("about 1,200" and "around 1,200" → "1200")."""
    middle = quantity.low if quantity.high == float("inf") else (quantity.low + quantity.high) / 2
    return f"{middle:.6g}"


def claim_docs(analyses: Sequence[ArticleAnalysis], refs: Sequence[ClaimRef]) -> dict[ClaimRef, Doc]:
    """Each claim's parse: the analysis's own where it kept one, else the claim text parsed on its own (one batch)."""
    kept = {r: _kept_doc(analyses[r.article], r.claim) for r in refs}
    missing = [r for r, doc in kept.items() if doc is None]
    texts = [analyses[r.article].claims[r.claim].text for r in missing]
    parsed = dict(zip(missing, spacy_pipeline().pipe(texts, batch_size=64), strict=True))
    return {r: doc if doc is not None else parsed[r] for r, doc in kept.items()}


def _kept_doc(analysis: ArticleAnalysis, claim: int) -> Doc | None:
    return analysis.claim_docs[claim] if claim < len(analysis.claim_docs) else None


def _name(article_id: str, outlet: str | None, sharing: int) -> str:
    if outlet is None:
        return article_id
    return outlet if sharing == 1 else f"{outlet}, {article_id}"


def _view(
    analysis: ArticleAnalysis, ref: ClaimRef, doc: Doc, entity_of: Mapping[tuple[int, int], int], name: str
) -> ClaimView:
    claim = analysis.claims[ref.claim]
    story = _StoryMentions(analysis, ref.article, claim.span.start, entity_of)
    main = _main_chain(doc)
    negated, predicate = _polarity(main)
    return ClaimView(
        article_name=name,
        article_text=analysis.article.text,
        article_entities=frozenset(v for (a, _), v in entity_of.items() if a == ref.article),
        quantities=tuple(_joined_durations(doc.text, _quantities(doc))),
        times=tuple(
            t for t in _time_windows(analysis, ref) if not _in_side_clause(doc, t[4]) and not _dates_telling(doc, t[4])
        ),
        places=tuple(_places(doc, story)),
        actor=_actor(main[-1], story),
        negated=negated,
        predicate=predicate,
        topic=_topic(doc),
        deeds=_deeds(doc),
        told=tuple(_told(doc)),
        things=frozenset(_deed_stem(t.lemma_) for t in doc if t.pos_ in {"NOUN", "PROPN"} and not _in_subject(t)),
        denies_subject=any(_denied_argument(t) for t in doc if t.dep_ in {"nsubj", "nsubjpass"}),
        denied_things=frozenset(
            _deed_stem(n.lemma_)
            for t in doc
            if t.dep_ in _CORE_ARGUMENTS and _denied_argument(t)
            for n in t.subtree
            if n.pos_ == "NOUN"
        ),
        denied=_denied_verb(main),
        future=any(t.tag_ == "MD" and t.lower_ in _FUTURE for t in doc),
        negated_verbs=frozenset(
            t.lemma_.lower() for t in doc if _predicate_like(t) and (_plainly_negated(t) or _negated_by_argument(t))
        ),
        acts=_acts(main),
        orders=tuple(_orders(doc, main, story)),
        timing=_timing(main),
        happenings=tuple(_happenings(doc, story)),
        rejected=tuple(_rejected(doc, story)),
        silent=_silent(doc, story),
    )


@dataclass(frozen=True, slots=True)
class _StoryMentions:
    """The article's entity mentions, found by offsets relative to the claim's start."""

    analysis: ArticleAnalysis
    article: int
    offset: int
    entity_of: Mapping[tuple[int, int], int]

    def covering(self, position: int) -> Iterator[int]:
        """The story entity of each mention covering `position` (relative to the claim's start)."""
        for mention in self.analysis.mentions:
            if mention.span.start - self.offset <= position < mention.span.end - self.offset:
                story = self.entity_of.get((self.article, mention.entity))
                if story is not None:
                    yield story

    def labels_at(self, position: int) -> Iterator[str]:
        """The label of each story-entity mention covering `position` (relative to the claim's start)."""
        for mention in self.analysis.mentions:
            covers = mention.span.start - self.offset <= position < mention.span.end - self.offset
            if covers and (self.article, mention.entity) in self.entity_of:
                yield mention.label

    def within(self, start: int, end: int, labels: frozenset[str] | None = None) -> Iterator[tuple[int, str, int, int]]:
        """(story entity, label, relative start, relative end) of each mention inside [start, end) of the claim."""
        for mention in self.analysis.mentions:
            relative, relative_end = mention.span.start - self.offset, mention.span.end - self.offset
            if start <= relative and relative_end <= end:
                story = self.entity_of.get((self.article, mention.entity))
                if story is not None and (labels is None or mention.label in labels):
                    yield story, mention.label, relative, relative_end


# ---- numbers -----------------------------------------------------------------------------------------------------

_ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "k": 1_000,
           "m": 1_000_000, "bn": 1_000_000_000}  # fmt: skip
_VAGUE = {"dozens": (24, 120), "hundreds": (200, 999), "thousands": (2_000, 9_999), "millions": (2e6, 9.99e6)}
_WORDS = "|".join(sorted([*_ONES, *_VAGUE, "hundred", "thousand", "million", "billion", "a"], key=len, reverse=True))
_QUALIFIERS = {
    "about": (0.85, 1.15), "around": (0.85, 1.15), "some": (0.85, 1.15), "roughly": (0.85, 1.15),
    "approximately": (0.85, 1.15), "an estimated": (0.85, 1.15), "nearly": (0.85, 1.0), "almost": (0.85, 1.0),
    "close to": (0.85, 1.0), "more than": (1.0, float("inf")), "over": (1.0, float("inf")),
    "at least": (1.0, float("inf")), "upwards of": (1.0, float("inf")), "fewer than": (0.0, 1.0),
    "less than": (0.0, 1.0), "under": (0.0, 1.0), "up to": (0.0, 1.0), "at most": (0.0, 1.0),
    "as many as": (0.0, 1.0), "no more than": (0.0, 1.0),
}  # fmt: skip
_UNITS = r"%|per ?cent|percent|km|kilometres?|kilometers?|miles?|metres?|meters?|feet|kg|tonnes?|tons?|litres?|hours?|minutes?|seconds?|days?|weeks?|months?|years?"  # noqa: E501
_NUMBER = re.compile(
    r"(?<![\w:.,])(?:(?P<qualifier>" + "|".join(sorted(_QUALIFIERS, key=len, reverse=True)) + r")\s+)?"
    r"(?P<currency>[£$€])?\s?"
    r"(?P<value>\d[\d,]*(?:\.\d+)?|(?:" + _WORDS + r")(?:(?:[- ]|\sand\s)(?:" + _WORDS + r"))*)"
    r"(?:\s?(?P<scale>million|billion|thousand|bn|m|k)\b)?"
    r"(?:\s?(?P<unit>" + _UNITS + r")(?:\b|(?<=%)))?(?![\w:]|\.\d)",
    re.IGNORECASE,
)
_MONTHS = frozenset("january february march april may june july august september october november december".split())
_PEOPLE = frozenset(
    (
        "people person worker crew member passenger resident civilian child adult victim staff employee soldier "
        "officer man woman miner firefighter student patient pupil tourist migrant protester"
    ).split()
)
# People counted by what holds them, under the words outlets use: "Three inmates escaped" ~ "Four convicts".
_PRISONERS = frozenset("inmate prisoner convict detainee".split())


def _noun_class(lemma: str) -> str:
    return "person" if lemma in _PEOPLE else "prisoner" if lemma in _PRISONERS else lemma


_EVENTS = {"kill": "death", "die": "death", "dead": "death", "death": "death", "perish": "death",
           "fatality": "death", "body": "death", "injure": "injury", "hurt": "injury", "wound": "injury",
           "injury": "injury", "injured": "injury", "wounded": "injury", "toll": "death"}  # fmt: skip
_EVENT_WORDS = {"death": "dead", "injury": "injured"}
_LIFE_TAKING = frozenset("claim cost take lose".split())
_LIFE_TAKEN = frozenset("claimed cost took taken lost".split())  # as written, when the tagger missed the verb


def _joined_durations(text: str, found: Iterator[tuple[re.Match[str], _Quantity]]) -> Iterator[_Quantity]:
    """The quantities in text order, with "two minutes and 40 seconds" as one duration of 160 seconds (read apart,
    its "40 seconds" was at odds with another outlet's "about 90 seconds")."""
    held: tuple[re.Match[str], _Quantity] | None = None
    for match, quantity in found:
        if held is not None and _continues(text, held, match, quantity):
            first = held[1]
            factor = _IN_SMALLER_UNITS[first.unit, quantity.unit]
            shown = text[held[0].start() : match.end()]
            low, high = first.low * factor + quantity.low, first.high * factor + quantity.high
            held = (match, replace(quantity, text=shown, low=low, high=high))
            continue
        if held is not None:
            yield held[1]
        held = (match, quantity)
    if held is not None:
        yield held[1]


_IN_SMALLER_UNITS = {("hour", "minute"): 60, ("minute", "second"): 60, ("year", "month"): 12, ("week", "day"): 7}


def _continues(text: str, held: tuple[re.Match[str], _Quantity], match: re.Match[str], quantity: _Quantity) -> bool:
    between = text[held[0].end() : match.start()]
    return (held[1].unit, quantity.unit) in _IN_SMALLER_UNITS and re.fullmatch(
        r"\s*(?:,|and|,\s*and)?\s*", between
    ) is not None


def _quantities(doc: Doc) -> Iterator[tuple[re.Match[str], _Quantity]]:
    text = doc.text  # built anew from the tokens on every access
    for match in _NUMBER.finditer(text):
        parsed = _value_range(match)
        if parsed is None or _is_label_or_date(text, match):
            continue
        token = _token_at(doc, match.end("value") - 1)
        if token is None or (match.group("value").lower() in {"one", "a"} and token.dep_ != "nummod"):
            continue  # "one of them", "a": words, not counts
        noun = _counted_noun(token)
        unit = (match.group("currency") or "") + _unit(match.group("unit") or "")
        shown = (
            text[match.start() : noun.idx + len(noun.text)]
            if noun is not None and noun.idx > match.start()
            else match.group()
        )
        noun_class = None if noun is None else _noun_class(noun.lemma_.lower())
        if noun is not None and unit and noun.idx < match.end():
            noun_class = unit  # "9 per cent", "9%": the unit is what is counted
        compounds = frozenset() if noun is None else _compounds(token, noun)
        aside = any(t.dep_ in {"relcl", "appos"} for t in [token, *token.ancestors])
        event = _event(noun or token)
        state = _state(noun, event) if noun is not None and noun_class == "person" else None
        yield (
            match,
            _Quantity(
                shown.strip(),
                parsed[0],
                parsed[1],
                unit,
                noun_class,
                event,
                compounds,
                aside,
                state,
                _of_another_time(token),
            ),
        )


def _of_another_time(token: Token) -> bool:
    """Inside a relative clause on a date: "the first escape since 1998, when two inmates scaled the wall"."""
    clause = next((t for t in [token, *token.ancestors] if t.dep_ == "relcl"), None)
    return clause is not None and (clause.head.ent_type_ in {"DATE", "TIME"} or clause.head.like_num)


def _unit(written: str) -> str:
    """ "per cent", "percent" and "%" are one unit; "kilometres" is "kilometre"."""
    unit = written.lower().rstrip("s")
    return "%" if unit.replace(" ", "") in {"%", "percent"} else unit


def _value_range(match: re.Match[str]) -> tuple[float, float] | None:
    value = match.group("value").lower()
    if value in _VAGUE:
        low, high = _VAGUE[value]
    else:
        number = _to_number(value)
        if number is None:
            return None
        scale = _SCALES.get((match.group("scale") or "").lower(), 1)
        low = high = number * scale
    factor_low, factor_high = _QUALIFIERS.get(" ".join((match.group("qualifier") or "").lower().split()), (1.0, 1.0))
    return low * factor_low, high * factor_high


def _to_number(value: str) -> float | None:
    """ "1,200" → 1200, "2.5" → 2.5, "twenty-five" → 25, "two hundred" → 200, "a dozen" → 12; None for "a"."""
    if value[0].isdigit():
        return float(value.replace(",", ""))
    total, current = 0.0, 0.0
    words = [w for w in re.split(r"[- ]+", value) if w not in {"and", ""}]
    if words == ["a"]:
        return None
    for word in words:
        if word == "a":
            current = 1
        elif word in _ONES:
            current = (current or 1) * 12 if word == "dozen" else current + _ONES[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total, current = total + (current or 1) * _SCALES[word], 0.0
        else:
            return None
    return total + current


def _is_label_or_date(text: str, match: re.Match[str]) -> bool:
    """ "Warehouse 7", "Flight 370", "tank No. 2", "May 5", "5 May", "2024", "04:15", "5pm": names and times, not
    amounts."""
    value = match.group("value")
    if match.group("currency") or match.group("unit") or not value[0].isdigit():
        return False
    before = text[: match.start()].split()[-1:] or [""]
    after = text[match.end() :].split()[:1] or [""]
    if re.fullmatch(r"[A-Z][\w-]*|(?i:no|nos|nr|number)\.?", before[0]) or before[0].lower() in _MONTHS:
        return True
    clock = re.match(r"(?:\s?[ap]\.?m\b|:\d|\.\d\d)", text[match.end() :].lower())  # "11 p.m.", "9.30"
    if after[0].lower().strip(".,;") in _MONTHS or clock:
        return True
    return bool(re.fullmatch(r"(?:19|20)\d\d", value))


def _token_at(doc: Doc, char: int) -> Token | None:
    """The token covering character `char`, if any (a lookup, not a scan: claims are read many times)."""
    end = doc[-1].idx + len(doc[-1]) if len(doc) else 0
    span = doc.char_span(char, char + 1, alignment_mode="expand") if 0 <= char < end else None
    return span[0] if span is not None and len(span) and span[0].idx <= char else None


def _counted_noun(token: Token) -> Token | None:
    """The noun a number counts: "two workers" → workers; "two members of the crew" → members."""
    while token.dep_ in {"compound", "quantmod", "nummod"} and token.head.pos_ == "NUM" and token.head != token:
        token = token.head
    if token.dep_ == "nummod" and token.head.pos_ in {"NOUN", "PROPN", "ADJ"}:
        return token.head
    return None


def _compounds(number: Token, noun: Token) -> frozenset[str]:
    """The nouns between a number and the noun it counts ("48 million crown software contract": crown, software)."""
    between = number.doc[number.i + 1 : noun.i]
    return frozenset(t.lemma_.lower() for t in between if t.pos_ == "NOUN" and t.dep_ == "compound")


def _event(token: Token) -> str | None:
    """What happened to the counted thing: "death" for killed/died/dead, "injury" for injured, else a verb."""
    verb = next((a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    # "Eleven people are confirmed dead": the state sits in the predicate's complement, not above the count.
    # "raising the death toll to three": what was counted may be the verb's object, not above the number.
    complements = (
        [] if verb is None else [c for c in verb.children if c.dep_ in {"acomp", "oprd", "attr", "dobj", "nsubj"}]
    )
    for candidate in [token, *token.children, *token.ancestors][:12] + complements:
        lemma = candidate.lemma_.lower()
        if lemma in _EVENTS or candidate.lower_ in _EVENTS:
            return _EVENTS.get(lemma) or _EVENTS[candidate.lower_]
    counted = token if token.lemma_.lower() == "life" else token.head
    taking = [a for a in list(counted.ancestors)[:2] if a.lemma_.lower() in _LIFE_TAKING or a.lower_ in _LIFE_TAKEN]
    if counted.lemma_.lower() == "life" and taking:
        return "death"  # "has claimed three lives", "cost 14 lives"
    for ancestor in token.ancestors:
        if ancestor.pos_ == "VERB":
            return "strike" if _strikes(ancestor) else ancestor.lemma_.lower()
        if ancestor.pos_ == "NOUN" and ancestor.lower_.endswith("ation"):
            return ancestor.lower_[: -len("ation")] + "ate"  # "forcing the evacuation of 340 passengers": evacuate
    return None


# Ways of saying that workers went on strike: (verb, its particle or object), None for the verb alone.
_STRIKING = frozenset(
    {("strike", None), ("walk", "off"), ("walk", "out"), ("down", "tool"), ("lay", "tool"), ("stop", "work")}
    | {("go", "strike"), ("come", "strike")}  # "went on strike", "came out on strike"
)


def _strikes(verb: Token) -> bool:
    """ "walked off the job", "downed tools", "stopped work": one head count of strikers however told."""
    lemma = verb.lemma_.lower()
    words = {c.lemma_.lower() for c in verb.children if c.dep_ in {"prt", "dobj", "prep"}}
    words |= {o.lemma_.lower() for c in verb.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"}
    return any(v == lemma and (w is None or w in words) for v, w in _STRIKING)


# Words beside a predicate that say nothing of where or how the counted people are.
_NOT_STATES = frozenset("still also now then there already yet reportedly just only even all both so".split())
# Prepositions that place people ("on board", "inside the mine", "in custody"); "among them", "after …" do not.
_PLACING = frozenset("on in inside aboard onboard under at behind beneath underground".split())
_ABOARD = frozenset({"aboard", "onboard", "on board"})


def _state(noun: Token, event: str | None) -> str | None:
    """Where or how counted people are, as a short stem, so that one head count told two ways meets: "were on board"
    ~ "aboard the jet" → "aboard"; "remain trapped" ~ "were trapped" → "trap"; "are missing" → "miss"; "are in
    custody" → "in custody". A death or injury count has its own key; light verbs ("were", "had") are looked
    through to their complement."""
    if event in _EVENT_WORDS:
        return None
    subject = noun.dep_ in {"nsubj", "nsubjpass"}
    if subject and event is not None and event not in _LIGHT_VERBS | {"remain", "stay"} and noun.head.pos_ == "VERB":
        return _state_stem(event)
    holder = noun.head if subject or noun.dep_ == "attr" else None
    candidates = [c for c in noun.children if c.dep_ in {"prep", "acl"}]  # "nine people aboard", "people trapped"
    if holder is not None:
        candidates += [c for c in holder.children if c.dep_ in {"acomp", "oprd", "prep", "advmod"}]
    for candidate in candidates:
        state = _placing(candidate)
        if state is not None:
            return state
    return None


def _placing(token: Token) -> str | None:
    word = token.lower_
    if token.dep_ == "prep":
        place = next((c for c in token.children if c.dep_ == "pobj"), None)
        if word not in _PLACING or place is None:
            return None
        phrase = f"{word} {place.lemma_.lower()}"
        if phrase in _ABOARD or word in _ABOARD:
            return "aboard"
        return word if word in {"inside", "underground", "beneath"} else phrase
    if word in _NOT_STATES or token.pos_ not in {"ADJ", "ADV", "VERB"}:
        return None
    return "aboard" if word in _ABOARD else _state_stem(word)


def _state_stem(word: str) -> str:
    """ "trapped" → "trap", "missing" → "miss", "evacuated" ~ "evacuate": an adjective and its verb meet."""
    word = word.lower()
    for suffix in ("ing", "ed", "e"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            return word[:-1] if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "ls" else word
    return word


def _number_conflict(first: ClaimView, second: ClaimView) -> str | None:
    for a in first.quantities:
        for b in second.quantities:
            if a.another_time or b.another_time:
                continue  # a count told of another date ("since 1998, when two inmates fled") is another event's
            if not _belong_together(a, b, first, second) or _overlap(a, b):
                continue
            if _agrees_elsewhere(a, second, first) or _agrees_elsewhere(b, first, second):
                continue
            event = _EVENT_WORDS.get(a.event or "") if a.event == b.event else None
            suffix = f" {event}" if event else ""
            return f'"{a.text}" ({first.article_name}) vs "{b.text}" ({second.article_name}){suffix}'
    return None


def _belong_together(a: _Quantity, b: _Quantity, first: ClaimView, second: ClaimView) -> bool:
    """Two amounts of the same thing: same unit, and the same noun or event, or each the only one of its unit."""
    if a.unit != b.unit:
        return False
    if a.event and b.event and (a.event in _EVENT_WORDS or b.event in _EVENT_WORDS):
        return a.event == b.event  # killed vs injured, evacuated vs died: different counts, no conflict
    if a.noun and b.noun:
        # "a 48 million crown contract" and "84 million crowns": the unit may sit in a compound of the noun.
        return a.noun == b.noun or a.noun in b.compounds or b.noun in a.compounds
    if a.event and b.event and a.event == b.event:
        return True
    return sum(q.unit == a.unit for q in first.quantities) == 1 == sum(q.unit == b.unit for q in second.quantities)


def _overlap(a: _Quantity, b: _Quantity) -> bool:
    return a.low <= b.high and b.low <= a.high


def _agrees_elsewhere(quantity: _Quantity, other: ClaimView, own: ClaimView) -> bool:
    """The other side has a matching amount of the same thing: partial agreement, not a conflict."""
    return any(_overlap(quantity, q) and _belong_together(quantity, q, own, other) for q in other.quantities)


# ---- times -------------------------------------------------------------------------------------------------------

_FORMATS = {"year": ("%Y", timedelta(days=366)), "month": ("%Y-%m", timedelta(days=31)),
            "day": ("%Y-%m-%d", timedelta(days=1)), "hour": ("%Y-%m-%dT%H", timedelta(hours=1)),
            "minute": ("%Y-%m-%dT%H:%M", timedelta(minutes=1))}  # fmt: skip
# How far apart two windows may lie and still be one report of one moment (rounding, "just after").
_TOLERANCE = {"minute": timedelta(minutes=10), "hour": timedelta(minutes=30)}


_ROUGH_MINUTES = timedelta(minutes=10)


def _time_windows(analysis: ArticleAnalysis, ref: ClaimRef) -> Iterator[tuple[str, datetime, datetime, str, int]]:
    """Text, window start, window end, precision, and start relative to the claim (-1 when outside it)."""
    span = analysis.claims[ref.claim].span
    for time in analysis.times:
        inside = span.start <= time.span.start and time.span.end <= span.end
        if (time.claim == ref.claim or inside) and time.value and time.precision:
            window = _window(time)
            if window is not None:
                start, end = window
                if time.approximate:
                    start, end = start - _ROUGH_MINUTES, end + _ROUGH_MINUTES  # "about 4.15am", give or take
                yield time.text, start, end, time.precision, time.span.start - span.start if inside else -1


def _dates_telling(doc: Doc, start: int) -> bool:
    """A time on the speech verb ("the trust said on Monday", "she was told on Monday that …") dates when it was
    said, not the event the claim reports."""
    token = _token_at(doc, start) if start >= 0 else None
    verb = next((a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), None) if token is not None else None
    return verb is not None and verb.lemma_.lower() in _SPEECH


def _in_side_clause(doc: Doc, start: int) -> bool:
    """A time inside a relative clause or apposition ("X, which has run the depot since 2011, denied ...") dates a
    side remark, not the claim's own event."""
    token = _token_at(doc, start) if start >= 0 else None
    return token is not None and any(t.dep_ in {"relcl", "appos"} for t in [token, *token.ancestors])


def _window(time: TimeExpression) -> tuple[datetime, datetime] | None:
    assert time.value is not None and time.precision is not None
    pattern, length = _FORMATS[time.precision]
    try:
        start = datetime.strptime(time.value[:19], pattern)
    except ValueError:
        return None
    if time.precision == "month":
        length = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - start
    return start, start + length


def _time_conflict(first: ClaimView, second: ClaimView) -> str | None:
    if first.timing != second.timing and {"alert", "call"} & {first.timing, second.timing}:
        return None  # when it was reported is another fact than when it happened (`_sequence_check` reads both)
    for a in filter(_dates_the_event, first.times):
        for b in filter(_dates_the_event, second.times):
            if _times_agree(a, b) or _far_apart_precisions(a, b):
                continue
            if any(_times_agree(a, other) for other in second.times) or any(_times_agree(b, o) for o in first.times):
                continue
            return f'"{a[0]}" ({first.article_name}) vs "{b[0]}" ({second.article_name})'
    return None


_Time = tuple[str, datetime, datetime, str, int]
# "since 1998" starts a span ("the first escape since 1998"), and "that night" is dated by whatever time the article
# told last: neither is a time an outlet gives for the event, and a conflict needs one from each side.
_NOT_THE_EVENTS_TIME = re.compile(r"(?:since|that|the same|the next|the following|the previous)\b", re.IGNORECASE)


def _dates_the_event(time: _Time) -> bool:
    return _NOT_THE_EVENTS_TIME.match(time[0]) is None


def _far_apart_precisions(a: _Time, b: _Time) -> bool:
    """A year against a day or a clock time ("founded in 2015" beside "detained on Saturday"; "a fire in 2022"
    beside "broke out before 11 p.m."): a date told that coarsely is background, not the event's time told
    another way."""
    return "year" in (a[3], b[3]) and {a[3], b[3]} & {"day", "hour", "minute"} != set()


def _times_agree(a: _Time, b: _Time) -> bool:
    """Overlapping windows, or a gap within the tolerance of the coarser of the two precisions."""
    coarser = a[3] if list(_FORMATS).index(a[3]) < list(_FORMATS).index(b[3]) else b[3]
    slack = _TOLERANCE.get(coarser, timedelta(0))
    return a[1] < b[2] + slack and b[1] < a[2] + slack


# ---- places ------------------------------------------------------------------------------------------------------

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ROLES = {
    "in": "at", "at": "at", "inside": "at", "within": "at", "near": "at", "next to": "at", "beside": "at",
    "outside": "at", "close to": "at", "off": "at", "behind": "at", "opposite": "at", "on": "at", "by": "at",
    "via": "via", "through": "via", "from": "from", "to": "to", "towards": "to", "into": "to", "for": "to",
}  # fmt: skip
# "in the neighbouring town of Westcliff" places the event in Westcliff as "in Westcliff" does.
_SETTLEMENT = r"(?:[a-z-]+\s+)?(?:town|village|city|port|county|district|region|suburb|island|province)\s+of\s+"
_ROLE_BEFORE = re.compile(
    r"\b(" + "|".join(sorted(_ROLES, key=len, reverse=True)) + r")\s+(?:the\s+)?(?:" + _SETTLEMENT + r")?$", re.I
)
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.I)
_SETTLEMENT_BEFORE = re.compile(_SETTLEMENT + r"$", re.I)
# Capitalised words before a number that name no place: "The 41-year-old", "Some 400 tonnes", "Aged 52".
_NOT_PLACES = frozenset(
    "the a an and but or in on at by for from of to about some all only nearly almost over under with after before "
    "since until around just than those these this that its his her their our every each another aged age".split()
)
_NUMBERED_PLACE = re.compile(r"\b([A-Z][a-z]{2,})\s+(\d+[A-Z]?)\b")


def _places(doc: Doc, story: _StoryMentions) -> Iterator[_Place]:
    text = doc.text
    for entity, label, start, end in story.within(0, len(text)):
        role = _role_before(text, start)
        # spaCy's small model often tags a port or city on a route as ORG ("fled via Marseille"), or one named as
        # a town ("in the town of Ostervik").
        settlement = _SETTLEMENT_BEFORE.search(text[:start]) is not None
        if label in _PLACE_LABELS or (label == "ORG" and role is not None and (_ROLES[role] != "at" or settlement)):
            yield _Place(text[start:end], role, entity, None)
    for match in _NUMBERED_PLACE.finditer(text):
        if match.group(1).lower() not in _MONTHS | _NOT_PLACES:
            numbered = (match.group(1).lower(), match.group(2))
            yield _Place(match.group(), _role_before(text, match.start()), None, numbered)


def _role_before(text: str, start: int) -> str | None:
    if _ACCORDING_TO.search(text[:start]):
        return None  # "according to ENA": who says it, not where anything went
    match = _ROLE_BEFORE.search(text[:start])
    return match.group(1).lower() if match else None


def _place_conflict(first: ClaimView, second: ClaimView) -> str | None:
    """The first pair of places that differ, numbered ones first ("Gate 4" vs "Gate 6" says more than the street
    the gate is on)."""
    for a, b in sorted(
        product(first.places, second.places), key=lambda pair: not (pair[0].numbered and pair[1].numbered)
    ):
        if _places_differ(a, b, first, second):
            return f'"{_place_words(a)}" ({first.article_name}) vs "{_place_words(b)}" ({second.article_name})'
    return None


def _places_differ(a: _Place, b: _Place, first: ClaimView, second: ClaimView) -> bool:
    if a.numbered and b.numbered:
        # One kind of numbered place, a different number, and neither article names the other's.
        return (
            a.numbered[0] == b.numbered[0]
            and a.numbered[1] != b.numbered[1]
            and (a.text not in second.article_text and b.text not in first.article_text)
        )
    if a.entity is None or b.entity is None or a.entity == b.entity or not a.role or not b.role:
        return False
    if _named_after(a.text, b.text) or _named_after(b.text, a.text):
        return False  # "from Sallow Head" and "from Sallow Head Spaceport": a site named after the place it is at
    same_role = _ROLES[a.role] == _ROLES[b.role]
    if same_role and _country_of(a.text) is not None and _country_of(a.text) == _country_of(b.text):
        return False  # "in Moscow" and "in Russia", "by the Kremlin" and "by Russia": one place, told finer or coarser
    # A place the other article mentions too is more likely a detail (city and country) than a dispute.
    return same_role and a.entity not in second.article_entities and b.entity not in first.article_entities


def _named_after(place: str, site: str) -> bool:
    """The site's name begins with the whole place name: "Harnlow" → "Harnlow Regional Airport"."""
    place_words, site_words = (
        place.casefold().removeprefix("the ").split(),
        site.casefold().removeprefix("the ").split(),
    )
    return 0 < len(place_words) < len(site_words) and site_words[: len(place_words)] == place_words


def _country_of(name: str) -> str | None:
    """The country a place name is, or whose capital or seat of government it is ("the Kremlin" → russia); the
    longest leading words that name one ("Russia's spies" → russia: a mention may run past the name)."""
    words = [re.sub(r"(?:['’]s)?\W*$", "", w) for w in name.casefold().removeprefix("the ").split()]
    for end in range(len(words), 0, -1):
        country = nations().get(" ".join(words[:end]))
        if country is not None:
            return country
    return None


def _place_words(place: _Place) -> str:
    return f"{place.role} {place.text}" if place.role else place.text


# ---- actors and negation -----------------------------------------------------------------------------------------

# "declined to comment", "refused to comment", "did not (immediately) respond to a request for comment", "has yet to
# comment", "could not be reached for comment", "has not commented".
_NO_COMMENT = re.compile(
    r"\b(?:declined|refused|did\s+not|has\s+(?:so\s+far\s+)?(?:not|yet\s+to)|could\s+not\s+be\s+reached)\b"
    r"(?:\s+\w+){0,3}?\s+(?:comment(?:ed)?|respond(?:ed)?|repl(?:y|ied))\b",
    re.IGNORECASE,
)


def _silent(doc: Doc, story: _StoryMentions) -> frozenset[int]:
    """The story entities of the subject that has not commented, when the claim says so."""
    match = _NO_COMMENT.search(doc.text)
    token = _token_at(doc, match.start()) if match else None
    if token is None:
        return frozenset()
    verb = token.head if token.dep_ in {"aux", "auxpass", "neg"} else token
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return frozenset()
    words = list(subject.subtree)  # "Port operator Halbrook": the name may be the subject's apposition
    return frozenset(entity for entity, *_ in story.within(words[0].idx, words[-1].idx + len(words[-1])))


# Verbs whose clausal complement holds what the claim states: speech, and belief ("It is believed the depot failed").
_SPEECH = frozenset(
    "say tell add claim state report announce confirm insist allege according write believe fear understand think "
    "reveal suspect show prove demonstrate appear seem indicate".split()  # "the video appears to show (that) …"
)
_DENIAL = frozenset("deny refute reject dismiss dispute contradict refuse fail decline".split())
_FALSE = frozenset("false untrue wrong baseless unfounded".split())
_NEGATIVE_ARGUMENTS = frozenset("nothing nobody none never".split())


def _main_chain(doc: Doc) -> list[Token]:
    """The root, then down through reported or denied clauses ("said that X", "denied that X") to the predicate
    whose content the claim states."""
    roots = [t for t in doc if t.head.i == t.i]  # a clause cut from its sentence keeps its own label on its root
    if not roots:
        return []
    # A clause cut from its sentence may keep the sentence's "NPA said" as a second root: the content comes first.
    content = [t for t in roots if t.lemma_.lower() not in _SPEECH]
    chain = [(content or roots)[0]]
    while chain[-1].lemma_.lower() in _SPEECH | _DENIAL and not _directs(chain[-1]) and not _persuades(chain[-1]):
        nested = [c for c in chain[-1].children if c.dep_ in {"ccomp", "xcomp"} and _predicate_like(c)]
        nested = nested or _reported_content(chain[-1])
        # "while boats searched, NPA said": a clause split off its sentence may parse as the speech's advcl.
        nested = nested or [c for c in chain[-1].children if c.dep_ in {"advcl", "dep"} and c.pos_ in {"VERB", "AUX"}]
        if not nested:
            break
        chain.append(nested[0])
    return chain


# "denied reports that X", "dismissed claims that X": the noun's clause is what is denied.
_REPORT_NOUNS = frozenset("report claim allegation suggestion accusation rumour rumor speculation story".split())


def _reported_content(verb: Token) -> list[Token]:
    """The clause a speech or denial verb reports through a noun: "denied reports that X"; "said in a statement
    that X", which the parser may hang on the statement."""
    denied = [
        clause
        for noun in verb.children
        if noun.dep_ == "dobj" and noun.lemma_.lower() in _REPORT_NOUNS
        for clause in noun.children
        if clause.dep_ in {"acl", "ccomp"} and _predicate_like(clause)
    ]
    said_in = [
        clause
        for preposition in verb.children
        if preposition.dep_ == "prep"
        for noun in preposition.children
        if noun.dep_ == "pobj"
        for clause in noun.children
        if clause.dep_ in {"acl", "ccomp"} and _predicate_like(clause) and _opens_with_that(clause)
    ]
    return denied + said_in


def _opens_with_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


# "told X to do Y", "persuaded X to do Y": who made it happen is the claim, not a report of speech.
_DIRECTIVE = frozenset("tell persuade urge convince order ask instruct force pressure".split())


def _directs(token: Token) -> bool:
    """A directive: a directive verb with someone told and an infinitive saying what to do."""
    return token.lemma_.lower() in _DIRECTIVE and _directed(token) is not None


# "persuaded the dictator he would lose", "told Assad that he was going to lose": who brought someone to believe it.
_PERSUADING = frozenset("persuade convince tell warn assure".split())
_TOLD_ONLY = frozenset("tell warn assure".split())  # as speech to an outlet ("told the Record that …") they report


def _persuades(token: Token) -> bool:
    """A persuasion: a persuading verb with someone persuaded and a clause after it saying of what; "told" only when
    the one told is a person (telling an outlet or "reporters" is how a statement was made)."""
    lemma = token.lemma_.lower()
    told = [c for c in token.children if c.dep_ in {"dobj", "dative"}]  # "told tyrant Assad": two objects
    # The clause comes after the verb: "X will appeal, his lawyer told Arctis Press" reports what was said.
    if lemma not in _PERSUADING or not told or not any(c.dep_ == "ccomp" and c.i > token.i for c in token.children):
        return False
    people = [c for c in told if not _the_name(c)]  # "told the Gazette": a paper, however the tagger labels it
    return lemma not in _TOLD_ONLY or any(t.ent_type_ == "PERSON" for c in people for t in c.subtree)


def _the_name(token: Token) -> bool:
    """ "the Gazette", "the Chronicle": a proper noun after "the" names a paper or a body, not a person."""
    return token.pos_ == "PROPN" and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


def _persuaded_of(token: Token) -> Token:
    """What the persuasion is of: its clause's verb, through "was going to" ("going to lose" → "lose")."""
    content = next(c for c in token.children if c.dep_ == "ccomp")
    while content.lemma_.lower() in {"go", "have", "be"}:
        nested = next((c for c in content.children if c.dep_ == "xcomp"), None)
        if nested is None:
            break
        content = nested
    return content


def _directed(token: Token) -> Token | None:
    """The deed a directive asks for ("to open" in "told Norhydro to open the gates"), if the verb has one."""
    if not any(c.dep_ in {"dobj", "dative"} for c in token.children):
        return None
    return next((c for c in token.children if c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children)), None)


def _predicate_like(token: Token) -> bool:
    """A verb, or a passive participle the tagger took for an adjective ("Velisar was not handcuffed")."""
    return token.pos_ in {"VERB", "AUX"} or (
        token.pos_ == "ADJ" and any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children)
    )


def _polarity(chain: list[Token]) -> tuple[bool, str]:
    """Whether the chain is negated an odd number of times, and the words that say so (or the plain predicate)."""
    cues = [token for token in chain if _negates(token)]
    shown = cues[-1] if cues else (chain[-1] if chain else None)
    return len(cues) % 2 == 1, _predicate_words(shown) if shown is not None else ""


def _plainly_negated(token: Token) -> bool:
    """ "not", "never" on the verb or its auxiliary: the cheap part of `_negates`, for every verb of a claim."""
    return any(c.dep_ == "neg" for c in token.children) or any(
        g.dep_ == "neg" for c in token.children if c.dep_ in {"aux", "auxpass"} for g in c.children
    )


def _negates(token: Token) -> bool:
    if _denies(token) or _plainly_negated(token):
        return True
    # "was not overloaded": the parser may also hang "not" on the adjectival complement.
    if any(g.dep_ == "neg" for c in token.children if c.dep_ == "acomp" for g in c.children):
        return True
    if any(c.lower_ in _FALSE and c.dep_ in {"acomp", "attr"} for c in token.children):
        return True
    if _negated_by_argument(token) or _yet_to(token):
        return True
    return any(c.lower_ == "no" and c.head.lower_ == "evidence" for c in token.subtree)


_CORE_ARGUMENTS = frozenset("attr dobj nsubj nsubjpass".split())


def _negated_by_argument(token: Token) -> bool:
    """ "did nothing wrong", "nobody was hurt"; "there was no risk", "no passengers were hurt", "not one steward
    opened it": a negative word, or "no" / "not" on the predicate's own argument, negates it."""
    return _inverted_negation(token) or any(
        (c.lower_ in _NEGATIVE_ARGUMENTS and c.dep_ in {"dobj", "nsubj", "nsubjpass", "advmod", "neg"})
        or (c.dep_ in _CORE_ARGUMENTS and _denied_argument(c))
        for c in token.children
    )


def _inverted_negation(token: Token) -> bool:
    """ "Not for a single day did I give up", "Not once did the stewards open it": a fronted negative phrase, then
    the auxiliary before the subject."""
    subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    aux = next((c for c in token.children if c.dep_ in {"aux", "auxpass"}), None)
    if subject is None or aux is None or not aux.i < subject.i:
        return False
    fronted = [c for c in token.children if c.i < aux.i and c.dep_ in {"prep", "advmod", "npadvmod"}]
    return any(g.dep_ == "neg" and g.i < c.i for c in fronted for g in c.children)


def _denied_argument(argument: Token) -> bool:
    """ "no risk", "not one steward" ("not" before the word it denies; "Customs officers, not the border police"
    is a contrast, not a denial); "nobody", "nothing", "none" themselves."""
    return argument.lower_ in _NO_ONE or any(
        (g.dep_ == "det" and g.lower_ == "no") or (g.dep_ == "neg" and g.i < argument.i) for g in argument.children
    )


_NO_ONE = frozenset({"nobody", "nothing", "none", "noone"})


def _yet_to(token: Token) -> bool:
    """ "has yet to speak", "is yet to comment": it has not happened."""
    return (
        token.lemma_.lower() in {"have", "be"}
        and any(c.lower_ == "yet" for c in token.children)
        and any(c.dep_ == "xcomp" for c in token.children)
    )


def _denies(token: Token) -> bool:
    """A denial verb; "fail" and "decline" only as "failed to X", "declined to X" ("failed an inspection", "sales
    declined" state a fact, they negate nothing)."""
    lemma = token.lemma_.lower()
    if lemma in {"fail", "decline"}:
        return any(c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in token.children)
    return lemma in _DENIAL


def _predicate_words(token: Token) -> str:
    """The verb with its auxiliaries, negation, particle and complement: "will not hand over", "was not overloaded",
    "had received no warning"."""
    parts = [token, *(c for c in token.children if c.dep_ in {"aux", "auxpass", "neg", "prt", "acomp"})]
    if token.lemma_.lower() == "be" and not any(c.dep_ in {"acomp", "attr"} for c in token.children):
        # "had been out of action": a state told in a phrase
        parts += next((list(c.subtree) for c in token.children if c.dep_ == "prep"), [])
    for denied in (c for c in token.children if c.dep_ == "dobj" and _denied_argument(c)):
        parts += [denied, *(c for c in denied.children if c.dep_ == "det")]
    parts += [g for c in parts[1:] if c.dep_ in {"aux", "auxpass", "acomp"} for g in c.children if g.dep_ == "neg"]
    for subject in (c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}):
        if _denied_argument(subject):
            parts += list(subject.subtree)  # "Not one steward opened", "No ransom was paid": who or what is denied
    if _yet_to(token):  # "has yet to speak"
        verb = next(c for c in token.children if c.dep_ == "xcomp")
        parts += [
            verb,
            *(c for c in token.children if c.lower_ == "yet"),
            *(c for c in verb.children if c.dep_ == "aux"),
        ]
    ordered = sorted(parts, key=lambda t: t.i)
    return " ".join(t.text for t in ordered)


@dataclass(frozen=True, slots=True)
class _Actor:
    text: str  # the subject or agent phrase as written
    named: frozenset[int]  # the story entities naming the phrase's head ("Mayor X"; not "the X residents")
    words: frozenset[str]  # its nouns, proper nouns and adjectives (lemmas): what it says of an unnamed actor
    explicit: bool  # given as the agent ("by X", "on the orders of X"), not merely the grammatical subject
    predicate: str
    country: str | None = None  # the country it is or belongs to: "Moscow", "the Kremlin", "Russian spies" → russia
    group: bool = False  # several of that country's people ("Russian agents", "Russia's spies"), not the state
    person: bool = False  # names a person


# "on the orders of X", "at the request of X": who made it happen, named in a prepositional phrase.
_BEHEST = frozenset("order orders instruction instructions request behest command direction".split())


def _actor(predicate: Token, story: _StoryMentions) -> _Actor | None:
    """Who does it: the subject (or the "by" agent of a passive) of the main predicate, or the X of "on the orders
    of X" anywhere in the claim."""
    if predicate.lemma_.lower() == "be":
        return None  # "X was quick to …", "X is a former officer": a state told of X, no deed that X did
    subject = next((c for c in predicate.children if c.dep_ in {"nsubj", "csubj"}), None)
    agent = next((c for c in predicate.children if c.dep_ == "agent"), None)
    explicit = subject is None or _directs(predicate) or _persuades(predicate)  # who told or persuaded made it happen
    if subject is None and agent is not None:
        subject = next((c for c in agent.children if c.dep_ == "pobj"), None)
    if subject is None:
        subject = _behest(predicate.doc)
    blamed = _blamed(predicate)
    if blamed is not None:
        return _actor_of(blamed, predicate, story, True)  # whom the speaker blames is who did it, in their telling
    return _actor_of(subject, predicate, story, explicit) if subject is not None else None


# "blamed X for …", "accused X of …", "held X responsible for …"; "pinned / laid the blame for … on X"; "pointed
# the finger at X".
_BLAMING = frozenset("blame accuse hold".split())
_LAYING_BLAME = frozenset("pin put lay place".split())


def _blamed(predicate: Token) -> Token | None:
    """Who a claim of blame says did the deed: "pinned the blame for shutting the gates on the safety officer"."""
    lemma = predicate.lemma_.lower()
    objects = [c for c in predicate.children if c.dep_ == "dobj"]
    if lemma in _BLAMING and objects and any(c.dep_ in {"prep", "oprd"} for c in predicate.children):
        return objects[0] if lemma != "hold" or any(c.dep_ == "oprd" for c in predicate.children) else None
    if lemma == "point" and any(o.lemma_.lower() == "finger" for o in objects):
        at = next((c for c in predicate.children if c.dep_ == "prep" and c.lower_ == "at"), None)
        return next((c for c in at.children if c.dep_ == "pobj"), None) if at is not None else None
    blame = next((o for o in objects if o.lemma_.lower() == "blame"), None)
    if lemma not in _LAYING_BLAME or blame is None:
        return None
    on = next((t for t in blame.subtree if t.dep_ == "prep" and t.lower_ == "on"), None)
    return next((c for c in on.children if c.dep_ == "pobj"), None) if on is not None else None


def _actor_of(subject: Token, predicate: Token, story: _StoryMentions, explicit: bool) -> _Actor | None:
    words = list(subject.subtree)
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    named = frozenset(story.covering(subject.idx))
    content = frozenset(t.lemma_.lower() for t in words if t.pos_ in {"NOUN", "PROPN", "ADJ"})
    if not named and not content:
        return None  # "it", "they": no say on who
    country, group = _nation(subject)
    person = any(label == "PERSON" for label in story.labels_at(subject.idx))
    return _Actor(predicate.doc.text[start:end], named, content, explicit, predicate.text, country, group, person)


# Modifiers through which a group belongs to a country: "Russian agents", "Russia's spies", "Kremlin officials".
_NATION_MODIFIERS = frozenset("amod poss compound nmod npadvmod".split())


def _nation(head: Token) -> tuple[str | None, bool]:
    """(country, whether several of its people) for an actor phrase. A head named as a country, capital or seat of
    government ("Moscow", "the Kremlin", "the White House") is the state itself; a plural demonym ("Russians") or a
    plural head modified by a country's name ("Russian spies", "Russia's agents", "Kremlin officials") is a group
    of its people; a singular one ("the Russian president") is one of them."""
    if head.pos_ not in {"PROPN", "NOUN"}:
        return None, False  # "us", "it": pronouns are no country
    plural = head.tag_ in {"NNS", "NNPS"}
    for candidate in (_joined(head), head.lower_, head.lower_.removesuffix("s")):
        country = nations().get(candidate)
        if country is not None:
            return country, plural and candidate in demonyms()
    for modifier in head.children:
        if modifier.dep_ in _NATION_MODIFIERS and modifier.i < head.i:
            country = nations().get(modifier.lower_) or nations().get(_joined(modifier))
            if country is not None:
                return country, plural
    return None, False


def _joined(token: Token) -> str:
    """The token with its compound modifiers before it, lowercase: "White House", "Downing Street"."""
    return " ".join(t.lower_ for t in [*(c for c in token.children if c.dep_ == "compound"), token])


def _behest(doc: Doc) -> Token | None:
    for token in doc:
        if token.lower_ in _BEHEST and token.dep_ == "pobj":
            of = next((c for c in token.children if c.lower_ == "of"), None)
            named = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if named is not None:
                return named
    return None


def _actor_conflict(first: ClaimView, second: ClaimView) -> str | None:
    """Different named actors; or, where one is not named, actors given explicitly as the agent ("by X", "on the
    orders of X") and described in other words ("by an adviser in the prime minister's office" vs "by a
    whistleblower inside the finance ministry"). Two unnamed subjects ("firefighters", "crews") are too loosely
    worded to tell apart."""
    a, b = first.actor, second.actor
    if a is None or b is None:
        return None
    if a.named and b.named:
        differ = not a.named & b.named
    else:
        comparable = (a.named or a.explicit) and (b.named or b.explicit)
        differ = bool(comparable) and not a.words & b.words
    # "Russian agents" and "Turkish agents" share their words but are two countries' agents.
    differ = differ or bool((a.named or a.explicit) and (b.named or b.explicit) and _two_countries(a, b))
    if not differ or _may_be_one(a, b):
        return None
    return f'"{a.text}" ({first.article_name}) vs "{b.text}" ({second.article_name}) as who {a.predicate}'


def _two_countries(a: _Actor, b: _Actor) -> bool:
    return a.country is not None and b.country is not None and a.country != b.country


def _may_be_one(a: _Actor, b: _Actor) -> bool:
    """Whether two actors the general rule holds apart could still be one because of the country they stand for or
    belong to. A country, its capital, its seat of government and its people are one side ("Moscow" ~ "the
    Kremlin" ~ "Russian spies" ~ "Russia"). A named person may act for a state (a leader for "Moscow"), and one
    person of a country ("the Russian president") may be any named person; but a person is not a group of a
    country's people ("X told him" vs "Russian agents persuaded him": different tellers, whoever they work for).
    Two countries stay two, and so does a person against an organisation: neither is decided here."""
    if a.country is not None and b.country is not None:
        return a.country == b.country
    national, other = (a, b) if a.country is not None else (b, a)
    return national.country is not None and other.person and not national.group


# Who ordered a deed, told in a clause of its own ("after Mayor X ordered the evacuation") or as "on the orders of X".
_ORDERING = frozenset("order instruct direct".split())
_SAME_DEED = {"inquiry": "investigation", "probe": "investigation", "investigate": "investigation"}


def _orders(doc: Doc, main: list[Token], story: _StoryMentions) -> Iterator[tuple[str, _Actor]]:
    """(deed, who ordered it) for each "X ordered the evacuation" / "X ordered the area to be cleared" / "the
    inquiry was ordered by X" in the claim, and for "Y was evacuated on the orders of X" (the deed is then the main
    predicate); the deed as a stem, so that "evacuation" ~ "evacuated", and "inquiry" ~ "investigation"."""
    for token in doc:
        if token.lemma_.lower() in _ORDERING and token.pos_ == "VERB":
            done = next((c for c in token.children if c.dep_ in {"dobj", "xcomp", "ccomp", "nsubjpass"}), None)
            actor = _actor(token, story) if done is not None else None
            if done is not None and actor is not None:
                yield _deed_stem(done.lemma_), actor
    behest = _behest(doc)
    if behest is not None and main:
        actor = _actor_of(behest, main[-1], story, explicit=True)
        if actor is not None:
            yield _deed_stem(main[-1].lemma_), actor


def _deed_stem(word: str) -> str:
    """ "evacuation", "evacuate", "evacuated" → "evacu"; "cleared" → "clear"; "inquiry" → "investig"."""
    word = _SAME_DEED.get(word.lower(), word.lower())
    for suffix in ("ation", "ion", "ate", "ed", "e"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def cross_cluster_conflicts(
    clusters: Sequence[ClaimCluster], views: Mapping[ClaimRef, ClaimView]
) -> dict[int, list[Conflict]]:
    """Conflicts between claims of different articles in *different* clusters, by the index of the cluster of the
    claim named first: a claim aligned by one fact may also say, in passing, another fact that some other claim
    states (who ordered an evacuation whose count it gives), or two facts may bound each other (the first emergency
    call comes after the fire started).

    - actor: who ordered one deed ("3,000 were evacuated on the orders of X" vs "Mayor Y ordered the evacuation");
    - time: a start later than the first alert of it ("broke out at about 4.15am" vs "first call logged at 3.48am");
    - time: one happening that happens once, to the same subject, at two times ("Ms Vanek threw in the towel late
      on Tuesday" vs "Vanek stepped down on Wednesday morning"; `_happenings`)."""
    cluster_of = {member: c for c, cluster in enumerate(clusters) for member in cluster.members}
    telling = sorted(
        (r for r, v in views.items() if r in cluster_of and (v.orders or v.timing or v.happenings)), key=_claim_order
    )
    found: dict[int, list[Conflict]] = {}
    seen: set[str] = set()
    for first, second in combinations(telling, 2):
        if first.article == second.article or cluster_of[first] == cluster_of[second]:
            continue
        for kind, detail in _cross_checks(views[first], views[second]):
            if f"{kind}: {detail}" not in seen:
                seen.add(f"{kind}: {detail}")
                found.setdefault(cluster_of[first], []).append(Conflict(kind, f"{kind}: {detail}", first, second))
    return found


def _claim_order(ref: ClaimRef) -> tuple[int, int]:
    return ref.article, ref.claim


def _cross_checks(first: ClaimView, second: ClaimView) -> Iterator[tuple[ConflictKind, str]]:
    for deed, actor in first.orders:
        for other_deed, other_actor in second.orders:
            if deed == other_deed:
                detail = _actor_conflict(replace(first, actor=actor), replace(second, actor=other_actor))
                if detail is not None:
                    yield "actor", detail
    sequence = _sequence_check(first, second)
    if sequence is not None:
        yield "time", sequence
    if _same_happening(first, second):
        when = _time_conflict(*_alike_times(first, second))
        if when is not None:
            yield "time", when


def _sequence_check(first: ClaimView, second: ClaimView) -> str | None:
    return _sequence_conflict(first, second) or _sequence_conflict(second, first)


# When the event began, and when it was first reported: it cannot have begun after the first alert.
_BEGINNING = frozenset("start begin erupt ignite".split())
# "The first emergency call was logged at …", "The first flames were spotted at …"
_ALERTS = frozenset("call alarm alert report warning flame smoke sign sighting".split())
_ALERT_TOLERANCE = timedelta(minutes=10)


def _timing(main: list[Token]) -> str | None:
    """ "start" for a claim whose main predicate is the event beginning ("started", "erupted", "broke out"), "alert"
    for one about its first alert ("The first emergency call was logged at …"), "call" for another alert."""
    if not main:
        return None
    verb = main[-1]
    lemma = verb.lemma_.lower()
    if lemma in _BEGINNING or (lemma == "break" and any(c.lower_ == "out" for c in verb.children)):
        return "start"
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.lemma_.lower() not in _ALERTS:
        return None
    return "alert" if any(c.lower_ == "first" for c in subject.children) else "call"


def _sequence_conflict(start: ClaimView, alert: ClaimView) -> str | None:
    if start.timing != "start" or alert.timing != "alert":
        return None
    for began in start.times:
        for alerted in alert.times:
            if began[1] > alerted[2] + _ALERT_TOLERANCE:
                return (
                    f'began "{began[0]}" ({start.article_name}) vs first reported "{alerted[0]}" ({alert.article_name})'
                )
    return None


# Things that happen once to their subject, in words outlets use for them: a ferry capsizes once, a minister resigns
# once. Each row: the event, then its wordings as lemma sequences from the verb on (determiners left out).
_ONCE = {
    "capsize": ("capsize", "overturn", "sink", "go down", "roll over", "founder", "keel over"),
    "derail": ("derail", "leave track", "come off rail", "jump track"),
    "resign": ("resign", "step down", "quit", "throw in towel", "stand down"),
    "collapse": ("collapse", "give way", "cave in"),
    "explode": ("explode", "blow up"),
    "crash": ("crash", "crash land", "crash-land"),
    "land": ("land", "touch down", "slam down", "set down"),
    "start": ("start", "begin", "break out"),
}
_SKIPPED = frozenset("det poss amod".split())
# What outlets call one vehicle or one strike in other words: "the ship went down" and "the ferry overturned" are
# one capsizing; "called the walkout" and "called the strike" one deed.
_KIND_OF = {
    **dict.fromkeys("ship ferry vessel boat liner".split(), "vessel"),
    **dict.fromkeys("plane aircraft jet airliner".split(), "aircraft"),
    **dict.fromkeys("train locomotive".split(), "train"),
    **dict.fromkeys("strike walkout stoppage".split(), "strike"),
}
_UNNAMED = frozenset({"it"})
_ONCE_FIRST_WORDS = frozenset(wording.split()[0] for wordings in _ONCE.values() for wording in wordings)


def _happenings(doc: Doc, story: _StoryMentions) -> Iterator[tuple[str, frozenset[int], frozenset[str]]]:
    """(event, the subject's story entities, the subject's content words) for each once-only event in the claim that
    is not a side remark ("the worst since 2009, when a ferry sank")."""
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _ONCE_FIRST_WORDS:
            continue
        if any(t.dep_ in {"relcl", "appos"} for t in [verb, *verb.ancestors]):
            continue
        event = _once_event(verb)
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None and verb.dep_ == "acl":
            subject = verb.head  # "said the ferry overturned at 7.40", parsed as "the ferry that overturned"
        if event is None or subject is None or (subject.pos_ == "PRON" and subject.lower_ != "it"):
            continue
        if subject.lower_ == "it":  # "it touched down at 7.15": the thing the story is about, whatever its name
            yield event, frozenset(), _UNNAMED
            continue
        named = [t for t in subject.subtree if not _modifies_from_aside(t, subject)]  # not "at the Brennock plant"
        words = frozenset(_KIND_OF.get(w, w) for t in named if t.pos_ in {"NOUN", "PROPN"} for w in [t.lemma_.lower()])
        yield event, frozenset(story.covering(subject.idx)), words


def _modifies_from_aside(token: Token, head: Token) -> bool:
    """The token sits in a phrase that qualifies the head ("the strike at the Brennock plant", "talks with the
    managers"), not in the head's own name."""
    while token != head:
        if token.dep_ in {"prep", "relcl", "acl"} and token.head == head:
            return True
        token = token.head
    return False


def _once_event(verb: Token) -> str | None:
    following = [verb.lemma_.lower()] + [
        t.lemma_.lower() for t in verb.subtree if t.i > verb.i and t.dep_ not in _SKIPPED and not t.is_punct
    ]
    phrase = " ".join(following[:4])
    for event, wordings in _ONCE.items():
        if any(phrase == w or phrase.startswith(f"{w} ") for w in wordings):
            return event
    return None


def _same_happening(first: ClaimView, second: ClaimView) -> bool:
    """Both claims tell one once-only event of one subject: the same story entity where both name one, else a
    shared word ("the passenger ferry Kestrel Bay" ~ "the ferry"); "it" is any subject of that event."""
    return any(
        event == other_event
        and (
            _UNNAMED in (words, other_words)
            or (named & other_named if named and other_named else bool(words & other_words))
        )
        for event, named, words in first.happenings
        for other_event, other_named, other_words in second.happenings
    )


def _alike_times(first: ClaimView, second: ClaimView) -> tuple[ClaimView, ClaimView]:
    """The two views with only the times of a grain both give (`_grain`): a clock time with no day of its own ("at
    about 6.50pm") is dated by the article's publication, so it cannot be held against another article's day."""
    shared = {_grain(t[3]) for t in first.times} & {_grain(t[3]) for t in second.times}
    return (
        replace(first, times=tuple(t for t in first.times if _grain(t[3]) in shared)),
        replace(second, times=tuple(t for t in second.times if _grain(t[3]) in shared)),
    )


def _grain(precision: str) -> str:
    """Hours and minutes are both clock times ("shortly after 6 a.m." ~ "around 7:40 a.m."); other precisions are
    their own."""
    return "clock" if precision in {"hour", "minute"} else precision


_LIGHT = frozenset("be have do".split())


def _acts(chain: list[Token]) -> frozenset[tuple[str, ...]]:
    """The main predicate and what it was done to — its object, or the subject of a passive — as a fact key."""
    if not chain:
        return frozenset()
    verb = chain[-1]
    if _persuades(verb):  # "persuaded him he would lose" ~ "told him that he was going to lose", whoever did it
        return frozenset({("persuade", _persuaded_of(verb).lemma_.lower())})
    deed = _directed(verb) if _directs(verb) else None
    if deed is not None:  # "told X to open the gates" ~ "persuaded X to open the gates", whoever did the telling
        verb = deed
    lemma = verb.lemma_.lower()
    if lemma in _SPEECH | _LIGHT_VERBS:
        return frozenset()
    done_to = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    if done_to is None or done_to.pos_ not in {"NOUN", "PROPN"}:
        return frozenset()
    thing = done_to.lemma_.lower()
    return frozenset({("act", lemma, _KIND_OF.get(thing, thing))})


def _topic(doc: Doc) -> frozenset[str]:
    """What the claim's clauses are about: their verbs (and predicative adjectives), speech and light verbs left
    out, and the head words of their subjects. A denial answers a statement that shares one of them."""
    return _deeds(doc) | frozenset(t.lemma_.lower() for t in doc if t.dep_ in {"nsubj", "nsubjpass"})


# A subject is no deed, nor is an auxiliary: "will stay shut" and "will take off" share no deed in "will".
_NOT_DEEDS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass"})


def _deeds(doc: Doc) -> frozenset[str]:
    """The claim's verbs and predicative adjectives (lemma and stem), leaving out speech and light verbs and those of
    a relative clause ("the derby, which had sold out": background to what the claim says)."""
    words: set[str] = set()
    for token in doc:
        lemma = token.lemma_.lower()
        predicate = _predicate_like(token) or token.dep_ == "acomp"
        aside = any(t.dep_ == "relcl" for t in (token, *token.ancestors))
        if predicate and not aside and token.dep_ not in _NOT_DEEDS and lemma not in _LIGHT | _SPEECH:
            words.update({lemma, token.lower_.removesuffix("ed")})
    return frozenset(words)


def _told(doc: Doc) -> Iterator[tuple[str, str, str]]:
    """("deed", lemma, its predicate words) for each verb; ("thing", stem, the words from its verb to it) for each
    noun a verb governs: "marched off the plane in handcuffs" for "handcuffs"."""
    for token in doc:
        if _predicate_like(token):
            yield "deed", token.lemma_.lower(), _predicate_words(token)
        elif token.pos_ == "NOUN":
            verb = next((a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), None)
            if verb is not None and verb.i < token.i:
                start = min([verb.i, *(c.i for c in verb.children if c.dep_ in {"aux", "auxpass", "neg"})])
                if token.i - start < 10:
                    yield "thing", _deed_stem(token.lemma_), doc[start : token.i + 1].text


def _in_subject(token: Token) -> bool:
    return any(t.dep_ in {"nsubj", "nsubjpass"} for t in (token, *token.ancestors))


def _same_subject_and_thing(first: ClaimView, second: ClaimView) -> bool:
    """One subject and one thing told of it ("the chemicals had not reached the river" ~ "the chemicals seeped
    into the river"), though in other verbs."""
    subjects = (first.topic - first.deeds) & (second.topic - second.deeds)
    # "No ransom was paid" denies the ransom itself: the subject is the thing.
    return bool(subjects) and bool(first.things & second.things or first.denies_subject or second.denies_subject)


def _denied_verb(chain: list[Token]) -> str | None:
    denials = [i for i, token in enumerate(chain) if _denies(token)]
    return chain[-1].lemma_.lower() if denials and denials[-1] < len(chain) - 1 else None


def _named_by(first: ClaimView, second: ClaimView) -> bool:
    """A verb negated on one side is a noun on the other: "was not handcuffed" answers "marched off in handcuffs"."""
    stems = {_deed_stem(verb) for verb in first.negated_verbs}, {_deed_stem(verb) for verb in second.negated_verbs}
    return bool(stems[0] & second.things or stems[1] & first.things)


def _done_as_named(first: ClaimView, second: ClaimView) -> bool:
    """What one side says there was none of is what the other says was done: "had received no warning" answers
    "had warned the crew"; "No decision about an appeal has been made" answers "will appeal"."""
    negated, plain = (first, second) if first.negated else (second, first)
    named = {thing.removesuffix("ing") for thing in negated.things if thing.endswith("ing") and len(thing) > 6}
    return bool((named | negated.denied_things) & {_deed_stem(deed) for deed in plain.deeds})


_FUTURE = frozenset({"will", "wo", "shall", "'ll"})


def _negation_conflict(first: ClaimView, second: ClaimView) -> str | None:
    if first.negated == second.negated or not first.predicate or not second.predicate:
        return None
    if first.negated_verbs and second.negated_verbs:
        # both say "will not sit" (one through a speech verb the chain does not descend: "fumed that"), or a quote
        # and its paraphrase negate in other words ("nobody … is beyond the law" ~ "does not stand above the law")
        return None
    silence = bool(first.silent or second.silent)  # "X has not commented" answers only what X is said to have said
    answers = (
        first.deeds & second.deeds
        or (not silence and _same_subject_and_thing(first, second))
        or _named_by(first, second)
        or _done_as_named(first, second)
    )
    if first.topic and second.topic and not answers:
        return None  # "a tank was not damaged" does not answer "a valve failed", nor "X has not commented" "X demanded"
    negation, plain = (first, second) if first.negated else (second, first)
    if negation.future and not plain.future and not first.deeds & second.deeds:
        return None  # "will not launch again until …", a pledge, does not answer "rushing its launches", a past deed
    for denial, other in ((first, second), (second, first)):
        if denial.denied is None or denial.denied in _LIGHT:
            continue
        if other.topic and denial.denied not in other.topic:
            return None  # "denied that its chief had fled" does not answer "he had travelled for treatment"
        if denial.denied in other.negated_verbs:
            return None  # "denied that he had fled" agrees with "… and that he was not fleeing"
    shown = [_answered(view, other) for view, other in ((first, second), (second, first))]
    return f'"{shown[0]}" ({first.article_name}) vs "{shown[1]}" ({second.article_name})'


def _answered(view: ClaimView, other: ClaimView) -> str:
    """The words of a plain claim that the other claim's negation answers: its predicate, or where that is another
    verb ("went ahead and signed"; "was first made public … that the tycoon had been taken off his plane in
    handcuffs"), the deed or thing the negation denies."""
    if view.negated:
        return view.predicate
    deeds = [(key, words) for kind, key, words in view.told if kind == "deed" and key not in _LIGHT]
    things = [(key, words) for kind, key, words in view.told if kind == "thing"]
    denied = other.denied_things | {thing.removesuffix("ing") for thing in other.denied_things}
    negated = {_deed_stem(verb) for verb in other.negated_verbs}
    answered = [words for key, words in deeds if key in other.deeds or _deed_stem(key) in denied] + [
        words for key, words in things if key in negated
    ]
    return view.predicate if not answered or view.predicate in answered else answered[0]


# ---- what a claim explicitly says was not so ------------------------------------------------------------------

# "Customs officers, not the border police, made …", "at Mirov, and not at Kestrel", "rather than X", "instead of X".
_CONTRAST = re.compile(
    r"(?:,\s*(?:and\s+|but\s+)?not\s+|\brather\s+than\s+|\binstead\s+of\s+)"
    r"(?!(?:least|only|just|yet|even|always|all|so|too|much|far|long|quite|necessarily|surprisingly|guilty)\b)"
    r"(?:(?:at|in|by|from|to|on|near|via)\s+)?(?P<what>[^,.;:!?\"“”]{2,60})",
    re.IGNORECASE,
)


def _rejected(doc: Doc, story: _StoryMentions) -> Iterator[_Rejected]:
    for match in _CONTRAST.finditer(doc.text):
        start, end = match.span("what")
        tokens = [t for t in doc if start <= t.idx < end]
        words = frozenset(t.lemma_.lower() for t in tokens if t.pos_ in {"NOUN", "PROPN"})
        entities = frozenset(entity for entity, *_ in story.within(start, end))
        if words or entities:
            yield _Rejected(match.group("what").strip(), entities, words)


def _rejected_place(first: ClaimView, second: ClaimView) -> str | None:
    """One side places the event somewhere the other says it was not ("at Mirov, and not at Kestrel")."""
    for said, denying, flip in ((first, second, False), (second, first, True)):
        for rejected in denying.rejected:
            place = next((p for p in said.places if p.role and p.entity in rejected.entities), None)
            if place is not None:
                return _ordered(f'"{_place_words(place)}"', said, f'"not {rejected.text}"', denying, flip)
    return None


def _rejected_actor(first: ClaimView, second: ClaimView) -> str | None:
    """One side's actor is the one the other says did not do it ("Customs officers, not the border police")."""
    for said, denying, flip in ((first, second, False), (second, first, True)):
        actor = said.actor
        if actor is None:
            continue
        for rejected in denying.rejected:
            if rejected.entities & actor.named or (rejected.words and rejected.words <= actor.words):
                detail = _ordered(f'"{actor.text}"', said, f'"not {rejected.text}"', denying, flip)
                return f"{detail} as who {actor.predicate}"
    return None


def _ordered(said_text: str, said: ClaimView, denied_text: str, denying: ClaimView, flip: bool) -> str:
    pair = [f"{said_text} ({said.article_name})", f"{denied_text} ({denying.article_name})"]
    return " vs ".join(reversed(pair) if flip else pair)


_CHECKS: tuple[tuple[ConflictKind, Callable[[ClaimView, ClaimView], str | None]], ...] = (
    ("number", _number_conflict),
    ("time", _time_conflict),
    ("time", _sequence_check),
    ("place", _place_conflict),
    ("place", _rejected_place),
    ("actor", _actor_conflict),
    ("actor", _rejected_actor),
    ("negation", _negation_conflict),
)
