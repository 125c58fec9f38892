"""Framing and hedging in one article: loaded words, name-calling, exaggeration and epithets (with the entity they
aim at), hedges, and their rates per 1,000 words.

The words are data (`analyse/data/framing_lexicon.tsv`, `hedges.tsv`, `demonyms.tsv`); the code holds the context
rules that keep neutral senses out (a bloody nose, a training regime, a door slammed shut) and finds targets through
the dependency parse. A word inside quotation marks is the speaker's framing, not the outlet's: it carries
`quoted_from` = the speaker. See docs/framing.md for the lexicon, the rules, measured precision and known limits.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from spacy.tokens import Token

from storylens.analyse.entities import name_key, person_before
from storylens.analyse.parsed import ParsedArticle, Sentence
from storylens.records import FramingKind, FramingTerm, Hedge, Mention, Quote, Span

__all__ = ["find_framing", "find_hedges", "framing_rates", "quote_spans"]

_KINDS: frozenset[str] = frozenset({"loaded", "name_calling", "exaggeration", "epithet"})
# Modifiers that make a noun phrase generic rather than a stand-in for one person ("the other leader").
_GENERIC_MODIFIERS = frozenset({"same", "other", "only", "first", "next", "last", "such", "future", "possible"})
_SAY_VERBS = frozenset(
    "say tell add claim insist describe call write warn declare brand dub label accuse blast slam argue".split()
)
# Insults for a ruler are one description: "tyrant Assad" makes Assad "the dictator" too.
_RULER_INSULTS = frozenset({"dictator", "tyrant", "despot", "strongman", "autocrat", "warlord"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "advmod", "conj"})
_NAMING_VERBS = frozenset({"brand", "call", "dub", "label", "describe", "name"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_QUOTE_MARKS = re.compile(r"“[^”\n]{1,2000}”|\"[^\"\n]{1,2000}\"|(?<![\w’'])‘[^’\n]{1,400}’(?![\w’'])")


# ---- the lexicons (data files) -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Rule:
    heads: frozenset[str] = frozenset()
    not_with: frozenset[str] = frozenset()
    not_compound: bool = False
    verb: bool = False
    person: bool = False
    vbn_next: bool = False
    clause: bool = False
    refers: str | None = None


@dataclass(frozen=True, slots=True)
class _Entry:
    term: str
    kind: FramingKind | None  # None for a hedge
    rule: _Rule
    pattern: re.Pattern[str]

    @property
    def first_word(self) -> str:
        """The entry's first word without its wildcard, lower-cased: a text without it cannot match."""
        return self.term.split()[0].removesuffix("*").casefold().translate(_APOSTROPHES)


def _rows(name: str) -> list[list[str]]:
    text = files("storylens.analyse").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Words separated by any whitespace; "*" ends a word with any ending; text is matched apostrophe-normalised."""
    words = [re.escape(word.removesuffix("*")) + (r"[\w-]*" if word.endswith("*") else "") for word in phrase.split()]
    return re.compile(r"(?<![\w-])(?<!\w')" + r"\s+".join(words) + r"(?![\w-])", re.IGNORECASE)


def _parse_rule(text: str) -> _Rule:
    options: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        key, _, value = part.partition("=")
        options[key] = value
    words = {key: frozenset(options.get(key, "").split("|")) - {""} for key in ("heads", "not_with")}
    return _Rule(
        heads=words["heads"],
        not_with=words["not_with"],
        not_compound="not_compound" in options,
        verb="verb" in options,
        person="person" in options,
        vbn_next="vbn_next" in options,
        clause="clause" in options,
        refers=options.get("refers") or None,
    )


@cache
def framing_lexicon() -> tuple[_Entry, ...]:
    """Lexicon rows that are matched in text (epithet rows are head nouns, see `epithet_heads`)."""
    entries = []
    for term, kind, rule, *_ in ([*row, "", ""] for row in _rows("framing_lexicon.tsv")):
        if kind not in _KINDS:
            raise ValueError(f"framing_lexicon.tsv: unknown kind {kind!r} for {term!r}")
        if kind != "epithet":
            entries.append(_Entry(term, kind, _parse_rule(rule), _phrase_pattern(term)))  # type: ignore[arg-type]
    return tuple(entries)


@cache
def epithet_heads() -> dict[str, bool]:
    """Role nouns of epithets → whether one may stand for the person the text is about without other evidence
    (rule "salient": nobody writes "the dictator" or "the Chelsea ace" of someone unnamed, but an unnamed "leader"
    or "owner" is common)."""
    rows = ([*row, "", ""] for row in _rows("framing_lexicon.tsv"))
    return {term: "salient" in rule for term, kind, rule, *_ in rows if kind == "epithet"}


@cache
def hedge_lexicon() -> tuple[_Entry, ...]:
    return tuple(
        _Entry(phrase, None, _parse_rule(rule), _phrase_pattern(phrase))
        for phrase, rule, *_ in ([*row, ""] for row in _rows("hedges.tsv"))
    )


@cache
def nations() -> dict[str, str]:
    """Demonym, country and capital (lowercase) → the country: "russian", "kremlin", "russia" → "russia"."""
    table: dict[str, str] = {}
    for adjective, country, *rest in ([*row, ""] for row in _rows("demonyms.tsv")):
        for word in [adjective, country, *rest[0].split("|")]:
            if word:
                table[word] = country
    return table


@cache
def demonyms() -> frozenset[str]:
    """The adjectives of `nations` (lowercase): "russian", "north korean" — a word for a country's people."""
    return frozenset(row[0] for row in _rows("demonyms.tsv") if row[0])


