from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storylens import read_articles
from storylens.errors import NoArticleText
from storylens.ingest.html import close_unclosed_title, extract_html, html_fragment_to_text
from support import FIXTURES

WriteFile = Callable[[str, str | bytes], Path]


def test_news_page_text_and_metadata() -> None:
    [article] = read_articles([FIXTURES / "herald_page.html"]).articles
    assert article.kind == "html"
    assert article.title == "Lighthouse keeper rescues six from capsized ferry"
    assert article.byline == "Marta Quillon"
    assert article.outlet == "The Kestrel Gazette"
    assert article.outlet_from == "metadata"
    assert article.published == datetime(2025, 3, 9, 7, 45, tzinfo=UTC)
    assert article.url == "https://kestrelgazette.example/news/2025/03/09/ferry-rescue"
    assert article.paragraph_texts[0].startswith("A lighthouse keeper on the island of Farrow")
    assert "Home" not in article.text and "cookies" not in article.text and "©" not in article.text
    assert "tracking" not in article.text


def test_newsletter_promo_inside_the_article_is_removed_and_listed() -> None:
    [article] = read_articles([FIXTURES / "herald_page.html"]).articles
    assert "newsletter" not in article.text
    assert len(article.removed) == 1 and "newsletter" in article.removed[0].reason
    assert article.removed[0].text.startswith("Sign up to our Coastal Briefing newsletter")


def test_broken_html_still_gives_its_text() -> None:
    ingested = read_articles([FIXTURES / "broken.html"])
    [article] = ingested.articles
    assert article.title == "Mill fire"
    assert article.text.startswith("Firefighters spent the night at the old Calder wool mill")
    assert "turned into flats" in article.text


def test_unclosed_title_is_closed_at_the_next_tag() -> None:
    assert close_unclosed_title("<title>A<body><p>B") == "<title>A</title><body><p>B"
    assert close_unclosed_title("<title>A</title><p>B") == "<title>A</title><p>B"


def test_page_without_text_is_skipped_with_its_reason(write_file: WriteFile) -> None:
    path = write_file("empty_page.html", "<html><head><script>var x = 1;</script></head><body> </body></html>")
    ingested = read_articles([path])
    assert not ingested.articles
    [error] = ingested.skipped
    assert isinstance(error, NoArticleText)
    assert error.source == str(path)


@pytest.mark.parametrize("markup", ["<script>alert(1)</script>", "<style>p {}</style>", "<svg><g/></svg>"])
def test_a_page_that_is_only_a_script_is_skipped_not_a_crash(write_file: WriteFile, markup: str) -> None:
    """lxml roots such a fragment at the script itself, and dropping the root fails inside lxml."""
    assert html_fragment_to_text(markup) == ""
    ingested = read_articles([write_file("script.html", markup)])
    assert not ingested.articles and isinstance(ingested.skipped[0], NoArticleText)


def test_fragment_to_text_puts_blocks_on_their_own_lines() -> None:
    text = html_fragment_to_text("<p>One <b>bold</b> claim.</p><ul><li>Item</li></ul><script>x()</script>Tail")
    assert text.split("\n") == ["One bold claim.", "Item", "Tail"]


def test_extract_raises_for_markup_with_nothing_readable() -> None:
    with pytest.raises(NoArticleText, match=r"page\.html"):
        extract_html("<div><img src='a.png'></div>", "page.html")
