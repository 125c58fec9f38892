"""Entity resolution across the articles of one story: every local entity of every article joins exactly one
story entity (`StoryEntity`), so "Bashar al-Assad", "Bashir al-Assad", "al-Assad" and "the ousted president"
become one person, while his father and brother stay themselves.

Rules, applied in this order over a union-find of (article, local entity) nodes; comparisons are blocked by name
tokens, so only names that share a surname prefix or suffix, an acronym or a key are ever compared:

1. Full names (two words or more, after `name_key`: case, accents, particles such as "al-", hyphens and a leading
   "the" ignored) that are equal merge, whatever spaCy's label (it often calls a person ORG or PRODUCT).
2. Full names that differ by one typo in one word ("Ryabkov"/"Ryabkob", "Bashar"/"Bashir") or by an initial
   ("S. Ryabkov") merge; a different first name ("Emma"/"Karl Lindqvist") keeps two people apart.
3. An acronym ("NPA", "UN") joins the one multi-word name whose initials it spells.
4. A trailing part of an organisation's name ("the Harbour Authority") joins the one organisation it ends; a
   place's or organisation's name without a middle word ("Kestrel Airport") joins the one longer name it fits.
5. One-word names: equal ones merge; then a surname joins the full name that bears it ("Assad" → the most
   mentioned al-Assad in the story; with several equally mentioned bearers it stays apart, since guessing would
   merge two people); else a last word joins the one organisation it ends ("Rovers"); else a one-typo match.
6. A name used only as the head of a nickname that framing resolved ("mad Vlad" → Putin) joins that person.

Nationalities and groups (NORP) only ever merge with each other, by equal key, or with a place spelt exactly
like them (the tagger's "Dorrab" NORP is the town "Dorrab": a demonym is never spelt like its place).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from storylens.analyse.entities import ORG_WORDS, OUTLET_WORDS, initials, name_key, one_typo_apart, same_romanised
from storylens.records import ArticleAnalysis, EntityLabel, StoryEntity

__all__ = ["entity_lookup", "resolve_entities"]

# Letters NFKD does not decompose: without these "Østergaard" never meets "Ostergaard".
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})
_PLACES: frozenset[EntityLabel] = frozenset({"GPE", "LOC", "FAC"})
_WIRE_WORDS = frozenset({"news", "press"})


@dataclass(slots=True)
class _Node:
    """One local entity: where it is, what it is called, how often."""

    article: int
    local: int
    label: EntityLabel
    name: str
    key: tuple[str, ...]
    forms: list[str]  # surface forms in order of appearance
    mentions: int
    position: int


def resolve_entities(analyses: Sequence[ArticleAnalysis]) -> list[StoryEntity]:
    """One StoryEntity per person, organisation or place of the story, in order of first appearance."""
    nodes = [node for index, analysis in enumerate(analyses) for node in _nodes(index, analysis)]
    sets = _UnionFind(len(nodes))
    full = [i for i, n in enumerate(nodes) if len(n.key) >= 2]
    single = [i for i, n in enumerate(nodes) if len(n.key) == 1]
    _merge_equal_full_names(nodes, full, sets)
    _merge_typo_full_names(nodes, full, sets)
    _merge_acronyms(nodes, single, sets)
    _merge_org_tails(nodes, full, sets)
    _merge_inner_words(nodes, full, sets)
    _merge_single_words(nodes, single, sets)
    _merge_nicknames(analyses, nodes, sets)
    groups = _groups(nodes, sets)
    return [_story_entity(analyses, [nodes[i] for i in group]) for group in groups]


def entity_lookup(entities: Sequence[StoryEntity]) -> dict[tuple[int, int], int]:
    """(article index, local entity index) → index of the story entity it belongs to."""
    return {member: index for index, entity in enumerate(entities) for member in entity.members}


# ---- nodes ------------------------------------------------------------------------------------------------------


def story_key(text: str) -> tuple[str, ...]:
    """`name_key` words, with a leading "the" dropped, Nordic/Polish letters folded ("the Ø" ~ "o") and the kind
    word of an organisation's name in its short form ("Brannick Laboratories" ~ "Brannick Labs")."""
    words = name_key(text.casefold().translate(_FOLD)).split()
    words = words[1:] if len(words) > 1 and words[0] == "the" else words
    return tuple(words[:1] + [_SHORT_KIND.get(word, word) for word in words[1:]])


