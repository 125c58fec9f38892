"""Outlet inference: given, then page metadata, then the URL's host, then the text naming itself."""

from __future__ import annotations

import pytest

from storylens.ingest.finish import finish_article
from storylens.ingest.outlet import infer_outlet, known_outlets
from storylens.ingest.raw import RawDocument
from storylens.records import Removal


def _doc(outlet: str | None = None, sitename: str | None = None, url: str | None = None) -> RawDocument:
    return RawDocument(origin="story.txt", kind="text", body="", outlet=outlet, sitename=sitename, url=url)


def _promo(text: str) -> Removal:
    return Removal(text, "subscription offer", "subscription_offer")


def test_given_outlet_wins_over_everything() -> None:
    doc = _doc(outlet=" The Harbour Herald ", sitename="Other", url="https://www.bbc.co.uk/news/1")
    assert infer_outlet(doc, [], [_promo("Try The Times free for 3 months")]) == ("The Harbour Herald", "given")


def test_metadata_wins_over_url() -> None:
    assert infer_outlet(_doc(sitename="The Harbour Herald", url="https://www.bbc.co.uk/news/1"), [], []) == (
        "The Harbour Herald",
        "metadata",
    )


@pytest.mark.parametrize(
    ("sitename", "expected"),
    [
        ("The Harbour Herald | News", "The Harbour Herald"),
        ("Latest News - The Valley Echo", "The Valley Echo"),
        ("The Northern Clarion", "The Northern Clarion"),
        ("Guardian", "The Guardian"),
        ("telegraph.co.uk", "The Telegraph"),
    ],
)
def test_sitename_is_cleaned_lightly(sitename: str, expected: str) -> None:
    assert infer_outlet(_doc(sitename=sitename), [], []) == (expected, "metadata")


def test_generic_sitename_falls_through_to_url() -> None:
    assert infer_outlet(_doc(sitename="News | Home", url="https://www.nytimes.com/2024/a.html"), [], []) == (
        "The New York Times",
        "url",
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.telegraph.co.uk/news/2024/05/01/story/", "The Telegraph"),
        ("https://www.thesun.co.uk/news/123/", "The Sun"),
        ("https://www.bbc.co.uk/news/uk-123", "BBC News"),
        ("https://www.bbc.com/news/world-123", "BBC News"),
        ("https://news.bbc.co.uk/1/hi/uk/123.stm", "BBC News"),
        ("https://edition.cnn.com/2024/05/01/world/story", "CNN"),
        ("https://www.reuters.com/world/story-2024-05-01/", "Reuters"),
        ("https://www.harbourherald.example/news/1", "harbourherald.example"),
    ],
)
def test_url_host_maps_to_a_display_name(url: str, expected: str) -> None:
    assert infer_outlet(_doc(url=url), [], []) == (expected, "url")


def test_malformed_url_says_nothing() -> None:
    assert infer_outlet(_doc(url="http://[::1"), [], []) == (None, "unknown")


@pytest.mark.parametrize(
    ("promo", "expected"),
    [
        ("Try The Telegraph free for 3 months", "The Telegraph"),
        ("Subscribe to the Times today for just £1 a week.", "The Times"),
        ("Broaden your horizons. Try The Daily Bugle Free For 3 Months", "The Daily Bugle"),
        ("Get unlimited access to The Northern Clarion for just $2 a month.", "The Northern Clarion"),
        ("Sign up to The Dispatch's free politics email.", "The Dispatch"),
        ("Get the Evening Lantern for just £1 a week. Subscribe now.", "The Evening Lantern"),
        ("(Reporting by Ana Ruiz; editing by the Valley Courier desk)", "Valley Courier"),
    ],
)
def test_removed_promo_names_the_outlet(promo: str, expected: str) -> None:
    assert infer_outlet(_doc(), [], [_promo(promo)]) == (expected, "text")


@pytest.mark.parametrize(
    "promo",
    ["Sign up to our newsletter", "Subscribe to Our Newsletter", "Subscribe to The Briefing newsletter", "Try it free"],
)
def test_promo_without_an_outlet_name_says_nothing(promo: str) -> None:
    assert infer_outlet(_doc(), [], [_promo(promo)]) == (None, "unknown")


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("The Sun can reveal the striker has asked to leave the club.", "The Sun"),
        ("The Guardian understands that talks stalled on Tuesday night.", "The Guardian"),
        ("The BBC has learned that the report will be delayed.", "BBC News"),
        ("The Telegraph has learnt the minister was warned twice.", "The Telegraph"),
        ("The Times revealed last month that the contract had been cancelled.", "The Times"),
    ],
)
def test_self_reference_names_the_outlet(paragraph: str, expected: str) -> None:
    paragraphs = ["Ferry services were cancelled on Monday.", paragraph]
    assert infer_outlet(_doc(), paragraphs, []) == (expected, "text")


@pytest.mark.parametrize(
    "paragraph",
    [
        "A government source told The Times the deal was close.",
        "According to The Guardian, the talks collapsed on Tuesday.",
        "The minister told the BBC she would not resign.",
        "Over the years time has seen the harbour change beyond recognition.",
    ],
)
def test_citations_of_other_outlets_do_not_count(paragraph: str) -> None:
    assert infer_outlet(_doc(), [paragraph], []) == (None, "unknown")


def test_a_tie_between_outlets_is_no_answer() -> None:
    paragraphs = ["The Guardian understands the talks stalled.", "The Telegraph has learned the same."]
    assert infer_outlet(_doc(), paragraphs, []) == (None, "unknown")


def test_the_outlet_named_most_often_wins() -> None:
    paragraphs = [
        "The Sun can reveal the deal was signed.",
        "The Sun understands the fee was £40m.",
        "The Times revealed last week that talks had begun.",
    ]
    assert infer_outlet(_doc(), paragraphs, []) == ("The Sun", "text")


def test_promo_evidence_beats_self_reference() -> None:
    paragraphs = ["The Guardian understands the talks stalled."]
    assert infer_outlet(_doc(), paragraphs, [_promo("Try The Daily Bugle free for 3 months")]) == (
        "The Daily Bugle",
        "text",
    )


def test_nothing_known_is_unknown() -> None:
    assert infer_outlet(_doc(), ["Ferry services were cancelled on Monday."], []) == (None, "unknown")


def test_known_outlets_table_is_sizeable_and_consistent() -> None:
    outlets = known_outlets()
    assert 80 <= len(outlets.by_host) <= 200
    assert outlets.by_host["bbc.co.uk"] == outlets.by_host["bbc.com"] == "BBC News"
    assert all(host == host.lower() and "." in host and not host.startswith("www.") for host in outlets.by_host)
    assert set(outlets.by_host.values()) <= set(outlets.by_name.values())


def test_finish_article_takes_the_outlet_from_a_removed_promo() -> None:
    body = (
        "Ferry services to the islands were cancelled on Monday as gales swept the coast.\n\n"
        "The operator said sailings would resume on Wednesday.\n\n"
        "Try The Harbour Herald free for 3 months with unlimited access to our website and app."
    )
    article = finish_article(RawDocument(origin="ferry.txt", kind="text", body=body), "ferry")
    assert (article.outlet, article.outlet_from) == ("The Harbour Herald", "text")
    assert [r.rule for r in article.removed] == ["subscription_offer"]
    assert "Try The Harbour Herald" not in article.text
