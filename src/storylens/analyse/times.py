"""Time expressions of one article, normalised against its publication date.

Candidates come from our own patterns (clock times such as "5.29am" that spaCy misses, weekdays, dates, relative
days, shifts such as "two hours later") and from spaCy's DATE/TIME entities that name a calendar word our patterns
did not take. Each is normalised by our own calendar arithmetic; no date-guessing library is involved.

Every expression resolves to a *window* of local time; its `value` is the finest unit (minute, hour, day, month,
year) that contains the whole window, so a value never claims more than the text says. The rules:

- Local time of the report: an aware `published` keeps its own wall-clock date; offsets never enter `value`.
- Weekdays, bare months and month-days without a year: by default (past tense) the most recent one on or
  before publication; with a future cue ("will", "is due to", "is expected to", "is planned for", a present-tense
  verb the date hangs on directly: "opens on Monday") the next one on or after it. "until" always looks forward
  ("banned gatherings until 15 March"); "would" does not count as future (it is as often a past habit or a
  reported plan already carried out). "last Tuesday" is strictly before publication,
  "next Tuesday" strictly after. Seasons are northern-hemisphere meteorological ones (summer: June to August).
- Periods longer than a day ("this week", "earlier this week", "this weekend") resolve to the unit holding them all:
  usually the month. A night belongs to the day it starts: "last night" and "overnight" are the day before
  publication, "Saturday night" is Saturday. Parts of a day ("Sunday morning", "the early hours of Sunday") are the day.
- Clock times: "5pm" is hour precision, "5.29am" minute; "around 5.30pm" is the hour; "shortly before X" is the half
  hour before X, "shortly after X" the half hour after ("shortly before midnight on Saturday" → Saturday 23h).
  A clock time takes its day from a day in the same phrase, else the nearest earlier one in the sentence, else the
  last one of the previous sentence (in a past-tense clause, never a day after publication); none → unresolved.
  "at 5.30" with no am/pm (and hour ≤ 12) is ambiguous, and dawn or dusk depend on place: the day only.
- Shifts ("two hours later", "within the hour", "the next day") move the nearest earlier resolved time in the same
  or the two previous sentences, if that time is as fine as the shift's unit; else unresolved. "within X" is the
  window [anchor, anchor + X]. "three days ago" counts from publication. "N units after <event>" counts from the
  event, whose time we do not know: set off by a comma right after a time ("crashed at 5.29am, 40 minutes after
  takeoff") it restates that time; otherwise unresolved.
- "8/12/2024" is read day first (month first only where the day-first reading is impossible).
- Skipped: ages ("61-year-old"), decades ("the 1990s": no point in time we could state without false precision) and
  durations with no anchor ("for eight hours", "the past week").
- Unresolvable expressions are kept with value and precision None; nothing raises on odd input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Literal

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta
from spacy.tokens import Token

from storylens.analyse.parsed import ParsedArticle, Sentence
from storylens.records import Precision, Span, TimeExpression

__all__ = ["find_times"]

# ---- vocabulary ---------------------------------------------------------------------------------------------

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")  # fmt: skip
_MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
                        "oct": 10, "nov": 11, "dec": 12}  # fmt: skip
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                 "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90,
                 "a couple of": 2, "couple of": 2}  # fmt: skip
_VAGUE_COUNTS = {"a few": (2, 9), "few": (2, 9), "several": (3, 9), "some": (2, 9)}
_HOLIDAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25), "boxing day": (12, 26),
             "new year's day": (1, 1), "new year's eve": (12, 31), "new year’s day": (1, 1), "new year’s eve": (12, 31),
             "valentine's day": (2, 14), "valentine’s day": (2, 14), "halloween": (10, 31)}  # fmt: skip
_EASTER_OFFSETS = {"good friday": -2, "easter sunday": 0, "easter": 0, "easter monday": 1}

# Case-sensitive names (so "may" and "march" the verbs are not months); the rest of each pattern ignores case.
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
        r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")  # fmt: skip
_NUM = r"(?:\d+|a couple of|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|" \
       r"twenty|thirty|forty-five|forty|fifty|sixty|ninety|few|several|some)"  # fmt: skip
_UNIT = r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d|,\d|s\b|-year)"
_ORD = r"(?:st|nd|rd|th)?"
_HOLIDAY = r"(?i:christmas\s+(?:day|eve)|christmas|boxing\s+day|new\s+year[’']s\s+(?:day|eve)|valentine[’']s\s+day" \
           r"|halloween|good\s+friday|easter(?:\s+(?:sunday|monday))?)"  # fmt: skip
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll", "wo", "would"})
_REPORTING = frozenset({"say", "tell", "report", "claim", "believe", "think", "add", "be", "have", "show", "know"})
_FUTURE_LEMMAS = frozenset({"due", "expect", "schedule", "plan", "set", "go", "intend", "aim"})
_UNIT_PRECISION: dict[str, Precision] = {"second": "minute", "minute": "hour", "hour": "hour", "day": "day",
                                         "week": "day", "month": "month", "year": "year"}  # fmt: skip
# How many units a bare plural means ("hours later", "within minutes"); "moments" are minutes.
_VAGUE_RANGES = {"second": (1, 59), "minute": (1, 59), "hour": (1, 23), "day": (1, 6), "week": (1, 3),
                 "month": (1, 11), "year": (1, 9)}  # fmt: skip
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}  # first month of each
_PRECISIONS: tuple[Precision, ...] = ("year", "month", "day", "hour", "minute")

Kind = Literal["point", "clock", "shift", "prefix", "skip"]


@dataclass(frozen=True, slots=True)
class _Window:
    """A stretch of local time [start, end) that an expression is known to fall in."""

    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class _Context:
    published: datetime | None  # local wall-clock time of the report
    has_clock: bool  # whether `published` carries a time of day
    future: bool  # the expression's clause looks forward


@dataclass(slots=True)
class _Piece:
    start: int  # offsets into the sentence text
    end: int
    kind: Kind
    name: str  # which pattern matched
    match: re.Match[str]
    parts: tuple[_Piece, ...] = ()  # for a merged phrase: its pieces in order


# ---- patterns: (name, kind, regex) ----------------------------------------------------------------------------

_PATTERNS: list[tuple[str, Kind, str]] = [
    ("decade", "skip", r"\b(?:the\s+)?(?:(?:early|late|mid-?)\s*)?(?:1[89]\d0|20\d0|['’]\d0)s\b"),
    ("age", "skip", r"\b\d+[- ]years?[- ]old\b|\baged\s+\d+"),
    # "the Arab Spring", "the Prague Spring": a capitalised season after a capitalised word is a name, not a time.
    ("named_season", "skip", r"\b(?!(?:In|Last|Next|This|Early|Late|Since|Until|By|During|The)\b)[A-Z][a-z]+"
                             r"\s+(?:Spring|Summer|Autumn|Winter)\b"),
    ("iso_date", "point", r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b(?!:)"),
    ("slash_date", "point", r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})\b"),
    ("day_month", "point", rf"(?:\b{_WD},?\s+)?(?:\bthe\s+)?\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_MON})"
                           rf"(?:,?\s+(?P<y>{_YEAR}))?(?![\w])"),
    ("month_day", "point", rf"(?:\b{_WD},?\s+)?\b(?P<mon>{_MON})\s+(?P<d>\d{{1,2}}){_ORD}(?![\d:.]\d)\b"
                           rf"(?:,?\s+(?P<y>{_YEAR}))?"),
    ("holiday", "point", rf"\b(?P<mod>(?i:last|next|this)\s+)?(?P<h>{_HOLIDAY})\b"),
    ("month", "point", rf"\b(?P<mod>(?i:in|since|from|until|till|by|during|last|next|this|before|after|of|"
                       rf"early|late|mid-?|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|the\s+middle\s+of))"
                       rf"\s*(?P<mon>{_MON})(?:,?\s+(?P<y>{_YEAR}))?\b"),
    ("month_year", "point", rf"\b(?P<mon>{_MON}),?\s+(?P<y>{_YEAR})"),
    ("season", "point", rf"(?i)\b(?:(?P<mod>last|next|this|in|since|until|by|during|early|late)\s+)?(?:the\s+)?"
                        rf"(?P<s>spring|summer|autumn|winter)\b(?:(?:\s+of)?\s+(?P<y>{_YEAR}))?"),
    ("year", "point", rf"\b(?P<mod>(?i:in|since|from|until|till|by|during|before|after|early|late|mid-?|"
                      rf"throughout|of|the\s+end\s+of|the\s+start\s+of))\s*(?P<y>{_YEAR})"),
    ("relative_year", "point", r"(?i)\b(?P<mod>(?:earlier|later)\s+this|this|last|next)\s+(?P<u>year|month)\b"),
    ("week", "point", r"(?i)\b(?P<mod>(?:earlier|later)\s+this|this|last|next)\s+(?P<u>week(?:end)?)\b"),
    ("weekday", "point", rf"\b(?P<mod>(?i:last|next|this|past|coming|until|till|since|by|from|on|early|late)\s+)?"
                         rf"(?:(?i:on)\s+)?(?P<wd>{_WD})(?:['’]s)?(?!\s+(?:Times|Telegraph|Mirror|Express|Post|Herald))"
                         r"(?:\s+(?i:(?P<part>morning|afternoon|evening|night)))?\b"),
    ("relative_day", "point", r"(?i)\b(?P<rel>yesterday|today|tonight|tomorrow|overnight|last\s+night|"
                              r"(?:earlier|later)\s+today|this\s+(?:morning|afternoon|evening)|"
                              r"(?:yesterday|tomorrow)\s+(?:morning|afternoon|evening))\b"),
    ("prefix", "prefix", r"(?i)\b(?:the\s+(?:early|small|wee)\s+hours\s+of|the\s+(?:morning|afternoon|evening|night)"
                         r"\s+of|(?:early|late)\s+on)\b"),
    ("clock", "clock", r"(?i)(?:(?P<approx>\b(?:shortly|just|soon|moments|minutes|not\s+long)\s+(?:before|after)|"
                       r"\bjust\s+(?:gone|past)|\b(?:around|about|approximately|roughly|at|by|from|until|till|"
                       r"before|after))\s+)?\b(?P<core>(?P<h>\d{1,2})(?:[.:](?P<m>[0-5]\d))?\s*"
                       r"(?P<ap>[ap]m\b|[ap]\.\s?m\b\.?)|(?P<h2>[01]?\d|2[0-3]):(?P<m2>[0-5]\d)(?![\d:])|"
                       r"(?P<h3>[01]\d|2[0-3])[.:]?(?P<m3>[0-5]\d)(?=\s*(?:hrs|hours|GMT|UTC|BST|local))|"
                       r"noon|midday|midnight|dawn|daybreak|dusk|sunrise|sunset|(?P<h4>\d{1,2})\s+o['’]clock)"
                       r"(?P<suffix>\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night|hrs|hours\b|local\s+time"
                       r"|GMT|UTC|BST|CET|EST|ET)(?:\s*\(\d{1,2}[.:]?\d{2}\s*(?:GMT|UTC|BST)\))?)?"),
    ("dot_clock", "clock", r"(?i)(?P<approx>\b(?:at|by|from|until|around|about|shortly\s+before|shortly\s+after))\s+"
                           r"(?P<core>(?P<h>[01]?\d|2[0-3])\.(?P<m>[0-5]\d))\b(?!\s*(?:%|per|pc|m\b|bn|million|"
                           r"billion|points|p\b))"),
    ("ago", "point", rf"(?i)\b(?P<n>{_NUM})\s+(?P<u>{_UNIT})\s+ago\b"),
    ("shift", "shift", rf"(?i)\b(?P<n>{_NUM}|half\s+an)\s+(?P<u>{_UNIT})\s+"
                       r"(?P<dir>later|earlier|afterwards|after|before|previously)\b"),
    ("vague_shift", "shift", r"(?i)\b(?P<u>moments|seconds|minutes|hours|days|weeks|months|years)\s+"
                             r"(?P<dir>later|earlier|afterwards|after|before)\b"),
    ("within", "shift", rf"(?i)\bwithin\s+(?:the\s+)?(?P<n>{_NUM}|half\s+an)?\s*(?P<u>{_UNIT})\b"),
    ("next_day", "shift", r"(?i)\b(?:the\s+(?P<dir>next|following|previous|same)\s+(?P<u>day|morning|afternoon|evening"
                          r"|night|week|month|year)|the\s+(?P<u2>day|night)\s+(?P<dir2>before|after)|"
                          r"(?:later\s+|earlier\s+)?that\s+(?P<u3>day|morning|afternoon|evening|night))\b"),
]  # fmt: skip
_COMPILED = [(name, kind, re.compile(regex)) for name, kind, regex in _PATTERNS]
# Bare words only trusted inside a spaCy DATE entity: "March", "2015".
_LOOSE: list[tuple[str, Kind, re.Pattern[str]]] = [
    ("month_year", "point", re.compile(rf"\b(?P<mon>{_MON})(?:\s+(?P<y>{_YEAR}))?\b")),
    ("year", "point", re.compile(rf"\b(?P<y>{_YEAR})\b")),
]
_CALENDAR_WORD = re.compile(rf"{_WD}|{_MON}|\b{_YEAR}|{_HOLIDAY}")
_ANYTHING = re.compile(r"(?s).+")
_GLUE = re.compile(r"(?i)^[\s,]*(?:(?:on|at|of|in|the)\b[\s,]*)*$")
_POSITIONAL = re.compile(r"(?i)^(?:on|at|in|during|of)\s+")


# ---- entry point ------------------------------------------------------------------------------------------------


def find_times(parsed: ParsedArticle) -> list[TimeExpression]:
    """All time expressions of the article, in reading order, each normalised as far as the text allows."""
    published = _local_published(parsed.article.published)
    found: list[tuple[TimeExpression, _Window | None]] = []
    for sentence in parsed.sentences:
        for piece in _sentence_pieces(parsed, sentence):
            try:
                window = _resolve(piece, parsed, sentence, published, found)
            except (
                ValueError,
                OverflowError,
                KeyError,
                IndexError,
            ):  # impossible dates such as 31 February: unresolved, never fatal
                window = None
            found.append((_expression(parsed, sentence, piece, window), window))
    return [expression for expression, _ in found]


def _local_published(published: date | None) -> tuple[datetime, bool] | None:
    """Publication as naive local wall-clock time, and whether it carried a time of day."""
    if published is None:
        return None
    if isinstance(published, datetime):
        return published.replace(tzinfo=None), True
    return datetime(published.year, published.month, published.day), False


def _expression(parsed: ParsedArticle, sentence: Sentence, piece: _Piece, window: _Window | None) -> TimeExpression:
    text = parsed.article.text[sentence.span.start + piece.start : sentence.span.start + piece.end]
    lead = _POSITIONAL.match(text)
    cut = lead.end() if lead else 0
    span = Span(sentence.span.start + piece.start + cut, sentence.span.start + piece.end)
    value, precision = _finest(window) if window else (None, None)
    text = parsed.article.text[span.start : span.end]
    rough = precision == "minute" and _ROUGH.match(text) is not None
    return TimeExpression(span, text, value, precision, sentence.index, approximate=rough)


# ---- candidates -------------------------------------------------------------------------------------------------


def _sentence_pieces(parsed: ParsedArticle, sentence: Sentence) -> list[_Piece]:
    """Pattern matches and uncovered spaCy entities, overlaps resolved (longest wins), adjacent parts merged."""
    text = parsed.article.text[sentence.span.start : sentence.span.end]
    found = [_Piece(m.start(), m.end(), kind, name, m) for name, kind, rx in _COMPILED for m in rx.finditer(text)]
    found += [e for e in _entity_pieces(sentence, text) if not any(_overlap(e, p) for p in found)]
    chosen = _without_overlaps(found)
    merged = _merge_phrases(text, chosen)
    return [_with_event(p, sentence, len(text)) for p in merged if p.kind not in ("skip", "prefix")]


def _with_event(piece: _Piece, sentence: Sentence, limit: int) -> _Piece:
    """ "40 minutes after" → "40 minutes after takeoff": a shift keeps the short noun phrase it counts from."""
    if piece.kind != "shift" or not piece.match.group(0).lower().endswith(("after", "before")):
        return piece
    doc, base = sentence.tokens.doc, sentence.span.start - sentence.offset
    word = doc.char_span(base + piece.end - len(piece.match.group(0).split()[-1]), base + piece.end)
    objects = [c for c in word[0].children if c.dep_ == "pobj"] if word is not None and len(word) == 1 else []
    if not objects or len(list(objects[0].subtree)) > 4:
        return piece
    end = max(t.idx + len(t.text) for t in objects[0].subtree) - base
    return replace(piece, end=end) if piece.end < end <= limit else piece


def _overlap(first: _Piece, second: _Piece) -> bool:
    return first.start < second.end and second.start < first.end


def _entity_pieces(sentence: Sentence, text: str) -> Iterator[_Piece]:
    """spaCy DATE/TIME entities of the sentence that name a calendar word; loose patterns read them."""
    base = sentence.offset - sentence.span.start  # doc offsets → sentence-text offsets
    for ent in sentence.tokens.ents:
        if ent.label_ not in ("DATE", "TIME") or not _CALENDAR_WORD.search(ent.text):
            continue
        start, end = ent.start_char + base, ent.end_char + base
        if not 0 <= start < end <= len(text):
            continue
        matched = False
        for name, kind, rx in _LOOSE:
            for m in rx.finditer(text, start, end):
                matched = True
                yield _Piece(m.start(), m.end(), kind, name, m)
        if not matched:  # a calendar word we cannot read: kept, unresolved
            whole = _ANYTHING.match(text, start, end)
            if whole:
                yield _Piece(start, end, "point", "unknown", whole)


def _without_overlaps(pieces: list[_Piece]) -> list[_Piece]:
    """Longest first; then reading order. Skip-kinds (ages, decades) win over what they cover by being kept."""
    chosen: list[_Piece] = []
    for piece in sorted(pieces, key=lambda p: (-(p.end - p.start), p.start)):
        if not any(_overlap(piece, c) for c in chosen):
            chosen.append(piece)
    return sorted(chosen, key=lambda p: p.start)


def _merge_phrases(text: str, pieces: list[_Piece]) -> list[_Piece]:
    """Join a day and a clock time ("Sunday at 5.29am", "5.29am on Sunday") or a prefix and its day into one."""
    merged: list[_Piece] = []
    for piece in pieces:
        last = merged[-1] if merged else None
        if last and _joinable(last, piece) and _GLUE.match(text[last.end : piece.start]):
            parts = (last.parts or (last,)) + (piece,)
            merged[-1] = _Piece(last.start, piece.end, "point", "phrase", last.match, parts)
        else:
            merged.append(piece)
    return merged


def _joinable(first: _Piece, second: _Piece) -> bool:
    pieces = (*(first.parts or (first,)), second)
    kinds = [p.kind for p in pieces]
    if kinds.count("clock") > 1 or kinds.count("prefix") > 1 or "skip" in kinds:
        return False
    days = [p for p in pieces if p.kind in ("point", "shift")]
    return len(days) == 1 and days[0].name in _DAY_PATTERNS and not (days[0].kind == "shift" and "prefix" in kinds)


_DAY_PATTERNS = frozenset(
    {"iso_date", "slash_date", "day_month", "month_day", "holiday", "weekday", "relative_day", "next_day"}
)


# ---- resolution -------------------------------------------------------------------------------------------------


def _resolve(
    piece: _Piece,
    parsed: ParsedArticle,
    sentence: Sentence,
    published: tuple[datetime, bool] | None,
    found: list[tuple[TimeExpression, _Window | None]],
) -> _Window | None:
    lead = parsed.article.text[
        max(sentence.span.start, sentence.span.start + piece.start - 8) : sentence.span.start + piece.start
    ]
    future = _looks_future(sentence, piece, lead)
    context = _Context(published[0] if published else None, bool(published and published[1]), future)
    if piece.kind == "shift" and _counts_from_event(piece):
        return _restated_time(parsed, sentence, piece, found)
    if piece.kind == "shift":
        return _resolve_shift(piece.match, piece.name, _anchor(found, sentence.index))
    if piece.kind == "clock":
        latest = None if future or context.published is None else context.published.date()
        day = _day_before(found, sentence.index, latest)
        return _apply_clock(piece.match, day) if day else None
    if piece.name == "phrase":
        return _resolve_phrase(piece, context, _anchor(found, sentence.index))
    resolver = _POINT_RESOLVERS.get(piece.name)
    return resolver(piece.match, context) if resolver else None


def _resolve_phrase(piece: _Piece, context: _Context, anchor: _Window | None) -> _Window | None:
    """A day with a clock time ("Sunday at 5.29am", "2.40pm that day") or a prefix ("the early hours of Sunday")."""
    [day_piece] = [p for p in piece.parts if p.kind in ("point", "shift")]
    clocks = [p for p in piece.parts if p.kind == "clock"]
    if day_piece.kind == "shift":
        day = _resolve_shift(day_piece.match, day_piece.name, anchor)
    else:
        day = _POINT_RESOLVERS[day_piece.name](day_piece.match, context)
    if day is None or not clocks:
        return day
    return _apply_clock(clocks[0].match, day)


def _counts_from_event(piece: _Piece) -> bool:
    """ "40 minutes after takeoff": counted from an event, not from the last time the article gave."""
    return piece.name == "shift" and piece.match.group("dir").lower() in ("after", "before")


def _restated_time(
    parsed: ParsedArticle, sentence: Sentence, piece: _Piece, found: list[tuple[TimeExpression, _Window | None]]
) -> _Window | None:
    """ "crashed at 5.29am, 40 minutes after takeoff": set off by a comma right after a time, the phrase restates
    that time. Otherwise the event's own time is unknown here: unresolved."""
    if not found:
        return None
    previous, window = found[-1]
    gap = parsed.article.text[previous.span.end : sentence.span.start + piece.start]
    if previous.sentence == sentence.index and gap.strip() in (",", "—", "–", "-"):
        return window
    return None