# ---- matching over the text ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Hit:
    span: Span
    sentence: Sentence
    tokens: tuple[Token, ...]

    @property
    def head(self) -> Token:
        """The syntactic head of the matched words: the one whose head lies outside them."""
        inside = {t.i for t in self.tokens}
        return next((t for t in self.tokens if t.head.i not in inside or t.head.i == t.i), self.tokens[-1])


def _token_index(parsed: ParsedArticle) -> dict[int, tuple[Sentence, Token]]:
    return {
        sentence.char_span(token).start: (sentence, token) for sentence in parsed.sentences for token in sentence.tokens
    }


def _hits(parsed: ParsedArticle, entries: Iterable[_Entry]) -> Iterator[tuple[_Entry, _Hit]]:
    """Every match of every entry that starts on a token and stays inside one sentence; the longest match wins
    where matches overlap ("it is believed" over "believed to be" is two hedges only if they do not overlap)."""
    text = parsed.article.text.translate(_APOSTROPHES)  # same length: offsets hold
    folded = text.casefold()
    index = _token_index(parsed)
    found: list[tuple[_Entry, _Hit]] = []
    for entry in entries:
        if entry.first_word not in folded:
            continue  # a substring test is far cheaper than the regex scan it saves
        for match in entry.pattern.finditer(text):
            hit = _hit(index, match.start(), match.end())
            if hit is not None:
                found.append((entry, hit))
    found.sort(key=lambda item: (item[1].span.start, -item[1].span.end))
    taken_until = -1
    for entry, hit in found:
        if hit.span.start >= taken_until:
            taken_until = hit.span.end
            yield entry, hit


def _hit(index: dict[int, tuple[Sentence, Token]], start: int, end: int) -> _Hit | None:
    if start not in index:
        return None
    sentence, _ = index[start]
    tokens = tuple(t for t in sentence.tokens if start <= sentence.char_span(t).start < end)
    if not tokens or sentence.char_span(tokens[-1]).end < end:
        return None  # the phrase runs past its sentence
    return _Hit(Span(start, end), sentence, tokens)


def _lemma(token: Token) -> str:
    return token.lemma_.lower().translate(_APOSTROPHES)


# ---- hedges ------------------------------------------------------------------------------------------------------


def find_hedges(parsed: ParsedArticle) -> list[Hedge]:
    """Hedges and uncertainty markers ("reportedly", "it's understood", "may have fled"), in text order."""
    return [
        Hedge(hit.span, parsed.text(hit.span))
        for entry, hit in _hits(parsed, hedge_lexicon())
        if _hedge_rule_holds(entry.rule, hit)
    ]


def _hedge_rule_holds(rule: _Rule, hit: _Hit) -> bool:
    if rule.vbn_next:
        following = _next_token(hit.tokens[-1])
        return following is not None and following.tag_ == "VBN"
    if rule.clause:
        return _has_clause(hit.head)
    return True


def _next_token(token: Token) -> Token | None:
    return token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None


