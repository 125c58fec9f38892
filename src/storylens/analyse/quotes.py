"""Direct quotes and who said them.

Two passes over a parsed article:

1. **Marks** (`_scan_paragraph`): one left-to-right pass per paragraph over its quotation marks — straight "…",
   curly “…”, „…“, single ‘…’ / '…', guillemets «…» and »…«. A single mark only opens after a space, the start or
   punctuation and only closes before a space, punctuation or the end, so apostrophes (don’t, Assad’s, '90s) are
   left alone. Nested quotes stay inside their outer quote. A quote left open at the end of its paragraph while the
   next paragraph opens with a mark is the typographic multi-paragraph quote: we emit **one Quote per paragraph
   piece**, all with the same speaker (pieces without their own cue get it as "carried"), so every span stays inside
   one paragraph, as every other finding does.
2. **Speakers** (`_attribute`): the words around a quote up to the nearest sentence end or neighbouring quote are
   its frame. A cue verb there ("said", "told", "added" …) gives the speaker through the parse (its `nsubj`, or
   the subject of the verb it hangs from: "she said, adding: …"). A name is linked to its entity; he/she to the
   person before it (`person_before`); a common noun ("a spokesman") is kept as written with no entity. A full
   quote with no cue of its own takes the speaker of the quote just before it in the same or the previous paragraph.

The quote's span excludes its marks, the surrounding whitespace and a trailing comma (“We will rebuild,” she said
→ "We will rebuild"): the comma is the outlet's punctuation, not the speaker's.
Everything is linear in the paragraph length apart from spaCy itself; odd input (unbalanced or stray marks, an
article that is all quotes) gives fewer or looser quotes, never an error.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from storylens.analyse.attribution import BODY_NOUNS
from storylens.analyse.entities import name_key, person_before
from storylens.analyse.parsed import ParsedArticle
from storylens.records import Mention, Quote, Span, SpeakerFrom

# Verbs that attribute words to a speaker (lemmas). The last group mostly frames partial quotes: "called it “a
# disgrace”", "dismissed the report as “fantasy”".
CUE_VERBS = frozenset(
    "say tell add insist warn write claim explain confirm deny ask state note declare announce reply respond answer "
    "argue acknowledge admit recall continue urge stress suggest tweet post joke shout scream whisper plead vow "
    "promise predict conclude observe remark comment report testify complain concede caution assert maintain boast "
    "allege agree recount reflect emphasise emphasize reiterate retort quip mutter exclaim cry yell demand chant sing "
    "describe call dismiss label brand accuse criticise criticize praise hail".split()
)
# Opening mark → the marks that may close it.
_CLOSERS = {
    "“": "”", "”": "”", "„": "“”", "«": "»", "»": "«", "‘": "’", "‚": "’‘", '"': '"', "'": "'", "‹": "›", "›": "‹",
}  # fmt: skip
_MARKS = re.compile("[\"'“”„«»‘’‚‹›]")
_SINGLE = frozenset("'‘’‚‹›")
_OPEN_AFTER = frozenset('([{—–-/:;,"“”„«»‘’‚‹›')  # a mark right after these may open a quote
_DECADE = re.compile(r"[0-9]{2}s\b")  # '90s, ‘60s: an elided century, not a quote
_MAX_DEPTH = 4
_WINDOW = 40  # tokens of frame on either side of a quote; keeps every quote's work bounded
_SENTENCE_END = frozenset(".!?")
_PRONOUN_REACH = 4  # sentences back that a pronoun may point (person_before looks at 3)
_PERSONAL = frozenset({"he", "she", "him", "her"})
_GROUP = frozenset({"they", "it"})
_NOMINAL_PARTS = frozenset({"det", "amod", "nummod", "compound", "poss", "quantmod", "nmod", "prep", "pobj", "case"})


@dataclass(frozen=True, slots=True)
class _Piece:
    """One quote inside one paragraph: `inner` holds the words, `open_at`/`close_at` the marks (article offsets;
    `close_at` is the paragraph end when the quote runs on)."""

    paragraph: int
    inner: Span
    open_at: int
    close_at: int
    closed: bool
    ends_clause: bool  # the quoted words end with , ; — …: the sentence goes on ("…,” she said)
    continues: bool = False  # continues the previous paragraph's unclosed quote


@dataclass(frozen=True, slots=True)
class _Speaker:
    speaker: int | None
    span: Span | None
    source: SpeakerFrom
    cue: str | None


_NOBODY = _Speaker(None, None, "none", None)


def find_quotes(parsed: ParsedArticle) -> list[Quote]:
    """Every direct quote of the article, in text order, with its speaker where the text says who."""
    pieces = _pieces(parsed)
    context = _Context(parsed, pieces)
    speakers = context.speakers
    for index in range(len(pieces)):
        found = context.attribute(index)
        if found.source == "none" and context.is_partial(index):
            found = _same_sentence(context, speakers, index)
        elif found.source == "none":
            found = _carried(pieces, speakers, index)
        speakers.append(found)
    speakers = _fill_runs_backwards(pieces, speakers)
    return [
        _quote(parsed, p, found, context.is_partial(i))
        for i, (p, found) in enumerate(zip(pieces, speakers, strict=True))
    ]


def _quote(parsed: ParsedArticle, piece: _Piece, found: _Speaker, partial: bool) -> Quote:
    text = parsed.text(piece.inner)
    return Quote(piece.inner, text, found.speaker, found.span, found.source, found.cue, partial)


# ---- pass 1: quotation marks ------------------------------------------------------------------------------------


def _pieces(parsed: ParsedArticle) -> list[_Piece]:
    pieces: list[_Piece] = []
    texts = [parsed.doc_text(number) for number in range(len(parsed.docs))]
    for number, ((offset, _), text) in enumerate(zip(parsed.docs, texts, strict=True)):
        found = _scan_paragraph(text, offset, number)
        if found and _stray_single(found[-1], text, offset) and not _opens_with_mark(texts, number + 1):
            found.pop()  # an unclosed single mark is most likely an apostrophe
        if found and pieces and _runs_on(pieces[-1], found[0], text, offset):
            found[0] = replace(found[0], continues=True)
        pieces.extend(found)
    return pieces


def _runs_on(earlier: _Piece, piece: _Piece, text: str, offset: int) -> bool:
    """The previous paragraph ended inside a quote and this one opens with a mark: the same quote goes on."""
    at_start = piece.open_at - offset == len(text) - len(text.lstrip())
    return not earlier.closed and earlier.paragraph == piece.paragraph - 1 and at_start


def _stray_single(piece: _Piece, text: str, offset: int) -> bool:
    return not piece.closed and text[piece.open_at - offset] in _SINGLE


def _opens_with_mark(texts: list[str], number: int) -> bool:
    return number < len(texts) and texts[number].lstrip()[:1] in _CLOSERS


def _scan_paragraph(text: str, offset: int, paragraph: int) -> list[_Piece]:
    """Outermost quotes of one paragraph; a stack of open marks handles nesting in one pass."""
    pieces: list[_Piece] = []
    stack: list[tuple[int, str]] = []  # (position in text, opening mark)
    for match in _MARKS.finditer(text):
        at, mark = match.start(), match.group()
        before, after = text[at - 1 : at] or " ", text[at + 1 : at + 2] or " "
        if before.isalnum() and after.isalnum():
            continue  # inside a word: don’t, O'Neill
        level = _closing_level(stack, mark, before, after)
        if level == 0:
            pieces.extend(_piece(text, offset, paragraph, stack[0][0], at))
            stack.clear()
        elif level is not None:
            del stack[level:]
        elif _can_open(text, at, mark, before, after) and len(stack) < _MAX_DEPTH:
            stack.append((at, mark))
    if stack:
        pieces.extend(_piece(text, offset, paragraph, stack[0][0], None))
    return pieces


def _closing_level(stack: list[tuple[int, str]], mark: str, before: str, after: str) -> int | None:
    """The stack level this mark closes (0 = the outermost quote), or None if it closes nothing."""
    if before.isspace() and mark != '"':
        return None  # a closing mark leans on the word before it
    if mark in _SINGLE and after.isalnum():
        return None  # Assad’s, officers’s
    for level in range(len(stack) - 1, -1, -1):
        if mark in _CLOSERS[stack[level][1]]:
            return level
    return None


def _can_open(text: str, at: int, mark: str, before: str, after: str) -> bool:
    if mark not in _CLOSERS or after.isspace() or not (before.isspace() or before in _OPEN_AFTER):
        return False
    return not (mark in _SINGLE and _DECADE.match(text, at + 1))


def _piece(text: str, offset: int, paragraph: int, opened: int, closed: int | None) -> list[_Piece]:
    end = len(text) if closed is None else closed
    inner = text[opened + 1 : end]
    words = inner.strip()
    if not words:
        return []
    start = opened + 1 + inner.index(words)
    if text[opened] in _SINGLE and sum(ch.isalnum() for ch in words) < 2:
        return []  # rock 'n' roll: too short to be anyone's words
    ends_clause = words[-1] in ",;:—–-…"
    words = words.rstrip(",").rstrip()
    if not words:
        return []
    span = Span(offset + start, offset + start + len(words))
    return [_Piece(paragraph, span, offset + opened, offset + end, closed is not None, ends_clause)]


# ---- pass 2: speakers -------------------------------------------------------------------------------------------


class _Context:
    """What attribution needs to look up quickly: token starts per paragraph, mentions and quotes by position."""

    def __init__(self, parsed: ParsedArticle, pieces: list[_Piece]) -> None:
        self.parsed = parsed
        self.pieces = pieces
        self.token_starts = [[token.idx for token in doc] for _, doc in parsed.docs]
        self.mentions = sorted(parsed.mentions, key=lambda m: m.span.start)
        self.mention_starts = [m.span.start for m in self.mentions]
        self.quote_starts = [p.inner.start for p in pieces]
        self._partial: dict[int, bool] = {}
        self.speakers: list[_Speaker] = []  # filled in text order as quotes are attributed

    # -- frames: the tokens around a quote, up to a sentence end or the neighbouring quote --

    def before(self, index: int) -> list[Token]:
        piece = self.pieces[index]
        offset, doc = self.parsed.docs[piece.paragraph]
        stop = bisect_left(self.token_starts[piece.paragraph], piece.open_at - offset)
        floor = self._previous_close(index, offset)
        tokens: list[Token] = []
        for i in range(stop - 1, max(stop - _WINDOW, 0) - 1, -1):
            token = doc[i]
            if token.idx < floor or token.text in _SENTENCE_END:
                break
            tokens.append(token)
        return tokens[::-1]

    def after(self, index: int) -> list[Token]:
        piece = self.pieces[index]
        if not piece.closed:
            return []
        offset, doc = self.parsed.docs[piece.paragraph]
        start = bisect_right(self.token_starts[piece.paragraph], piece.close_at - offset)
        ceiling = self._next_open(index, offset)
        tokens: list[Token] = []
        for token in doc[start : start + _WINDOW]:
            if token.idx >= ceiling or token.text in _SENTENCE_END:
                break
            tokens.append(token)
        return tokens

    def _previous_close(self, index: int, offset: int) -> int:
        earlier = self.pieces[index - 1] if index else None
        same = earlier is not None and earlier.paragraph == self.pieces[index].paragraph
        return earlier.close_at + 1 - offset if earlier is not None and same else 0

    def _next_open(self, index: int, offset: int) -> int:
        later = self.pieces[index + 1] if index + 1 < len(self.pieces) else None
        same = later is not None and later.paragraph == self.pieces[index].paragraph
        return later.open_at - offset if later is not None and same else 1 << 60

    # -- partial or full --

    def is_partial(self, index: int) -> bool:
        if index not in self._partial:
            self._partial[index] = self._embedded(index)
        return self._partial[index]

    def _embedded(self, index: int) -> bool:
        """A fragment inside the outlet's own sentence, rather than a quote standing as the speaker's sentence."""
        piece = self.pieces[index]
        before = self.before(index)
        if piece.continues or not before:
            return False
        last = before[-1].text
        if last == ":":
            return False
        starts_upper = self.parsed.article.text[piece.inner.start : piece.inner.start + 1].isupper()
        if last == ",":
            return not (starts_upper or any(_is_cue(t) for t in before))
        return not (_is_cue(before[-1]) and starts_upper)

    # -- speakers --

    def attribute(self, index: int) -> _Speaker:
        for frame, inverted in self._frames(index):
            cue = _nearest_cue(frame, first=inverted)
            if cue is not None:
                found = self._from_cue(cue, frame if inverted else [], index)
                if found is not None:
                    return found
        return self._without_cue(index)

    def _frames(self, index: int) -> list[tuple[list[Token], bool]]:
        """Where to look for the cue, most likely first. `True` marks the frame after the quote."""
        before, after = self.before(index), self.after(index)
        after_frames = [(after, True)] if self._after_attributes(index, after) else []
        before_first = self.is_partial(index) or (before and before[-1].text in {":", ","})
        return [(before, False), *after_frames] if before_first else [*after_frames, (before, False)]

    def _after_attributes(self, index: int, after: list[Token]) -> bool:
        """Words after a quote attribute it when the sentence runs on (“…,” she said; “Why?” she asked) or
        they are a short attribution of their own (“Go.” Veld said.)."""
        if not after:
            return False
        words = [t for t in after if t.is_alpha]
        if self.pieces[index].ends_clause or (words and words[0].text[0].islower()):
            return True
        return len(after) <= 10 and any(_is_cue(t) for t in after[:4])

    def _from_cue(self, cue: Token, after: list[Token], index: int) -> _Speaker | None:
        subject = _subject(cue, after)
        if subject is None:
            return None
        return self._speaker_of(subject, cue.lemma_.lower(), index)

    def _speaker_of(self, subject: Token, cue: str | None, index: int) -> _Speaker:
        sentence_offset = self.parsed.docs[self.pieces[index].paragraph][0]
        word = subject.text.lower()
        if word in _PERSONAL or word in _GROUP:
            return self._pronoun(subject, sentence_offset, cue, index)
        mention = self._named(subject, sentence_offset)
        if mention is not None:
            return _Speaker(mention.entity, mention.span, "explicit", cue)
        if subject.pos_ == "PROPN":
            return self._by_name(subject, sentence_offset, cue)
        span = _nominal_span(subject, sentence_offset, self.pieces[index])
        body = self._body_before(subject, self.pieces[index].open_at)
        if body is not None:
            return _Speaker(body, span, "explicit", cue)  # "the airline": named by description, resolved
        return _Speaker(None, span, "explicit", cue)

    def _body_before(self, subject: Token, position: int) -> int | None:
        """ "the company said", "the statement said": the organisation quoted or named last before the quote."""
        definite = any(c.lower_ in {"the", "its"} for c in subject.children)
        if subject.lemma_.lower() not in BODY_NOUNS or not definite:
            return None
        for earlier in reversed(self.speakers):
            if earlier.speaker is not None and self.parsed.entities[earlier.speaker].label == "ORG":
                return earlier.speaker
        named = [m for m in self.mentions[: bisect_left(self.mention_starts, position)] if m.label == "ORG"]
        return named[-1].entity if named else None

    def _named(self, subject: Token, offset: int) -> Mention | None:
        """The entity mention the subject names: its own words, or an apposition ("a spokesman, Tom Riley,")."""
        for token in (subject, *(c for c in subject.children if c.dep_ in {"compound", "appos", "flat"})):
            mention = self.mention_at(Span(offset + token.idx, offset + token.idx + len(token.text)))
            if mention is not None:
                return mention
        return None

    def _by_name(self, subject: Token, offset: int, cue: str | None) -> _Speaker:
        """A proper-noun subject spaCy did not tag ("Asante said"): the entity whose name holds it, if any."""
        words = [t for t in subject.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [subject]
        span = Span(offset + words[0].idx, offset + subject.idx + len(subject.text))
        key = set(name_key(" ".join(t.text for t in words)).split())
        people = sorted(range(len(self.parsed.entities)), key=lambda i: self.parsed.entities[i].label != "PERSON")
        for index in people:
            if key and key <= set(name_key(self.parsed.entities[index].name).split()):
                return _Speaker(index, span, "explicit", cue)
        return _Speaker(None, span, "explicit", cue)

    def _pronoun(self, pronoun: Token, offset: int, cue: str | None, index: int) -> _Speaker:
        span = Span(offset + pronoun.idx, offset + pronoun.idx + len(pronoun.text))
        position = min(span.start, self.pieces[index].open_at)
        if pronoun.text.lower() in _PERSONAL:
            person = self._person_outside_quotes(position)
        else:
            person = self._group_before(position)
        entity = person.entity if person else self.previous_speaker(index)
        return _Speaker(entity, span, "pronoun", cue)

    def _person_outside_quotes(self, position: int) -> Mention | None:
        """`person_before`, skipping people named inside quotes (“I told Marco,” she said is not Marco's) and
        preferring, in the sentence it picks, the person who speaks there."""
        for _ in range(4):
            person = person_before(self._near(position), position)
            if person is None or not self.inside_quote(person.span.start):
                return self._speaking_in_sentence(person, position) if person else None
            position = person.span.start
        return None

    def _near(self, position: int) -> ParsedArticle:
        """The few sentences `person_before` may look at, with only their mentions: it scans every mention of
        the article it is given, which would make an article full of "she said" quadratic."""
        last = self.parsed.sentence_at(position).index
        kept = self.parsed.sentences[max(last - _PRONOUN_REACH, 0) : last + 1]
        sentences = [replace(sentence, index=i) for i, sentence in enumerate(kept)]
        low = bisect_left(self.mention_starts, kept[0].span.start)
        high = bisect_right(self.mention_starts, kept[-1].span.end)
        return ParsedArticle(self.parsed.article, [], sentences, self.mentions[low:high], self.parsed.entities)

    def _speaking_in_sentence(self, person: Mention, position: int) -> Mention:
        """Of the people in one sentence, the subject of a cue verb or the one it is "according to": in "Whitfield
        told the jury that Voss had treated…" she, not Voss, is who a following "she said" means."""
        sentence = self.parsed.sentence_at(person.span.start)
        for token in sentence.tokens[:_WINDOW]:  # bounded: a run-on "sentence" may be a whole paragraph
            if _is_cue(token) or token.lower_ == "according":
                subject = _active_subject(token) if _is_cue(token) else _according_to([token])
                span = sentence.char_span(subject) if subject is not None else None
                mention = self.mention_at(span) if span is not None and span.end <= position else None
                if mention is not None and mention.label == "PERSON" and not self.inside_quote(mention.span.start):
                    return mention
        return person

    def previous_speaker(self, index: int) -> int | None:
        """The entity that spoke the quote before, in this or the previous paragraph: what a pronoun means when
        no person is named nearby (or the speaker was tagged as something else)."""
        if index == 0 or self.pieces[index].paragraph - self.pieces[index - 1].paragraph > 1:
            return None
        return self.speakers[index - 1].speaker if index - 1 < len(self.speakers) else None

    def _group_before(self, position: int) -> Mention | None:
        """ "They"/"it" stand for an organisation or group named in this or the previous sentence."""
        sentence = self.parsed.sentence_at(position)
        floor = self.parsed.sentences[max(sentence.index - 1, 0)].span.start
        stop = bisect_left(self.mention_starts, position)
        for mention in reversed(self.mentions[max(stop - 20, 0) : stop]):
            if mention.span.start < floor:
                break
            if mention.label in {"ORG", "NORP"} and not self.inside_quote(mention.span.start):
                return mention
        return None

    def _without_cue(self, index: int) -> _Speaker:
        """Attribution with no cue verb: "according to Ann Veld", or a name and a colon (Veld: “…”)."""
        before, after = self.before(index), self.after(index)
        for frame in (after, before):
            source = _according_to(frame)
            if source is not None:
                return replace(self._speaker_of(source, None, index), cue=None)
        if len(before) >= 2 and before[-1].text == ":" and before[-2].pos_ == "PROPN":
            return replace(self._speaker_of(before[-2], None, index), cue=None)
        return _NOBODY

    def same_sentence(self, first: int, second: int) -> bool:
        a, b = self.pieces[first], self.pieces[second]
        between = self.parsed.article.text[a.close_at + 1 : b.open_at]
        return a.paragraph == b.paragraph and not any(ch in _SENTENCE_END for ch in between)

    def mention_at(self, span: Span) -> Mention | None:
        i = bisect_right(self.mention_starts, span.start) - 1
        for mention in self.mentions[max(i - 2, 0) : i + 3]:
            if mention.span.start < span.end and span.start < mention.span.end:
                return mention
        return None

    def inside_quote(self, position: int) -> bool:
        i = bisect_right(self.quote_starts, position) - 1
        return i >= 0 and position < self.pieces[i].inner.end


def _is_cue(token: Token) -> bool:
    return token.lemma_.lower() in CUE_VERBS and token.pos_ in {"VERB", "AUX"}


def _nearest_cue(frame: list[Token], first: bool) -> Token | None:
    cues = [t for t in frame if _is_cue(t)]
    if not cues:
        return None
    return cues[0] if first else cues[-1]


def _subject(cue: Token, after: list[Token]) -> Token | None:
    """The cue's subject; failing that, the subject of the verb it hangs from ("she said, adding …"), or the
    name right after an inverted cue (“…,” said Ann Veld)."""
    verb = cue
    for _ in range(3):
        subject = _active_subject(verb)
        if subject is not None:
            return subject
        if verb.dep_ not in {"advcl", "conj", "xcomp", "pcomp"} or verb.head.i == verb.i:
            break
        verb = verb.head
    return _inverted_subject(cue, after)


def _active_subject(verb: Token) -> Token | None:
    """Who does the saying: the subject, or in the passive the agent ("described by officials as"); the
    subject of a passive is the one spoken to ("ministers were warned"), never the speaker."""
    for child in verb.children:
        if child.dep_ == "nsubj" and not child.is_punct:  # a quote mark parsed as subject: »,” said Keller
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _inverted_subject(cue: Token, after: list[Token]) -> Token | None:
    if not after or cue.i - after[0].i > 1:
        return None
    return next((t for t in cue.rights if t.pos_ in {"PROPN", "NOUN"} and t.dep_ not in {"pobj", "dobj"}), None)


def _according_to(frame: list[Token]) -> Token | None:
    for token in frame:
        if token.lower_ == "according" and token.i + 2 < len(token.doc) and token.nbor(1).lower_ == "to":
            return next((c for c in token.nbor(1).children if c.dep_ == "pobj"), None)
    return None


def _nominal_span(subject: Token, offset: int, piece: _Piece) -> Span:
    """ "A spokesman for the council", "one firefighter", "residents": the noun phrase up to a comma or clause,
    never into the quote."""
    doc: Doc = subject.doc
    left = subject
    while left.i > 0 and doc[left.i - 1].head.i == subject.i and doc[left.i - 1].dep_ in _NOMINAL_PARTS:
        left = doc[left.i - 1]
    right = subject
    for token in doc[subject.i + 1 : subject.right_edge.i + 1]:
        if token.text == "," or token.dep_ in {"relcl", "acl", "appos"} or not _under(token, subject):
            break
        right = token
    start, end = offset + left.idx, offset + right.idx + len(right.text)
    if start < piece.inner.end and piece.inner.start < end:
        start, end = offset + subject.idx, offset + subject.idx + len(subject.text)
    return Span(start, end)


def _under(token: Token, head: Token) -> bool:
    for _ in range(4):
        if token.i == head.i or token.head.i == head.i:
            return True
        token = token.head
    return False


# ---- speakers that run on ---------------------------------------------------------------------------------------


def _carried(pieces: list[_Piece], speakers: list[_Speaker], index: int) -> _Speaker:
    """A quote standing alone takes the speaker of the quote just before it, in this or the previous paragraph."""
    if index == 0 or pieces[index].paragraph - pieces[index - 1].paragraph > 1:
        return _NOBODY
    earlier = speakers[index - 1]
    if earlier.source == "none":
        return _NOBODY
    return _Speaker(earlier.speaker, earlier.span, "carried", None)


def _same_sentence(context: _Context, speakers: list[_Speaker], index: int) -> _Speaker:
    """A second fragment in one sentence shares the first one's attribution: Feld said the cuts were “overdue”
    and would “calm investors”."""
    if index == 0 or not context.is_partial(index - 1) or not context.same_sentence(index - 1, index):
        return _NOBODY
    return speakers[index - 1]


def _fill_runs_backwards(pieces: list[_Piece], speakers: list[_Speaker]) -> list[_Speaker]:
    """A quote over several paragraphs is often attributed only in its last piece: give the earlier pieces the
    same speaker."""
    filled = list(speakers)
    for index in range(len(pieces) - 2, -1, -1):
        later = filled[index + 1]
        if pieces[index + 1].continues and filled[index].source == "none" and later.source != "none":
            filled[index] = _Speaker(later.speaker, later.span, "carried", None)
    return filled
