"""Entity mentions within one article: spaCy's names, cleaned (titles, possessives, line breaks), then linked —
a later "Ryabkov" or "Assad" to the full name it stands for, an acronym to the organisation it abbreviates.
Pronouns are resolved on demand (`person_before`) for quote speakers."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from storylens.analyse.parsed import ParsedArticle
from storylens.records import EntityLabel, LocalEntity, Mention, MentionForm, Span

_LABELS: dict[str, EntityLabel] = {
    "PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP", "FAC": "FAC", "EVENT": "EVENT",
    "PRODUCT": "PRODUCT",
}  # fmt: skip
# Honorifics and job titles that spaCy sometimes keeps inside a PERSON name; the name is what follows.
TITLES = frozenset(
    (
        "mr mrs ms miss dr prof sir dame lord lady president prime minister mayor chief superintendent "
        "inspector sergeant officer general gen colonel col captain capt major commander admiral senator "
        "governor judge spokesman spokeswoman secretary deputy king queen prince princess pope ayatollah "
        "sheikh rev father supt insp sgt det cmdr skipper"
    ).split()
)
# Role words that, right before a name, say it is a person's (spaCy small often tags such names ORG).
ROLES = TITLES | frozenset(
    (
        "boss chairman chairwoman director founder owner manager organiser organizer worker resident "
        "firefighter grandmother grandfather mother widow wife husband son daughter brother sister driver "
        "pilot engineer analyst commentator economist professor lawyer spokesperson envoy ambassador "
        "diplomat leader dictator tycoon billionaire actor singer coach striker player officer constable "
        "detective councillor mp master inspector superintendent commissioner boxer promoter referee midfielder "
        "defender goalkeeper trainer jockey cyclist athlete chef nurse doctor surgeon teacher pupil student farmer "
        "prosecutor attorney solicitor barrister minister official executive adviser advisor aide editor reporter"
    ).split()
)
# Words that name a paper or broadcaster: its first word is more often the place it serves than its short name.
OUTLET_WORDS = frozenset(
    "press media broadcasting courier gazette herald chronicle tribune radio tv television".split()
)
# Words that make a name an organisation's, whatever spaCy said ("Kestrel Shipping" is not a person). Words that are
# also surnames ("Post", "Bank", "Church") are left out, and so is "intl" (link's short form of "International"),
# which names airports as often as firms.
ORG_WORDS = OUTLET_WORDS | frozenset(
    (
        "agency authority union council party company group shipping mutual ministry police court university "
        "club united fc inc ltd corp plc association federation committee commission institute foundation services "
        "airlines airways energy holdings partners department army forces nations division league assembly "
        "parliament government hospital insurance motors rovers athletic bureau labs lab co bros mfg terminals "
        "chemicals fertilisers fertilizers pharmaceuticals pharmaceutical industries logistics technologies systems "
        "mining minerals metals railways aerospace propulsion engineering electronics aviation construction components"
    ).split()
)
_PARTICLES = re.compile(r"\b(al|el|ul|ad|as|an|bin|ibn|van|von|de|der|da|di|du|la|le)[- ]", re.IGNORECASE)
_CONNECTIVES = frozenset({"of", "the", "and", "for", "de", "&"})
# What the tagger may run into a name: an opening bracket it does not close, a sum after it.
_NOT_OF_THE_NAME = re.compile(r"\s*\([^)]*$|\s+\d[\d.,]*\s+(?:million|billion|thousand|m|bn)\b.*$")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_LEANING = re.compile(r"(?:pro|anti|non)-", re.IGNORECASE)


@dataclass(slots=True)
class _Entity:
    label: EntityLabel
    forms: Counter[str]
    tokens: set[str]  # name keys of the full name, for matching short forms
    last_seen: int

    @property
    def name(self) -> str:
        # The fullest form: most words, then most frequent.
        return max(self.forms, key=lambda form: (len(form.split()), self.forms[form]))


def find_entities(parsed: ParsedArticle) -> None:
    """Fill `parsed.mentions` and `parsed.entities`."""
    entities: list[_Entity] = []
    mentions: list[Mention] = []
    raw = sorted(_raw_mentions(parsed) + _titled_names(parsed), key=lambda m: m[0].start)
    for span, text, label in _drop_overlaps(raw):
        index, form = _link(entities, text, label, span.start)
        mentions.append(Mention(span, text, entities[index].label, index, form))
    mentions += _surname_sweep(parsed.article.text, mentions, entities)
    parsed.mentions = sorted(mentions, key=lambda m: m.span.start)
    parsed.entities = [LocalEntity(e.name, e.label, tuple(e.forms)) for e in entities]


def _titled_names(parsed: ParsedArticle) -> list[tuple[Span, str, EntityLabel]]:
    """Capitalised proper nouns right after a role word ("Fire Officer Annika Veldhuis"): a person spaCy missed."""
    found: list[tuple[Span, str, EntityLabel]] = []
    for offset, doc in parsed.docs:
        for token in doc:
            if token.lower_.rstrip(".") not in ROLES or token.i + 1 >= len(doc):
                continue
            start = end = token.i + 1
            while end < len(doc) and end - start < 8 and _name_token(doc, end):
                if doc[end].lower_.rstrip(".") in ROLES:
                    start = end + 1  # "Chief Fire Officer Annika Veldhuis": the name follows the last role word
                end += 1
            if end - start >= 1 and doc[end - 1].lower_ not in ORG_WORDS:  # "Brennick General Hospital"
                span = doc[start:end]
                found.append((Span(offset + span.start_char, offset + span.end_char), span.text, "PERSON"))
    return found


def _name_token(doc: Doc, i: int) -> bool:
    """A capitalised proper noun, or the hyphen inside a double-barrelled name ("Haldane-Voss")."""
    token = doc[i]
    if token.text == "-" and i > 0 and not doc[i - 1].whitespace_ and i + 1 < len(doc):
        return doc[i + 1].pos_ == "PROPN"
    return token.pos_ == "PROPN" and token.text[:1].isupper()


def _drop_overlaps(raw: list[tuple[Span, str, EntityLabel]]) -> list[tuple[Span, str, EntityLabel]]:
    """Where spaCy's name and a role-word name overlap, keep one: the PERSON reading when either says person."""
    kept: list[tuple[Span, str, EntityLabel]] = []
    for item in raw:
        if kept and item[0].start < kept[-1][0].end:
            if item[2] == "PERSON" and kept[-1][2] != "PERSON":
                kept[-1] = item
            continue
        kept.append(item)
    return kept