def _has_clause(token: Token) -> bool:
    """A reporting verb with something reported: "claimed (that) he fled", "claimed to be", not "claimed the title"."""
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    following = _next_token(token)
    if any(c.dep_ in {"ccomp", "xcomp"} for c in token.children) or (
        following is not None and following.lower_ == "that"
    ):
        return True
    # The small parser often hangs "suggested the rules might have..." as an object: a modal or finite verb soon
    # after the verb, before any punctuation, still marks a reported clause.
    for after in token.doc[token.i + 1 : token.i + 8]:
        if after.is_punct:
            return False
        if after.tag_ in {"MD", "VBD", "VBZ", "VBP"}:
            return True
    return False


# ---- quotes: whose words are they? -------------------------------------------------------------------------------


def quote_spans(text: str) -> list[Span]:
    """Spans inside quotation marks (“…”, "…", and ‘…’ where the marks are not apostrophes), marks excluded."""
    return [Span(m.start() + 1, m.end() - 1) for m in _QUOTE_MARKS.finditer(text)]


def _quoted_regions(parsed: ParsedArticle, quotes: Sequence[Quote]) -> list[tuple[Span, int | None]]:
    """The given quotes with their speakers, plus any other quotation marks (speaker found minimally here)."""
    regions: list[tuple[Span, int | None]] = [(q.span, q.speaker) for q in quotes]
    for span in quote_spans(parsed.article.text):
        if not any(_overlaps(span, given) for given, _ in regions):
            regions.append((span, _speaker_of(parsed, span)))
    return regions


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _speaker_of(parsed: ParsedArticle, quote: Span) -> int | None:
    """Minimal attribution: the subject of a say-verb outside the quote in its sentence (a pronoun resolved to the
    person before), else the only person named there outside the quote."""
    sentence = parsed.sentence_at(quote.start)
    outside = [t for t in sentence.tokens if not _inside(sentence.char_span(t), quote)]
    for verb in (t for t in outside if _lemma(t) in _SAY_VERBS and t.pos_ == "VERB"):
        for subject in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
            entity = _entity_of(parsed, sentence, subject)
            if entity is not None:
                return entity
    people = {m.entity for m in parsed.mentions_in(sentence.span) if m.label == "PERSON" and not _inside(m.span, quote)}
    return people.pop() if len(people) == 1 else None


def _inside(span: Span, region: Span) -> bool:
    return region.start <= span.start and span.end <= region.end


# ---- who is who: mentions, pronouns and descriptions of people ----------------------------------------------------


def _mention(parsed: ParsedArticle, sentence: Sentence, token: Token) -> Mention | None:
    return parsed.mention_at(sentence.char_span(token))


def _entity_of(parsed: ParsedArticle, sentence: Sentence, token: Token) -> int | None:
    """The entity a token names, or the person a personal pronoun stands for."""
    mention = _mention(parsed, sentence, token)
    if mention is not None:
        return mention.entity
    if token.lower_ in _PERSON_PRONOUNS:
        before = person_before(parsed, sentence.char_span(token).start)
        return before.entity if before is not None else None
    return None


def _person_of(parsed: ParsedArticle, sentence: Sentence, token: Token) -> int | None:
    mention = _mention(parsed, sentence, token)
    return mention.entity if mention is not None and mention.label == "PERSON" else None


def _key(token: Token) -> str:
    """A word as a descriptor: nationality words fold to their country ("Russian", "Kremlin" → "russia")."""
    word = token.lower_.translate(_APOSTROPHES)
    return nations().get(word) or nations().get(_lemma(token)) or _lemma(token)


@dataclass(slots=True)
class _People:
    """What the article says about each person: strong descriptors (title, apposition, predicate, possessive
    country, a name-calling word attached) and weak ones (words of sentences naming only that person)."""

    strong: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    weak: dict[int, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    seen: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))  # positions of name mentions


def _describe_people(parsed: ParsedArticle) -> _People:
    people = _People()
    for mention in (m for m in parsed.mentions if m.label == "PERSON"):
        people.seen[mention.entity].append(mention.span.start)
    for sentence in parsed.sentences:
        named = {m.entity for m in parsed.mentions_in(sentence.span) if m.label == "PERSON"}
        if len(named) == 1:
            people.weak[next(iter(named))].update(
                _key(t) for t in sentence.tokens if t.pos_ in {"NOUN", "PROPN", "ADJ"}
            )
        for token in sentence.tokens:
            person = _person_of(parsed, sentence, token)
            if person is not None and token.dep_ != "compound":  # the name's last word carries the parse
                people.strong[person].update(_descriptions(sentence, token))
    return people


