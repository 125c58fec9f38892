"""Entity resolution across articles: one test per rule on hand-built analyses, and the gold-set gate (invented
mini-stories run through the analyse stage) with pinned pairwise merge precision and recall."""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from storylens import article_from_text
from storylens.analyse import analyse_many
from storylens.link.entities import entity_lookup, resolve_entities
from storylens.records import ArticleAnalysis, EntityLabel, FramingTerm, LocalEntity, Mention, Span, StoryEntity

pytestmark = pytest.mark.slow

GOLD = Path(__file__).parents[1] / "data" / "entity_merge_gold.jsonl"


# ---- hand-built analyses ------------------------------------------------------------------------------------------


def _analysis(
    article_id: str, entities: list[tuple[str, EntityLabel, list[str]]], epithets: Sequence[tuple[str, int]] = ()
) -> ArticleAnalysis:
    """An analysis whose text is the forms (and epithets) in order, one sentence each; each local entity is named
    by its first form and mentioned once per form."""
    pieces: list[tuple[str, int | None, str]] = [
        (form, i, "m") for i, (_, _, forms) in enumerate(entities) for form in forms
    ]
    pieces += [(text, target, "e") for text, target in epithets]
    text, mentions, framing = "", [], []
    for surface, index, kind in pieces:
        span = Span(len(text), len(text) + len(surface))
        text += surface + ". "
        if kind == "m" and index is not None:
            mentions.append(Mention(span, surface, entities[index][1], index))
        else:
            framing.append(FramingTerm(span, surface, "epithet", index))
    article = article_from_text(text, article_id)
    local = tuple(LocalEntity(forms[0], label, tuple(dict.fromkeys(forms))) for _, label, forms in entities)
    return ArticleAnalysis(article, (), tuple(mentions), local, framing=tuple(framing))


def _names(entities: list[StoryEntity]) -> list[tuple[str, ...]]:
    return [tuple(sorted(e.variants)) for e in entities]


def _together(entities: list[StoryEntity], *forms: str) -> bool:
    return any(all(form in e.variants for form in forms) for e in entities)


def test_a_misspelt_surname_and_accents_merge() -> None:
    story = resolve_entities(
        [
            _analysis("a", [("Sergei Ryabkov", "PERSON", ["Sergei Ryabkov"])]),
            _analysis("b", [("Sergei Ryabkob", "PERSON", ["Sergei Ryabkob"])]),
            _analysis("c", [("Ingrid Østergaard", "PERSON", ["Ingrid Østergaard"])]),
            _analysis("d", [("Ingrid Ostergard", "PERSON", ["Ingrid Ostergard"])]),
        ]
    )
    assert _together(story, "Sergei Ryabkov", "Sergei Ryabkob")
    assert _together(story, "Ingrid Østergaard", "Ingrid Ostergard")
    assert len(story) == 2


def test_two_romanisations_of_one_name_merge_a_typo_on_top_too() -> None:
    story = resolve_entities(
        [
            _analysis(
                "a", [("Ilse Marnov", "PERSON", ["Ilse Marnov"]), ("Oleg Zelensky", "PERSON", ["Oleg Zelensky"])]
            ),
            _analysis(
                "b", [("Ilse Marnoff", "PERSON", ["Ilse Marnoff"]), ("Oleg Zelenskyy", "PERSON", ["Oleg Zelenskyy"])]
            ),
            _analysis(
                "c", [("Ilze Marnoff", "PERSON", ["Ilze Marnoff"]), ("Oleg Zelenskiy", "PERSON", ["Oleg Zelenskiy"])]
            ),
            _analysis("d", [("Oleg Zelinskiy", "PERSON", ["Oleg Zelinskiy"])]),
        ]
    )
    assert _together(story, "Ilse Marnov", "Ilse Marnoff", "Ilze Marnoff")
    assert _together(story, "Oleg Zelensky", "Oleg Zelenskyy", "Oleg Zelenskiy")
    assert _together(story, "Oleg Zelenskiy", "Oleg Zelinskiy")  # a typo as written still counts
    names = resolve_entities(
        [
            _analysis("a", [("Oskar Delany", "PERSON", ["Oskar Delany"])]),
            _analysis("b", [("Oscar Delaney", "PERSON", ["Oscar Delaney"])]),
        ]
    )
    assert _together(names, "Oskar Delany", "Oscar Delaney")  # another romanisation and one typo
    others = resolve_entities(
        [
            _analysis("a", [("Oskar Delan", "PERSON", ["Oskar Delan"])]),
            _analysis("b", [("Oscar Delaney", "PERSON", ["Oscar Delaney"])]),
        ]
    )
    assert not _together(others, "Oskar Delan", "Oscar Delaney")  # and two typos: another name
    apps = resolve_entities(
        [_analysis("a", [("Telegram", "ORG", ["Telegram"])]), _analysis("b", [("Telegraph", "ORG", ["Telegraph"])])]
    )
    assert not _together(apps, "Telegram", "Telegraph")  # "ph" read as "f" leaves a typo: two changes