# Kind words outlets shorten in a firm's name: its first word is its name, so it is left as it is.
_SHORT_KIND = {
    "laboratories": "labs", "laboratory": "lab", "corporation": "corp", "incorporated": "inc", "limited": "ltd",
    "international": "intl", "company": "co", "brothers": "bros", "manufacturing": "mfg", "associates": "assoc",
}  # fmt: skip


def _nodes(article: int, analysis: ArticleAnalysis) -> list[_Node]:
    forms: dict[int, list[str]] = defaultdict(list)
    counts: Counter[int] = Counter()
    first: dict[int, int] = {}
    for mention in sorted(analysis.mentions, key=lambda m: m.span.start):
        if mention.form in {"pronoun", "epithet"}:
            continue  # "he" and "the dictator" say nothing about the name
        forms[mention.entity].append(mention.text)
        counts[mention.entity] += 1
        first.setdefault(mention.entity, mention.span.start)
    nodes = []
    for local, entity in enumerate(analysis.entities):
        surface = _unique([*forms[local], *entity.variants, entity.name])
        position = first.get(local, len(analysis.article.text) + local)
        key = story_key(entity.name) or story_key(surface[0])
        nodes.append(_Node(article, local, entity.label, entity.name, key, surface, counts[local] or 1, position))
    return nodes


# ---- the rules --------------------------------------------------------------------------------------------------


def _merge_equal_full_names(nodes: list[_Node], full: list[int], sets: _UnionFind) -> None:
    """Rule 1: equal multi-word keys, over every multi-word form a local entity was called by."""
    seen: dict[tuple[tuple[str, ...], bool], int] = {}
    for i in full:
        for form in nodes[i].forms:
            key = story_key(form)
            if len(key) >= 2:
                slot = (key, nodes[i].label == "NORP")
                sets.union(seen.setdefault(slot, i), i)


def _merge_typo_full_names(nodes: list[_Node], full: list[int], sets: _UnionFind) -> None:
    """Rule 2: pairs in a block (same start or end of the last word) whose words agree up to a typo or initial."""
    for block in _blocks(full, lambda i: _affixes(nodes[i].key[-1])):
        for x, i in enumerate(block):
            for j in block[x + 1 :]:
                if not sets.same(i, j) and _compatible(nodes[i], nodes[j]) and _same_full_name(nodes[i], nodes[j]):
                    sets.union(i, j)


def _merge_acronyms(nodes: list[_Node], single: list[int], sets: _UnionFind) -> None:
    """Rule 3: "NPA" → the one multi-word name (or the most mentioned) whose initials spell it."""
    by_initials: dict[str, set[int]] = defaultdict(set)
    for i, node in enumerate(nodes):
        for form in node.forms:
            if len(story_key(form)) >= 2 and node.label not in {"NORP", "PERSON"}:
                by_initials[initials(form)].add(i)
    for i in single:
        acronym = next((f for f in nodes[i].forms if f.isupper() and 2 <= len(f) <= 6), None)
        if acronym is not None:
            _join_best(nodes, sets, i, by_initials.get(acronym, set()))


def _merge_org_tails(nodes: list[_Node], full: list[int], sets: _UnionFind) -> None:
    """Rule 4: "Harbour Authority" → the one longer organisation name it ends ("Marlow Harbour Authority")."""
    by_tail: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for i in full:
        if _org_like(nodes[i]):
            for cut in range(1, len(nodes[i].key) - 1):
                by_tail[nodes[i].key[cut:]].add(i)
    for i in full:
        candidates = {j for j in by_tail.get(nodes[i].key, set()) if nodes[j].label != "NORP"}
        if nodes[i].label not in _PLACES and nodes[i].label != "NORP":
            _join_unique(sets, i, candidates)


def _merge_inner_words(nodes: list[_Node], full: list[int], sets: _UnionFind) -> None:
    """Rule 4b: a place's or organisation's name without a middle word ("Kestrel airport") joins the one longer
    name with the same first and last words that holds all its words ("Kestrel International Airport")."""
    by_ends: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i in full:
        if len(nodes[i].key) >= 3 and nodes[i].label in _INNER_LABELS:
            by_ends[(nodes[i].key[0], nodes[i].key[-1])].add(i)
    for i in full:
        key = nodes[i].key
        candidates = {
            j
            for j in by_ends.get((key[0], key[-1]), set())
            if len(nodes[j].key) > len(key) and set(key) <= set(nodes[j].key)
        }
        if nodes[i].label in _INNER_LABELS:
            _join_unique(sets, i, candidates)