def _looks_future(sentence: Sentence, piece: _Piece, lead: str) -> bool:
    """Whether the clause holding the expression looks forward: a future auxiliary, "is due to", "is planned for",
    a present-tense verb the expression hangs on directly ("opens on Monday"), or "next", "until"."""
    words = piece.match.group(0).lower()
    if re.search(r"\b(?:until|till)\s+$", lead.lower()):
        words = "until " + words
    if re.search(r"\b(?:last|past|since|earlier|ago)\b", words):
        return False
    if re.search(r"\b(?:next|coming|until|till)\b", words):
        return True  # "banned gatherings until 15 March": a ban runs forward, whatever the verb's tense
    verb, hops = _governing_verb(sentence, piece)
    if verb is None:
        return False
    return _verb_looks_future(verb) or (hops <= 2 and _present_plan(verb))


def _governing_verb(sentence: Sentence, piece: _Piece) -> tuple[Token | None, int]:
    """The verb the expression hangs on, and how many steps up the parse it is."""
    doc = sentence.tokens.doc
    start = sentence.span.start + piece.start - sentence.offset
    end = sentence.span.start + piece.end - sentence.offset
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, 0
    token = span.root
    for hops in range(8):  # walk up to the verb the phrase hangs on
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            return token, hops
        token = token.head
    return token, 8