def test_a_firm_s_first_word_is_its_short_name_whatever_the_tagger_called_it() -> None:
    story = resolve_entities(
        [
            _analysis("a", [("Velora Airways", "ORG", ["Velora Airways"]), ("Tarn Council", "ORG", ["Tarn Council"])]),
            _analysis("b", [("Velora", "PERSON", ["Velora"]), ("Tarn", "GPE", ["Tarn"])]),
            _analysis("c", [("Brask", "PERSON", ["Brask"])]),
            _analysis("d", [("Brask Systems Group", "ORG", ["Brask Systems Group"])]),
            _analysis("e", [("Eastline News Agency", "ORG", ["Eastline News Agency"])]),
            _analysis("f", [("Eastline", "ORG", ["Eastline"])]),
            _analysis("g", [("Halbrook Terminals", "ORG", ["Halbrook Terminals"]), ("Estmark", "ORG", ["Estmark"])]),
            _analysis("h", [("Halbrook", "PERSON", ["Halbrook"]), ("Estmark Chronicle", "ORG", ["Estmark Chronicle"])]),
        ]
    )
    assert _together(story, "Halbrook Terminals", "Halbrook")
    assert not _together(story, "Estmark Chronicle", "Estmark")  # a paper is named after the place it serves
    assert _together(story, "Velora Airways", "Velora")
    assert _together(story, "Eastline News Agency", "Eastline")  # a wire's "News" or "Press" is of its kind too
    assert not _together(story, "Tarn Council", "Tarn")  # a place that names a council is the place
    assert not _together(story, "Brask", "Brask Systems Group")  # only a name and its kind words
    makers = resolve_entities(
        [
            _analysis(
                "a", [("Halvard Aerospace", "ORG", ["Halvard Aerospace"]), ("Radio Kessby", "ORG", ["Radio Kessby"])]
            ),
            _analysis("b", [("Halvard", "ORG", ["Halvard"]), ("Kessby", "GPE", ["Kessby"])]),
        ]
    )
    assert _together(makers, "Halvard Aerospace", "Halvard")
    assert not _together(makers, "Radio Kessby", "Kessby")  # a station is named after the town it serves


def test_a_firm_s_kind_word_in_short_is_the_same_firm() -> None:
    story = resolve_entities(
        [
            _analysis("a", [("Brannick Laboratories", "ORG", ["Brannick Laboratories"])]),
            _analysis(
                "b",
                [("Brannick Labs", "ORG", ["Brannick Labs"]), ("Corporation Street", "FAC", ["Corporation Street"])],
            ),
            _analysis("c", [("Tessvik Corp", "ORG", ["Tessvik Corp"]), ("Corp Street", "FAC", ["Corp Street"])]),
            _analysis("d", [("Tessvik Corporation", "ORG", ["Tessvik Corporation"])]),
        ]
    )
    assert _together(story, "Brannick Laboratories", "Brannick Labs")
    assert _together(story, "Tessvik Corp", "Tessvik Corporation")
    assert not _together(story, "Corporation Street", "Corp Street")  # a first word is a name, not a kind
    airport = resolve_entities(
        [_analysis("a", [("Kestrel International Airport", "FAC", ["Kestrel International Airport"])])]
    )
    assert airport[0].label == "FAC"  # "International" in short is no sign of a firm