_INNER_LABELS = _PLACES | {"ORG"}


def _merge_single_words(nodes: list[_Node], single: list[int], sets: _UnionFind) -> None:
    """Rule 5: one-word names — equal ones together, then to a surname's bearer or an organisation's last word, then
    a person's lone first name ("his brother Andrei") to the one full name that begins with it."""
    by_key: dict[tuple[str, bool], list[int]] = defaultdict(list)
    for i in single:
        by_key[(nodes[i].key[0], nodes[i].label == "NORP")].append(i)
    for group in by_key.values():
        for i in group[1:]:
            sets.union(group[0], i)
    for (word, norp), group in by_key.items():
        # The same word tagged a place in one article and a people in another ("Dorrab" GPE, "Dorrab" NORP) is the
        # place: a demonym is never spelt like its place ("Syrian", "Syria").
        places = [i for i in by_key.get((word, False), []) if nodes[i].label in _PLACES]
        if norp and places:
            sets.union(places[0], group[0])
    surnames, tails = _surname_and_tail_index(nodes)
    first_names: dict[str, set[int]] = defaultdict(set)
    for i, node in enumerate(nodes):
        if len(node.key) >= 2 and node.label == "PERSON":
            first_names[node.key[0]].add(i)
    # "Velora" for "Velora Airways": a name followed by what kind of organisation it is; the tagger may call the
    # short form a person ("Velora bosses insisted"). A place ("Tarn" for "Tarn Council") stays the place.
    firms: dict[str, set[int]] = defaultdict(set)
    for i, node in enumerate(nodes):
        kind = node.key[1:]  # "Airways"; "News Agency": an agency's kind words may say what it sends out
        if node.label == "ORG" and kind and kind[-1] in ORG_WORDS - OUTLET_WORDS and set(kind[:-1]) <= _WIRE_WORDS:
            firms[node.key[0]].add(i)
    lonely: list[int] = []
    for (word, norp), group in by_key.items():
        if norp or any(len(story_key(f)) >= 2 for j in group for f in _members_forms(nodes, sets, j)):
            continue  # already part of a full name (through rule 3 or an analyse-stage link)
        near = surnames.get(word[:3], set()) | surnames.get(word[-3:], set())
        bearers = {j for j in near if one_typo_apart(word, nodes[j].key[-1])}
        if _join_best(nodes, sets, group[0], bearers) or _join_unique(sets, group[0], tails.get(word, set())):
            continue
        if nodes[group[0]].label == "PERSON" and _join_unique(sets, group[0], first_names.get(word, set())):
            continue
        if nodes[group[0]].label in {"ORG", "PERSON"} and _join_unique(sets, group[0], firms.get(word, set())):
            continue
        lonely.append(group[0])
    _merge_typo_single_words(nodes, lonely, sets)


def _merge_typo_single_words(nodes: list[_Node], lonely: list[int], sets: _UnionFind) -> None:
    """One-word names left alone that are one typo apart ("Ryabkob", "Ryabkov") and of the same kind — a typo and
    a label change together ("Russian" PERSON, "Russia" GPE) are more often two things."""
    for block in _blocks(lonely, lambda i: _affixes(nodes[i].key[0])):
        for x, i in enumerate(block):
            for j in block[x + 1 :]:
                if _same_kind(nodes[i], nodes[j]) and one_typo_apart(nodes[i].key[0], nodes[j].key[0]):
                    sets.union(i, j)


def _merge_nicknames(analyses: Sequence[ArticleAnalysis], nodes: list[_Node], sets: _UnionFind) -> None:
    """Rule 6: a name only ever used as the head of a nickname that framing resolved ("mad Vlad" → Putin) is that
    person, whatever label the tagger gave it ("Vlad" as a product). Places and groups ("the Syrian dictator")
    never end such a term, so they are left alone."""
    index = {(node.article, node.local): i for i, node in enumerate(nodes)}
    for article, analysis in enumerate(analyses):
        ends = {
            term.span.end: term.target
            for term in analysis.framing
            if term.kind in {"name_calling", "epithet"} and term.target is not None
        }
        for local, entity in enumerate(analysis.entities):
            mentions = [m for m in analysis.mentions if m.entity == local and m.form not in {"pronoun", "epithet"}]
            targets = {ends.get(m.span.end) for m in mentions}
            target = targets.pop() if len(targets) == 1 else None
            if entity.label in _NICKNAMED and target is not None and target != local and (article, target) in index:
                sets.union(index[(article, target)], index[(article, local)])


