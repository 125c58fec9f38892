"""Independence, quotes across outlets, sources and the timeline, on hand-built analyses (no models but the sentence
embedder in one test, marked slow)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from storylens.ingest.clean import join_paragraphs
from storylens.link.independence import cluster_origins
from storylens.link.quotes import group_quotes, word_similarity
from storylens.link.sources import merge_sources
from storylens.link.timeline import build_timeline, cluster_lookup
from storylens.nlp import embedder
from storylens.records import (
    Article,
    ArticleAnalysis,
    CitedSource,
    Claim,
    ClaimCluster,
    ClaimRef,
    LocalEntity,
    Quote,
    SourceKind,
    Span,
    StoryEntity,
    TimeExpression,
)


def _analysis(
    article_id: str,
    outlet: str,
    text: str,
    sources: tuple[CitedSource, ...] = (),
    claim_sources: tuple[int | None, ...] = (None,),
    quotes: tuple[Quote, ...] = (),
    entities: tuple[LocalEntity, ...] = (),
    times: tuple[TimeExpression, ...] = (),
) -> ArticleAnalysis:
    body, paragraphs = join_paragraphs([text])
    article = Article(id=article_id, origin=f"{article_id}.txt", kind="text", text=body, paragraphs=paragraphs,
                      outlet=outlet)  # fmt: skip
    claims = tuple(Claim(Span(0, len(text)), text, 0, source, ()) for source in claim_sources)
    return ArticleAnalysis(article, (Span(0, len(text)),), (), entities, quotes, sources, claims, times=times)


AGENCY = CitedSource("Nordvik Press Agency", "news_agency", (), None, (0,))
OFFICIAL = CitedSource("Annika Veldhuis", "official", (), 0, (0,))
VELDHUIS = LocalEntity("Annika Veldhuis", "PERSON", ("Annika Veldhuis",))


def test_two_outlets_resting_on_one_wire_are_one_source() -> None:
    wire_a = _analysis("a", "Herald", "Two workers died, NPA reported.", (AGENCY,), (0,))
    wire_b = _analysis("b", "Daily", "Two workers were killed, NPA said.", (AGENCY,), (0,))
    own = _analysis("c", "Ledger", "Two workers died in the fire.")
    cluster = ClaimCluster((ClaimRef(0, 0), ClaimRef(1, 0), ClaimRef(2, 0)), ClaimRef(0, 0))
    origins = cluster_origins(cluster, [wire_a, wire_b, own], [], {})
    assert origins == ("Nordvik Press Agency (news agency)", "own reporting of Ledger")


def test_an_outlet_that_credits_the_wire_elsewhere_has_its_unattributed_version_from_the_wire() -> None:
    wire = _analysis("a", "Herald", "At least 14 died, NPA reported.", (AGENCY,), (0,))
    second_only = CitedSource("Nordvik Press Agency", "news_agency", (), None, (1,))
    relaying = _analysis("b", "Ledger", "At least 14 are dead.", (second_only,), (None, 0))  # NPA: its 2nd claim
    cluster = ClaimCluster((ClaimRef(0, 0), ClaimRef(1, 0)), ClaimRef(0, 0))
    assert cluster_origins(cluster, [wire, relaying], [], {}) == ("Nordvik Press Agency (news agency)",)
    # An outlet that never cites the agency reports on its own.
    own = _analysis("c", "Gazette", "At least 14 are dead.")
    assert len(cluster_origins(cluster, [wire, own], [], {})) == 2


def test_an_outlet_citing_another_outlet_of_the_story_rests_on_that_outlets_source() -> None:
    authority = CitedSource("the port authority", "official", (), None, (0,))
    herald = _analysis("a", "Harbour Herald", "Solberg resigned, the port authority said.", (authority,), (0,))
    cited = CitedSource("Harbour Herald", "outlet", (), None, (0,))
    courier = _analysis("b", "Varne Courier", "Solberg quit, the Harbour Herald reported.", (cited,), (0,))
    cluster = ClaimCluster((ClaimRef(0, 0), ClaimRef(1, 0)), ClaimRef(0, 0))
    assert cluster_origins(cluster, [herald, courier], [], {}) == ("the port authority",)
    # Without the Herald's version in the cluster, the Herald is as far back as the report can see.
    alone = ClaimCluster((ClaimRef(1, 0),), ClaimRef(1, 0))
    assert cluster_origins(alone, [herald, courier], [], {}) == ("Harbour Herald (outlet)",)


# One claim, two outlets, each citing one source: (first source, its kind, second source, its kind, the origins —
# or how many — the cluster rests on).
TWO_CITATIONS: dict[str, tuple[str, SourceKind, str, SourceKind, tuple[str, ...] | int]] = {
    "one agency cited two ways": ("Nordvik Press Agency", "news_agency", "Nordvik Press Agency", "other",
                                  ("Nordvik Press Agency (news agency)",)),
    "a body described with more words": ("the regional grid operator", "other", "the grid operator", "other",
                                         ("the regional grid operator",)),
    "unnamed people described alike": ("the regional grid operator", "other", "officials", "other", 2),
    "another body": ("the regional grid operator", "other", "the water operator", "other", 2),
    "an organisation by its first word": ("Velora Airways", "other", "Velora", "other", ("Velora Airways",)),
    "another body named alike": ("Velora Airways", "other", "Velmar Airways", "other", 2),
    "a spokeswoman for her body": ("a police spokeswoman", "official", "Police", "official",
                                   ("a police spokeswoman",)),
    "two outlets' anonymous sources": ("two sources close to the inquiry", "anonymous",
                                       "two sources close to the inquiry", "anonymous", 2),
    "the people a body is named after": ("the National Prosecutor's Office", "official", "prosecutors", "official",
                                         ("the National Prosecutor's Office",)),
    "people another body is not named after": ("the National Prosecutor's Office", "official", "firefighters",
                                               "official", 2),
}  # fmt: skip


@pytest.mark.parametrize("case", list(TWO_CITATIONS))
def test_who_two_outlets_cite_is_one_origin_or_two(case: str) -> None:
    first_name, first_kind, second_name, second_kind, expected = TWO_CITATIONS[case]
    first_source = CitedSource(first_name, first_kind, (), None, (0,))
    second_source = CitedSource(second_name, second_kind, (), None, (0,))
    first = _analysis("a", "Herald", "Power was cut to 40,000 homes.", (first_source,), (0,))
    second = _analysis("b", "Ledger", "40,000 homes lost power.", (second_source,), (0,))
    cluster = ClaimCluster((ClaimRef(0, 0), ClaimRef(1, 0)), ClaimRef(0, 0))
    origins = cluster_origins(cluster, [first, second], [], {})
    assert (origins if isinstance(expected, tuple) else len(origins)) == expected


def test_a_named_official_quoted_by_two_outlets_is_one_origin() -> None:
    first = _analysis("a", "Herald", "The fire is under control.", (OFFICIAL,), (0,), entities=(VELDHUIS,))
    second = _analysis("b", "Ledger", "The fire is under control now.", (OFFICIAL,), (0,), entities=(VELDHUIS,))
    entities = [StoryEntity("Annika Veldhuis", "PERSON", ("Annika Veldhuis",), ((0, 0), (1, 0)))]
    cluster = ClaimCluster((ClaimRef(0, 0), ClaimRef(1, 0)), ClaimRef(0, 0))
    assert cluster_origins(cluster, [first, second], entities, {(0, 0): 0, (1, 0): 0}) == ("Annika Veldhuis",)


def test_a_tabloid_rewriting_the_wire_it_credits_elsewhere_is_not_a_second_source() -> None:
    wire = _analysis("a", "Meridia Press Agency", "Fourteen people were taken to hospital.")
    credit = CitedSource("MPA", "news_agency", (), None, (1,))  # "…, MPA said" on its second claim
    tabloid = _analysis("b", "Daily Flare", "Fourteen were rushed to hospital.", (credit,), (None, 0))
    cluster = ClaimCluster((ClaimRef(0, 0), ClaimRef(1, 0)), ClaimRef(0, 0))
    assert cluster_origins(cluster, [wire, tabloid], [], {}) == ("own reporting of Meridia Press Agency",)
    # Named in other words and taken for a public body by attribution: still that outlet.
    agency = CitedSource("the Meridia agency", "official", (), None, (1,))
    other = _analysis("b", "Daily Flare", "Fourteen were rushed to hospital.", (agency,), (None, 0))
    assert len(cluster_origins(cluster, [wire, other], [], {})) == 1
    # A paper that never credits the wire reports on its own.
    own = _analysis("b", "Daily Flare", "Fourteen were rushed to hospital.")
    assert len(cluster_origins(cluster, [wire, own], [], {})) == 2
    # Crediting the wire and a paper's scoop elsewhere, its unattributed copy is the wire's; the paper is a second.
    paper = _analysis("c", "Selvik Courier", "Fourteen people were treated in hospital.")
    both = (credit, CitedSource("the Selvik Courier", "outlet", (), None, (2,)))
    tabloid = _analysis("b", "Daily Flare", "Fourteen were rushed to hospital.", both, (None, 0, 1))
    three = ClaimCluster((ClaimRef(0, 0), ClaimRef(1, 0), ClaimRef(2, 0)), ClaimRef(0, 0))
    assert cluster_origins(three, [wire, tabloid, paper], [], {}) == (
        "own reporting of Meridia Press Agency",
        "own reporting of Selvik Courier",
    )


def test_the_wire_described_not_named_is_the_story_s_one_wire() -> None:
    wire = _analysis("a", "Arcwire", "Kovel is confident of victory.")
    described = CitedSource("the wire service", "news_agency", (), None, (0,))  # "she told the wire service"
    named = CitedSource("the Arcwire news agency", "news_agency", (), None, (1,))  # elsewhere in the story
    tabloid = _analysis("b", "Daily Torch", "Kovel is sure she won.", (described, named), (0, 1))
    cluster = ClaimCluster((ClaimRef(0, 0), ClaimRef(1, 0)), ClaimRef(0, 0))
    assert cluster_origins(cluster, [wire, tabloid], [], {}) == ("own reporting of Arcwire",)


def test_an_outlet_is_credited_by_its_distinctive_words_only() -> None:
    wire = _analysis("a", "ABS News", "Forty-one people were hurt.")
    credit = CitedSource("the national broadcaster ABS", "other", (), None, (1,))
    site = _analysis("b", "Touchline Live", "41 fans were hurt.", (credit,), (None, 0))
    cluster = ClaimCluster((ClaimRef(0, 0), ClaimRef(1, 0)), ClaimRef(0, 0))
    assert len(cluster_origins(cluster, [wire, site], [], {})) == 1
    # A radio station naming itself does not credit a paper that shares one word of its name.
    post = _analysis("a", "The Varn Valley Post", "The dam cracked.")
    itself = CitedSource("Radio Varn", "outlet", (), None, (1,))
    radio = _analysis("b", "Radio Varn", "The dam has a crack.", (itself,), (None, 0))
    assert len(cluster_origins(cluster, [post, radio], [], {})) == 2


def test_unnamed_sources_of_an_article_that_credits_them_to_an_agency_rest_on_that_agency() -> None:
    agency = CitedSource("Bloomberg News", "news_agency", (), None, (0,))
    relayed = CitedSource("Three sources close to the government", "anonymous", (), None, (0,))
    unnamed = CitedSource("Kremlin sources", "anonymous", (), None, (1,))
    relaying = _analysis("b", "Telegraph", "The rescue was approved.", (relayed, agency, unnamed), (0, 2))
    wire = _analysis("a", "Sun", "The rescue was approved, Bloomberg reported.", (agency,), (0,))
    cluster = ClaimCluster((ClaimRef(0, 0), ClaimRef(1, 1)), ClaimRef(0, 0))
    assert cluster_origins(cluster, [wire, relaying], [], {}) == ("Bloomberg News (news agency)",)
    # Unnamed sources described otherwise ("diplomats" beside relayed "sources") are the article's own.
    diplomats = CitedSource("two diplomats", "anonymous", (), None, (1,))
    mixed = _analysis("b", "Telegraph", "The rescue was approved.", (relayed, agency, diplomats), (0, 2))
    assert len(cluster_origins(cluster, [wire, mixed], [], {})) == 2
    # An article with unnamed sources of its own and no agency behind them: a second origin.
    own_sources = CitedSource("Kremlin sources", "anonymous", (), None, (0,))
    own = _analysis("c", "Ledger", "The rescue was approved.", (own_sources,), (0,))
    pair = ClaimCluster((ClaimRef(0, 0), ClaimRef(1, 0)), ClaimRef(0, 0))
    assert len(cluster_origins(pair, [wire, own], [], {})) == 2


def _quote(text: str, start: int, speaker: int | None = 0, partial: bool = False) -> Quote:
    return Quote(Span(start, start + len(text)), text, speaker, None, "explicit", "say", partial)


def test_one_remark_worded_two_ways_is_one_quote_with_variants() -> None:
    one = "The fire is under control, but the danger from the gas has not passed"
    two = "We have the fire under control, but the danger from the gas is not over yet"
    first = _analysis("a", "Herald", f"“{one},” she said.", quotes=(_quote(one, 1),), entities=(VELDHUIS,))
    second = _analysis("b", "Ledger", f"She said: “{two}.”", quotes=(_quote(two, 11),), entities=(VELDHUIS,))
    [group] = group_quotes([first, second], {(0, 0): 0, (1, 0): 0})
    assert [v.article for v in group.variants] == [0, 1]
    assert group.wording_differs and 0.4 < group.similarity < 0.9
    assert group.speaker == 0


@pytest.mark.slow  # the sentence embedder
def test_a_looser_translation_of_one_speaker_is_one_remark_for_the_embedder() -> None:
    one = "The fire is under control, but it is not out, and we expect to stay on site for two more days"
    two = "We have the fire contained, yet it is still burning, and my crews will be here until the weekend"
    first = _analysis("a", "Herald", f"“{one},” she said.", quotes=(_quote(one, 1),), entities=(VELDHUIS,))
    second = _analysis("b", "Ledger", f"She said: “{two}.”", quotes=(_quote(two, 11),), entities=(VELDHUIS,))
    entity_of = {(0, 0): 0, (1, 0): 0}
    assert len(group_quotes([first, second], entity_of)) == 2  # few words in common
    [group] = group_quotes([first, second], entity_of, embedder())
    assert group.wording_differs
    # Another speaker's remark stays apart, however alike.
    assert len(group_quotes([first, second], {(0, 0): 0, (1, 0): 1}, embedder())) == 2


def test_a_fragment_quoted_out_of_the_full_remark_is_the_same_wording() -> None:
    full = "Halvering will not sit at a table where its farmers are treated as an afterthought"
    part = "will not sit at a table where its farmers are treated as an afterthought"
    first = _analysis("a", "Herald", f"“{full},” she said.", quotes=(_quote(full, 1),), entities=(VELDHUIS,))
    text = f"She fumed that Halvering “{part}”."
    second = _analysis(
        "b", "Ledger", text, quotes=(_quote(part, text.index(part), partial=True),), entities=(VELDHUIS,)
    )
    [group] = group_quotes([first, second], {(0, 0): 0, (1, 0): 0})
    assert len(group.variants) == 2 and not group.wording_differs


def test_same_words_with_other_punctuation_do_not_differ() -> None:
    one, two = "We will rebuild.", "We will rebuild!"
    first = _analysis("a", "Herald", f"“{one}”", quotes=(_quote(one, 1),), entities=(VELDHUIS,))
    second = _analysis("b", "Ledger", f"“{two}”", quotes=(_quote(two, 1),), entities=(VELDHUIS,))
    [group] = group_quotes([first, second], {(0, 0): 0, (1, 0): 0})
    assert not group.wording_differs and group.similarity == 1.0


def test_different_remarks_of_one_speaker_stay_apart() -> None:
    one, two = "The fire is under control", "Nobody should go back to Saltmarsh Row tonight"
    first = _analysis("a", "Herald", f"“{one}”", quotes=(_quote(one, 1),), entities=(VELDHUIS,))
    second = _analysis("b", "Ledger", f"“{two}”", quotes=(_quote(two, 1),), entities=(VELDHUIS,))
    assert len(group_quotes([first, second], {(0, 0): 0, (1, 0): 0})) == 2
    assert word_similarity(one, two) < 0.3


def test_one_agency_cited_by_two_outlets_is_one_story_source() -> None:
    first = _analysis("a", "Herald", "Two workers died, NPA reported.", (AGENCY,), (0,))
    second = _analysis("b", "Daily", "Two workers were killed, NPA said.", (AGENCY,), (0,))
    clusters = [ClaimCluster((ClaimRef(0, 0), ClaimRef(1, 0)), ClaimRef(0, 0))]
    [source] = merge_sources([first, second], {}, cluster_lookup(clusters))
    assert source.cited_by == (0, 1) and source.clusters == (0,) and source.kind == "news_agency"


def test_an_article_naming_a_source_inside_another_statement_does_not_cite_it() -> None:
    named_only = CitedSource("Holm", "other", (), None, ())  # "Holm told him …, insiders revealed"
    holm = CitedSource("Petra Holm", "official", (), None, (0,))
    first = _analysis("a", "Daily", "Holm told the mayor the dam was safe, aides revealed.", (named_only,), (None,))
    second = _analysis("b", "Herald", "The dam is safe, Holm said.", (holm,), (0,))
    clusters = [ClaimCluster((ClaimRef(0, 0), ClaimRef(1, 0)), ClaimRef(0, 0))]
    entities = {(0, 0): 0, (1, 0): 0}
    named_only, holm = replace(named_only, entity=0), replace(holm, entity=0)
    first, second = replace(first, sources=(named_only,)), replace(second, sources=(holm,))
    [source] = merge_sources([first, second], entities, cluster_lookup(clusters))
    assert source.cited_by == (1,) and (source.name, source.kind) == ("Petra Holm", "official")
    # Named in someone else's statement only, in every article: no source of the story.
    assert merge_sources([first], {(0, 0): 0}, cluster_lookup([ClaimCluster((ClaimRef(0, 0),), ClaimRef(0, 0))])) == []


def test_timeline_orders_clusters_by_their_finest_time() -> None:
    def at(value: str, precision: str) -> TimeExpression:
        return TimeExpression(Span(0, 3), "Sun", value, precision, 0, 0)

    fire = _analysis("a", "Herald", "The fire broke out on Sunday.", times=(at("2025-10-12", "day"),))
    call = _analysis("b", "Ledger", "The first call came at 3.48am.", times=(at("2025-10-12T03:48", "minute"),))
    later = _analysis("c", "Daily", "The harbour reopens on Wednesday.", times=(at("2025-10-15", "day"),))
    clusters = [ClaimCluster((ClaimRef(2, 0),), ClaimRef(2, 0)),
                ClaimCluster((ClaimRef(0, 0), ClaimRef(1, 0)), ClaimRef(1, 0))]  # fmt: skip
    timeline = build_timeline([fire, call, later], clusters)
    assert [(e.when, e.precision, e.cluster, e.articles) for e in timeline] == [
        ("2025-10-12T03:48", "minute", 1, (0, 1)),
        ("2025-10-15", "day", 0, (2,)),
    ]


def test_a_timeline_event_is_told_in_the_words_of_a_claim_that_dates_it() -> None:
    dated = _analysis("a", "Herald", "The judge read the verdict on Thursday.",
                      times=(TimeExpression(Span(28, 39), "on Thursday", "2025-10-16", "day", 0, 0),))  # fmt: skip
    undated = _analysis("b", "Ledger", "Judge Ora Lind read out the verdict at the regional court.")
    canonical_undated = [ClaimCluster((ClaimRef(0, 0), ClaimRef(1, 0)), ClaimRef(1, 0))]
    [event] = build_timeline([dated, undated], canonical_undated)
    assert (event.articles, event.told_by) == ((0,), ClaimRef(0, 0))  # not the canonical wording the Herald lacks


def test_an_interview_given_to_one_outlet_and_repeated_rests_on_the_speaker_alone() -> None:
    interviewer = CitedSource("Nordvik Broadcasting", "outlet", (), None, (0,))
    speaker = CitedSource("Annika Veldhuis", "official", (), 0, (0,))
    told = _analysis("a", "Herald", "Veldhuis told Nordvik Broadcasting: the fire is out.", (speaker, interviewer),
                     (0,), entities=(VELDHUIS,))  # fmt: skip
    repeated = _analysis("b", "Ledger", "The fire is out, Veldhuis said.", (OFFICIAL,), (0,), entities=(VELDHUIS,))
    entities = [StoryEntity("Annika Veldhuis", "PERSON", ("Annika Veldhuis",), ((0, 0), (1, 0)))]
    cluster = ClaimCluster((ClaimRef(0, 0), ClaimRef(1, 0)), ClaimRef(0, 0))
    assert cluster_origins(cluster, [told, repeated], entities, {(0, 0): 0, (1, 0): 0}) == ("Annika Veldhuis",)
