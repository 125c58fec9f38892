"""Check-worthy statements: which sentences carry facts, and where one sentence holds several propositions.

A sentence is skipped when it cannot be checked: a question, a heading (a one-sentence paragraph without final
punctuation), a promo line, a line of fewer than four words, a sentence without a verb. Colour — no name, number
or quote, and only a verdict ("It was a grim morning") — is flagged `colour`; attribution keeps it only when
someone is cited for it.

One proposition per claim: coordinated main clauses ("X happened, and Y did Z"), coordinated reported clauses
("X said A and that B") and trailing contrastive clauses with their own subject ("A gathered, while B searched")
become separate claims. A split falls where the second clause's own words begin (its subject, its "that" or
"while"); the first claim ends before the joining comma and conjunction. Every span is an exact slice of the
article's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from storylens.analyse.parsed import ParsedArticle, Sentence
from storylens.records import Quote, Span

_PROMO = re.compile(
    r"^(subscribe|sign up|get the |read more|follow us|click here|download|listen to|watch:|share this|"
    r"support our|advertisement|related:|more on this)",
    re.IGNORECASE,
)
_FINAL = (".", "!", '"', "”", "'", "’", ")", "…")
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
_JOINERS = {",", ";", "and", "but", "or", "while", "whereas", "yet", "so", "—", "–", "-"}
# Contrastive subordinators: their clause asserts a second, independent proposition. A temporal clause ("died when
# the ferry capsized") stays: it anchors the main event, and reports share the whole sentence more often than a half.
_ADVERBIAL_MARKS = frozenset({"while", "whereas", "although", "though"})
_ADVERBIAL_MIN_WORDS = 5
_OPINION = re.compile(r"\b(I|we) (think|believe|feel|hope)\b|\b(should|ought to|must)\b", re.IGNORECASE)

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    "eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|dozens|"
    "hundreds|thousands|millions|half"
)
_SCALE = r"(?:\s?(?:million|billion|trillion|thousand|hundred|bn|m|k)\b)"
_UNIT = (
    r"(?:\s(?:per\s?cent|percent|seconds?|minutes?|hours?|days?|weeks?|months?|years?|km|kilometres?|kilometers?|"
    r"miles?|metres?|meters?|feet|kg|kilograms?|tonnes?|tons?|litres?|degrees?|mph|km/h)\b|%)"
)
_NUMBER = re.compile(
    r"(?:[£$€¥]\s?)?\b\d(?:[\d,]*\d)?(?:\.\d+)?(?:am|pm)?" + _SCALE + r"?" + _UNIT + r"?"
    r"|(?<![\w-])(?:(?:a|one|two|three|several) )?(?:(?:" + _NUMBER_WORDS + r")(?:-(?:" + _NUMBER_WORDS + r"))?)"
    r"(?: (?:and )?(?:" + _NUMBER_WORDS + r"))*\b" + _SCALE + r"?" + _UNIT + r"?",
    re.IGNORECASE,
)
_NOT_NUMBERS = {"a", "one", "half", "several"}  # "one of them", "half" alone read as words, not amounts


@dataclass(frozen=True, slots=True)
class ClaimDraft:
    """A clause to be claimed, before attribution decides who backs it (and whether colour is kept)."""

    span: Span
    sentence: int
    numbers: tuple[str, ...]
    colour: bool


def draft_claims(parsed: ParsedArticle, quotes: Sequence[Quote] = ()) -> list[ClaimDraft]:
    """Every check-worthy clause of the article, in text order. A quotation is never cut: its words are one
    statement of its speaker's."""
    quoted = [Span(max(q.span.start - 1, 0), q.span.end + 1) for q in quotes]
    drafts: list[ClaimDraft] = []
    for sentence in parsed.sentences:
        if not is_check_worthy(parsed, sentence):
            continue
        colour = is_colour(parsed, sentence)
        for span in split_clauses(parsed, sentence, quoted):
            text = parsed.text(span)
            drafts.append(ClaimDraft(span, sentence.index, find_numbers(text), colour))
    return drafts


def is_check_worthy(parsed: ParsedArticle, sentence: Sentence) -> bool:
    text = parsed.text(sentence.span)
    words = [t for t in sentence.tokens if not t.is_punct and not t.is_space]
    if len(words) < 4 or text.rstrip("”\"' ").endswith("?") or _PROMO.match(text):
        return False
    if _is_heading(parsed, sentence, text):
        return False
    return any(t.pos_ in {"VERB", "AUX"} for t in sentence.tokens)


def _is_heading(parsed: ParsedArticle, sentence: Sentence, text: str) -> bool:
    """A title or crosshead: alone in its paragraph, with no final punctuation."""
    if text.endswith(_FINAL):
        return False
    same_paragraph = [s for s in parsed.sentences if s.offset == sentence.offset]
    return len(same_paragraph) == 1


