"""URLs end to end through read_articles, against a real local HTTP server."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

import pytest

from storylens.errors import BlockedAddress, FetchError, FetchTimeout
from storylens.ingest import IngestOptions, read_articles
from storylens.ingest.fetch import FetchSettings

pytestmark = pytest.mark.network


def local(**settings: Any) -> IngestOptions:
    return IngestOptions(fetch=FetchSettings(**{"allow_private": True, "timeout": 5.0, **settings}))


def test_page_becomes_an_article(server: Any, page: Any) -> None:
    url = server.route("/story.html", page.html("bridge", sitename="The Allerton Courier", published="2024-03-12"))
    result = read_articles([url], local())
    assert result.skipped == []
    (article,) = result.articles
    assert article.kind == "url"
    assert article.origin == url
    assert article.url == url
    assert article.title == page.stories["bridge"][0]
    assert article.outlet == "The Allerton Courier"
    assert article.outlet_from == "metadata"
    assert article.published == date(2024, 3, 12)
    assert article.paragraph_texts == page.stories["bridge"][1]
    assert article.id == "story"


def test_redirected_page_keeps_the_final_url(server: Any, page: Any) -> None:
    final = server.route("/2024/orchard-frost", page.html("orchard"))
    given = server.redirect("/go/123", "/2024/orchard-frost")
    (article,) = read_articles([given], local()).articles
    assert article.origin == given
    assert article.url == final


def _rss(items: str) -> str:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Corran Post</title>'
        f"<link>http://corran.example/</link><description>d</description>{items}</channel></rss>"
    )


def test_url_serving_rss_is_read_as_a_feed(server: Any, page: Any) -> None:
    server.route("/news/library.html", page.html("library", sitename="Corran Post"))
    server.route("/news/frost.html", page.html("orchard", sitename="Corran Post"))
    items = "".join(
        f"<item><title>{title}</title><link>{link}</link><description>Teaser.</description>"
        "<pubDate>Sat, 16 Mar 2024 09:00:00 +0000</pubDate></item>"
        for title, link in [("Library", "/news/library.html"), ("Frost", "/news/frost.html")]
    )
    feed = server.route("/feed", _rss(items), content_type="application/rss+xml")
    result = read_articles([feed], local())
    assert result.skipped == []
    assert [a.url for a in result.articles] == [server.url("/news/library.html"), server.url("/news/frost.html")]
    assert {a.kind for a in result.articles} == {"feed"}
    assert all(a.outlet == "Corran Post" for a in result.articles)


def test_feed_served_as_text_plain_is_sniffed(server: Any, page: Any) -> None:
    title, paragraphs = page.stories["bridge"]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    item = f"<item><title>{title}</title><link>http://c.example/b</link><description><![CDATA[{body}]]></description></item>"
    feed = server.route("/feed.txt", _rss(item), content_type="text/plain")
    (article,) = read_articles([feed], local()).articles
    assert article.kind == "feed"
    assert article.title == title


def test_feed_entries_not_fetched_when_turned_off(server: Any) -> None:
    item = "<item><title>Only a teaser</title><link>/x.html</link><description>Short.</description></item>"
    feed = server.route("/feed", _rss(item), content_type="application/rss+xml")
    options = IngestOptions(fetch_feed_entries=False, fetch=FetchSettings(allow_private=True, timeout=5.0))
    result = read_articles([feed], options)
    assert result.articles == []
    (skipped,) = result.skipped
    assert "fetching is turned off" in str(skipped)
    assert server.hits == ["/feed"]


def test_timeout_is_skipped_with_a_clear_message(server: Any, page: Any) -> None:
    slow = server.route("/slow.html", page.html("bridge"), delay=10.0)
    fine = server.route("/fine.html", page.html("library"))
    started = time.monotonic()
    result = read_articles([slow, fine], local(timeout=0.4))
    assert time.monotonic() - started < 4
    assert [a.url for a in result.articles] == [fine]
    (skipped,) = result.skipped
    assert isinstance(skipped, FetchTimeout)
    assert skipped.source == slow
    assert "no answer within 0.4 s" in str(skipped)


def test_local_address_skipped_without_allow_private(server: Any, page: Any) -> None:
    url = server.route("/story.html", page.html("bridge"))
    result = read_articles([url], IngestOptions())
    assert result.articles == []
    (skipped,) = result.skipped
    assert isinstance(skipped, BlockedAddress)
    assert skipped.source == url
    assert "--allow-private" in str(skipped)
    assert server.hits == []


def test_missing_page_is_skipped_with_its_status(server: Any) -> None:
    url = server.url("/nothing-here")
    (skipped,) = read_articles([url], local()).skipped
    assert isinstance(skipped, FetchError)
    assert "404" in str(skipped)


def test_non_html_page_is_skipped_with_a_reason(server: Any) -> None:
    url = server.route("/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, content_type="image/png")
    result = read_articles([url], local())
    assert result.articles == []
    (skipped,) = result.skipped
    assert skipped.source == url
    assert "PNG" in str(skipped)