def _descriptions(sentence: Sentence, name: Token) -> Iterator[str]:
    """ "Russian President Vladimir Putin", "Putin, the Russian president", "Putin is the Russian president",
    "Russia's Putin", "Putin's Russia"."""
    for child in name.children:
        if child.dep_ in {"compound", "amod", "poss", "nmod"} and child.ent_type_ != "PERSON":
            yield from (_key(t) for t in child.subtree if t.pos_ in {"NOUN", "PROPN", "ADJ"})
        if child.dep_ == "appos":
            yield from (_key(t) for t in child.subtree if t.pos_ in {"NOUN", "PROPN", "ADJ"})
    if name.dep_ == "appos" or (name.dep_ == "poss" and name.head.ent_type_ in {"GPE", "NORP"}):
        yield _key(name.head)
        yield from (_key(t) for t in name.head.children if t.dep_ in {"amod", "compound"})
    if name.dep_ in {"nsubj", "nsubjpass"}:
        for attr in (c for c in name.head.children if c.dep_ == "attr"):
            yield from (_key(t) for t in attr.subtree if t.pos_ in {"NOUN", "ADJ", "PROPN"})


def _describes_anyone(people: _People, key: str) -> bool:
    return any(key in people.strong[e] or key in people.weak[e] for e in people.seen)


def _resolve_person(
    parsed: ParsedArticle,
    people: _People,
    keys: set[str],
    head: str,
    position: int,
    exclude: set[int],
    compounds: frozenset[str] = frozenset(),
) -> int | None:
    """The person a description ("the Russian dictator", "the depot boss") stands for: the best match of its words
    against what the article says of each person; ties go to the most recently named. Only people named by the end
    of its sentence are candidates (a description looks back, or at the name beside it: "the former minister" is
    not the father named two lines later). Without any match, a pejorative head ("the tyrant") falls back to the
    person the text was last about."""
    horizon = parsed.sentence_at(position).span.end
    candidates = [e for e in people.seen if e not in exclude and any(p < horizon for p in people.seen[e])]
    scored = [(_score(people, e, keys, head, compounds), _recency(people, e, position), e) for e in candidates]
    best = max(scored, default=None)
    if best is not None and best[0] > 0:
        return best[2]
    if not epithet_heads().get(head, False):
        return None
    # The person the text is about: the latest named before, not named in this sentence (the epithet replaces
    # a name, it rarely sits beside it), and not described with another country.
    sentence = parsed.sentence_at(position).span
    here = {m.entity for m in parsed.mentions_in(sentence)}
    fitting = [item for item in scored if item[0] >= 0 and item[2] not in here and item[1] >= 0]
    return max(fitting, key=lambda item: item[1])[2] if fitting else None


def _score(people: _People, entity: int, keys: set[str], head: str, compounds: frozenset[str] = frozenset()) -> int:
    """Evidence that a description fits a person. The article's own description of them (title, apposition,
    "Putin's Russia") counts most, a country most of all; co-occurrence counts little, and for a country only the
    one the person is most often named with (Assad is named with Russia in a story about his flight to Moscow,
    but with Syria more)."""
    strong, weak = people.strong[entity], people.weak[entity]
    countries = set(nations().values())
    home = max((k for k in weak if k in countries), key=lambda k: weak[k], default=None)
    score = 0
    for key in keys:
        if key in strong:
            score += 5 if key in countries else 3
        elif key in countries:
            score += 2 if key == home else 0
        elif key != head:  # the role word itself co-occurs with everyone in a story about one role
            score += min(weak[key], 1)
    if head in _RULER_INSULTS and head not in strong and strong & _RULER_INSULTS:
        score += 1  # weaker than a country: "the Russian dictator" of a tyrant's story may be his Russian ally
    wanted = {k for k in keys if k in countries}
    described = {k for k in strong if k in countries}
    if wanted and described and not wanted & described:
        score -= 3  # "the Syrian leader" is not the man the article calls Russian
    if head in strong and any(k not in strong and k not in weak and _describes_anyone(people, k) for k in compounds):
        score -= 3  # "the depot chief" is not the woman the article calls fire chief, if someone else is "depot"
    return score


