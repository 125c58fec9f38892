"""Who each claim of an article comes from: the cited sources, and the claims they back.

Cues, read off spaCy's parse one sentence at a time:
  - the subject of a speech verb ("said", "told", "claimed", "reported", "understands"): "police said",
    "The Northern Ledger understands", "He added that…";
  - "according to X";
  - an evidence verb ("shows", "indicates") whose subject is data or a tracker: "Data from … ShipSight shows";
  - a post: a speech verb with "on <platform>" or a "<platform> post" → a social_media source named
    "<holder> on <platform>";
  - a parenthesised agency in a dateline: "(AP)", "(Reuters)"; one that opens the article filed the whole story,
    so it backs every claim of the article (as a channel beside whoever the copy cites).
Who the cue names decides the kind: a person by the role words around any of their mentions (minister, spokesman,
police → official; analyst, economist → analyst; else other); an unnamed "source"/"insider"/"official", or
"people familiar with…" → anonymous (named by the phrase); a known agency or "… Press/News Agency" → news_agency;
a known tracker or "tracking"/"data from" → tracker; a newspaper, the article's own outlet or its short form
("the Ledger") → outlet; a government body → official. The word lists are data (`data/sources.tsv`).

A channel is not a source: in "Ms Roe told NBC News" or "in an interview with the Ledger" the person is the
source of the claim (`Claim.source`) and the outlet or agency she spoke to is recorded as a CitedSource of its own
kind, linked to the same statements, so that a report can say both who said it and through whom. A document "seen
by the Ledger" makes the outlet the source when nobody else is cited.

One source named several ways is one CitedSource: a person by entity, anything else by its name's key (an acronym
that entities linked to its full name, "AP" and "Associated Press" via the agency table, "the Ledger" and "The
Northern Ledger"). "The agency", "the company", "it", "he", "she", "they" as the subject of a speech verb are the
latest source that fits.

Carry-over: a sentence with no cue of its own inherits the previous sentence's source when it opens as a
continuation ("It was also understood…", "It is believed…", "He also…", "In addition,") or follows a lead-in that
ends with a colon in the same paragraph. A sentence inside a quotation belongs to the quote's speaker. Nothing else
carries: an uncued sentence after a cited one is the outlet's own voice, which news style makes the safer reading;
a paragraph of reported speech with no marker is the known miss.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib.resources import files

from spacy.tokens import Token

from storylens.analyse.claims import ClaimDraft, draft_claims
from storylens.analyse.entities import initials, name_key, person_before
from storylens.analyse.parsed import ParsedArticle, Sentence
from storylens.ingest.outlet import known_outlets
from storylens.records import CitedSource, Claim, Hedge, Mention, Quote, SourceKind, Span

__all__ = ["attribute"]

_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_BACK_NOUNS = {
    "agency": ("news_agency", "official"), "company": ("other",), "firm": ("other",), "ministry": ("official",),
    "council": ("official",), "department": ("official",), "paper": ("outlet",), "newspaper": ("outlet",),
    "broadcaster": ("outlet",), "site": ("tracker",), "tracker": ("tracker",), "website": ("tracker",),
    "service": ("official",), "group": ("other", "analyst"), "union": ("other",), "spokesman": ("official",),
    "spokeswoman": ("official",), "spokesperson": ("official",), "government": ("official",), "operator": ("other",),
    "office": ("official",), "authority": ("official",), "board": ("official",), "commission": ("official",),
    "inspectorate": ("official",), "trust": ("official",),
}  # fmt: skip
_CONTINUATION = re.compile(
    r"^(?:It (?:is|was|has been|had been) (?:also |further )?(?:understood|believed|thought|learned|learnt|said|"
    r"reported|claimed)|(?:He|She|They|It) (?:also|further)\b|In addition\b|Additionally\b|Furthermore\b|Moreover\b|"
    r"Also,)",
)
_DATELINE = re.compile(r"\(([A-Z][A-Za-z.\- ]{1,40})\)")
_POST_NOUNS = {"post", "video", "message", "tweet", "statement", "account", "channel", "page", "livestream"}
_DOCUMENTS = {"document", "report", "log", "letter", "memo", "email", "file", "record", "figure", "data", "paper"}
_CHANNEL_VERBS = {"see", "obtain", "review", "seen", "obtained", "reviewed"}
_SUBJECT_DEPS = {"nsubj", "csubj"}
# "the company said", "the statement added": nouns that refer back to an organisation named before.
BODY_NOUNS = frozenset("company firm statement operator group bank airline carrier lender".split())


# ---- the lexicon --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lexicon:
    words: dict[str, frozenset[str]]  # category → casefolded phrases
    cased: dict[str, frozenset[str]]  # category → phrases as written (names: "AP" is not "ap")

    def has(self, category: str, phrase: str) -> bool:
        return phrase.casefold() in self.words.get(category, frozenset())

    def find(self, category: str, text: str, cased: bool = False) -> str | None:
        """The longest phrase of `category` that occurs as whole words in `text`."""
        phrases = self.cased[category] if cased else self.words.get(category, frozenset())
        haystack = text if cased else text.casefold()
        hits = [match.group(1) for match in _phrase_pattern(phrases).finditer(haystack)]
        return max(hits, key=len) if hits else None


@cache
def _phrase_pattern(phrases: frozenset[str]) -> re.Pattern[str]:
    """Every phrase as whole words, matched at every position (a zero-width lookahead, so that overlapping phrases
    are all seen), the longest phrase starting there first: one scan instead of one search per phrase."""
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=lambda p: (-len(p), p))) or r"(?!)"
    return re.compile(rf"(?=(?<![\w-])({alternatives})(?![\w-]))")


@cache
def lexicon() -> Lexicon:
    table = files("storylens.analyse").joinpath("data/sources.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in table.splitlines() if line and not line.startswith(("#", "category\t"))]
    cased: dict[str, set[str]] = {}
    for category, phrase in rows:
        cased.setdefault(category, set()).add(phrase.strip())
    return Lexicon(
        {c: frozenset(p.casefold() for p in ps) for c, ps in cased.items()},
        {c: frozenset(ps) for c, ps in cased.items()},
    )


def role_kind(text: str) -> SourceKind | None:
    """official / analyst / other from the longest role phrase in a description, None when none is there."""
    lex = lexicon()
    hits = [(len(p), c) for c in ("official", "analyst", "other") if (p := lex.find(c, text))]
    if not hits:
        return None
    category = max(hits)[1]
    return "official" if category == "official" else "analyst" if category == "analyst" else "other"


# ---- sources as found, and the article's registry of them ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Found:
    """A source as one cue names it."""

    name: str
    kind: SourceKind
    span: Span
    entity: int | None = None
    person: bool = False


@dataclass(slots=True)
class _Draft:
    name: str
    kind: SourceKind
    spans: list[Span]
    entity: int | None
    person: bool
    statements: set[int] = field(default_factory=set)


@dataclass(slots=True)
class Registry:
    """Sources in order of first citation; one per entity or name key."""

    outlet: str | None
    drafts: list[_Draft] = field(default_factory=list)
    by_key: dict[str, int] = field(default_factory=dict)
    by_entity: dict[int, int] = field(default_factory=dict)

    def add(self, found: Found) -> int:
        key = self._key(found)
        index = self.by_key.get(key)
        if index is None and found.entity is not None and found.kind != "social_media":
            index = self.by_entity.get(found.entity)
        if index is None:
            index = self._by_initials(found.name)
        if index is None:
            self.drafts.append(_Draft(found.name, found.kind, [], found.entity, found.person))
            index = len(self.drafts) - 1
        draft = self.drafts[index]
        if found.span not in draft.spans:
            draft.spans.append(found.span)
        self.by_key[key] = index
        if found.entity is not None and found.kind != "social_media":
            self.by_entity.setdefault(found.entity, index)
        return index

    def _by_initials(self, name: str) -> int | None:
        """An acronym ("NPA") of a source already cited in full ("Nordvik Press Agency") is that source."""
        bare = name.strip().removeprefix("the ").strip()
        if not (2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper()):
            return None
        return next((i for i, d in enumerate(self.drafts) if initials(d.name) == bare), None)

    def _key(self, found: Found) -> str:
        if found.kind == "social_media":
            return f"social:{found.entity}:{name_key(found.name)}"
        if found.person and found.entity is not None:
            return f"entity:{found.entity}"
        return name_key(canonical_name(found.name, self.outlet))

    def cite(self, index: int, span: Span) -> int:
        """One more place where source `index` is cited ("the agency said")."""
        if span not in self.drafts[index].spans:
            self.drafts[index].spans.append(span)
        return index

    def latest(self, fits: Sequence[int]) -> int | None:
        """The most recently cited of the given source indices (not the most recently first cited: "They said"
        after a tracker cited again means the tracker, not a source first named in between)."""
        return max(fits, key=lambda index: (max(s.start for s in self.drafts[index].spans), index), default=None)

    def sources(self) -> list[CitedSource]:
        return [
            CitedSource(
                d.name, d.kind, tuple(sorted(d.spans, key=lambda s: s.start)), d.entity, tuple(sorted(d.statements))
            )
            for d in self.drafts
        ]


def canonical_name(name: str, outlet: str | None) -> str:
    """ "AP" → "Associated Press", "the Ledger" → the article's "Northern Ledger"; else the name itself."""
    bare = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE)
    if outlet and _is_own_outlet(bare, outlet):
        return outlet
    return known_outlets().by_name.get(bare.casefold(), known_outlets().by_name.get(name.casefold(), bare))