def _verb_looks_future(verb: Token) -> bool:
    for token in [verb, *verb.ancestors][:4]:
        if token.tag_ == "VBD":
            return False  # "will go to a recount after Sunday's election left them level": a past verb's own time
        if any(c.lower_ in _FUTURE_AUX for c in token.children) or token.lower_ in _FUTURE_AUX:
            return True
        if token.dep_ == "xcomp" and token.head.lemma_.lower() in _FUTURE_LEMMAS:
            return True  # "is expected to cut them in February": the plan verb above an infinitive
        if token.lemma_.lower() in _FUTURE_LEMMAS and any(c.lower_ == "to" for c in token.children):
            return True
        if token.lower_ == "due" or (token.lemma_ == "be" and any(c.lower_ == "to" for c in token.children)):
            return True
    return False


def _present_plan(verb: Token) -> bool:
    """ "Registration opens on Monday", "a rally is planned for Sunday": present tense about a set date."""
    if verb.lemma_.lower() in _REPORTING:
        return False
    present_aux = any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in verb.children)
    return verb.tag_ in ("VBZ", "VBP") or (verb.tag_ in ("VBN", "VBG") and present_aux)


# ---- points: weekdays, dates, months, years -------------------------------------------------------------------


def _day_window(day: date) -> _Window:
    start = datetime(day.year, day.month, day.day)
    return _Window(start, start + timedelta(days=1))