def _recency(people: _People, entity: int, position: int) -> int:
    before = [p for p in people.seen[entity] if p < position]
    return max(before) if before else -len(people.seen[entity])


# ---- framing terms -----------------------------------------------------------------------------------------------


def find_framing(parsed: ParsedArticle, quotes: Sequence[Quote] = ()) -> list[FramingTerm]:
    """Loaded words, name-calling, exaggeration and epithets, each with its target entity when one is found; a
    term inside quotation marks carries the quote's speaker as `quoted_from`."""
    people = _describe_people(parsed)
    lexical = [(entry, hit) for entry, hit in _hits(parsed, framing_lexicon()) if _framing_rule_holds(entry.rule, hit)]
    targets = [_not_itself(parsed, hit, _direct_target(parsed, entry, hit)) for entry, hit in lexical]
    for (_, hit), target in zip(lexical, targets, strict=True):
        if target is not None and target in people.seen:
            people.strong[target].add(_lemma(hit.head))  # "tyrant Assad" makes Assad "the tyrant" later
    found = [
        (entry.kind or "loaded", hit, target if target is not None else _described_target(parsed, people, hit))
        for (entry, hit), target in zip(lexical, targets, strict=True)
        if not (entry.rule.person and target is None)
    ]
    found += _epithets(parsed, people)
    terms = [FramingTerm(hit.span, parsed.text(hit.span), kind, target) for kind, hit, target in found]
    return attach_quotes(parsed, sorted(terms, key=lambda t: (t.span.start, t.span.end)), quotes)


def attach_quotes(parsed: ParsedArticle, terms: Sequence[FramingTerm], quotes: Sequence[Quote]) -> list[FramingTerm]:
    """Mark the terms that lie inside quotations as the speaker's framing, not the outlet's."""
    regions = _quoted_regions(parsed, quotes)
    return [_term(parsed, t.kind, t.span, t.target, regions) for t in terms]


def _term(
    parsed: ParsedArticle, kind: FramingKind, span: Span, target: int | None, regions: list[tuple[Span, int | None]]
) -> FramingTerm:
    inside = [who for region, who in regions if _inside(span, region)]
    return FramingTerm(span, parsed.text(span), kind, target, inside[0] if inside else None, quoted=bool(inside))


def _framing_rule_holds(rule: _Rule, hit: _Hit) -> bool:
    token = hit.head
    if rule.verb and token.pos_ not in {"VERB", "AUX"}:
        return False
    if rule.not_compound and token.dep_ == "compound" and token.head.pos_ in {"NOUN", "PROPN"}:
        return False
    neighbours = {_lemma(c) for t in hit.tokens for c in t.children}
    if token.dep_ in _MODIFIER_DEPS:
        neighbours.add(_lemma(token.head))  # "regime change", "slammed shut"
    following = _next_token(hit.tokens[-1])
    if following is not None:
        neighbours.add(_lemma(following))
    if rule.not_with & neighbours:
        return False
    return not rule.heads or _modified_noun(token) in rule.heads


