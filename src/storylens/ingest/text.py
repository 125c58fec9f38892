"""Plain-text reader: UTF-8 or a detected legacy encoding; optional front matter; a short first line without a
full stop is the title.

Front matter, for metadata a plain file cannot otherwise carry (the publication date anchors "on Sunday")::

    ---
    title: Two killed in depot fire
    outlet: Coastline Daily
    published: 2025-10-12T09:30:00+01:00
    byline: Staff reporter
    url: https://coastline.example/depot-fire
    ---
"""

from __future__ import annotations

import re
from pathlib import PurePath

from storylens.ingest.dates import parse_published
from storylens.ingest.decode import decode_bytes
from storylens.ingest.raw import RawDocument, ReaderOutput

_MAX_TITLE_WORDS = 20
_ENDS_SENTENCE = re.compile(r"""[.!?:;"”'’)]$""")
_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\n(?P<block>(?:[^\n]*\n)*?)---[ \t]*(?:\n|\Z)")
_FIELD = re.compile(r"^(?P<key>[A-Za-z_]+)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")
_KEYS = {"title": "title", "outlet": "outlet", "published": "published", "date": "published", "byline": "byline",
         "author": "byline", "url": "url"}  # fmt: skip


def read_text(data: bytes, origin: str) -> ReaderOutput:
    decoded = decode_bytes(data, origin)
    notes = [] if decoded.was_utf8 else [f"not UTF-8: decoded as {decoded.encoding}"]
    fields, text = split_front_matter(decoded.text, notes)
    title, body = split_title(text)
    published = parse_published(fields.get("published"))
    if fields.get("published") and published is None:
        notes.append(f"unreadable 'published' value {fields['published']!r} ignored")
    yield RawDocument(
        origin=origin,
        kind="text",
        body=body,
        id_hint=PurePath(origin).stem,
        title=fields.get("title") or title,
        byline=fields.get("byline"),
        published=published,
        outlet=fields.get("outlet"),
        url=fields.get("url"),
        notes=tuple(notes),
    )


def split_front_matter(text: str, notes: list[str]) -> tuple[dict[str, str], str]:
    """Fields of a leading `---` block and the text after it; unknown keys are named in `notes`."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # a file saved on Windows has the same front matter
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group("block").splitlines():
        field = _FIELD.match(line)
        if field is None or field.group("key").lower() not in _KEYS:
            if line.strip():
                notes.append(f"front matter line not used: {line.strip()!r}")
            continue
        if field.group("value"):
            fields[_KEYS[field.group("key").lower()]] = field.group("value").strip("\"'")
    return fields, text[match.end() :]


def split_title(text: str) -> tuple[str | None, str]:
    """Take a headline off the top: a short first line with no closing punctuation, when more text follows."""
    first, _, rest = text.strip().partition("\n")
    first = first.strip()
    if not rest.strip() or len(first.split()) > _MAX_TITLE_WORDS or _ENDS_SENTENCE.search(first):
        return None, text
    return " ".join(first.split()), rest
