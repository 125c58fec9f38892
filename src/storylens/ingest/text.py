"""Plain-text reader: UTF-8 or a detected legacy encoding; a short first line without a full stop is the title."""

from __future__ import annotations

import re
from pathlib import PurePath

from storylens.ingest.decode import decode_bytes
from storylens.ingest.raw import RawDocument, ReaderOutput

_MAX_TITLE_WORDS = 20
_ENDS_SENTENCE = re.compile(r"""[.!?:;"”'’)]$""")


def read_text(data: bytes, origin: str) -> ReaderOutput:
    decoded = decode_bytes(data, origin)
    notes = () if decoded.was_utf8 else (f"not UTF-8: decoded as {decoded.encoding}",)
    title, body = split_title(decoded.text)
    yield RawDocument(origin=origin, kind="text", body=body, id_hint=PurePath(origin).stem, title=title, notes=notes)


def split_title(text: str) -> tuple[str | None, str]:
    """Take a headline off the top: a short first line with no closing punctuation, when more text follows."""
    first, _, rest = text.strip().partition("\n")
    first = first.strip()
    if not rest.strip() or len(first.split()) > _MAX_TITLE_WORDS or _ENDS_SENTENCE.search(first):
        return None, text
    return " ".join(first.split()), rest