def _is_own_outlet(bare: str, outlet: str) -> bool:
    """The outlet's name or its last word(s) ("the Ledger" for "The Northern Ledger")."""
    own = name_key(outlet).removeprefix("the ").split()
    words = name_key(bare).split()
    return bool(words) and words == own[-len(words) :] and (len(words) > 1 or words[0] not in {"news", "times", "post"})


# ---- naming a source from a noun phrase ---------------------------------------------------------------------


@dataclass(slots=True)
class _Context:
    parsed: ParsedArticle
    registry: Registry
    roles: dict[int, SourceKind]  # person entity → kind from role words anywhere in the article


def _phrase_span(sentence: Sentence, head: Token, full: bool = False) -> Span:
    """The noun phrase of `head`; without relative clauses unless `full` (they hold "who asked not to be named")."""
    tokens = [t for t in head.subtree if abs(t.i - head.i) <= 25]
    if not full:
        cut = [t.left_edge.i for t in head.children if t.dep_ in {"relcl", "acl"} and t.i > head.i and t.tag_ != "VBG"]
        if cut:
            tokens = [t for t in tokens if t.i < min(cut)]
    tokens = [t for t in tokens if t.i >= head.left_edge.i]
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].dep_ in {"cc", "prep"}):
        tokens.pop()
    start = sentence.char_span(tokens[0]).start
    return Span(start, sentence.char_span(tokens[-1]).end)