_NICKNAMED = frozenset({"PERSON", "PRODUCT", "ORG", "WORK_OF_ART"})


# ---- name comparisons -------------------------------------------------------------------------------------------


def _same_full_name(a: _Node, b: _Node) -> bool:
    """Same number of words; last words equal or one typo apart; earlier words equal, one typo apart or an
    initial of each other — with at most one typo in all (two typos make a different name too often). A short
    surname may differ by a typo only after the same first names ("Helena Vogt" ~ "Helena Voigt"), a short first
    name only before the same surname ("Ines Falk" ~ "Inez Falk"). A word spelt in another romanisation is no typo
    ("Oscar Delaney" ~ "Oskar Delany")."""
    if len(a.key) != len(b.key):
        return False
    typos = 0
    last = len(a.key) - 1
    same_first = a.key[:last] == b.key[:last] and last >= 1
    same_last = a.key[last] == b.key[last] and last >= 1
    for position, (x, y) in enumerate(zip(a.key, b.key, strict=True)):
        if x == y or same_romanised(x, y) or (position < last and x[:1] == y[:1] and min(len(x), len(y)) == 1):
            continue
        short_allowed = same_first if position == last else same_last  # "Ines Falk" ~ "Inez Falk"
        if not one_typo_apart(x, y, 4 if short_allowed else 5) and not (short_allowed and _undoubled(x, y)):
            return False
        typos += 1
    return typos <= 1


def _undoubled(a: str, b: str) -> bool:
    """One spelling drops a doubled letter of the other: "Gall" ~ "Gal" (too short for the typo rule)."""
    short, long = sorted((a, b), key=len)
    return len(long) == len(short) + 1 and any(
        long[i] == long[i + 1] and long[:i] + long[i + 1 :] == short for i in range(len(long) - 1)
    )


def _compatible(a: _Node, b: _Node) -> bool:
    """Labels that may name the same thing: anything but NORP with anything but NORP (spaCy mislabels)."""
    return (a.label == "NORP") == (b.label == "NORP")


def _same_kind(a: _Node, b: _Node) -> bool:
    return a.label == b.label or (a.label in _PLACES and b.label in _PLACES)


def _org_like(node: _Node) -> bool:
    return node.label == "ORG" or any(word in ORG_WORDS for word in node.key)


def _person_like(node: _Node) -> bool:
    return node.label not in _PLACES | {"NORP", "EVENT"} and not any(word in ORG_WORDS for word in node.key)


def _surname_and_tail_index(nodes: list[_Node]) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """Multi-word person names by the start and end of their surname; organisation names by their last word."""
    surnames: dict[str, set[int]] = defaultdict(set)
    tails: dict[str, set[int]] = defaultdict(set)
    for i, node in enumerate(nodes):
        if len(node.key) < 2:
            continue
        if _person_like(node) and len(node.key[-1]) >= 3:
            for affix in _affixes(node.key[-1]):
                surnames[affix].add(i)
        elif _org_like(node) and node.key[0] not in OUTLET_WORDS:
            tails[node.key[-1]].add(i)  # not "Radio Brennach" for "Brennach": a station is named after its town
    return surnames, tails


def _affixes(word: str) -> tuple[str, ...]:
    """Blocking keys: one typo cannot change both the first three and the last three letters of a long word, nor
    both the first two and the last two of a short one ("vogt" ~ "voigt")."""
    return word[:3], word[-3:], f"{word[:2]}-", f"-{word[-2:]}"