def test_a_short_surname_typo_merges_only_after_the_same_first_name() -> None:
    story = resolve_entities(
        [
            _analysis("a", [("Helena Vogt", "PERSON", ["Helena Vogt"]), ("Tom Wang", "PERSON", ["Tom Wang"])]),
            _analysis("b", [("Helena Voigt", "PERSON", ["Helena Voigt"]), ("Tim Wong", "PERSON", ["Tim Wong"])]),
            _analysis("c", [("Anna Voigt", "PERSON", ["Anna Voigt"])]),
        ]
    )
    assert _together(story, "Helena Vogt", "Helena Voigt")
    assert not _together(story, "Helena Voigt", "Anna Voigt")
    doubled = resolve_entities(
        [
            _analysis("a", [("Stefan Gall", "PERSON", ["Stefan Gall"])]),
            _analysis("b", [("Stefan Gal", "PERSON", ["Stefan Gal"]), ("Anna Gal", "PERSON", ["Anna Gal"])]),
        ]
    )
    assert _together(doubled, "Stefan Gall", "Stefan Gal")  # a doubled letter dropped, too short to be a typo
    assert not _together(doubled, "Stefan Gall", "Anna Gal")
    assert not _together(story, "Tom Wang", "Tim Wong")


def test_a_short_first_name_typo_merges_only_before_the_same_surname() -> None:
    story = resolve_entities(
        [
            _analysis("a", [("Ines Falk", "PERSON", ["Ines Falk"]), ("Jonas Falk", "PERSON", ["Jonas Falk"])]),
            _analysis("b", [("Inez Falk", "PERSON", ["Inez Falk"]), ("Inez Holm", "PERSON", ["Inez Holm"])]),
        ]
    )
    assert _together(story, "Ines Falk", "Inez Falk")
    assert not _together(story, "Jonas Falk", "Inez Falk") and not _together(story, "Ines Falk", "Inez Holm")


def test_a_place_the_tagger_called_a_people_elsewhere_is_one_place() -> None:
    story = resolve_entities(
        [
            _analysis("a", [("Dorrab", "GPE", ["Dorrab"]), ("Syria", "GPE", ["Syria"])]),
            _analysis("b", [("Dorrab", "NORP", ["Dorrab"]), ("Syrian", "NORP", ["Syrian"])]),
        ]
    )
    assert _together(story, "Dorrab") and len([e for e in story if "Dorrab" in e.variants]) == 1
    assert not _together(story, "Syria", "Syrian")


def test_a_lone_first_name_joins_the_one_full_name_it_begins() -> None:
    story = resolve_entities(
        [
            _analysis("a", [("Andrei Rusu", "PERSON", ["Andrei Rusu"]), ("Pavel Rusu", "PERSON", ["Pavel Rusu"])]),
            _analysis("b", [("Andrei", "PERSON", ["Andrei"])]),
        ]
    )
    assert _together(story, "Andrei Rusu", "Andrei") and len(story) == 2
    two = resolve_entities(
        [
            _analysis("a", [("Anna Holm", "PERSON", ["Anna Holm"]), ("Anna Berg", "PERSON", ["Anna Berg"])]),
            _analysis("b", [("Anna", "PERSON", ["Anna"])]),
        ]
    )
    assert len(two) == 3  # which Anna: not to be guessed


def test_particles_hyphens_and_a_first_name_typo_merge() -> None:
    story = resolve_entities(
        [
            _analysis("a", [("Bashar al-Assad", "PERSON", ["Bashar al-Assad"])]),
            _analysis("b", [("Bashir al-Assad", "PERSON", ["Bashir al-Assad"])]),
            _analysis("c", [("Bashar al Assad", "PERSON", ["Bashar al Assad", "al-Assad"])]),
            _analysis("d", [("Jean-Luc Moreau", "PERSON", ["Jean-Luc Moreau"])]),
            _analysis("e", [("Jean Luc Moreau", "PERSON", ["Jean Luc Moreau"])]),
        ]
    )
    assert _together(story, "Bashar al-Assad", "Bashir al-Assad", "Bashar al Assad", "al-Assad")
    assert _together(story, "Jean-Luc Moreau", "Jean Luc Moreau")


