"""Normalise extracted text into paragraphs: one layout for every input kind, so offsets mean the same thing."""

from __future__ import annotations

import re
import unicodedata

from storylens.records import Span

PARAGRAPH_SEPARATOR = "\n\n"
# Invisible characters that only get in the way of matching (zero-width spaces and joiners, soft hyphens, BOMs).
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Control characters (but tab and newlines), lone surrogates and non-characters: no text means them, and XML
# parsers and UTF-8 encoders refuse them.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def strip_invalid_characters(text: str) -> str:
    """Text without control characters, lone surrogates and non-characters (a lone surrogate becomes U+FFFD)."""
    return _INVALID.sub(lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else "", text)


def normalise_text(raw: str) -> str:
    """Unicode NFC, unified newlines, no invisible or invalid characters, runs of spaces collapsed, lines stripped."""
    text = strip_invalid_characters(raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def split_paragraphs(raw: str) -> list[str]:
    """Paragraphs of a text. Blank lines separate paragraphs when the text has any (lines inside a paragraph are
    kept: hard-wrapped text stays as written); otherwise every non-empty line is a paragraph."""
    text = normalise_text(raw)
    if _BLANK_LINE.search(text):
        blocks = [block.strip("\n") for block in _BLANK_LINE.split(text)]
    else:
        blocks = text.split("\n")
    return [block for block in blocks if block.strip()]


def join_paragraphs(paragraphs: list[str]) -> tuple[str, tuple[Span, ...]]:
    """The article text and each paragraph's span in it."""
    spans: list[Span] = []
    position = 0
    for paragraph in paragraphs:
        spans.append(Span(position, position + len(paragraph)))
        position += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return PARAGRAPH_SEPARATOR.join(paragraphs), tuple(spans)
