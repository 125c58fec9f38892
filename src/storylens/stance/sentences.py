"""A fast sentence splitter for stance: regular expressions over paragraphs, with article offsets.

spaCy's parser splits better but costs ~100× more; stance only needs units a reader can quote as evidence, and it
splits tens of thousands of articles when training.
"""

from __future__ import annotations

import re

from storylens.records import Span

_PARAGRAPH = re.compile(r"[^\n]+")
# A sentence ends at . ! ? (maybe followed by closing quotes or brackets), then space, then what can start one.
_BOUNDARY = re.compile(r"(?<=[.!?])([\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Sgt|St|Jr|Sr|Inc|Ltd|Co|Corp|No|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul"
    r"|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z]|\b(?:[A-Za-z]\.){2,})\.$"
)
MAX_SENTENCE_CHARS = 600  # an unpunctuated wall of text is cut into readable pieces at a space


def split_sentences(text: str) -> list[Span]:
    """Sentences of `text` as spans, stripped of surrounding whitespace; empty ones left out."""
    spans: list[Span] = []
    for paragraph in _PARAGRAPH.finditer(text):
        start = paragraph.start()
        for boundary in _BOUNDARY.finditer(paragraph.group()):
            mark = paragraph.start() + boundary.start()  # just after the . ! or ?
            if _ABBREVIATION.search(text, max(start, mark - 12), mark):
                continue
            end = paragraph.start() + boundary.end(1)  # closing quotes and brackets stay with their sentence
            spans += _stripped(text, start, end)
            start = paragraph.start() + boundary.end()
        spans += _stripped(text, start, paragraph.end())
    return spans


def _stripped(text: str, start: int, end: int) -> list[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return []
    return [Span(a, b) for a, b in _pieces(text, start, end)]


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces
