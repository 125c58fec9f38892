"""Conflict checks between the claims of one cluster, on invented one-sentence reports, and the verdicts."""

from __future__ import annotations

from datetime import date

import pytest

from storylens.analyse import analyse_many
from storylens.ingest.finish import finish_article
from storylens.ingest.raw import RawDocument
from storylens.link.conflicts import find_conflicts, verdict
from storylens.records import ArticleAnalysis, ClaimCluster, ClaimRef, Conflict
from support import analysed_story, entities_by_name

pytestmark = pytest.mark.slow

# name: (first report, second report, the conflict kinds expected between them)
PAIRS: dict[str, tuple[str, str, list[str]]] = {
    "count": ("Two workers were killed in the blast at the Brennock plant.",
              "Three people died in the blast at the Brennock plant.", ["number"]),
    "count_words_and_digits": ("Two workers were killed in the blast at the Brennock plant.",
                               "2 workers were killed in the blast at the Brennock plant.", []),
    "dozen": ("A dozen homes were damaged by the flood in Marrowby.",
              "12 homes were damaged by the flood in Marrowby.", []),
    "ranges_overlap": ("About 1,200 residents were evacuated from Halvering.",
                       "More than 1,000 residents were evacuated from Halvering.", []),
    "ranges_apart": ("About 1,200 residents were evacuated from Halvering.",
                     "More than 3,000 residents were evacuated from Halvering.", ["number"]),
    "money_same": ("The repairs at the Brennock plant will cost £30 million.",
                   "The repairs at the Brennock plant will cost £30m.", []),
    "money_apart": ("The repairs at the Brennock plant will cost £30 million.",
                    "The repairs at the Brennock plant will cost £45 million.", ["number"]),
    "killed_vs_injured": ("Two workers were killed in the blast at the Brennock plant.",
                          "Five workers were injured in the blast at the Brennock plant.", []),
    "minutes": ("The blast at the Brennock plant happened at 04:15 on Tuesday.",
                "The blast at the Brennock plant happened at 03:48 on Tuesday.", ["time"]),
    "day_vs_minute": ("The blast at the Brennock plant happened on Tuesday.",
                      "The blast at the Brennock plant happened at 04:15 on Tuesday.", []),
    "days": ("The blast at the Brennock plant happened on Tuesday.",
             "The blast at the Brennock plant happened on Wednesday.", ["time"]),
    "numbered_place": ("The fire started in Warehouse 7 at the Brennock plant.",
                       "The fire started next to Warehouse 9 at the Brennock plant.", ["place"]),
    "route": ("The convicted smuggler Anton Brask fled the country via Marseille after his release.",
              "The convicted smuggler Anton Brask fled the country via Lisbon after his release.", ["place"]),
    "actor_order": ("Mayor Ilse Varga ordered the evacuation of Halvering.",
                    "Fire chief Tomas Reyl ordered the evacuation of Halvering.", ["actor"]),
    "actor_persuade": ("General Dario Kessel told the pilot to land in Halvering.",
                       "Commander Ivo Marek persuaded the pilot to land in Halvering.", ["actor"]),
    "confirmed_denied": ("Police said the cause was confirmed as a gas leak at the Brennock plant.",
                         "Officials denied that the cause was a gas leak at the Brennock plant.", ["negation"]),
    "will_not": ("Brennock Chemicals will hand over its safety records.",
                 "Brennock Chemicals will not hand over its safety records.", ["negation"]),
    "river": ("The spilled chemicals had not reached the Orrin river.",
              "The spilled chemicals seeped into the Orrin river.", ["negation"]),
    "no_evidence": ("Investigators found sabotage at the Brennock plant.",
                    "Investigators found no evidence of sabotage at the Brennock plant.", ["negation"]),
    "extra_detail": ("Two workers were killed in the blast, which also damaged the roof of the Brennock plant.",
                     "Two workers were killed in the blast at the Brennock plant on Tuesday.", []),
    "attributed": ("Police said the cause of the blast at the Brennock plant was a gas leak.",
                   "The cause of the blast at the Brennock plant was a gas leak.", []),
    "city_and_country": ("The blast at the Brennock plant in Halvering shook the town.",
                         "The blast at the Brennock plant in Norland shook Halvering.", []),
    # the rules added with the development split of tests/data/link_gold (invented text, as above)
    "not_on_the_auxiliary": ("The Brennock plant was not overloaded, inspectors said.",
                             "The Brennock plant was overloaded, workers said.", ["negation"]),
    "did_nothing_wrong": ("Mayor Ilse Varga denied any wrongdoing over the Brennock contract.",
                          "Mayor Ilse Varga insists she did nothing wrong over the Brennock contract.", []),
    "unit_in_a_compound": ("Officials awarded a 48 million crown cleaning contract to Brennock Chemicals.",
                           "Brennock Chemicals won a contract worth 84 million crowns.", ["number"]),
    "confirmed_dead": ("At least 14 people died in the blast at the Brennock plant.",
                       "Eleven people are confirmed dead after the blast at the Brennock plant.", ["number"]),
    "believed_vs_denied": ("It is believed the Brennock plant failed a safety inspection in March.",
                           "Brennock Chemicals denied that the plant had failed a safety inspection.", ["negation"]),
    "failed_is_not_denial": ("A valve at the Brennock plant failed, releasing gas over Halvering.",
                             "A valve at the Brennock plant broke, releasing gas over Halvering.", []),
    "time_in_a_side_clause": ("Brennock Chemicals, which has run the plant since 2011, said the blast was on Tuesday.",
                              "The blast at the Brennock plant happened on Tuesday.", []),
    "counts_of_different_events": ("About 1,200 residents were evacuated from Halvering.",
                                   "Three people died in Halvering.", []),
    # the rules added with the same-fact alignment pass (invented text, as above)
    "death_toll": ("Two workers were killed in the blast at the Brennock plant.",
                   "The blast at the Brennock plant raised the death toll to three.", ["number"]),
    "on_the_orders_of": ("Mayor Ilse Varga ordered the evacuation of Halvering.",
                         "Halvering was evacuated on the orders of fire chief Tomas Reyl.", ["actor"]),
    "agents_in_other_words": ("The Brennock memo was leaked by a clerk in the mayor's office.",
                              "The Brennock memo was leaked by Councillor Ada Fenn.", ["actor"]),
    "unnamed_subjects": ("Firefighters brought the blaze at the Brennock plant under control.",
                         "Crews brought the blaze at the Brennock plant under control.", []),
    "different_things_negated": ("A second tank at the Brennock plant was not damaged.",
                                 "A valve on a tank at the Brennock plant failed, releasing gas over Halvering.", []),
    "said_on_other_days": ("The blast at the Brennock plant happened on Tuesday, police said on Wednesday.",
                           "The blast at the Brennock plant happened on Tuesday, officials said on Thursday.", []),
    "according_to_two_wires": ("Two workers were killed at the Brennock plant, according to Reuters.",
                               "Two workers were killed at the Brennock plant, according to Nordvik Press.", []),
    "yet_to": ("Mayor Ilse Varga has yet to comment on the Brennock plant.",
               "Mayor Ilse Varga has not commented on the Brennock plant.", []),
    # issue 4, phase 2: directives name who made it happen; "no" on the predicate's argument (invented text)
    "told_vs_persuaded_in_other_words": ("Mayor Ilse Varga told the harbour master to close the port of Halvering.",
                                         "Engineers from the port authority persuaded the harbour master to close "
                                         "the port of Halvering.", ["actor"]),
    "told_by_the_same_person": ("Mayor Ilse Varga told the harbour master to close the port of Halvering.",
                                "Mayor Ilse Varga persuaded the harbour master to close the port of Halvering.", []),
    "no_on_the_argument": ("Brennock Chemicals said there was a risk of collapse at the plant.",
                           "Brennock Chemicals said there was no risk of collapse at the plant.", ["negation"]),
    "told_vs_persuaded_of": ("Mayor Ilse Varga told Tomas Reyl that he was going to lose the vote, insiders revealed.",
                             "Party agents persuaded Tomas Reyl he would lose the vote.", ["actor"]),
    "told_an_outlet_is_speech": ("Mayor Ilse Varga told the Halvering Gazette that the port was safe.",
                                 "Mayor Ilse Varga said that the port was safe.", []),
    "yet_to_and_declined_agree": ("Mayor Ilse Varga has yet to comment on the Brennock plant.",
                                  "Mayor Ilse Varga declined to comment on the Brennock plant.", []),
    "declined_vs_commented": ("Mayor Ilse Varga declined to comment on the Brennock plant.",
                              "Mayor Ilse Varga commented on the Brennock plant.", ["negation"]),
    "denial_of_another_deed": ("Brennock Chemicals said its chief had travelled abroad for treatment.",
                               "Brennock Chemicals denied that its chief had fled.", []),
    "denial_of_the_same_deed": ("People familiar with the inquiry said a tank at the Brennock plant had leaked.",
                                "Brennock Chemicals denied that a tank at the Brennock plant had leaked.",
                                ["negation"]),
    "in_the_town_of": ("A gas leak forced the evacuation of 300 homes in Halvering on Tuesday.",
                       "A gas leak forced the evacuation of 300 homes in the neighbouring town of Ostervik on "
                       "Tuesday.", ["place"]),
    "no_and_not_agree": ("There was no risk of collapse at the Brennock plant.",
                         "The Brennock plant was not at risk of collapse.", []),
    # issue 4, phase 4: head counts by the people's state; countries, capitals, seats and demonyms (invented text)
    "head_count_on_board": ("Six people were on board the Brennock company jet.",
                            "Nine passengers were on board the Brennock company jet.", ["number"]),
    "head_count_agrees": ("Nine people were aboard the Brennock company jet.",
                          "Nine passengers were on board the Brennock company jet.", []),
    "capital_for_country": ("Moscow helped Anton Brask flee the country via Marseille.",
                            "Russia helped Anton Brask flee the country via Marseille.", []),
    "seat_for_demonym_group": ("Anton Brask was smuggled out of the country by the Kremlin.",
                               "Anton Brask was smuggled out of the country by Russian agents.", []),
    "possessive_group": ("Anton Brask was smuggled out of the country by Russia's spies.",
                         "Anton Brask was smuggled out of the country by Moscow.", []),
    "agents_of_two_countries": ("Anton Brask was smuggled out of the country by Russian agents.",
                                "Anton Brask was smuggled out of the country by Turkish agents.", ["actor"]),
    "two_countries": ("Russia helped Anton Brask flee the country via Marseille.",
                      "Turkey helped Anton Brask flee the country via Marseille.", ["actor"]),
    "person_for_state": ("President Oleg Varin helped Anton Brask flee the country via Marseille.",
                         "Moscow helped Anton Brask flee the country via Marseille.", []),
    "person_vs_a_country_s_agents": ("Mayor Ilse Varga told Tomas Reyl that he was going to lose the vote.",
                                     "Russian agents persuaded Tomas Reyl he would lose the vote.", ["actor"]),
    # session 13: explicit contrasts, denied reports, negated participles, shared negations, coarse dates
    "not_at_that_place": ("Anton Brask was arrested at Halvering Airport, police said.",
                          "Anton Brask was arrested at the port of Ostervik, and not at Halvering Airport, two "
                          "officers said.", ["place"]),
    "not_that_actor": ("Officers of the coast guard arrested Anton Brask at the harbour.",
                       "Customs officers, not the coast guard, arrested Anton Brask at the harbour.", ["actor"]),
    "not_least": ("Customs officers arrested Anton Brask at the harbour.",
                  "Customs officers arrested Anton Brask at the harbour, not least because of a tip-off.", []),
    "denied_reports_that": ("The sprinkler system at the Brennock plant had been out of action for weeks.",
                            "Brennock Chemicals denied reports that the sprinkler system at the plant had been out "
                            "of action, saying in a statement that it had been working.", ["negation"]),
    "not_handcuffed": ("A witness said Anton Brask was led off the ferry in handcuffs.",
                       "Contrary to a witness's account, Anton Brask was not handcuffed when he left the ferry, "
                       "police said.", ["negation"]),
    "both_will_not": ("\"Halvering will not sit at a table where its farmers come last,\" spokesman Tomas Reyl said.",
                      "Spokesman Tomas Reyl fumed that Halvering \"will not sit at a table where its farmers come "
                      "last\".", []),
    "ages_are_no_places": ("The 41-year-old founder of Brennock Chemicals was arrested in Halvering.",
                           "The 52-year-old founder of Brennock Chemicals was arrested in Halvering.", []),
    "first_flames_before_the_start": ("The fire at the Brennock plant broke out shortly before 11 p.m. on Tuesday.",
                                      "The first flames at the Brennock plant were spotted at around 9.30 p.m. on "
                                      "Tuesday.", ["time"]),
    "clock_times_are_no_counts": ("The blast at the Brennock plant happened at 11 p.m. on Tuesday.",
                                  "The blast at the Brennock plant happened at around 9.30 p.m. on Tuesday.", ["time"]),
    "about_a_minute_gives_or_takes": ("The blast at the Brennock plant happened at about 4.15am on Tuesday.",
                                      "The blast at the Brennock plant happened at 4.05am on Tuesday.", []),
    "around_a_minute_still_differs": ("The ferry Brennock Star capsized at around 7.40am on Tuesday.",
                                      "The ferry Brennock Star capsized shortly after 6am on Tuesday.", ["time"]),
    "lives_claimed": ("Two workers were killed in the blast at the Brennock plant, police said.",
                      "The blast at the Brennock plant has claimed three lives, hospital staff told the Gazette.",
                      ["number"]),
    "one_subject_two_deeds": ("Brennock police have opened an investigation into the blast.",
                              "Brennock police have not yet interviewed the night manager, her lawyer said.", []),
    "no_ransom": ("No ransom was paid for the two Brennock engineers.",
                  "A ransom was handed to the kidnappers of the two Brennock engineers.", ["negation"]),
    "not_one": ("Stewards opened an emergency exit at the Brennock stadium, police said.",
                "Not one steward opened the emergency exit at the Brennock stadium, the video appears to show.",
                ["negation"]),
    "evacuation_as_a_noun": ("A fire forced the evacuation of 340 passengers from the Brennock ferry.",
                             "More than 500 passengers were evacuated from the Brennock ferry.", ["number"]),
    "a_minute_on_another_day": ("The blast at the Brennock plant happened at 4.15am on Tuesday.",
                                "The blast at the Brennock plant happened on Monday.", ["time"]),
    "year_beside_a_day": ("Anton Brask founded Brennock Chemicals in 2015.",
                          "Anton Brask, the founder of Brennock Chemicals, was arrested on Tuesday.", []),
    "a_modal_is_no_deed": ("The airport at Tarnby will stay shut until Sunday, the agency added.",
                           "No planes will take off or land at Tarnby before Sunday, the airport operator said.",
                           []),  # "will" is shared, but nothing that is done: the two agree
    "silence_is_no_denial_of_a_demand": ("The Tarnby Front has not commented on the release of the two engineers.",
                                         "The Tarnby Front has previously demanded the release of its fighters.",
                                         []),  # saying nothing answers only what it is said to have said
    "a_relative_clause_is_background": ("Saturday's derby at Tarnby had been sold out for weeks.",
                                         "Not a single ticket had been left for the derby at Tarnby, which had sold "
                                         "out within days.", []),  # what is denied is not the selling out
    "none_received_in_a_statement": ("Brennock Airways said in a statement that the crew had received no warning of "
                                     "wind shear.",
                                     "Harbour director Anton Brask told the Gazette that controllers had warned the "
                                     "crew of wind shear.", ["negation"]),
    "second_figure_of_a_claim": ("The court in Brennock sentenced Halder to eight years in prison.",
                                 "A panel of three judges in Brennock sentenced Halder to seven years in prison.",
                                 ["number"]),
    # the same remark quoted and reported: "nobody … is" is negated on both sides, though off the quote's main verb
    "both_say_nobody": ('"This ruling sends a message: nobody who sells a public office is above the law," '
                        "Brennock prosecutor Ada Rolf said.",
                        "Brennock prosecutor Ada Rolf said the ruling showed that nobody who sold a public office was "
                        "above the law.", []),
    "no_decision_about_it": ("Halder will appeal the verdict, his lawyer Ada Rolf told Arctis Press.",
                             '"No decision about an appeal has been made," defence lawyer Ada Rolf told the Brennock '
                             "Times.", ["negation"]),
    "negated_in_other_words": ("Brennock prosecutor Ada Rolf said the ruling showed that nobody who sold a public "
                               "office was above the law.",
                               'Ada Rolf told reporters: "The Brennock ruling proves that whoever trades a public '
                               'post for money does not stand above the law."', []),
    # a fronted "Not …" with the auxiliary before the subject negates the verb
    "inverted_negation": ("Not once did the stewards open the emergency exit at the Brennock stadium.",
                          "Two stewards opened the emergency exit at the Brennock stadium.", ["negation"]),
    "inverted_and_plain_negation": ('Ada Rolf said: "I never stopped believing that we would see Brennock again."',
                                    'Ada Rolf said: "Not for a single day did I give up hope of seeing Brennock '
                                    'again."', []),
    # whom a claim of blame names is who did the deed, not the one who blames
    "blame_laid_on_the_same_one": ("Police chief Ada Rolf said the Brennock gates had been shut on the orders of the "
                                   "club's safety officer.",
                                   "Police chief Ada Rolf has pinned the blame for shutting the Brennock gates on the "
                                   "club's safety officer.", []),
    "blame_laid_on_another": ("Police chief Ada Rolf has pinned the blame for shutting the Brennock gates on the "
                              "club's safety officer.",
                              "The club said the Brennock gates had been shut on the instruction of the police "
                              "commander, Tom Reed.", ["actor"]),
    "numbered_place_and_street": ("The crush at the Brennock stadium happened at Gate 4, police said.",
                                  "The crush at the Brennock stadium started at Gate 6, the turnstile block on Fennel "
                                  "Street, a reporter saw.", ["place"]),
    "answered_deed_off_the_main_verb": ("The other Brennock delegates went ahead and signed a joint statement.",
                                        "No joint statement was signed by the Brennock delegates.", ["negation"]),
    "answered_thing": ("The post said the Brennock chief had been taken off the plane in handcuffs.",
                       "The Brennock chief was not handcuffed when he left the plane, police said.", ["negation"]),
    # a count and a date told of another event ("since 1998, when …") are background, not the story's figures
    "count_of_another_date": ("Brennock prison, built in 1974, holds about 600 inmates.",
                              "The Brennock breakout was the first since 1998, when two inmates scaled the wall.",
                              []),
    "inmates_and_convicts": ("Three inmates escaped from the high-security prison at Brennock through a tunnel on "
                             "Sunday night.",
                             "Four convicts broke out of the high-security prison at Brennock through a tunnel on "
                             "Sunday night.", ["number"]),
    "site_named_after_its_place": ("The Kestra rocket failed after lifting off from Brennock Head.",
                                   "The Kestra rocket was lost after a launch from Brennock Head Spaceport.", []),
    "minutes_and_seconds_agree": ("Controllers lost contact with the Brennock rocket 90 seconds after liftoff.",
                                  "Telemetry from the Brennock rocket stopped one minute and 30 seconds after "
                                  "liftoff.", []),
    "minutes_and_seconds_differ": ("Controllers lost contact with the Brennock rocket 90 seconds after liftoff.",
                                   "Telemetry from the Brennock rocket stopped two minutes and 40 seconds after "
                                   "liftoff.", ["number"]),
    # "was quick to …" tells a state of its subject, not a deed; "pointed the finger at X" blames X
    "a_state_has_no_actor": ("Boss Ada Rolf was quick to comment on the Brennock engine failure.",
                             "The Brennock engine was built by Tarnby Propulsion.", []),
    "finger_pointed_at_the_same_one": ("Boss Ada Rolf pointed the finger at Tarnby Propulsion over the engine failure.",
                                       "The engine failure was caused by Tarnby Propulsion, engineers said.", []),
    # a pledge about what is to come does not answer a past deed told in other words
    "a_pledge_against_a_past_deed": ("Brennock Aerospace will not launch again until the cause of the failure has "
                                     "been found.",
                                     "Critics have long accused Brennock Aerospace of rushing its launches.", []),
}  # fmt: skip


@pytest.fixture(scope="module")
def story() -> tuple[list[ArticleAnalysis], dict[tuple[int, int], int]]:
    """Every pair's two reports analysed in one batch; story entities by name key."""
    articles = []
    for name, (first, second, _) in PAIRS.items():
        for suffix, text in (("x", first), ("y", second)):
            raw = RawDocument(origin=f"{name}-{suffix}.txt", kind="text", body=text, published=date(2024, 3, 6))
            articles.append(finish_article(raw, f"{name}-{suffix}"))
    analyses = analyse_many(articles)
    return analyses, entities_by_name(analyses)


def _conflicts(story: tuple[list[ArticleAnalysis], dict[tuple[int, int], int]], name: str) -> list[Conflict]:
    analyses, entity_of = story
    first = list(PAIRS).index(name) * 2
    assert len(analyses[first].claims) == 1 and len(analyses[first + 1].claims) == 1, name
    return find_conflicts(analyses, [ClaimRef(first, 0), ClaimRef(first + 1, 0)], entity_of)


@pytest.mark.parametrize("name", list(PAIRS))
def test_conflict_kinds(story: tuple[list[ArticleAnalysis], dict[tuple[int, int], int]], name: str) -> None:
    assert [c.kind for c in _conflicts(story, name)] == PAIRS[name][2]