def test_an_initial_stands_for_a_first_name() -> None:
    story = resolve_entities(
        [
            _analysis("a", [("Sergei Ryabkov", "PERSON", ["Sergei Ryabkov"])]),
            _analysis("b", [("S. Ryabkov", "PERSON", ["S. Ryabkov"])]),
        ]
    )
    assert len(story) == 1 and story[0].name == "Sergei Ryabkov"


def test_a_short_form_joins_the_one_full_name_that_fits() -> None:
    story = resolve_entities(
        [
            _analysis("a", [("Chidi Okafor", "PERSON", ["Chidi Okafor"]), ("Tom Reyes", "PERSON", ["Tom Reyes"])]),
            _analysis("b", [("Okafor", "PERSON", ["Okafor"])]),
        ]
    )
    assert _names(story) == [("Chidi Okafor", "Okafor"), ("Tom Reyes",)]
    assert entity_lookup(story) == {(0, 0): 0, (1, 0): 0, (0, 1): 1}


def test_acronyms_and_the_forms_join_their_organisation() -> None:
    story = resolve_entities(
        [
            _analysis("a", [("Nordvik Press Agency", "ORG", ["Nordvik Press Agency"])]),
            _analysis("b", [("NPA", "ORG", ["NPA"])]),
            _analysis("c", [("the Nordvik Press Agency", "ORG", ["the Nordvik Press Agency"])]),
            _analysis("d", [("Harbour Authority", "ORG", ["the Harbour Authority"])]),
            _analysis("e", [("Marlow Harbour Authority", "ORG", ["Marlow Harbour Authority"])]),
        ]
    )
    assert _together(story, "Nordvik Press Agency", "NPA", "the Nordvik Press Agency")
    assert _together(story, "the Harbour Authority", "Marlow Harbour Authority")
    assert story[0].name == "Nordvik Press Agency" and len(story) == 2


def test_label_disagreement_merges_and_a_person_wins_the_tie() -> None:
    story = resolve_entities(
        [
            _analysis("a", [("Helena Brandt", "PERSON", ["Helena Brandt"])]),
            _analysis("b", [("Helena Brandt", "ORG", ["Helena Brandt"])]),
            _analysis("c", [("Brandt", "GPE", ["Brandt"])]),
            _analysis("d", [("Kestrel Shipping", "PERSON", ["Kestrel Shipping"])]),
        ]
    )
    assert [(e.name, e.label) for e in story] == [("Helena Brandt", "PERSON"), ("Kestrel Shipping", "ORG")]


def test_people_who_share_a_surname_stay_apart() -> None:
    story = resolve_entities(
        [
            _analysis(
                "a",
                [
                    ("Bashar al-Assad", "PERSON", ["Bashar al-Assad", "Assad", "Assad"]),
                    ("Hafez al-Assad", "PERSON", ["Hafez al-Assad"]),
                ],
            ),
            _analysis("b", [("Maher al-Assad", "PERSON", ["Maher al-Assad"]), ("Assad", "PERSON", ["Assad"])]),
            _analysis("c", [("Emma Lindqvist", "PERSON", ["Emma Lindqvist"])]),
            _analysis("d", [("Karl Lindqvist", "PERSON", ["Karl Lindqvist"]), ("Lindqvist", "ORG", ["Lindqvist"])]),
        ]
    )
    names = [e.name for e in story]
    assert names[:3] == ["Bashar al-Assad", "Hafez al-Assad", "Maher al-Assad"]
    assert _together(story, "Bashar al-Assad", "Assad")  # the most mentioned bearer takes the bare surname
    assert "Emma Lindqvist" in names and "Karl Lindqvist" in names and "Lindqvist" in names  # a tie: left apart


