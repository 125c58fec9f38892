"""RSS and Atom reader (feedparser). An entry carrying the whole article is used as is; one carrying only a
summary is fetched from its link. An entry that cannot be used yields its own error; the rest still count."""

from __future__ import annotations

import io
import time
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import PurePath
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from storylens.errors import InputError, InputTooLarge, MalformedRecord, NoArticleText, NotAFeed
from storylens.ingest.dates import parse_published
from storylens.ingest.decode import decode_bytes
from storylens.ingest.fetch import Fetcher
from storylens.ingest.html import extract_html, html_fragment_to_text
from storylens.ingest.raw import RawDocument, ReaderOutput
from storylens.ingest.sources import FEED_CAP_FACTOR, is_url

# Fewer words than this in an entry's content means a teaser, not the article: fetch the page instead.
FULL_ENTRY_WORDS = 80


def read_feed(data: bytes, origin: str, fetcher: Fetcher | None, max_bytes: int) -> ReaderOutput:
    """Entries of an RSS/Atom feed. Raises NotAFeed for anything else, NoArticleText for an empty feed."""
    cap = max_bytes * FEED_CAP_FACTOR
    if len(data) > cap:
        raise InputTooLarge(origin, f"{len(data):,} bytes is over the {cap:,}-byte feed cap; raise it with --max-bytes")
    parsed = _parse(data, origin)
    entries = list(parsed.get("entries") or [])
    if not entries:
        raise NoArticleText(origin, "the feed has no entries")
    sitename = _clean(parsed.get("feed", {}).get("title"))
    for number, entry in enumerate(entries, start=1):
        entry_origin = _entry_origin(origin, number, entry)
        try:
            yield _read_entry(entry, entry_origin, origin, number, sitename, fetcher, max_bytes)
        except InputError as error:
            yield error


def _parse(data: bytes, origin: str) -> Any:
    """feedparser's result, or NotAFeed. A stream, not bytes: feedparser opens a bytes value as a path."""
    try:
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # a large legacy parser: any failure on odd input means "not a feed we can read"
        raise NotAFeed(origin, f"not a readable RSS or Atom feed ({type(exc).__name__}: {exc})") from exc
    # Loose parsing finds "entries" in any XML with <item>s; without a feed version, only real ones count.
    if not parsed.get("version") and not any(_has_substance(entry) for entry in parsed.get("entries") or []):
        raise NotAFeed(origin, _not_a_feed_reason(data, parsed))
    return parsed


def _has_substance(entry: Mapping[str, Any]) -> bool:
    return any(entry.get(key) for key in ("title", "link", "summary", "content"))


def _not_a_feed_reason(data: bytes, parsed: Any) -> str:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head:
        return "the input is empty, not an RSS or Atom feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "this is an HTML page, not an RSS or Atom feed"
    problem = parsed.get("bozo_exception")
    detail = f" ({problem})" if problem else ""
    if head.startswith(b"<"):
        return f"XML, but neither RSS nor Atom: no <rss>, <feed> or <rdf:RDF> element found{detail}"
    return f"not XML, so not an RSS or Atom feed{detail}"


def _read_entry(
    entry: Mapping[str, Any],
    entry_origin: str,
    feed_origin: str,
    number: int,
    sitename: str | None,
    fetcher: Fetcher | None,
    max_bytes: int,
) -> RawDocument:
    link = _entry_link(entry, feed_origin)
    from_feed = RawDocument(
        origin=entry_origin,
        kind="feed",
        body=_entry_body(entry, entry_origin, max_bytes),
        id_hint=_entry_id_hint(link, entry, feed_origin, number),
        title=_clean(entry.get("title")),
        byline=_clean(entry.get("author")),
        published=_entry_published(entry),
        sitename=sitename,
        url=link,
    )
    if len(from_feed.body.split()) >= FULL_ENTRY_WORDS:
        return from_feed
    return _fetch_entry(from_feed, fetcher)


