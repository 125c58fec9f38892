"""RSS/Atom reader: full-content entries, summary-only entries fetched from a local server, and every way an entry
or a whole feed can fail."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storylens.errors import FetchError, InputError, InputTooLarge, NoArticleText, NotAFeed
from storylens.ingest.feed import read_feed
from storylens.ingest.fetch import Fetcher, FetchSettings
from storylens.ingest.raw import RawDocument

CAP = 1_000_000


def rss(items: str, title: str = "Allerton Courier: Local") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<channel><title>{title}</title><link>https://courier.example/</link>"
        f"<description>Local news</description>{items}</channel></rss>"
    ).encode()


def full_item(story: Any, link: str, author: str = "Mara Quill") -> str:
    title, paragraphs = story
    content = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<item><title>{title}</title><link>{link}</link><dc:creator>{author}</dc:creator>"
        f"<pubDate>Tue, 12 Mar 2024 08:30:00 +0000</pubDate>"
        f"<description>{paragraphs[0][:60]}</description>"
        f"<content:encoded><![CDATA[{content}]]></content:encoded></item>"
    )


def atom(entries: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Valley Gazette</title><id>urn:uuid:7f0c2a8e-1111-4222-8333-944455556666</id>"
        f"<updated>2024-04-06T07:00:00Z</updated>{entries}</feed>"
    ).encode()


def summary_entry(title: str, link: str | None, updated: str = "2024-04-06T06:45:00Z") -> str:
    link_tag = f'<link href="{link}"/>' if link else ""
    return (
        f"<entry><title>{title}</title>{link_tag}<id>urn:entry:{abs(hash(title))}</id>"
        f"<updated>{updated}</updated><author><name>Pell Ardent</name></author>"
        f"<summary>A short teaser about {title.lower()}.</summary></entry>"
    )


def read(data: bytes, fetcher: Fetcher | None = None, origin: str = "local.rss") -> list[RawDocument | InputError]:
    return list(read_feed(data, origin, fetcher, CAP))


def documents(items: list[RawDocument | InputError]) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


def errors(items: list[RawDocument | InputError]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


@pytest.fixture
def fetcher() -> Any:
    with Fetcher(FetchSettings(allow_private=True, timeout=3.0)) as client:
        yield client


def test_rss_full_content_entries_are_used_as_is(page: Any) -> None:
    items = full_item(page.stories["bridge"], "https://courier.example/news/bridge-closed") + full_item(
        page.stories["library"], "https://courier.example/news/library-reopens", author="Ossian Tull"
    )
    docs = read(rss(items))
    assert [type(d) for d in docs] == [RawDocument, RawDocument]
    bridge, library = documents(docs)
    assert bridge.kind == "feed"
    assert bridge.title == page.stories["bridge"][0]
    assert bridge.byline == "Mara Quill"
    assert bridge.published == datetime(2024, 3, 12, 8, 30, tzinfo=UTC)
    assert bridge.url == "https://courier.example/news/bridge-closed"
    assert bridge.sitename == "Allerton Courier: Local"
    assert bridge.id_hint == "bridge-closed"
    assert bridge.origin == "local.rss entry 1 (https://courier.example/news/bridge-closed)"
    assert bridge.body.split("\n") == page.stories["bridge"][1]
    assert library.byline == "Ossian Tull"
    assert "entry 2" in library.origin


@pytest.mark.network
def test_atom_summary_entries_are_fetched(server: Any, page: Any, fetcher: Fetcher) -> None:
    orchard = server.route("/valley/frost.html", page.html("orchard", sitename="Valley Gazette Online"))
    library = server.route("/valley/library.html", page.html("library", sitename=None, published=None))
    feed = atom(summary_entry("Frost hits orchards", orchard) + summary_entry("Library reopens", library))
    first, second = documents(read(feed, fetcher))
    assert first.kind == "feed"
    assert first.url == orchard
    assert first.title == page.stories["orchard"][0]  # the page's own headline
    assert first.sitename == "Valley Gazette Online"
    assert first.published == date(2024, 3, 12)
    assert "Dunmore Valley" in first.body
    assert first.origin.startswith("local.rss entry 1")
    # The page lacks a site name and a date: the feed's fill in.
    assert second.sitename == "Valley Gazette"
    assert second.published == datetime(2024, 4, 6, 6, 45, tzinfo=UTC)
    assert "Wexley Row" in second.body


@pytest.mark.network
def test_entry_redirected_page_keeps_the_final_url(server: Any, page: Any, fetcher: Fetcher) -> None:
    final = server.route("/articles/frost", page.html("orchard"))
    short = server.redirect("/s/abc", "/articles/frost")
    (doc,) = read(atom(summary_entry("Frost", short)), fetcher)
    assert isinstance(doc, RawDocument)
    assert doc.url == final


def test_summary_only_entries_without_fetching_yield_an_error_each() -> None:
    feed = atom(
        summary_entry("One", "https://gazette.example/one") + summary_entry("Two", "https://gazette.example/two")
    )
    items = read(feed, fetcher=None)
    assert len(items) == 2
    for number, item in enumerate(items, start=1):
        assert isinstance(item, NoArticleText)
        assert f"entry {number}" in item.source
        assert "only a summary" in item.reason
        assert "fetching is turned off" in item.reason


def test_summary_entry_without_link_is_reported(fetcher: Fetcher) -> None:
    (item,) = read(atom(summary_entry("Nowhere to go", None)), fetcher)
    assert isinstance(item, NoArticleText)
    assert "no link" in item.reason
    assert "Nowhere to go" in item.source


@pytest.mark.network
def test_entry_whose_link_fails_is_reported_and_the_rest_still_come(server: Any, page: Any, fetcher: Fetcher) -> None:
    good = server.route("/ok.html", page.html("bridge"))
    missing = server.url("/missing.html")
    also_good = server.route("/ok2.html", page.html("library"))
    feed = atom(summary_entry("A", good) + summary_entry("B", missing) + summary_entry("C", also_good))
    first, failed, third = read(feed, fetcher)
    assert isinstance(first, RawDocument)
    assert isinstance(third, RawDocument)
    assert isinstance(failed, FetchError)
    assert "404" in failed.reason
    assert failed.source == f"local.rss entry 2 ({missing})"


@pytest.mark.network
def test_entry_page_without_text_is_reported(server: Any, fetcher: Fetcher) -> None:
    blank = server.route("/blank.html", "<html><body><script>x()</script></body></html>")
    (item,) = read(atom(summary_entry("Blank", blank)), fetcher)
    assert isinstance(item, NoArticleText)
    assert "entry 1" in item.source


def test_mixed_feed_uses_full_entries_and_reports_summaries(page: Any) -> None:
    items = full_item(page.stories["orchard"], "https://c.example/frost") + (
        "<item><title>Teaser</title><link>https://c.example/teaser</link><description>Short.</description></item>"
    )
    full, teaser = read(rss(items))
    assert isinstance(full, RawDocument)
    assert isinstance(teaser, NoArticleText)


def test_entry_over_the_cap_is_refused(page: Any) -> None:
    feed = rss(full_item(page.stories["bridge"], "https://c.example/big"))
    (item,) = read_feed(feed, "big.rss", None, 500)
    assert isinstance(item, InputTooLarge)
    assert "entry 1" in item.source


def test_relative_links_resolve_against_the_feed_url(page: Any) -> None:
    feed = rss(full_item(page.stories["bridge"], "/news/bridge"))
    (doc,) = read(feed, origin="https://courier.example/feeds/local.xml")
    assert isinstance(doc, RawDocument)
    assert doc.url == "https://courier.example/news/bridge"


def test_rdf_rss_1_is_a_feed(page: Any) -> None:
    title, paragraphs = page.stories["library"]
    content = "".join(f"<p>{p}</p>" for p in paragraphs)
    feed = (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        '<channel rdf:about="https://c.example/"><title>Corran Post</title><link>https://c.example/</link>'
        "<description>d</description></channel>"
        f'<item rdf:about="https://c.example/lib"><title>{title}</title><link>https://c.example/lib</link>'
        f"<content:encoded><![CDATA[{content}]]></content:encoded></item></rdf:RDF>"
    ).encode()
    (doc,) = read(feed)
    assert isinstance(doc, RawDocument)
    assert doc.sitename == "Corran Post"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"<!DOCTYPE html><html><body><p>Just a page.</p></body></html>", "HTML page"),
        (b"This is a plain note, not a feed at all.\n", "not XML"),
        (b'<?xml version="1.0"?><inventory><item sku="1">bolts</item></inventory>', "neither RSS nor Atom"),
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not XML"),
    ],
)
def test_not_a_feed(data: bytes, words: str) -> None:
    with pytest.raises(NotAFeed, match=words) as caught:
        read(data, origin="thing.xml")
    assert caught.value.source == "thing.xml"


@pytest.mark.parametrize(
    "feed",
    [
        rss(""),
        atom(""),
    ],
)
def test_feed_without_entries(feed: bytes) -> None:
    with pytest.raises(NoArticleText, match="the feed has no entries"):
        read(feed)


def test_feed_over_the_whole_feed_cap_is_refused() -> None:
    with pytest.raises(InputTooLarge):
        list(read_feed(rss("") + b" " * 600, "huge.rss", None, 100))


def _only_input_errors(data: bytes) -> None:
    try:
        items = list(read_feed(data, "fuzz.xml", None, CAP))
    except InputError:
        return
    assert all(isinstance(item, RawDocument | InputError) for item in items)


FUZZ = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_raise_only_input_errors(data: bytes) -> None:
    _only_input_errors(data)


@FUZZ
@given(st.text(max_size=2000))
def test_random_text_raises_only_input_errors(text: str) -> None:
    _only_input_errors(text.encode("utf-8", "surrogatepass"))


_FEEDISH = st.sampled_from(
    ["<rss>", "<rss version='2.0'>", "<channel>", "<item>", "</item>", "<title>", "</title>", "<link>", "</link>",
     "<feed xmlns='http://www.w3.org/2005/Atom'>", "<entry>", "</entry>", "<content type='html'>", "</content>",
     "<![CDATA[", "]]>", "<p>", "&amp;", "&bogus;", "<pubDate>", "</pubDate>", "http://x/", "Mon, 99 Foo",
     "<summary>", "<dc:creator>", "\x00", "é", " words ", "</channel></rss>", "</feed>"]
)  # fmt: skip


@FUZZ
@given(st.lists(_FEEDISH, max_size=60))
def test_feed_shaped_junk_raises_only_input_errors(parts: list[str]) -> None:
    _only_input_errors("".join(parts).encode("utf-8", "surrogatepass"))


@pytest.mark.network
def test_entry_page_that_lxml_refuses_does_not_end_the_feed(server: Any, page: Any, fetcher: Fetcher) -> None:
    odd = server.route("/odd.html", b"<html><body><script>go()</script>\x01</body></html>")
    good = server.route("/good.html", page.html("library"))
    first, second = read(atom(summary_entry("Odd", odd) + summary_entry("Good", good)), fetcher)
    assert isinstance(first, RawDocument | InputError)
    assert isinstance(second, RawDocument)