def _blocks(items: Iterable[int], keys: Callable[[int], Iterable[str]]) -> list[list[int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for i in items:
        for key in set(keys(i)):
            blocks[key].append(i)
    return [block for block in blocks.values() if len(block) > 1]


# ---- joining ----------------------------------------------------------------------------------------------------


def _join_best(nodes: list[_Node], sets: _UnionFind, i: int, candidates: set[int]) -> bool:
    """Join `i` to the candidates' story entity with the most mentions; none when the top is shared."""
    mentions: Counter[int] = Counter()
    for root in {sets.find(j) for j in candidates} - {sets.find(i)}:
        mentions[root] = sum(nodes[j].mentions for j in sets.members(root))
    ranked = mentions.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return False
    sets.union(ranked[0][0], i)
    return True


def _join_unique(sets: _UnionFind, i: int, candidates: set[int]) -> bool:
    roots = {sets.find(j) for j in candidates} - {sets.find(i)}
    if len(roots) != 1:
        return False
    sets.union(roots.pop(), i)
    return True


def _members_forms(nodes: list[_Node], sets: _UnionFind, i: int) -> list[str]:
    return [form for j in sets.members(sets.find(i)) for form in nodes[j].forms]


# ---- the story entities -----------------------------------------------------------------------------------------


def _groups(nodes: list[_Node], sets: _UnionFind) -> list[list[int]]:
    groups: dict[int, list[int]] = defaultdict(list)
    for i in sorted(range(len(nodes)), key=lambda i: (nodes[i].article, nodes[i].position)):
        groups[sets.find(i)].append(i)
    return list(groups.values())  # dicts keep insertion order: first appearance


def _story_entity(analyses: Sequence[ArticleAnalysis], members: list[_Node]) -> StoryEntity:
    name = canonical_name(members)
    variants = _unique([form for node in members for form in node.forms] + _epithets(analyses, members))
    return StoryEntity(name, _label(members, name), tuple(variants), tuple((n.article, n.local) for n in members))


def canonical_name(members: Sequence[_Node]) -> str:
    """The most common full form: most words, then used by most articles, then most mentions, then first seen —
    so the spelling most articles agree on beats a one-off misspelling of the same length."""
    articles: dict[tuple[str, ...], set[int]] = defaultdict(set)
    uses: Counter[tuple[str, ...]] = Counter()
    surfaces: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for node in members:
        for form in node.forms:
            key = story_key(form)
            articles[key].add(node.article)
            uses[key] += 1
            surfaces[key][_without_the(form)] += 1
    best = max(uses, key=lambda key: (len(key), len(articles[key]), uses[key]))  # max keeps the first of equals
    return surfaces[best].most_common(1)[0][0]


def _label(members: Sequence[_Node], name: str) -> EntityLabel:
    """The majority label over the articles' local entities; an organisation word in the name says ORG; PERSON
    wins ties over ORG and PRODUCT when the name looks like a person's."""
    votes = Counter(node.label for node in members)
    words = story_key(name)
    if any(word in ORG_WORDS for word in words):
        return "ORG"
    top = max(votes.values())
    tied = [label for label, count in votes.items() if count == top]
    if "PERSON" in tied and len(words) >= 1 and not any(word in ORG_WORDS for word in words):
        return "PERSON"
    return tied[0]


def _epithets(analyses: Sequence[ArticleAnalysis], members: Sequence[_Node]) -> list[str]:
    """Epithets that stand for a member ("the Russian dictator"): variants too, though no mention was made."""
    locals_by_article: dict[int, set[int]] = defaultdict(set)
    for node in members:
        locals_by_article[node.article].add(node.local)
    return [
        term.text
        for article, locals_ in locals_by_article.items()
        for term in analyses[article].framing
        if term.kind == "epithet" and term.target in locals_
    ]


def _without_the(form: str) -> str:
    return form[4:] if form[:4].casefold() == "the " and len(form.split()) > 2 else form


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


# ---- union-find -------------------------------------------------------------------------------------------------


class _UnionFind:
    def __init__(self, size: int) -> None:
        self._parent = list(range(size))
        self._members: dict[int, list[int]] = {i: [i] for i in range(size)}

    def find(self, i: int) -> int:
        while self._parent[i] != i:
            self._parent[i] = self._parent[self._parent[i]]  # path halving keeps finds near constant
            i = self._parent[i]
        return i

    def same(self, i: int, j: int) -> bool:
        return self.find(i) == self.find(j)

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a == b:
            return
        if len(self._members[a]) < len(self._members[b]):
            a, b = b, a
        self._parent[b] = a
        self._members[a] += self._members.pop(b)

    def members(self, root: int) -> list[int]:
        return self._members[self.find(root)]