def _surname_sweep(text: str, mentions: list[Mention], entities: list[_Entity]) -> list[Mention]:
    """Later bare surnames of people already named in full, which the model did not tag."""
    taken = [(m.span.start, m.span.end) for m in mentions]
    found: list[Mention] = []
    for index, entity in enumerate(entities):
        if entity.label != "PERSON" or len(entity.tokens) < 2:
            continue
        surname = entity.name.split()[-1]
        if len(surname) < 4 or not surname[0].isupper():
            continue
        for match in re.finditer(rf"\b{re.escape(surname)}\b", text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            found.append(Mention(Span(match.start(), match.end()), surname, "PERSON", index, "short"))
            entity.forms[surname] += 1
    return found


def name_key(text: str) -> str:
    """Case, accents, punctuation and name particles ("al-", "van") ignored: "Bashar al-Assad" ~ "bashar assad"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _PARTICLES.sub(" ", text)
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _raw_mentions(parsed: ParsedArticle) -> list[tuple[Span, str, EntityLabel]]:
    found: list[tuple[Span, str, EntityLabel]] = []
    for offset, doc in parsed.docs:
        for ent in doc.ents:
            label = _LABELS.get(ent.label_)
            if label is None:
                continue
            if len(ent) == 1 and ent[0].is_sent_start and ent[0].pos_ == "ADJ" and label not in {"NORP", "GPE"}:
                continue  # "Toxic ammonia gas leaked": a capitalised first word, not a name
            if label != "PERSON" and _after_role_word(doc, ent.start):
                label = "PERSON"
            end = _extend_name(doc, ent.end) if label == "PERSON" else ent.end
            end_char = doc[end - 1].idx + len(doc[end - 1].text)
            start = _name_start(doc, ent.start, end) if len(ent) == 1 else ent.start  # "Sheriff Luis Ortega"
            cleaned = _clean(parsed.article.text, offset + doc[start].idx, offset + end_char, label)
            if cleaned is not None:
                organisation = label == "PERSON" and any(w in ORG_WORDS for w in name_key(cleaned[1]).split())
                found.append((cleaned[0], cleaned[1], "ORG" if organisation else label))
    return found


def _extend_name(doc: Doc, end: int) -> int:
    """spaCy sometimes stops a name early ("Dr Kwame" | "Asante"): take the proper nouns that follow."""
    while end < len(doc) and end - 1 >= 0 and doc[end - 1].whitespace_ and _name_token(doc, end):
        if doc[end].ent_type_ and doc[end].ent_type_ != "PERSON":
            break
        end += 1
    return end


def _name_start(doc: Doc, start: int, end: int) -> int:
    """spaCy sometimes starts a one-word name late ("Solvane" | "Fertilisers said"): take the untagged proper nouns
    before it that qualify a word of it (a full name keeps its start: "Sheriff" | "Luis Ortega")."""
    while start > 0 and _name_token(doc, start - 1) and not doc[start - 1].ent_type_ and doc[start - 1].whitespace_:
        before = doc[start - 1]
        if before.dep_ != "compound" or not start <= before.head.i < end or before.lower_.rstrip(".") in ROLES:
            break
        start -= 1
    return start


def _after_role_word(doc: Doc, start: int) -> bool:
    return start > 0 and doc[start - 1].lower_.rstrip(".") in ROLES and doc[start - 1].pos_ in {"NOUN", "PROPN"}


def _clean(text: str, start: int, end: int, label: EntityLabel) -> tuple[Span, str] | None:
    """Trim "the", possessives and (for people) leading titles; None when nothing name-like is left, or for an
    adjective made of a name ("pro-Kremlin", "anti-Nato": a commentator's leaning, not a mention of the body)."""
    surface = text[start:end]
    if _LEANING.match(surface):
        return None
    if label != "PERSON" and surface.lower().startswith("the "):
        start += 4
    if label == "PERSON":
        words = surface.split(" ")
        while len(words) > 1 and words[0].rstrip(".").lower() in ROLES:
            start += len(words[0]) + 1
            words = words[1:]
    cut = _NOT_OF_THE_NAME.search(text, start, end)  # "Civil Aviation Authority (CAA", "Korsak 2.4 million"
    if cut:
        end = cut.start()
    match = _POSSESSIVE.search(text[start:end])
    if match:
        end -= len(match.group())
    surface = text[start:end].strip()
    if not surface or not any(ch.isupper() for ch in surface):
        return None
    start = text.index(surface, start)
    return Span(start, start + len(surface)), surface


def _link(entities: list[_Entity], text: str, label: EntityLabel, position: int) -> tuple[int, MentionForm]:
    key = name_key(text)
    tokens = set(key.split())
    index = _match(entities, key, tokens, label, text)
    if index is None and len(tokens) == 1:
        index = _by_one_word(entities, key)  # "al-Assad" or a misspelt "Ryabkob", whatever spaCy tagged them
    form: MentionForm = "name"
    if index is None:
        entities.append(_Entity(label, Counter(), set(tokens), position))
        index = len(entities) - 1
    else:
        entity = entities[index]
        if len(tokens) < len(entity.tokens):
            form = "short"
        elif len(tokens) > len(entity.tokens):
            entity.tokens = set(tokens)  # a full name after its short form: the entity grows
    entities[index].forms[text] += 1
    entities[index].last_seen = position
    return index, form


def _match(entities: list[_Entity], key: str, tokens: set[str], label: EntityLabel, text: str) -> int | None:
    candidates = [
        i for i, e in enumerate(entities) if _same_kind(e.label, label) and _names_agree(e, key, tokens, text)
    ]
    if not candidates:
        return None
    # Several full names share this short form (Bashar, Hafez, Maher al-Assad): the most mentioned, then latest.
    return max(candidates, key=lambda i: (sum(entities[i].forms.values()), entities[i].last_seen))


def _by_one_word(entities: list[_Entity], key: str) -> int | None:
    """A one-word name that is a word of a longer name seen before: a person's surname (or one typo away from
    it), else the last word of an organisation ("the Ledger" for "the Northern Ledger")."""
    people = [
        i
        for i, e in enumerate(entities)
        if e.label == "PERSON" and len(e.tokens) > 1 and any(one_typo_apart(key, t) for t in e.tokens if len(t) >= 4)
    ]
    others = [
        i
        for i, e in enumerate(entities)
        if e.label != "PERSON" and len(e.tokens) > 1 and any(name_key(f).split()[-1:] == [key] for f in e.forms)
    ]
    found = people or others
    return max(found, key=lambda i: (sum(entities[i].forms.values()), entities[i].last_seen)) if found else None


def one_typo_apart(a: str, b: str, shortest: int = 5) -> bool:
    """Equal, or one substitution, insertion or deletion apart (for names of `shortest` letters or more), as
    written or once the endings of two romanisations are read as one ("Marnoff" ~ "Marnov", `_ROMANISED_ENDINGS`),
    or spelt alike in two romanisations (`same_romanised`)."""
    if same_romanised(a, b):
        return True
    return _one_edit(a, b, shortest) or _one_edit(_plain_ending(a), _plain_ending(b), shortest)


def _one_edit(a: str, b: str, shortest: int) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < shortest or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


# Endings one name takes in different romanisations: "Smirnoff" / "Smirnov", "Zelenskyy" / "Zelenskiy" / "Zelensky".
# Read as one before counting typos, so that a misspelling on top of them still counts as one.
_ROMANISED_ENDINGS = ((re.compile(r"off$"), "ov"), (re.compile(r"eff$"), "ev"), (re.compile(r"(?:yy|iy)$"), "y"))
# Letters too ("Oscar" / "Oskar", "Aleksandr" / "Alexandr", "Josephine" / "Josefine"), but only where the whole
# word then agrees: a typo on top of them would make "Telegraph" one typo from "Telegram".
_ROMANISED_LETTERS = ((re.compile(r"c(?=[aou])"), "k"), (re.compile(r"ks"), "x"), (re.compile(r"ph"), "f"))


def same_romanised(a: str, b: str) -> bool:
    """Two spellings of one name that differ only in how it was romanised ("Oskar" / "Oscar")."""
    return _romanised(a) == _romanised(b)


def _plain_ending(word: str) -> str:
    for ending, plain in _ROMANISED_ENDINGS:
        word = ending.sub(plain, word)
    return word


def _romanised(word: str) -> str:
    word = _plain_ending(word)
    for letters, plain in _ROMANISED_LETTERS:
        word = letters.sub(plain, word)
    return word


def _same_kind(a: EntityLabel, b: EntityLabel) -> bool:
    places = {"GPE", "LOC", "FAC"}
    return a == b or (a in places and b in places)


def _names_agree(entity: _Entity, key: str, tokens: set[str], text: str) -> bool:
    if not tokens:
        return False
    if tokens == entity.tokens or any(name_key(form) == key for form in entity.forms):
        return True
    if entity.label == "PERSON":
        # A short form is part of the full name; a full name must not contradict the short form it extends.
        return tokens <= entity.tokens or (entity.tokens <= tokens and len(entity.tokens) == 1)
    if text.isupper() and len(text) >= 2:
        return any(initials(form) == text for form in entity.forms)
    return False


def initials(name: str) -> str:
    """The acronym a name would have: "the Farrow Harbour Authority" → "FHA", "Orrin-Talbeck Logistics" → "OTL"."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.casefold() not in _CONNECTIVES]
    return "".join(w[0] for w in words).upper()


def person_before(parsed: ParsedArticle, position: int, max_sentences: int = 3) -> Mention | None:
    """The person a pronoun at `position` most likely stands for: the subject of the nearest earlier sentence
    that names a person, else that sentence's last person (no coreference model; spaCy small has none)."""
    sentence = parsed.sentence_at(position)
    for index in range(sentence.index, max(sentence.index - max_sentences, -1), -1):
        span = parsed.sentences[index].span
        people = [
            m
            for m in parsed.mentions_in(span)
            if m.label == "PERSON" and m.span.end <= position and m.form != "pronoun"
        ]
        if people:
            subjects = [m for m in people if _is_subject(parsed, m)]
            return (subjects or people)[-1] if index != sentence.index else people[-1]
    return None


def _is_subject(parsed: ParsedArticle, mention: Mention) -> bool:
    sentence = parsed.sentence_at(mention.span.start)
    return any(
        token.dep_ in {"nsubj", "nsubjpass"}
        and mention.span.start <= sentence.char_span(token).start < mention.span.end
        for token in sentence.tokens
    )