def _month_window(year: int, month: int) -> _Window:
    start = datetime(year, month, 1)
    return _Window(start, start + relativedelta(months=1))


def _year_window(year: int) -> _Window:
    return _Window(datetime(year, 1, 1), datetime(year + 1, 1, 1))


def _pick_date(candidates: Callable[[int], date], context: _Context, mod: str, by_month: bool = False) -> date | None:
    """The date a yearless expression means: the latest on or before publication, or the next one for the future;
    `last` / `next` exclude publication day (or, `by_month`, its month) itself."""
    if context.published is None:
        return None
    today = context.published.date().replace(day=1) if by_month else context.published.date()
    options = sorted(_safe_dates(candidates, today.year))
    if mod == "last" or (not context.future and mod != "next"):
        before = [d for d in options if d < today or (d == today and mod != "last")]
        return before[-1] if before else None
    after = [d for d in options if d > today or (d == today and mod != "next")]
    return after[0] if after else None


def _safe_dates(candidates: Callable[[int], date], year: int) -> Iterator[date]:
    for offset in (-2, -1, 0, 1, 2):
        try:
            yield candidates(year + offset)
        except ValueError:  # 29 February in a common year
            continue


def _weekday(match: re.Match[str], context: _Context) -> _Window | None:
    mod = _mod(match)
    if context.published is None:
        return None
    target = _WEEKDAYS.index(match.group("wd").lower())
    today = context.published.date()
    day = _nearest_weekday(today, target, context.future, strict=mod in ("last", "next"))
    return _day_window(day)