def _fetch_entry(from_feed: RawDocument, fetcher: Fetcher | None) -> RawDocument:
    """The entry's page, with the feed's metadata filling what the page lacks."""
    origin = from_feed.origin
    words = len(from_feed.body.split())
    if fetcher is None:
        raise NoArticleText(origin, f"the entry holds only a summary ({words} words) and fetching is turned off")
    if from_feed.url is None:
        raise NoArticleText(origin, f"the entry holds only a summary ({words} words) and has no link to fetch")
    try:
        fetched = fetcher.fetch(from_feed.url)
    except InputError as error:
        raise error.at(origin) from error  # the entry's name already carries its link
    page = _extract_page(fetched.data, origin, fetched.url)
    return replace(
        page,
        id_hint=from_feed.id_hint,
        title=page.title or from_feed.title,
        byline=page.byline or from_feed.byline,
        published=page.published or from_feed.published,
        sitename=_named_sitename(page) or from_feed.sitename,
    )


def _named_sitename(page: RawDocument) -> str | None:
    """The page's site name, unless it is only the host name (trafilatura's fallback): the feed's title says more."""
    host = urlsplit(page.url or "").netloc.removeprefix("www.")
    if page.sitename and page.sitename.removeprefix("www.") != host:
        return page.sitename
    return None


def _extract_page(data: bytes, origin: str, url: str) -> RawDocument:
    try:
        return extract_html(decode_bytes(data, origin).text, origin, url=url, kind="feed")
    except ValueError as exc:  # lxml refuses some control characters in the page
        raise MalformedRecord(origin, f"the entry's page could not be read ({exc})") from exc


def _entry_body(entry: Mapping[str, Any], origin: str, max_bytes: int) -> str:
    """Plain text of the entry's longest content (or its summary when it has none)."""
    candidates = [part for part in entry.get("content") or [] if isinstance(part, Mapping)]
    if not candidates and entry.get("summary"):
        candidates = [entry.get("summary_detail") or {"value": entry.get("summary"), "type": "text/html"}]
    best = max(candidates, key=lambda part: len(str(part.get("value") or "")), default=None)
    if best is None:
        return ""
    value = str(best.get("value") or "")
    if len(value.encode("utf-8")) > max_bytes:
        raise InputTooLarge(
            origin, f"the entry's content is over the {max_bytes:,}-byte cap; raise it with --max-bytes"
        )
    if best.get("type") == "text/plain":
        return value.strip()
    try:
        return html_fragment_to_text(value)
    except ValueError as exc:  # lxml refuses some control characters
        raise MalformedRecord(origin, f"the entry's HTML could not be read ({exc})") from exc


def _entry_origin(feed_origin: str, number: int, entry: Mapping[str, Any]) -> str:
    """Names the entry so a user can find it: its number and its link (or title)."""
    label = _entry_link(entry, feed_origin) or _clean(entry.get("title"))
    return f"{feed_origin} entry {number} ({label})" if label else f"{feed_origin} entry {number}"


def _entry_link(entry: Mapping[str, Any], feed_origin: str) -> str | None:
    """The entry's web address; None when it has none we could fetch (feedparser may hand an Atom id here)."""
    link = _clean(entry.get("link"))
    if link is None:
        return None
    # A relative link is relative to the feed's own URL, when the feed came from one.
    absolute = urljoin(feed_origin, link) if is_url(feed_origin) else link
    return absolute if is_url(absolute) else None


def _entry_id_hint(link: str | None, entry: Mapping[str, Any], feed_origin: str, number: int) -> str:
    if link:
        stem = PurePath(urlsplit(link).path.rstrip("/")).stem
        if stem:
            return stem
    return _clean(entry.get("title")) or f"{PurePath(urlsplit(feed_origin).path).stem or 'feed'}-{number}"


def _entry_published(entry: Mapping[str, Any]) -> date | None:
    entry = dict(entry)  # the stored keys only: feedparser's key aliases warn when read through
    for key in ("published", "updated", "created"):
        parsed = parse_published(entry.get(key))
        if parsed is not None:
            return parsed
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        struct = entry.get(key)
        if isinstance(struct, time.struct_time):
            try:
                return datetime(*struct[:6], tzinfo=UTC)  # feedparser normalises these to UTC
            except ValueError:
                continue
    return None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None