def test_a_denial_said_in_a_statement_is_read_inside_it(
    story: tuple[list[ArticleAnalysis], dict[tuple[int, int], int]],
) -> None:
    [conflict] = _conflicts(story, "none_received_in_a_statement")
    assert '"had received no warning"' in conflict.detail and '"had warned"' in conflict.detail  # not "as who said"


def test_details_name_both_versions_and_outlets(
    story: tuple[list[ArticleAnalysis], dict[tuple[int, int], int]],
) -> None:
    [conflict] = _conflicts(story, "count")
    assert conflict.detail == 'number: "Two workers" (count-x) vs "Three people" (count-y) dead'
    [conflict] = _conflicts(story, "numbered_place")
    assert conflict.detail == 'place: "in Warehouse 7" (numbered_place-x) vs "next to Warehouse 9" (numbered_place-y)'
    [conflict] = _conflicts(story, "will_not")
    assert conflict.detail == 'negation: "will hand over" (will_not-x) vs "will not hand over" (will_not-y)'
    [conflict] = _conflicts(story, "second_figure_of_a_claim")  # each figure is shown from its own claim's text
    assert conflict.detail == (
        'number: "eight years" (second_figure_of_a_claim-x) vs "seven years" (second_figure_of_a_claim-y)'
    )
    [conflict] = _conflicts(story, "numbered_place_and_street")  # the gates differ, whatever street one is on
    assert '"at Gate 4"' in conflict.detail and '"at Gate 6"' in conflict.detail
    # the words a negation answers, not the main verb they hang on
    [conflict] = _conflicts(story, "answered_deed_off_the_main_verb")
    assert conflict.detail.startswith('negation: "signed" (answered_deed_off_the_main_verb-x)')
    [conflict] = _conflicts(story, "answered_thing")
    assert conflict.detail.startswith('negation: "had been taken off the plane in handcuffs" (answered_thing-x)')
    [conflict] = _conflicts(story, "no_decision_about_it")  # "told Arctis Press" (tagged a person) after the clause
    assert conflict.detail.startswith('negation: "will appeal" (no_decision_about_it-x) vs "No decision')
    assert all("\n" not in c.detail for name in PAIRS for c in _conflicts(story, name))