def name_source(ctx: _Context, sentence: Sentence, head: Token) -> Found | None:
    """What a subject or "according to" object names, in order of how sure each reading is."""
    if head.lower_ in _PRONOUNS and head.pos_ == "PRON":
        return None  # pronouns are resolved against the registry by the caller
    span = _phrase_span(sentence, head)
    full = _phrase_span(sentence, head, full=True)
    text, full_text = ctx.parsed.text(span), ctx.parsed.text(full)
    mentions = list(ctx.parsed.mentions_in(full))
    people = [m for m in mentions if m.label == "PERSON"]
    head_span = sentence.char_span(head)
    readers = (_as_named_person, _as_anonymous, _as_known_body, _as_any_person, _as_spokesperson_of, _as_organisation,
               _as_role)  # fmt: skip
    for reader in readers:
        found = reader(ctx, head, head_span, span, text, full_text, mentions, people)
        if found is not None:
            return found
    return None


def _as_named_person(ctx: _Context, head: Token, head_span: Span, span: Span, text: str, full: str,
                     mentions: list[Mention], people: list[Mention]) -> Found | None:  # fmt: skip
    """The head is a name, or a role noun with the name in apposition ("Its chief executive, Lennart Ostergaard")."""
    chosen = [m for m in people if _names_head(ctx, head, head_span, m)]
    return _person(ctx, chosen[0], text) if chosen else None


def _names_head(ctx: _Context, head: Token, head_span: Span, mention: Mention) -> bool:
    """The mention is the phrase's head, or a name in apposition to it."""
    sentence = ctx.parsed.sentence_at(head_span.start)
    apposed = [sentence.char_span(c).start for c in head.children if c.dep_ == "appos"]
    return any(mention.span.start <= at < mention.span.end for at in [head_span.start, *apposed])


def _person(ctx: _Context, mention: Mention, description: str) -> Found:
    kind = role_kind(description) or ctx.roles.get(mention.entity) or "other"
    if kind == "other" and ctx.roles.get(mention.entity) in {"official", "analyst"}:
        kind = ctx.roles[mention.entity]
    name = ctx.parsed.entities[mention.entity].name
    return Found(name, kind, mention.span, mention.entity, person=True)


def _as_anonymous(ctx: _Context, head: Token, head_span: Span, span: Span, text: str, full: str,
                  mentions: list[Mention], people: list[Mention]) -> Found | None:  # fmt: skip
    lex = lexicon()
    lemma = head.lemma_.lower()
    cue = lex.find("anonymous_cue", full)
    strong = lex.has("anonymous", lemma) or lex.has("anonymous", head.lower_)
    weak = lex.has("anonymous_weak", lemma) or lex.has("anonymous_weak", head.lower_)
    if people or not (strong or (weak and cue) or (cue and head.pos_ == "NOUN")):
        return None
    return Found(text, "anonymous", span)


def _as_known_body(ctx: _Context, head: Token, head_span: Span, span: Span, text: str, full: str,
                   mentions: list[Mention], people: list[Mention]) -> Found | None:  # fmt: skip
    """Agencies, trackers, platforms and outlets, by name or by the words around the name."""
    lex = lexicon()
    orgs = [m for m in mentions if m.label in {"ORG", "PRODUCT", "FAC", "OTHER"}]
    names = [ctx.parsed.entities[m.entity].name for m in orgs]
    variants = [v for m in orgs for v in ctx.parsed.entities[m.entity].variants]
    entity = orgs[0].entity if orgs else None
    named: tuple[tuple[str, SourceKind], ...] = (
        ("agency", "news_agency"),
        ("tracker", "tracker"),
        ("platform", "social_media"),
    )
    for category, kind in named:
        known = lex.find(category, full, cased=True)
        if known:
            return Found(names[0] if orgs else known, kind, span, entity)
        if any(lex.has(category, v) for v in variants):
            return Found(names[0], kind, span, entity)
    if lex.find("agency_word", " ".join(names) or text):
        return Found(names[0] if names else text, "news_agency", span, entity)
    if lex.find("tracker_word", text) and role_kind(" ".join(names)) != "official":
        return Found(names[0] if names else text, "tracker", span, entity)
    outlet = _outlet_name(ctx, text, names)
    return Found(outlet, "outlet", span, entity) if outlet else None


