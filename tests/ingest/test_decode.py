from __future__ import annotations

import codecs

import pytest

from storylens.errors import BinaryInput, EmptyInput, UndecodableInput
from storylens.ingest.decode import decode_bytes

NEWS = "The council’s budget of €4.2m was approved on Tuesday, officials said. Señora Núñez voted against."


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("utf-32", "utf-32")],
)
def test_unicode_encodings_round_trip(encoding: str, expected: str) -> None:
    decoded = decode_bytes(NEWS.encode(encoding), "story.txt")
    assert decoded.text == NEWS
    assert decoded.encoding == expected


def test_legacy_encoding_is_detected_and_reported() -> None:
    text = (NEWS + " ") * 8
    decoded = decode_bytes(text.encode("cp1252"), "legacy.txt")
    assert decoded.text == text
    assert not decoded.was_utf8


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_empty_and_whitespace_are_refused(data: bytes) -> None:
    with pytest.raises(EmptyInput, match=r"^blank\.txt: .*(empty|whitespace)"):
        decode_bytes(data, "blank.txt")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)), "PDF"),
        (b"\x1f\x8b\x08\x00" + bytes(range(256)) * 2, "gzip"),
        (b"\x00\x01\x02\x03" * 300, "binary"),
    ],
)
def test_binary_files_are_named_for_what_they_are(data: bytes, what: str) -> None:
    with pytest.raises(BinaryInput, match=what):
        decode_bytes(data, "junk.bin")


def test_control_character_junk_is_refused() -> None:
    junk = ("ab\x01\x02\x03\x04\x05cd" * 200).encode("utf-8")
    with pytest.raises(BinaryInput, match="control characters"):
        decode_bytes(junk, "junk.txt")


def test_broken_bom_is_undecodable() -> None:
    with pytest.raises(UndecodableInput, match="utf-32"):
        decode_bytes(codecs.BOM_UTF32_LE + b"\xff\xff\xff\xff" * 3, "bad.txt")
