"""Entity mentions within one article, on invented texts."""

from __future__ import annotations

from storylens.analyse.entities import name_key, person_before
from storylens.analyse.parsed import ParsedArticle

TEXT = (
    "Harbour master Ines Calloway said on Sunday that the ferry had sailed against advice.\n"
    "The Farrow Harbour Authority (FHA) closed the port, and Calloway's deputy, Tomas Brenner, led the search.\n"
    "Calloway later told reporters that Brennar had worked through the night.\n"
    "Coastguard chief Ruth Okafor-Lind was not available for comment."
)


def _entity_of(parsed: ParsedArticle, surface: str) -> int:
    return next(m.entity for m in parsed.mentions if m.text == surface)


def test_mentions_are_exact_offset_views(parse) -> None:  # type: ignore[no-untyped-def]
    parsed = parse(TEXT)
    assert parsed.mentions
    for mention in parsed.mentions:
        assert parsed.article.text[mention.span.start : mention.span.end] == mention.text


def test_short_forms_and_possessives_link_to_the_full_name(parse) -> None:  # type: ignore[no-untyped-def]
    parsed = parse(TEXT)
    calloway = _entity_of(parsed, "Ines Calloway")
    assert [m.text for m in parsed.mentions if m.entity == calloway] == ["Ines Calloway", "Calloway", "Calloway"]
    assert parsed.entities[calloway].name == "Ines Calloway"
    assert all(m.form == "short" for m in parsed.mentions if m.entity == calloway and m.text == "Calloway")


def test_a_misspelt_surname_links_to_its_person(parse) -> None:  # type: ignore[no-untyped-def]
    parsed = parse(TEXT)
    assert _entity_of(parsed, "Brennar") == _entity_of(parsed, "Tomas Brenner")
    assert set(parsed.entities[_entity_of(parsed, "Tomas Brenner")].variants) == {"Tomas Brenner", "Brennar"}


def test_titles_are_not_part_of_the_name(parse) -> None:  # type: ignore[no-untyped-def]
    parsed = parse(TEXT)
    names = {e.name for e in parsed.entities if e.label == "PERSON"}
    assert "Ruth Okafor-Lind" in names
    assert not any(name.lower().startswith(("harbour master", "chief")) for name in names)


def test_an_acronym_links_to_the_organisation(parse) -> None:  # type: ignore[no-untyped-def]
    parsed = parse(TEXT)
    authority = _entity_of(parsed, "Farrow Harbour Authority")
    assert any(m.text == "FHA" and m.entity == authority for m in parsed.mentions)


def test_people_sharing_a_surname_stay_apart(parse) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Oskar Velde founded the shipping line in 1971 and ran it for three decades.\n"
        "His son Matthias Velde took over in 2000, and his younger son Pieter Velde ran the shipyard.\n"
        "Matthias Velde said the line would survive. Velde added that the fleet was insured."
    )
    parsed = parse(text)
    people = {e.name for e in parsed.entities if e.label == "PERSON"}
    assert {"Oskar Velde", "Matthias Velde", "Pieter Velde"} <= people
    # The bare surname goes to the most mentioned bearer, here Matthias.
    assert parsed.entities[_entity_of(parsed, "Velde")].name == "Matthias Velde"


def test_a_name_broken_across_lines_is_one_mention(parse) -> None:  # type: ignore[no-untyped-def]
    parsed = parse("The inquiry is led by Judge Amara\nOkonkwo, who was appointed in May.\n\nIt reports in June.")
    assert any(m.text == "Amara\nOkonkwo" and m.label == "PERSON" for m in parsed.mentions)


def test_pronoun_resolves_to_the_subject_of_the_previous_sentence(parse) -> None:  # type: ignore[no-untyped-def]
    parsed = parse("Chief Fire Officer Annika Veldhuis spoke to Mayor Tom Ruskin outside the depot. She said nothing.")
    position = parsed.article.text.index("She said")
    person = person_before(parsed, position)
    assert person is not None and parsed.entities[person.entity].name == "Annika Veldhuis"


def test_name_key_ignores_case_accents_and_particles() -> None:
    assert name_key("Bashar al-Assad") == name_key("bashar Al Assad") == "bashar assad"
    assert name_key("Señor Núñez") == "senor nunez"


def test_a_leaning_adjective_is_not_a_mention_of_the_body(parse) -> None:  # type: ignore[no-untyped-def]
    parsed = parse("Piet Marn, a pro-Kremlin commentator, said the Kremlin had known for weeks.")
    assert [m.text for m in parsed.mentions if "Kremlin" in m.text] == ["Kremlin"]


def test_a_name_starts_and_ends_where_the_name_does(parse) -> None:  # type: ignore[no-untyped-def]
    parsed = parse(
        "Three of them were being kept at Harnow General Hospital for observation, he said.\n"
        "The Civil Aviation Authority (CAA said it had opened an inquiry.\n"
        "The tabloid said Korsak 2.4 million florins had been found in a safe.\n"
        "Toxic ammonia gas leaked from the Solvane Fertilisers plant on Tuesday.\n"
        "Solvane Fertilisers said in a statement that a valve had failed.\n"
        "Sheriff Luis Ortega said everyone had got out.\n"
    )
    names = [m.text for m in parsed.mentions]
    assert "Harnow General Hospital" in names  # "General" is no title here: no person called "Hospital"
    assert "Civil Aviation Authority" in names  # an unclosed bracket is not part of the name
    assert "Korsak" in names and not any("million" in name for name in names)  # nor is a sum after it
    assert "Toxic" not in names  # a capitalised first word is no name
    assert names.count("Solvane Fertilisers") == 2 and "Fertilisers" not in names  # nor is half a name
    assert {m.label for m in parsed.mentions if m.text == "Solvane Fertilisers"} == {"ORG"}  # a firm, whatever spaCy
    assert "Luis Ortega" in names  # a full name's start stays: the word before it is a title