def test_the_canonical_name_is_the_fullest_majority_spelling() -> None:
    story = resolve_entities(
        [
            _analysis("a", [("Korsakov", "PERSON", ["Korsakov"])]),
            _analysis("b", [("Vadim Korsakow", "PERSON", ["Vadim Korsakow"])]),
            _analysis("c", [("Vadim Korsakov", "PERSON", ["Vadim Korsakov", "Korsakov"])]),
            _analysis("d", [("Vadim Korsakov", "PERSON", ["Vadim Korsakov"])]),
        ]
    )
    assert len(story) == 1 and story[0].name == "Vadim Korsakov"
    assert story[0].variants == ("Korsakov", "Vadim Korsakow", "Vadim Korsakov")
    assert story[0].members == ((0, 0), (1, 0), (2, 0), (3, 0))


def test_epithets_of_a_member_are_variants() -> None:
    story = resolve_entities(
        [
            _analysis("a", [("Vadim Korsakov", "PERSON", ["Vadim Korsakov"])], [("the Russian dictator", 0)]),
            _analysis("b", [("Korsakov", "PERSON", ["Korsakov"])], [("the Kremlin strongman", 0)]),
        ]
    )
    assert story[0].variants == ("Vadim Korsakov", "Korsakov", "the Russian dictator", "the Kremlin strongman")


def test_nationalities_never_join_people_or_places() -> None:
    story = resolve_entities(
        [
            _analysis("a", [("Russian", "NORP", ["Russian"]), ("Russia", "GPE", ["Russia"])]),
            _analysis("b", [("Russian", "PERSON", ["Russian"]), ("Russians", "NORP", ["Russians"])]),
        ]
    )
    assert _names(story) == [("Russian",), ("Russia",), ("Russian",), ("Russians",)]  # a typo and a new label


def test_no_articles_no_entities() -> None:
    assert resolve_entities([]) == [] and entity_lookup([]) == {}


# ---- the gold-set gate --------------------------------------------------------------------------------------------

# Measured on the gold set (5 stories, 15 articles, 88 gold forms, 85 found by analyse): precision 1.000, recall
# 1.000, all 6 "apart" pairs kept apart. Floors sit just under, as regression guards (96 gold pairs: two missed or
# wrong pairs may pass; more may not) — only a deliberate change may lower them.
FLOORS = {"precision": 0.97, "recall": 0.97, "apart_kept": 1.0}


@dataclass
class _Scores:
    true_pairs: int = 0
    merged_pairs: int = 0
    gold_pairs: int = 0
    forms: int = 0
    not_found: list[str] = field(default_factory=list)
    apart: int = 0
    apart_kept: int = 0


@pytest.fixture(scope="module")
def gold_stories() -> list[tuple[dict[str, Any], list[ArticleAnalysis]]]:
    stories = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = [
        article_from_text(a["text"], a["id"], published=date.fromisoformat(a["published"]))
        for s in stories
        for a in s["articles"]
    ]
    analyses = iter(analyse_many(articles))  # one spaCy batch for the whole set
    return [(s, [next(analyses) for _ in s["articles"]]) for s in stories]


def _entity_of(story: dict[str, Any], analyses: list[ArticleAnalysis], entities: list[StoryEntity]) -> Any:
    """(article id, surface form) → story entity index, for the gold forms the analysis found."""
    lookup = entity_lookup(entities)
    position = {a["id"]: i for i, a in enumerate(story["articles"])}

    def find(article_id: str, form: str) -> int | None:
        index = position[article_id]
        for mention in analyses[index].mentions:
            if mention.text == form and mention.form not in {"pronoun", "epithet"}:
                return lookup[(index, mention.entity)]
        return next((lookup[(index, j)] for j, e in enumerate(analyses[index].entities) if form in e.variants), None)

    return find