def _modified_noun(token: Token) -> str:
    """The noun an adjective describes: "bloody civil war", "bloody and brutal war", "the war was bloody"."""
    while token.dep_ == "conj":
        token = token.head
    if token.dep_ in {"amod", "compound", "nmod"}:
        return _lemma(token.head)
    if token.dep_ == "acomp":
        subjects = [c for c in token.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        return _lemma(subjects[0]) if subjects else ""
    return _lemma(token)


def _direct_target(parsed: ParsedArticle, entry: _Entry, hit: _Hit) -> int | None:
    """The entity a term is syntactically attached to, without guessing from context."""
    if entry.rule.refers:
        return _nickname_target(parsed, entry.rule.refers)
    sentence, token = hit.sentence, hit.head
    person_noun = entry.kind == "name_calling" or _lemma(token) in epithet_heads()
    following = _next_token(hit.tokens[-1])
    if token.pos_ != "VERB" and following is not None:
        person = _person_of(parsed, sentence, following)
        if person is not None:
            return person  # "tyrant Assad", "his pal Orlov"
    if token.pos_ == "VERB":
        return _verb_target(parsed, sentence, token)
    while token.dep_ == "conj":
        token = token.head
    if token.dep_ in {"amod", "compound", "nmod"}:
        head = token.head
        named = _entity_of_named(parsed, sentence, head)
        return named if named is not None else _noun_target(parsed, sentence, head, _is_person_noun(head))
    if token.dep_ == "acomp":
        return next((_entity_of(parsed, sentence, c) for c in token.head.children if c.dep_ == "nsubj"), None)
    return _noun_target(parsed, sentence, token, person_noun)


def _is_person_noun(token: Token) -> bool:
    return _lemma(token) in epithet_heads() or any(
        e.kind == "name_calling" and e.pattern.fullmatch(token.lower_) for e in framing_lexicon()
    )


def _not_itself(parsed: ParsedArticle, hit: _Hit, target: int | None) -> int | None:
    """A word the entity stage swallowed into a name ("Furious Tory") does not aim at that name."""
    inside = {
        m.entity
        for m in parsed.mentions_in(Span(hit.sentence.span.start, hit.sentence.span.end))
        if _overlaps(m.span, hit.span)
    }
    return None if target in inside else target


def _entity_of_named(parsed: ParsedArticle, sentence: Sentence, token: Token) -> int | None:
    mention = _mention(parsed, sentence, token)
    return mention.entity if mention is not None else None


def _noun_target(parsed: ParsedArticle, sentence: Sentence, noun: Token, person_noun: bool) -> int | None:
    """ "Assad, the tyrant", "Orlov is a thug", "behaving like a thug", "branded Cole an idiot"; and for words about
    things, their owner: "the Assad regime", "his regime", "Syria's bloody war". A word for people is not aimed at
    its possessor ("Orlov's henchmen" are not Orlov)."""
    owners = {"appos"} if person_noun else {"appos", "poss", "compound", "nmod"}
    for child in noun.children:
        if child.dep_ in owners or (not person_noun and child.dep_ == "amod" and child.ent_type_ == "NORP"):
            entity = _entity_of(parsed, sentence, child)
            if entity is not None:
                return entity
    if noun.dep_ == "appos":
        return _entity_of_named(parsed, sentence, noun.head)
    if noun.dep_ == "attr" or (noun.dep_ == "pobj" and noun.head.lower_ in {"like", "as"}):
        verb = noun.head if noun.dep_ == "attr" else noun.head.head
        # "described the disorder as thuggery" is about the object; "behaving like a thug" about the subject
        role = "dobj" if any(c.dep_ == "dobj" for c in verb.children) else "nsubj"
        return next((_entity_of(parsed, sentence, c) for c in verb.children if c.dep_ == role), None)
    if noun.dep_ in {"dobj", "oprd"} and _lemma(noun.head) in _NAMING_VERBS:
        named = (c for c in noun.head.children if c.dep_ == "dobj" and c.i != noun.i)
        return next((e for c in named if (e := _entity_of(parsed, sentence, c)) is not None), None)
    return None


def _verb_target(parsed: ParsedArticle, sentence: Sentence, verb: Token) -> int | None:
    """Who was slammed: the object, or the subject of a passive ("Orlov was slammed")."""
    for child in verb.children:
        if child.dep_ in {"dobj", "nsubjpass"}:
            return _entity_of(parsed, sentence, child)
    return None


def _nickname_target(parsed: ParsedArticle, refers: str) -> int | None:
    wanted = name_key(refers)
    return next(
        (i for i, e in enumerate(parsed.entities) if e.label == "PERSON" and wanted in name_key(e.name).split()),
        None,
    )


def _described_target(parsed: ParsedArticle, people: _People, hit: _Hit) -> int | None:
    """A name-calling noun not attached to a name ("the shamed tyrant", "transport the tyrant"), or a word
    describing one ("shamed" in "the shamed tyrant"): the person the noun phrase stands for."""
    noun = hit.head
    if noun.dep_ in {"amod", "compound"}:
        noun = noun.head
    if _lemma(noun) not in epithet_heads() or noun.tag_ != "NN":
        return None  # plurals ("fat-cat bosses") stand for a group, not one person
    keys = {_key(m) for m in _modifiers(noun)} | {_lemma(noun)}
    return _resolve_person(
        parsed, people, keys, _lemma(noun), hit.span.start, _named_in_phrase(parsed, hit.sentence, noun)
    )


def _modifiers(noun: Token) -> list[Token]:
    return [c for c in noun.children if c.dep_ in {"amod", "compound", "nmod", "poss"} and c.i < noun.i]


def _named_in_phrase(parsed: ParsedArticle, sentence: Sentence, noun: Token) -> set[int]:
    return {e for t in noun.subtree if (e := _person_of(parsed, sentence, t)) is not None}


# ---- epithets ----------------------------------------------------------------------------------------------------


def _epithets(parsed: ParsedArticle, people: _People) -> list[tuple[FramingKind, _Hit, int | None]]:
    """Definite descriptions standing in for a named person: "the Russian dictator", "Syria's ousted leader",
    "the depot boss" — a role noun with a modifier, not attached to a name, matched to a person of the article."""
    found: list[tuple[FramingKind, _Hit, int | None]] = []
    for sentence in parsed.sentences:
        for noun in sentence.tokens:
            phrase = _epithet_phrase(parsed, sentence, noun)
            if phrase is None:
                continue
            keys = {_key(m) for m in _modifiers(noun)} | {_lemma(noun)}
            start = sentence.char_span(phrase[0]).start
            exclude = _named_in_phrase(parsed, sentence, noun)
            countries = set(nations().values())
            compounds = frozenset(k for m in _modifiers(noun) if (k := _key(m)) not in countries)
            target = _resolve_person(parsed, people, keys, _lemma(noun), start, exclude, compounds)
            if target is not None:
                span = Span(start, sentence.char_span(noun).end)
                found.append(("epithet", _Hit(span, sentence, phrase), target))
    return found


def _epithet_phrase(parsed: ParsedArticle, sentence: Sentence, noun: Token) -> tuple[Token, ...] | None:
    """The tokens of "the [modifiers] ROLE" when `noun` heads such a phrase, else None."""
    if noun.tag_ != "NN" or _lemma(noun) not in epithet_heads():
        return None
    modifiers = _modifiers(noun)
    definite = any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in noun.children)
    country = any(c.dep_ == "poss" and c.ent_type_ in {"GPE", "NORP", "ORG"} for c in noun.children)
    if not modifiers or not (definite or country) or _attached_to_name(parsed, sentence, noun):
        return None
    if any(_lemma(m) in _GENERIC_MODIFIERS for m in modifiers):
        return None
    first = min(t.i for c in noun.children if c.i < noun.i for t in c.subtree)
    return tuple(noun.doc[first : noun.i + 1])