def is_colour(parsed: ParsedArticle, sentence: Sentence) -> bool:
    """No name, no number, no quotation, and either an opinion marker or a bare "X was Y" verdict."""
    text = parsed.text(sentence.span)
    if any(True for _ in parsed.mentions_in(sentence.span)) or find_numbers(text):
        return False
    if any(mark in text for mark in '"“”'):
        return False
    if _OPINION.search(text):
        return True
    root = sentence.tokens.root
    return root.lemma_ == "be" and any(c.dep_ in {"acomp", "attr"} for c in root.children)


def split_clauses(parsed: ParsedArticle, sentence: Sentence, protected: Sequence[Span] = ()) -> list[Span]:
    """The sentence cut before each coordinated main or reported clause, never inside a `protected` span (a
    quotation); one span when nothing splits."""
    starts = sorted(
        cut
        for cut in {sentence.char_span(t.left_edge).start for t in sentence.tokens if _starts_clause(t)}
        if not any(guard.start < cut < guard.end for guard in protected)
    )
    text = parsed.article.text
    pieces: list[Span] = []
    begin = sentence.span.start
    for cut in [*starts, sentence.span.end]:
        if cut <= begin:
            continue
        end = _trim_joiners(text, begin, cut)
        if end > begin:
            pieces.append(Span(begin, end))
        begin = cut
    return pieces or [sentence.span]


def _starts_clause(token: Token) -> bool:
    """A verb coordinated with a main or reported clause that brings its own subject or its own "that", or a
    trailing contrastive clause with its own subject."""
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    if token.dep_ == "ccomp" and _second_reported_clause(token):
        return True
    if token.dep_ in {"advcl", "ccomp"}:  # the parser sometimes tags an adverbial clause as a ccomp
        return _is_adverbial_clause(token)
    if token.dep_ != "conj":
        return False
    head = token.head
    main = head.dep_ == "ROOT" or (head.dep_ in {"ccomp", "conj"} and head.head.pos_ in {"VERB", "AUX"})
    if not main or token.left_edge.i <= head.i:
        return False
    own_words = any(c.dep_ in _SUBJECTS or (c.dep_ == "mark" and c.lower_ == "that") for c in token.children)
    return own_words


def _second_reported_clause(token: Token) -> bool:
    """ "X were killed and Y were evacuated, officials said": the parser may hang both facts on the speech verb as
    two reported clauses; the second, with its own subject, is a claim of its own."""
    if not any(c.dep_ in _SUBJECTS for c in token.children):
        return False
    siblings = [c for c in token.head.children if c.dep_ == "ccomp" and c.i < token.i]
    return any(s.right_edge.i < token.left_edge.i for s in siblings)


def _is_adverbial_clause(token: Token) -> bool:
    """ "..., while boats searched", "..., although X denied it": after its head, with its own subject."""
    head = token.head
    if head.pos_ not in {"VERB", "AUX", "ADJ"} or token.left_edge.i <= head.i:
        return False
    if not (head.dep_ == "ROOT" or (head.dep_ in {"ccomp", "conj"} and head.head.pos_ in {"VERB", "AUX"})):
        return False
    if sum(not t.is_punct for t in token.subtree) < _ADVERBIAL_MIN_WORDS:
        return False  # ", while he slept": too slight to stand as a claim of its own
    # The clause's first word, not its "mark" child: the parser may hang the subordinator on the subject noun.
    marked = token.left_edge.lower_ in _ADVERBIAL_MARKS
    if marked and token.left_edge.lower_ == "while" and token.left_edge.nbor(-1).text not in {",", ";", "—", "–"}:
        return False  # "… hunting trips while the contracts were handed out": a time, not a contrast
    return marked and any(c.dep_ in _SUBJECTS for c in token.children)


def _trim_joiners(text: str, start: int, end: int) -> int:
    """Drop a trailing ", and" / "; but" / spaces so that a clause ends on its own last word."""
    while end > start:
        stripped = text[start:end].rstrip()
        word = re.search(r"(\S+)$", stripped)
        if word and word.group(1).lower() in _JOINERS:
            end = start + word.start(1)
            continue
        if stripped and stripped[-1] in ",;—–":
            end = start + len(stripped) - 1
            continue
        return start + len(stripped)
    return end


def find_numbers(text: str) -> tuple[str, ...]:
    """Numbers and amounts as written: "1,200", "three", "£30 million", "40 minutes", "12%"."""
    found = []
    for match in _NUMBER.finditer(text):
        value = match.group().strip()
        if value.lower() in _NOT_NUMBERS or not value:
            continue
        found.append(value)
    return tuple(found)