def _nearest_weekday(today: date, target: int, future: bool, strict: bool) -> date:
    if future:
        ahead = (target - today.weekday()) % 7
        return today + timedelta(days=ahead or (7 if strict else 0))
    back = (today.weekday() - target) % 7
    return today - timedelta(days=back or (7 if strict else 0))


def _mod(match: re.Match[str]) -> str:
    groups = match.groupdict()
    return re.sub(r"\s+", " ", (groups.get("mod") or "").strip().lower())


def _relative_day(match: re.Match[str], context: _Context) -> _Window | None:
    if context.published is None:
        return None
    rel = re.sub(r"\s+", " ", match.group("rel").lower())
    today = context.published.date()
    if rel.startswith(("yesterday", "last night", "overnight")):
        return _day_window(today - timedelta(days=1))
    if rel.startswith("tomorrow"):
        return _day_window(today + timedelta(days=1))
    return _day_window(today)  # today, tonight, this morning, earlier today…


def _week(match: re.Match[str], context: _Context) -> _Window | None:
    """Weeks and weekends: whole stretches; the value is whatever unit holds them all."""
    if context.published is None:
        return None
    today, mod, unit = context.published.date(), _mod(match), match.group("u").lower()
    if unit == "week":
        monday = today - timedelta(days=today.weekday())
        start = monday + timedelta(weeks={"last": -1, "next": 1}.get(mod, 0))
        end = today if mod == "earlier this" else start + timedelta(days=7)
        start = today + timedelta(days=1) if mod == "later this" else start
        return _Window(_midnight(start), _midnight(end)) if start < end else None
    saturday = _weekend_start(today, context.future, mod)
    return _Window(_midnight(saturday), _midnight(saturday + timedelta(days=2)))