def test_claims_of_one_article_never_conflict(story: tuple[list[ArticleAnalysis], dict[tuple[int, int], int]]) -> None:
    analyses, entity_of = story
    first = list(PAIRS).index("count") * 2
    assert find_conflicts(analyses, [ClaimRef(first, 0)], entity_of) == []


def test_verdicts(story: tuple[list[ArticleAnalysis], dict[tuple[int, int], int]]) -> None:
    analyses, _ = story
    one, two = ClaimRef(0, 0), ClaimRef(1, 0)
    assert verdict(ClaimCluster((one,), one), analyses) == "single_source"
    assert verdict(ClaimCluster((one, two), one), analyses) == "corroborated"
    clash = Conflict("number", "number: ...", one, two)
    assert verdict(ClaimCluster((one, two), one, (clash,)), analyses) == "conflicting"


def test_one_disagreement_seen_through_two_claim_pairs_is_reported_once() -> None:
    texts = {
        "once": "Two workers were killed in the blast at the Brennock plant.",
        "twice": "Three people died in the blast at the Brennock plant.\n"
        "Three people died in the blast at the Brennock plant on Tuesday, police confirmed.",
    }
    analyses, _ = analysed_story(texts, date(2024, 3, 6))
    members = [ClaimRef(a, c) for a, analysis in enumerate(analyses) for c in range(len(analysis.claims))]
    assert len(members) == 3
    conflicts = find_conflicts(analyses, members, {})
    numbers = [c for c in conflicts if c.kind == "number"]
    assert len(numbers) == 1


