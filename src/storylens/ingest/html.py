"""HTML reader: trafilatura for the main text and metadata; a plain block-level walk when it finds nothing."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from storylens.errors import NoArticleText
from storylens.ingest.clean import split_paragraphs, strip_invalid_characters
from storylens.ingest.dates import parse_published
from storylens.ingest.decode import decode_bytes
from storylens.ingest.raw import RawDocument, ReaderOutput
from storylens.records import InputKind

_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "br", "section",
           "article", "header", "footer", "figcaption", "dd", "dt", "td", "th"}  # fmt: skip
_TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.IGNORECASE)
# article:published_time, og:published_time, itemprop=datePublished, or JSON-LD "datePublished".
_PUBLISHED_META = re.compile(
    r"""(?:(?:property|name|itemprop)=["'](?:article:published_time|og:published_time|datePublished|pubdate)["']"""
    r"""[^>]*?content=["'](?P<value>[^"']+)["'])|(?:"datePublished"\s*:\s*"(?P<ld>[^"]+)")""",
    re.IGNORECASE,
)
_DROP = ("script", "style", "noscript", "template", "svg", "head", "iframe", "object")


def read_html(data: bytes, origin: str, url: str | None = None, kind: InputKind = "html") -> ReaderOutput:
    markup = decode_bytes(data, origin).text
    yield extract_html(markup, origin, url=url, kind=kind)


def extract_html(markup: str, origin: str, url: str | None = None, kind: InputKind = "html") -> RawDocument:
    """Main text and metadata of one page. Raises NoArticleText when the page holds no readable text."""
    markup = close_unclosed_title(strip_invalid_characters(markup))
    document = _trafilatura(markup, url)
    notes: tuple[str, ...] = ()
    body = (document.get("text") or "") if document else ""
    if not body.strip():
        body = html_fragment_to_text(markup)
        notes = ("main-text extraction found no article; used all visible text of the page",)
    if not body.strip():
        raise NoArticleText(origin, "the HTML holds no readable text")
    meta = document or {}
    title = _clean(meta.get("title"))
    body = _drop_leading_title(body, title)
    return RawDocument(
        origin=origin,
        kind=kind,
        body=body,
        id_hint=_id_hint(origin, url),
        title=title,
        byline=_clean(meta.get("author")),
        published=_published(markup, meta.get("date")),
        sitename=_sitename(meta),
        url=url or _clean(meta.get("url")),
        notes=notes,
    )


def close_unclosed_title(markup: str) -> str:
    """A <title> that is never closed swallows the whole page as title text (browsers do the same); close it
    where the next tag starts, which is what its author meant."""
    match = _TITLE_OPEN.search(markup)
    if match is None or _TITLE_CLOSE.search(markup, match.end()):
        return markup
    tag = markup.find("<", match.end())
    return markup if tag < 0 else f"{markup[:tag]}</title>{markup[tag:]}"


def html_fragment_to_text(markup: str) -> str:
    """Visible text of an HTML page or fragment, one line per block element (feeds carry such fragments)."""
    try:
        root = lxml_html.fromstring(strip_invalid_characters(markup))
    except (etree.ParserError, ValueError):
        return ""
    for element in list(root.iter(*_DROP)):
        if element.getparent() is None:
            return ""  # the whole fragment is a script, style or the like: nothing visible
        element.drop_tree()
    lines: list[str] = []
    current: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if event == "start":
            if tag in _BLOCKS:
                _flush(current, lines)
            current.append(element.text or "")
        else:
            if tag in _BLOCKS:
                _flush(current, lines)
            current.append(element.tail or "")
    _flush(current, lines)
    return "\n".join(lines)


def _flush(current: list[str], lines: list[str]) -> None:
    line = " ".join("".join(current).split())
    if line:
        lines.append(line)
    current.clear()


def _trafilatura(markup: str, url: str | None) -> dict[str, Any] | None:
    try:
        document = trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            deduplicate=False,
        )
    except (ValueError, TypeError, AssertionError, etree.LxmlError):
        # AssertionError: lxml's drop_tree on a page that is one bare element (a lone <script>), inside htmldate
        return None
    if document is None:
        return None
    result: dict[str, Any] = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    return result


def _published(markup: str, day: object) -> date | None:
    """trafilatura (htmldate) keeps only the day; take the time too from the page's own metadata when it agrees."""
    found = parse_published(day)
    match = _PUBLISHED_META.search(markup)
    exact = parse_published(match.group("value") or match.group("ld")) if match else None
    if isinstance(exact, datetime) and (found is None or exact.date() == found):
        return exact
    return found


def _drop_leading_title(body: str, title: str | None) -> str:
    """trafilatura repeats the headline as the first line; the title has its own field."""
    paragraphs = split_paragraphs(body)
    if title and paragraphs and paragraphs[0].strip().casefold() == title.casefold() and len(paragraphs) > 1:
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


def _sitename(meta: dict[str, Any]) -> str | None:
    """The site's name from its metadata; trafilatura falls back to the host name, which is no name (the URL's
    host is judged on its own, later)."""
    name = _clean(meta.get("sitename"))
    host = _clean(meta.get("hostname"))
    if name is None or (host and name.lower().removeprefix("www.") == host.lower().removeprefix("www.")):
        return None
    return None if " " not in name and ("." in name or ":" in name) else name


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _id_hint(origin: str, url: str | None) -> str:
    if url:
        path = urlsplit(url).path.rstrip("/")
        return PurePath(path).stem or urlsplit(url).hostname or "page"
    return PurePath(origin).stem