def _score(stories: list[tuple[dict[str, Any], list[ArticleAnalysis]]]) -> _Scores:
    scores = _Scores()
    for story, analyses in stories:
        find = _entity_of(story, analyses, resolve_entities(analyses))
        found = [(g, find(*form)) for g, group in enumerate(story["groups"]) for form in group]
        scores.forms += len(found)
        scores.not_found += [f"{story['id']}:{f}" for g, group in enumerate(story["groups"]) for f in map(tuple, group)
                             if find(*f) is None]  # fmt: skip
        present = [(g, e) for g, e in found if e is not None]
        for (g1, e1), (g2, e2) in itertools.combinations(present, 2):
            scores.gold_pairs += g1 == g2
            scores.merged_pairs += e1 == e2
            scores.true_pairs += g1 == g2 and e1 == e2
        for first, second in story["apart"]:
            e1, e2 = find(*first), find(*second)
            if e1 is not None and e2 is not None:
                scores.apart += 1
                scores.apart_kept += e1 != e2
    return scores


def test_gold_set_merges_stay_above_their_floors(
    gold_stories: list[tuple[dict[str, Any], list[ArticleAnalysis]]],
) -> None:
    scores = _score(gold_stories)
    measured = {
        "precision": scores.true_pairs / scores.merged_pairs,
        "recall": scores.true_pairs / scores.gold_pairs,
        "apart_kept": scores.apart_kept / scores.apart,
    }
    pairs = f"gold pairs {scores.gold_pairs}, merged pairs {scores.merged_pairs}"
    print(f"\nentity merge gold: {measured}; forms {scores.forms}, {pairs}; not found by analyse: {scores.not_found}")
    below = {name: round(value, 3) for name, value in measured.items() if value < FLOORS[name]}
    assert not below, f"below floor: {below}"
    assert len(scores.not_found) <= 4  # the analyse stage's recall on this set (its concern, pinned here too)


def test_every_local_entity_belongs_to_exactly_one_story_entity(
    gold_stories: list[tuple[dict[str, Any], list[ArticleAnalysis]]],
) -> None:
    for _, analyses in gold_stories:
        entities = resolve_entities(analyses)
        members = [m for e in entities for m in e.members]
        expected = [(a, j) for a, analysis in enumerate(analyses) for j in range(len(analysis.entities))]
        assert sorted(members) == expected


def test_a_name_used_only_inside_a_resolved_nickname_joins_its_person() -> None:
    text = "Vladimir Petrov spoke. Critics call him mad Vlad. The Syrian envoy left."
    article = article_from_text(text, "a")
    at = text.index
    mentions = (
        Mention(Span(0, 15), "Vladimir Petrov", "PERSON", 0),
        Mention(Span(at("Vlad."), at("Vlad.") + 4), "Vlad", "PRODUCT", 1),
        Mention(Span(at("Syrian"), at("Syrian") + 6), "Syrian", "NORP", 2),
    )
    local = (
        LocalEntity("Vladimir Petrov", "PERSON", ("Vladimir Petrov",)),
        LocalEntity("Vlad", "PRODUCT", ("Vlad",)),
        LocalEntity("Syrian", "NORP", ("Syrian",)),
    )
    framing = (
        FramingTerm(Span(at("mad Vlad"), at("mad Vlad") + 8), "mad Vlad", "name_calling", 0),
        FramingTerm(Span(at("The Syrian envoy"), at("The Syrian envoy") + 16), "The Syrian envoy", "epithet", 0),
    )
    story = resolve_entities([ArticleAnalysis(article, (), mentions, local, framing=framing)])
    assert _together(story, "Vladimir Petrov", "Vlad")
    assert not _together(story, "Vladimir Petrov", "Syrian")  # inside an epithet, but not its head


def test_a_place_without_a_middle_word_joins_the_one_longer_name() -> None:
    story = resolve_entities(
        [
            _analysis("a", [("Kestrel International Airport", "FAC", ["Kestrel International Airport"])]),
            _analysis("b", [("Kestrel Airport", "FAC", ["Kestrel Airport"]), ("Kestrel Bay", "LOC", ["Kestrel Bay"])]),
            _analysis(
                "c", [("Anna Maria Holm", "PERSON", ["Anna Maria Holm"]), ("Anna Holm", "PERSON", ["Anna Holm"])]
            ),
        ]
    )
    assert _together(story, "Kestrel International Airport", "Kestrel Airport")
    assert not _together(story, "Kestrel International Airport", "Kestrel Bay")