def _weekend_start(today: date, future: bool, mod: str) -> date:
    """The Saturday of the weekend meant: the one under way or just past, the next for the future or `next`."""
    back = (today.weekday() - 5) % 7  # days since the latest Saturday
    latest = today - timedelta(days=back)
    in_weekend = back <= 1
    if mod == "last":
        return latest - timedelta(days=7) if in_weekend else latest
    if mod == "next" or (future and not in_weekend):
        return latest + timedelta(days=7)
    return latest


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def _relative_year(match: re.Match[str], context: _Context) -> _Window | None:
    if context.published is None:
        return None
    mod, unit, now = _mod(match), match.group("u").lower(), context.published
    step = {"last": -1, "next": 1}.get(mod, 0)
    if unit == "year":
        return _year_window(now.year + step)
    moved = now + relativedelta(months=step)
    return _month_window(moved.year, moved.month)


def _ago(match: re.Match[str], context: _Context) -> _Window | None:
    if context.published is None:
        return None
    unit = _unit(match.group("u"))
    if unit in ("second", "minute", "hour") and not context.has_clock:
        return None  # "40 minutes ago" needs the hour of publication
    low, high = _count(match.group("n"))
    base = _granular_window(context.published, unit)
    return _Window(base.start - _delta(unit, high), base.end - _delta(unit, low))


def _granular_window(moment: datetime, unit: str) -> _Window:
    """The publication moment widened to the unit a shift counts in (days ago → whole days)."""
    if unit in ("second", "minute", "hour"):
        start = moment.replace(second=0, microsecond=0)
        return _Window(start, start + timedelta(minutes=1))
    if unit in ("day", "week"):
        return _day_window(moment.date())
    if unit == "month":
        return _month_window(moment.year, moment.month)
    return _year_window(moment.year)


def _iso_date(match: re.Match[str], context: _Context) -> _Window | None:
    return _day_window(date(int(match.group("y")), int(match.group("m")), int(match.group("d"))))


def _slash_date(match: re.Match[str], context: _Context) -> _Window | None:
    first, second, year = int(match.group("a")), int(match.group("b")), int(match.group("y"))
    year += 2000 if year < 100 else 0
    day, month = (second, first) if second > 12 >= first else (first, second)  # day first unless impossible
    return _day_window(date(year, month, day))


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    return _MONTHS.index(key) + 1 if key in _MONTHS else _MONTH_ABBREVIATIONS[key]


def _dated(match: re.Match[str], context: _Context) -> _Window | None:
    month, day = _month_number(match.group("mon")), int(match.group("d"))
    if match.group("y"):
        return _day_window(date(int(match.group("y")), month, day))
    picked = _pick_date(lambda year: date(year, month, day), context, "")
    return _day_window(picked) if picked else None


def _holiday(match: re.Match[str], context: _Context) -> _Window | None:
    name = re.sub(r"\s+", " ", match.group("h").lower())
    if name in _EASTER_OFFSETS:
        offset = _EASTER_OFFSETS[name]
        picked = _pick_date(lambda year: easter(year) + timedelta(days=offset), context, _mod(match))
    else:
        month, day = _HOLIDAYS[name]
        picked = _pick_date(lambda year: date(year, month, day), context, _mod(match))
    return _day_window(picked) if picked else None


def _month(match: re.Match[str], context: _Context) -> _Window | None:
    month = _month_number(match.group("mon"))
    if match.groupdict().get("y"):
        return _month_window(int(match.group("y")), month)
    mod = _mod(match)
    future = context.future or mod == "next"
    strict = mod if mod in ("last", "next") else ""  # "last March" is before the current month
    first = _pick_date(lambda year: date(year, month, 1), replace(context, future=future), strict, by_month=True)
    return _month_window(first.year, first.month) if first else None