def _attached_to_name(parsed: ParsedArticle, sentence: Sentence, noun: Token) -> bool:
    """A title or apposition of a name ("President Orlov", "Orlov, the Ruritanian president") is a description
    the article gives with the name, not an epithet in its place."""
    following = _next_token(noun)
    if following is not None and _person_of(parsed, sentence, following) is not None:
        return True
    if noun.dep_ in {"appos", "compound", "attr"}:
        return True  # "Orlov, the president"; "President Orlov"; "Orlov is the president"
    return any(c.dep_ == "appos" and _person_of(parsed, sentence, c) is not None for c in noun.children)


# ---- rates -------------------------------------------------------------------------------------------------------


def framing_rates(parsed: ParsedArticle, hedges: Sequence[Hedge], terms: Sequence[FramingTerm]) -> dict[str, float]:
    """Counts per 1,000 words. `loaded` is every framing term in the outlet's own voice (an epithet holding a
    name-calling word counted once); terms inside quotes count only under `quoted`."""
    marks = quote_spans(parsed.article.text)
    quoted = [t for t in terms if t.quoted_from is not None or any(_inside(t.span, m) for m in marks)]
    own = [t for t in terms if t not in quoted]
    kinds = Counter(t.kind for t in own)
    nested = sum(1 for t in own if t.kind == "epithet" and any(o is not t and _inside(o.span, t.span) for o in own))
    per_thousand = 1000 / max(parsed.article.word_count, 1)
    counts = {
        "loaded": len(own) - nested,
        "loaded_words": kinds["loaded"],
        "name_calling": kinds["name_calling"],
        "exaggeration": kinds["exaggeration"],
        "epithets": kinds["epithet"],
        "hedges": len(hedges),
        "quoted": len(quoted),
    }
    return {name: round(count * per_thousand, 2) for name, count in counts.items()}