def test_that_night_is_no_time_of_its_own() -> None:
    """ "that night" takes the date of the time told before it (here a Monday morning): it cannot contradict
    another outlet's "on Sunday night"."""
    analyses, entity_of = analysed_story(
        {
            "x": "Guards found the Brennock cells empty at 6.30 a.m. on Monday.\n"
            "Only four guards were on duty in the Brennock wing that night.",
            "y": "Only four guards were on duty in the Brennock wing on Sunday night.",
        },
        date(2024, 3, 6),
    )
    assert [t.value for t in analyses[0].times][-1] is not None  # read as a date, so a conflict was possible
    assert find_conflicts(analyses, [ClaimRef(0, 1), ClaimRef(1, 0)], entity_of) == []


def test_one_minute_and_thirty_seconds_is_shown_whole() -> None:
    analyses, entity_of = analysed_story(
        {
            "x": "Controllers lost contact with the Brennock rocket 50 seconds after liftoff.",
            "y": "Telemetry from the Brennock rocket stopped one minute and 30 seconds after liftoff.",
        },
        date(2024, 3, 6),
    )
    (conflict,) = find_conflicts(analyses, [ClaimRef(0, 0), ClaimRef(1, 0)], entity_of)
    assert '"one minute and 30 seconds"' in conflict.detail