def _season(match: re.Match[str], context: _Context) -> _Window | None:
    """Meteorological seasons of the northern hemisphere; the value is whatever unit holds the season."""
    first_month = _SEASONS[match.group("s").lower()]
    if match.group("y"):
        start = datetime(int(match.group("y")), first_month, 1)
    else:
        mod = _mod(match)
        strict = mod if mod in ("last", "next") else ""
        context = replace(context, future=context.future or mod == "next")
        picked = _pick_date(lambda year: date(year, first_month, 1), context, strict, by_month=True)
        if picked is None:
            return None
        start = _midnight(picked)
    return _Window(start, start + relativedelta(months=3))


def _year(match: re.Match[str], context: _Context) -> _Window | None:
    return _year_window(int(match.group("y")))


_POINT_RESOLVERS: dict[str, Callable[[re.Match[str], _Context], _Window | None]] = {
    "iso_date": _iso_date, "slash_date": _slash_date, "day_month": _dated, "month_day": _dated,
    "holiday": _holiday, "season": _season, "month": _month, "month_year": _month, "year": _year,
    "relative_year": _relative_year,
    "week": _week, "weekday": _weekday, "relative_day": _relative_day, "ago": _ago,
}  # fmt: skip


# ---- clock times ------------------------------------------------------------------------------------------------


def _apply_clock(match: re.Match[str], day: _Window) -> _Window | None:
    """A clock time on a day: the window it names (whole hour, minute, or the half hour before/after)."""
    if day.end - day.start > timedelta(days=1):
        return None
    parsed = _clock(match)
    if parsed is None:
        return _day_window(day.start.date())  # ambiguous am/pm: the day is all we know
    hour, minute, whole_hour = parsed
    approx = re.sub(r"\s+", " ", (match.group("approx") or "").lower())
    at = day.start.replace(hour=0) + timedelta(hours=hour, minutes=minute)
    if "midnight" in match.group("core").lower() and approx.endswith(("before", "until", "till", "by")):
        at += timedelta(days=1)  # "before midnight on Saturday" is the end of Saturday
    return _approximate(at, approx, whole_hour)


_ROUGHLY = ("around", "about", "approximately", "roughly", "some")  # "around 7:40": a time given or taken
_ROUGH = re.compile(rf"(?:at\s+)?(?:{'|'.join(_ROUGHLY)})\b", re.IGNORECASE)


def _approximate(at: datetime, approx: str, whole_hour: bool) -> _Window:
    if approx == "before":  # some time earlier that day
        return _Window(at.replace(hour=0, minute=0), at)
    if approx == "after":
        return _Window(at, at.replace(hour=0, minute=0) + timedelta(days=1))
    if approx.endswith("before"):
        return _Window(at - timedelta(minutes=30), at)
    if approx.endswith(("after", "gone", "past")):
        return _Window(at, at + timedelta(minutes=30))
    if (approx in _ROUGHLY and not at.minute) or whole_hour:  # "around 7am": the hour; "around 7:40": that minute
        start = at.replace(minute=0)
        return _Window(start, start + timedelta(hours=1))
    return _Window(at, at + timedelta(minutes=1))


def _clock(match: re.Match[str]) -> tuple[int, int, bool] | None:
    """(hour, minute, whole hour?) in 24-hour time; None when am/pm is ambiguous."""
    core = match.group("core").lower()
    if core in ("noon", "midday"):
        return 12, 0, False
    if core == "midnight":
        return 0, 0, False
    if core in ("dawn", "daybreak", "dusk", "sunrise", "sunset"):
        return None  # their hour depends on place and season: the day only
    groups = match.groupdict()
    if groups.get("ap"):
        return _twelve_hour(int(groups["h"]), int(groups["m"] or 0), groups["ap"], groups["m"] is None)
    if groups.get("h4"):
        return _from_suffix(int(groups["h4"]), 0, groups.get("suffix"), True)
    hour_text, minute_text = _first_pair(groups)
    hour, minute = int(hour_text), int(minute_text)
    if hour >= 13 or hour_text.startswith("0") or hour == 0:
        return hour, minute, False
    return _from_suffix(hour, minute, groups.get("suffix"), False)


def _first_pair(groups: dict[str, str | None]) -> tuple[str, str]:
    for hour_key, minute_key in (("h2", "m2"), ("h3", "m3"), ("h", "m")):
        if groups.get(hour_key) is not None:
            return groups[hour_key] or "0", groups.get(minute_key) or "0"
    return "0", "0"


def _twelve_hour(hour: int, minute: int, marker: str, whole: bool) -> tuple[int, int, bool] | None:
    if not 1 <= hour <= 12:
        return None
    pm = marker.lower().startswith("p")
    return hour % 12 + (12 if pm else 0), minute, whole


def _from_suffix(hour: int, minute: int, suffix: str | None, whole: bool) -> tuple[int, int, bool] | None:
    """ "5.30 in the evening": the words settle am/pm; without them an hour up to 12 stays ambiguous."""
    words = (suffix or "").lower()
    if not 1 <= hour <= 12:
        return None
    if "morning" in words:
        return hour % 12, minute, whole
    if "afternoon" in words or "evening" in words or ("night" in words and hour >= 6):
        return hour % 12 + 12, minute, whole
    if "night" in words:
        return hour % 12, minute, whole
    return None