@cache
def _outlet_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Each known outlet with a pattern for its name: "the Times" names "The Times" (the article may write "the" in
    lower case, the rest of the name it may not)."""
    return [
        (known, re.compile(rf"(?<![\w-]){re.escape(re.sub(r'^The ', '', known))}(?![\w-])"))
        for known in known_outlets().names
    ]


# "the Harbour Herald" is not "The Herald": a capitalised word before the match makes it another paper's name.
_NAME_WORD_BEFORE = re.compile(r"(?<![\w-])(?!The\b)[A-Z][\w-]*\s+$")
# "the National Prosecutor's Office" is not the paper "The National": the name goes on to an institution's.
_NAME_WORD_AFTER = re.compile(
    r"(?:\s+[A-Z][\w’'-]*){0,2}\s+(?:Office|Ministry|Council|Court|Guard|Service|Assembly|Bank|Party|Police|Army|"
    r"Front|Union|League|Committee|Authority|Hospital|Museum|Gallery|Park|Trust|Institute|University|Airport)\b"
)


def _outlet_name(ctx: _Context, text: str, names: list[str]) -> str | None:
    own = ctx.registry.outlet
    bare = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
    if own and _is_own_outlet(bare, own):
        return own
    for known, pattern in _outlet_patterns():
        found = pattern.search(text)
        if (
            found
            and not _NAME_WORD_BEFORE.search(text[: found.start()])
            and not _NAME_WORD_AFTER.match(text, found.end())
        ):
            return known_outlets().by_name.get(known.casefold(), known)
    lex = lexicon()
    for name in names:
        if name.split()[-1] in lex.cased["outlet_word"] and not role_kind(name):
            return name
    return None


def _as_any_person(ctx: _Context, head: Token, head_span: Span, span: Span, text: str, full: str,
                   mentions: list[Mention], people: list[Mention]) -> Found | None:  # fmt: skip
    """A person named anywhere in the phrase ("a spokesman for Ilse Marrow"), unless the name only qualifies a
    common noun ("a spokesman for the Korvan fire service": the tagger may call a place a person)."""
    sentence = ctx.parsed.sentence_at(head_span.start)
    named = [m for m in people if not _qualifies_a_noun(sentence, m)]
    return _person(ctx, named[0], text) if named else None


def _qualifies_a_noun(sentence: Sentence, mention: Mention) -> bool:
    last = next((t for t in sentence.tokens if sentence.char_span(t).end == mention.span.end), None)
    return last is not None and last.dep_ in {"compound", "nmod"} and last.head.pos_ == "NOUN"


def _as_spokesperson_of(ctx: _Context, head: Token, head_span: Span, span: Span, text: str, full: str,
                        mentions: list[Mention], people: list[Mention]) -> Found | None:  # fmt: skip
    """ "her spokesman", "Liesk's spokeswoman": someone who speaks for a named person gives that person's word (the
    description stays as written; the entity is the person)."""
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if head.lemma_.lower() not in SPEAKERS_FOR or owner is None:
        return None
    sentence = ctx.parsed.sentence_at(head_span.start)
    if owner.pos_ == "PRON":
        before = [m for m in ctx.parsed.mentions_in(Span(sentence.span.start, span.start)) if m.label == "PERSON"]
        person = before[0] if before else person_before(ctx.parsed, head_span.start)  # the first: the subject
    else:
        at = sentence.char_span(owner).start
        person = next((m for m in people if m.span.start <= at < m.span.end), None)
    if person is None:
        return None
    return Found(text, role_kind(text) or "official", span, person.entity)


def _a_spokesperson(description: str) -> bool:
    """ "a spokesman for the fire service", "the spokeswoman": one person, though unnamed."""
    return any(word in SPEAKERS_FOR for word in description.lower().split()[:3])


# Someone who speaks for a person or body: their word is that person's or body's.
SPEAKERS_FOR = frozenset("spokesman spokeswoman spokesperson representative aide".split())


def _as_organisation(ctx: _Context, head: Token, head_span: Span, span: Span, text: str, full: str,
                     mentions: list[Mention], people: list[Mention]) -> Found | None:  # fmt: skip
    bodies = [m for m in mentions if m.label in {"ORG", "GPE", "NORP", "FAC"}]
    if not bodies or head.pos_ not in {"PROPN", "NOUN"}:
        return None
    mention = bodies[0]
    name = ctx.parsed.entities[mention.entity].name
    state = mention.label in {"GPE", "NORP"} and mention.span.start <= head_span.start < mention.span.end
    kind: SourceKind = "official" if state else role_kind(f"{name} {text}") or "other"
    # "a spokesman for X" and "the X health trust" keep their own words; "the Foo Office" is the entity.
    covers = _names_head(ctx, head, head_span, mention)
    return Found(name if covers else text, kind, span, mention.entity if covers else None)


def _as_role(ctx: _Context, head: Token, head_span: Span, span: Span, text: str, full: str,
             mentions: list[Mention], people: list[Mention]) -> Found | None:  # fmt: skip
    """An unnamed body or role ("police", "the hospital trust", "a spokesperson") — only if the words say so."""
    kind = role_kind(text)
    if kind is None and (head.pos_ == "PROPN" or _acronym(head)):
        kind = "other"  # a name the entity model missed is still someone speaking
    if kind is None or head.pos_ not in {"NOUN", "PROPN"}:
        return None
    return Found(text, kind, span)


# ---- cues in one sentence -----------------------------------------------------------------------------------


@dataclass(slots=True)
class Cue:
    position: int  # article offset of the attributing word
    source: int  # registry index
    channels: list[int] = field(default_factory=list)
    scope: frozenset[int] = frozenset()  # sentence token indices of what the cue attributes


def sentence_cues(ctx: _Context, sentence: Sentence) -> list[Cue]:
    """The sentence's cues, outermost first: in "X told Y that …, insiders revealed" the insiders are the cited
    source and X's telling is what they revealed."""
    cues: list[Cue] = []
    channels: list[int] = []
    for token in sentence.tokens:
        cue = _speech_cue(ctx, sentence, token) or _according_cue(ctx, sentence, token)
        if cue is not None:
            cues.append(cue)
        channels.extend(_channel_sources(ctx, sentence, token))
    cues.extend(_dateline_cues(ctx, sentence))
    if channels and not cues:
        return [Cue(sentence.span.start, channels[0], channels[1:])]
    for cue in cues:
        cue.channels += [c for c in channels if c != cue.source and c not in cue.channels]
    return _outermost(sentence, cues)


