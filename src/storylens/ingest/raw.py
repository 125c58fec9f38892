"""What a reader hands on before cleaning: extracted text plus whatever metadata the input carried."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from storylens.errors import InputError
from storylens.records import InputKind


@dataclass(frozen=True, slots=True)
class RawDocument:
    origin: str  # path, URL, or "file.jsonl:12" for a record inside a file
    kind: InputKind
    body: str  # extracted plain text; newlines separate lines or paragraphs
    id_hint: str | None = None
    title: str | None = None
    byline: str | None = None
    published: date | None = None
    outlet: str | None = None  # given explicitly (JSONL field, CLI option)
    sitename: str | None = None  # from page metadata
    url: str | None = None
    notes: tuple[str, ...] = ()  # things the reader wants the user told (fallback extraction, guessed encoding)


# A reader turns one input into documents, or into errors for the parts it could not use; it never raises for
# one bad record inside a larger input (the rest still counts).
ReaderOutput = Iterator[RawDocument | InputError]
