"""Bytes to text: BOMs, UTF-8, then a detected legacy encoding; binary files and junk are refused with a reason."""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

from storylens.errors import BinaryInput, EmptyInput, UndecodableInput

# Magic numbers of common non-text files, so the message can say what the file looks like.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document (extract its text first)"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"RIFF", "a media file"),
    (b"\x00\x00\x00", "binary data"),
    (b"SQLite format 3", "an SQLite database"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_PREFERRED = ("cp1252", "latin_1", "iso8859_15", "utf_16", "mac_roman")
_CHAOS_TIE = 0.005
# Share of characters that may be control characters before we call the text junk.
_MAX_CONTROL_SHARE = 0.02


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str

    @property
    def was_utf8(self) -> bool:
        return self.encoding in {"utf-8", "utf-8-sig", "ascii"}


def decode_bytes(data: bytes, source: str) -> Decoded:
    """Decode `data` as text. Raises EmptyInput, BinaryInput or UndecodableInput naming `source`."""
    if not data.strip():
        raise EmptyInput(source, "the input is empty" if not data else "the input holds only whitespace")
    decoded = _decode(data, source)
    _refuse_junk(decoded.text, source)
    if not decoded.text.strip():
        raise EmptyInput(source, "the input holds only whitespace")
    return decoded


def _decode(data: bytes, source: str) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise UndecodableInput(
                    source, f"starts with a {encoding} byte-order mark but is not {encoding}"
                ) from exc
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryInput(source, f"this looks like {what}, not text")
    if b"\x00" in data[:8192]:
        raise BinaryInput(source, "binary data (NUL bytes), not text")
    guessed = _guess_encoding(data[:200_000])
    if guessed is None:
        raise UndecodableInput(source, "not UTF-8, and no other text encoding fits these bytes")
    try:
        return Decoded(data.decode(guessed), guessed)
    except (UnicodeDecodeError, LookupError) as exc:
        raise UndecodableInput(source, f"not UTF-8, and not valid {guessed} either") from exc


def _guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's best guess; among guesses that fit equally well, the common Western ones win
    (English news in a legacy encoding is far more often cp1252 than cp1250)."""
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    tied = {m.encoding for m in matches if m.chaos <= best.chaos + _CHAOS_TIE}
    return next((e for e in _PREFERRED if e in tied), best.encoding)


def _refuse_junk(text: str, source: str) -> None:
    sample = text[:100_000]
    control = sum(1 for ch in sample if unicodedata.category(ch) in {"Cc", "Cs", "Co", "Cn"} and ch not in "\n\r\t\f")
    if control > _MAX_CONTROL_SHARE * max(len(sample), 1):
        raise BinaryInput(source, f"binary data ({control} control characters in {len(sample)}), not text")