def _outermost(sentence: Sentence, cues: list[Cue]) -> list[Cue]:
    """Each cue with the outermost cue whose scope holds it in its place (a nested cue's source said nothing to
    the outlet), at the nested cue's position so that it still marks the clause it stands in."""
    tokens = {sentence.char_span(t).start: t.i for t in sentence.tokens}
    result: list[Cue] = []
    for cue in cues:
        outer = cue
        for _ in range(len(cues)):
            holder = next((c for c in cues if c is not outer and tokens.get(outer.position) in c.scope), None)
            if holder is None:
                break
            outer = holder
        result.append(cue if outer is cue else replace(outer, position=cue.position))
    return result


def _speech_cue(ctx: _Context, sentence: Sentence, verb: Token) -> Cue | None:
    lex = lexicon()
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    speech = (lex.has("speech", verb.lemma_) or lex.has("self", verb.lemma_)) and not _directs(verb)
    evidence = lex.has("evidence", verb.lemma_)
    negated = any(c.dep_ == "neg" for c in verb.children)  # "did not predict", "would not say": nothing said
    if _as_claimed_inside(verb):
        return None
    subject = _subject(verb) if (speech or evidence) and not negated else None
    if subject is None:
        return None
    index = _source_of_subject(ctx, sentence, subject, evidence and not speech)
    platform = _platform_near(verb) if speech else None
    if platform is not None:
        index = _as_post(ctx, sentence, subject, platform, index)
    if index is None:
        return None
    scope = frozenset(t.i for c in verb.children if c.dep_ == "ccomp" for t in c.subtree)
    return Cue(sentence.char_span(verb).start, index, scope=scope)


def _as_claimed_inside(verb: Token) -> bool:
    """ "…, not from a storage tank as the company has claimed": an "as X said" inside what someone else reports
    names whose version is rejected, not the sentence's source ("The fire began at 4am, as police said" is one)."""
    marked = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    return verb.dep_ == "advcl" and marked and verb.head.dep_ != "ROOT"


def _directs(verb: Token) -> bool:
    """ "Holm told Norhydro to open the gates": a directive, a deed of the subject's that the outlet reports, not
    something the subject said (no "that" clause, someone told, and an infinitive saying what to do)."""
    told = any(c.dep_ in {"dobj", "dative"} for c in verb.children)
    infinitive = any(c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in verb.children)
    return told and infinitive and not any(c.dep_ == "ccomp" for c in verb.children)