def _day_before(
    found: list[tuple[TimeExpression, _Window | None]], sentence: int, latest: date | None
) -> _Window | None:
    """The day a bare clock time falls on: the latest resolved day in this or the two previous sentences, as for
    `_anchor` (a lead's "on Friday evening" still dates "at 6.20pm" after a sentence about the train; in a
    past-tense clause, one not after publication: "will vote on July 4. Speaking at 5.05pm, she said" is not July
    4); else the first such day of the article."""

    def fits(window: _Window | None) -> bool:
        return bool(window and _same_day(window) and (latest is None or window.start.date() <= latest))

    for expression, window in reversed(found):
        if expression.sentence < sentence - 2:
            break
        if window is not None and fits(window):
            return _day_window(window.start.date())
    # Further on, a bare clock time is of the story's day, the first the article gives ("on Friday evening" in the
    # lead dates "residents said it touched down at about 7.15 p.m." five sentences on), not of background since.
    first = next((window for _, window in found if fits(window)), None)
    return _day_window(first.start.date()) if first else None


def _same_day(window: _Window) -> bool:
    return window.start.date() == (window.end - timedelta(microseconds=1)).date()


# ---- shifts: "two hours later", "40 minutes after takeoff", "the next day" ------------------------------------


def _anchor(found: list[tuple[TimeExpression, _Window | None]], sentence: int) -> _Window | None:
    """The nearest earlier resolved time in this or the two previous sentences."""
    for expression, window in reversed(found):
        if expression.sentence < sentence - 2:
            break
        if window is not None:
            return window
    return None


def _resolve_shift(match: re.Match[str], name: str, anchor: _Window | None) -> _Window | None:
    if anchor is None:
        return None
    if name == "next_day":
        return _next_day(match, anchor)
    unit = _unit(match.group("u") or "hour")
    plural = (match.group("u") or "").lower().endswith("s") and not match.groupdict().get("n")
    if _precision_rank(_finest(anchor)[1]) < _precision_rank(_UNIT_PRECISION[unit]):
        return None  # "two hours later" after a bare "Sunday": too coarse to move by hours
    groups = match.groupdict()
    low, high = _count(groups.get("n"), unit if plural else "")
    if name == "within":
        return _Window(anchor.start, anchor.end + _delta(unit, high))
    if "half" in (groups.get("n") or "").lower():
        low = high = 1
        unit = "minute30"
    if match.group("dir").lower() in ("earlier", "before", "previously"):
        return _Window(anchor.start - _delta(unit, high), anchor.end - _delta(unit, low))
    return _Window(anchor.start + _delta(unit, low), anchor.end + _delta(unit, high))


def _next_day(match: re.Match[str], anchor: _Window) -> _Window | None:
    if not _same_day(anchor):
        return None
    groups = match.groupdict()
    direction = (groups.get("dir") or groups.get("dir2") or "same").lower()
    unit = (groups.get("u") or groups.get("u2") or groups.get("u3") or "day").lower()
    step = {"next": 1, "following": 1, "after": 1, "previous": -1, "before": -1}.get(direction, 0)
    day = anchor.start.date()
    if unit in ("week", "month", "year"):
        moved = anchor.start + _delta(unit, step)
        return _granular_window(moved, unit) if unit != "week" else _week_of(moved.date())
    return _day_window(day + timedelta(days=step))


def _week_of(day: date) -> _Window:
    monday = day - timedelta(days=day.weekday())
    return _Window(_midnight(monday), _midnight(monday + timedelta(days=7)))


def _unit(word: str) -> str:
    word = word.lower().rstrip("s")
    return {"min": "minute", "hr": "hour", "moment": "minute", "sec": "second"}.get(word, word)


def _count(words: str | None, unit: str = "") -> tuple[int, int]:
    """How many units: exact ("two", "40") or a range for vague counts ("several", "hours later")."""
    if words is None:
        return _VAGUE_RANGES.get(unit, (1, 1))
    key = re.sub(r"\s+", " ", words.lower())
    if key.isdigit():
        return int(key), int(key)
    if key in _VAGUE_COUNTS:
        return _VAGUE_COUNTS[key]
    number = _NUMBER_WORDS.get(key, 1)
    return number, number


def _delta(unit: str, count: int) -> timedelta | relativedelta:
    if unit == "minute30":
        return timedelta(minutes=30 * count)
    if unit in ("month", "year"):
        return relativedelta(**{unit + "s": count})  # type: ignore[arg-type]
    return timedelta(**{unit + "s": count})


# ---- values -----------------------------------------------------------------------------------------------------


def _finest(window: _Window) -> tuple[str | None, Precision | None]:
    """The finest unit holding the whole window, as an ISO 8601 string of that precision."""
    first, last = window.start, window.end - timedelta(microseconds=1)
    if last < first:
        return None, None
    formats: tuple[tuple[Precision, str], ...] = (
        ("minute", "%Y-%m-%dT%H:%M"), ("hour", "%Y-%m-%dT%H"), ("day", "%Y-%m-%d"), ("month", "%Y-%m"), ("year", "%Y"),
    )  # fmt: skip
    for precision, pattern in formats:
        if first.strftime(pattern) == last.strftime(pattern):
            return first.strftime(pattern), precision
    return None, None


def _precision_rank(precision: Precision | None) -> int:
    return _PRECISIONS.index(precision) if precision else -1