def _subject(verb: Token) -> Token | None:
    """The verb's own subject, or the subject of the verb it is coordinated with ("He said X and added Y"); None
    for a passive ("… and the collapse is said to have angered him"): its subject is what is said, not who said it,
    and the subject of the clause before it said nothing."""
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return None
    for candidate in (verb, verb.head if verb.dep_ == "conj" else None):
        if candidate is None:
            continue
        subjects = [c for c in candidate.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            # "Border guards swooped at X, prosecutors said", parsed with two subjects: the speaker is the one
            # next to the verb, the other is the reported clause the parser cut short.
            return min(subjects, key=lambda s: abs(s.i - candidate.i))
    return None


def _source_of_subject(ctx: _Context, sentence: Sentence, subject: Token, evidence_only: bool) -> int | None:
    if subject.pos_ == "PRON":
        return _resolve_pronoun(ctx, sentence, subject)
    back = _back_reference(ctx, sentence, subject)
    if back is None:
        back = _acronym_of_cited(ctx, subject)
    if back is not None:
        return back
    found = name_source(ctx, sentence, subject)
    if found is None or (evidence_only and found.kind not in {"tracker", "news_agency", "outlet", "official"}):
        return None
    return ctx.registry.add(found)


def _resolve_pronoun(ctx: _Context, sentence: Sentence, pronoun: Token) -> int | None:
    """He/she → the latest person cited, named or a spokesperson (else the person named just before); it → the
    latest body; they → any."""
    drafts = ctx.registry.drafts
    word = pronoun.lower_
    if word in {"he", "she"}:
        cited = ctx.registry.latest([i for i, d in enumerate(drafts) if d.person or _a_spokesperson(d.name)])
        if cited is not None:
            return cited
        mention = person_before(ctx.parsed, sentence.char_span(pronoun).start)
        return ctx.registry.add(_person(ctx, mention, "")) if mention else None
    if word == "it":
        return ctx.registry.latest([i for i, d in enumerate(drafts) if not d.person and d.kind != "anonymous"])
    if word == "they":
        return ctx.registry.latest(list(range(len(drafts))))
    return None


def _back_reference(ctx: _Context, sentence: Sentence, subject: Token) -> int | None:
    """ "The agency said later" → the latest agency cited; "the company said" with no company cited yet → the
    company named last; None when the phrase is not "the/its <noun>". The phrase counts as a citation of it."""
    determiners = [c for c in subject.children if c.dep_ in {"det", "poss"}]
    if len(list(subject.subtree)) > 3 or not determiners or determiners[0].lower_ not in {"the", "its", "their"}:
        return None
    kinds = _BACK_NOUNS.get(subject.lemma_.lower())
    if kinds is None:
        return None
    noun = subject.lemma_.lower()
    drafts = ctx.registry.drafts
    named = [i for i, d in enumerate(drafts) if noun in d.name.lower() and not d.person]
    # Only nouns that name a kind of source may stand for one not named with that noun ("the agency" for NPA).
    loose = noun in {"agency", "paper", "newspaper", "broadcaster", "site", "website", "tracker", "company", "firm"}
    fitting = named or [i for i, d in enumerate(drafts) if loose and d.kind in kinds and not d.person]
    span = sentence.char_span(subject)
    found = ctx.registry.latest(fitting)
    if found is None and noun in BODY_NOUNS:
        found = _company_named_before(ctx, span)
    return ctx.registry.cite(found, span) if found is not None else None


def _company_named_before(ctx: _Context, span: Span) -> int | None:
    """The latest organisation named before `span` that is no public body (those say "the ministry")."""
    # Named before the sentence that says "the company said": an organisation inside it is what the claim is about.
    before = ctx.parsed.sentence_at(span.start).span.start
    bodies = [m for m in ctx.parsed.mentions_in(Span(0, before)) if m.label == "ORG"]
    companies = [m for m in bodies if role_kind(ctx.parsed.entities[m.entity].name) != "official"]
    cited = {draft.entity for draft in ctx.registry.drafts}
    company = next((m for m in reversed(companies) if m.entity in cited), companies[-1] if companies else None)
    if company is None:
        return None
    return ctx.registry.add(Found(ctx.parsed.entities[company.entity].name, "other", company.span, company.entity))


def _acronym_of_cited(ctx: _Context, subject: Token) -> int | None:
    """ "NPA reported" after "the Nordvik Press Agency said", when the entity linker did not see "NPA" as a name."""
    if not _acronym(subject):
        return None
    initials = ["".join(w[0] for w in d.name.split() if w[0].isupper()) for d in ctx.registry.drafts]
    return ctx.registry.latest(
        [i for i, d in enumerate(ctx.registry.drafts) if subject.text in (initials[i], *d.name.split())]
    )  # "NPA" after "the Nordvik Press Agency"; "ABS" after "the national broadcaster ABS"


def _acronym(token: Token) -> bool:
    """An all-capital name ("NPA", "ABS"), which the tagger may take for a common noun."""
    return token.text.isupper() and len(token.text) >= 2 and token.pos_ in {"PROPN", "NOUN"}


def _as_post(ctx: _Context, sentence: Sentence, subject: Token, platform: Token, index: int | None) -> int:
    """ "wrote on Telegram", "in a Facebook post": the statement's source is the account on that platform."""
    if index is not None and ctx.registry.drafts[index].kind == "social_media":
        return index
    holder = ctx.registry.drafts[index] if index is not None else None
    name = holder.name if holder is not None else ctx.parsed.text(_phrase_span(sentence, subject))
    entity = holder.entity if holder is not None else None
    return ctx.registry.add(Found(f"{name} on {platform.text}", "social_media", sentence.char_span(platform), entity))


def _platform_near(verb: Token) -> Token | None:
    """A platform named as where the words appeared: "on X", "in a Facebook post", "a statement on Telegram"."""
    platforms = lexicon().cased["platform"]
    for token in verb.subtree:
        if token.text not in platforms or token.pos_ not in {"PROPN", "NOUN"}:
            continue
        if token.head.lower_ in {"on", "in", "via"} or token.head.lemma_ in _POST_NOUNS:
            return token
    return None


def _according_cue(ctx: _Context, sentence: Sentence, token: Token) -> Cue | None:
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
        to = token.doc[token.i + 1]
    target = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if target is None:
        return None
    own = {t.i for t in token.subtree}
    scope = frozenset(t.i for t in token.head.subtree if t.i not in own) if token.head.i != token.i else frozenset()
    back = _back_reference(ctx, sentence, target)
    if back is not None:  # "according to the agency", after the agency was named
        return Cue(sentence.char_span(token).start, back, scope=scope)
    found = name_source(ctx, sentence, target)
    if found is None:
        found = Found(ctx.parsed.text(_phrase_span(sentence, target)), "other", _phrase_span(sentence, target))
    found = _seen_by(ctx, sentence, target) or found
    unnamed = _unnamed_behind(ctx, sentence, target, found)
    if unnamed is not None:
        return Cue(sentence.char_span(token).start, ctx.registry.add(unnamed), [ctx.registry.add(found)], scope)
    return Cue(sentence.char_span(token).start, ctx.registry.add(found), scope=scope)


def _unnamed_behind(ctx: _Context, sentence: Sentence, target: Token, found: Found) -> Found | None:
    """ "according to insider information shared with Bloomberg News": unnamed sources, with the agency as
    their channel, as in "sources told Bloomberg News"."""
    lex = lexicon()
    modifiers = [t for t in target.lefts if t.dep_ in {"compound", "amod", "poss"}]
    if found.kind not in {"news_agency", "outlet"} or not any(lex.has("anonymous", t.lower_) for t in modifiers):
        return None
    start = sentence.char_span(target.left_edge).start
    span = Span(start, sentence.char_span(target).end)
    return Found(ctx.parsed.text(span), "anonymous", span)


def _seen_by(ctx: _Context, sentence: Sentence, target: Token) -> Found | None:
    """ "according to a log seen by the Ledger" keeps the log's owner; a bare "a document" gives way to the outlet."""
    if target.lemma_.lower() not in _DOCUMENTS:
        return None
    if any(m.label in {"ORG", "PERSON"} for m in ctx.parsed.mentions_in(_phrase_span(sentence, target))):
        return None
    for token in target.subtree:
        if token.lower_ in _CHANNEL_VERBS:
            agent = _agent_of(token)
            found = name_source(ctx, sentence, agent) if agent is not None else None
            if found is not None and found.kind == "outlet":
                return found
    return None


def _channel_sources(ctx: _Context, sentence: Sentence, token: Token) -> list[int]:
    """Outlets and agencies a statement went through: "told NBC News", "interview with the Ledger", "seen by"."""
    target: Token | None = None
    if token.lemma_ == "tell" and token.pos_ == "VERB":
        target = next((c for c in token.children if c.dep_ in {"dobj", "dative"}), None)
    elif token.lower_ == "interview":
        with_ = next((c for c in token.children if c.lower_ in {"with", "to"}), None)
        target = next((c for c in with_.children if c.dep_ == "pobj"), None) if with_ is not None else None
    elif token.lower_ in _CHANNEL_VERBS:
        target = _agent_of(token)
    if target is None or target.pos_ == "PRON":
        return []
    back = _back_reference(ctx, sentence, target)  # "two officials told the agency", after the agency was named
    if back is not None and ctx.registry.drafts[back].kind in {"outlet", "news_agency"}:
        return [back]
    found = name_source(ctx, sentence, target)
    if found is None or found.kind not in {"outlet", "news_agency"}:
        return []
    return [ctx.registry.add(found)]


def _agent_of(verb: Token) -> Token | None:
    by = next((c for c in verb.children if c.dep_ == "agent" or c.lower_ == "by"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def _dateline_cues(ctx: _Context, sentence: Sentence) -> list[Cue]:
    """ "LONDON (Reuters) —": the wire that filed the story, for the sentence it opens (and, by `_filed_by`, for
    every claim of the article)."""
    cues = []
    text = ctx.parsed.text(sentence.span)
    for match in _DATELINE.finditer(text):
        name = match.group(1)
        if lexicon().has("agency", name) or lexicon().find("agency_word", name):
            start = sentence.span.start + match.start(1)
            found = Found(name, "news_agency", Span(start, start + len(name)))
            cues.append(Cue(start, ctx.registry.add(found)))
    return cues


# ---- roles of the people in the article ---------------------------------------------------------------------


def person_roles(parsed: ParsedArticle) -> dict[int, SourceKind]:
    """Each person's kind from the role words next to any of their mentions ("Chief Fire Officer X", "X, analyst")."""
    roles: dict[int, SourceKind] = {}
    for mention in parsed.mentions:
        if mention.label != "PERSON" or mention.form == "pronoun":
            continue
        kind = role_kind(_description(parsed, mention))
        if kind is not None and (mention.entity not in roles or roles[mention.entity] == "other"):
            roles[mention.entity] = kind
    return roles


def _description(parsed: ParsedArticle, mention: Mention) -> str:
    """The mention's own phrase with titles and appositions; the phrase it renames when it is an apposition."""
    sentence = parsed.sentence_at(mention.span.start)
    inside = [t for t in sentence.tokens if mention.span.start <= sentence.char_span(t).start < mention.span.end]
    if not inside:
        return ""
    root = next((t for t in inside if t.head not in inside or t.head == t), inside[-1])
    anchor = root.head if root.dep_ == "appos" else root
    if anchor.dep_ == "compound":
        anchor = anchor.head
    return parsed.text(_phrase_span(sentence, anchor))


# ---- claims: who backs each one -----------------------------------------------------------------------------


def attribute(
    parsed: ParsedArticle, quotes: Sequence[Quote], hedges: Sequence[Hedge]
) -> tuple[list[CitedSource], list[Claim]]:
    """The article's cited sources and its check-worthy claims, each claim linked to the source that backs it."""
    ctx = _Context(parsed, Registry(parsed.article.outlet), person_roles(parsed))
    by_sentence: dict[int, list[ClaimDraft]] = {}
    for draft in draft_claims(parsed, quotes):
        by_sentence.setdefault(draft.sentence, []).append(draft)
    kept: list[tuple[ClaimDraft, int | None]] = []
    previous: int | None = None
    for sentence in parsed.sentences:
        cues = sentence_cues(ctx, sentence)
        carried = _carried(parsed, sentence, previous)
        backed: list[int] = []
        for draft in by_sentence.get(sentence.index, []):
            source, channels = _source_for(ctx, draft, cues, quotes, carried)
            if source is None and draft.colour:
                continue  # colour is kept only when someone is cited for it
            kept.append((draft, source))
            for index in ([source] if source is not None else []) + channels:
                ctx.registry.drafts[index].statements.add(len(kept) - 1)
            backed += [source] if source is not None else []
        previous = backed[-1] if backed else cues[0].source if cues else None
    wire = _filed_by(ctx)
    if wire is not None:  # the whole story is the wire's copy: it backs every claim, whoever the copy cites
        ctx.registry.drafts[wire].statements.update(range(len(kept)))
    claims = [_claim(parsed, draft, source) for draft, source in kept]
    return ctx.registry.sources(), _with_hedges(parsed, claims, hedges)


def _filed_by(ctx: _Context) -> int | None:
    """The agency of a dateline that opens the article ("MARLOW, Oct 2 (Reuters) -"), if any."""
    opening = ctx.parsed.sentences[:1]
    cues = [cue for sentence in opening for cue in _dateline_cues(ctx, sentence)]
    return cues[0].source if cues else None


def _carried(parsed: ParsedArticle, sentence: Sentence, previous: int | None) -> int | None:
    """The previous sentence's source, when this one reads as its continuation (see the module's docstring)."""
    if previous is None or sentence.index == 0:
        return None
    text = parsed.text(sentence.span)
    before = parsed.sentences[sentence.index - 1]
    lead_in = before.offset == sentence.offset and parsed.text(before.span).rstrip().endswith(":")
    return previous if lead_in or _CONTINUATION.match(text) else None


def _source_for(ctx: _Context, draft: ClaimDraft, cues: list[Cue], quotes: Sequence[Quote],
                carried: int | None) -> tuple[int | None, list[int]]:  # fmt: skip
    """A cue inside the clause, else the quote it quotes, else the sentence's cue, else a carried source. A cue
    inside a quotation is part of what the speaker said ("He said: “Police told us …”")."""
    spoken = [q.span for q in quotes if q.speaker is not None]
    cues = [c for c in cues if not any(q.start <= c.position < q.end for q in spoken)]
    inside = [c for c in cues if draft.span.start <= c.position < draft.span.end]
    if inside:
        return inside[0].source, inside[0].channels
    speaker = _quoted_speaker(ctx, draft, quotes)
    if speaker is not None:
        return speaker, []
    if cues:
        return cues[0].source, cues[0].channels
    return carried, []


def _quoted_speaker(ctx: _Context, draft: ClaimDraft, quotes: Sequence[Quote]) -> int | None:
    for quote in quotes:
        overlaps = quote.span.start < draft.span.end and draft.span.start < quote.span.end
        if not overlaps or quote.speaker is None or not 0 <= quote.speaker < len(ctx.parsed.entities):
            continue
        entity = ctx.parsed.entities[quote.speaker]
        span = quote.speaker_span or quote.span
        kind = ctx.roles.get(quote.speaker, "other")
        return ctx.registry.add(Found(entity.name, kind, span, quote.speaker, person=entity.label == "PERSON"))
    return None


def _claim(parsed: ParsedArticle, draft: ClaimDraft, source: int | None) -> Claim:
    return Claim(draft.span, parsed.text(draft.span), draft.sentence, source, (), draft.numbers)


def _with_hedges(parsed: ParsedArticle, claims: list[Claim], hedges: Sequence[Hedge]) -> list[Claim]:
    """Each hedge to the claim holding it; one in the joining words between clauses to the clause after it."""
    found: dict[int, list[int]] = {}
    for index, hedge in enumerate(hedges):
        same = [i for i, c in enumerate(claims) if c.sentence == parsed.sentence_at(hedge.span.start).index]
        holder = [i for i in same if claims[i].span.start <= hedge.span.start < claims[i].span.end]
        after = [i for i in same if claims[i].span.start >= hedge.span.start]
        chosen = holder or after or same[-1:]
        if chosen:
            found.setdefault(chosen[0], []).append(index)
    return [replace(c, hedges=tuple(found.get(i, ()))) for i, c in enumerate(claims)]
