"""Which inputs are read, by which reader, and what happens to the ones that cannot be used."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from storylens import IngestOptions, read_articles
from storylens.errors import DuplicateInput, EmptyInput, InputNotFound, InputTooLarge
from storylens.ingest.sources import kind_from_name, sniff_kind
from support import FERRY_STORY

WriteFile = Callable[[str, str | bytes], Path]
GERMAN = (
    "Die Fähre kenterte am Sonntagmorgen im Sturm vor der Hafeneinfahrt. Zwei Passagiere werden noch vermisst, "
    "teilte die Hafenbehörde mit. Die Suche wurde am Abend fortgesetzt."
)


def test_missing_path_is_skipped_and_named(write_file: WriteFile, tmp_path: Path) -> None:
    good = write_file("a.txt", FERRY_STORY)
    ingested = read_articles([tmp_path / "nope.txt", good])
    assert len(ingested.articles) == 1
    [error] = ingested.skipped
    assert isinstance(error, InputNotFound) and error.source.endswith("nope.txt")


def test_directory_is_expanded_without_hidden_files(write_file: WriteFile, tmp_path: Path) -> None:
    write_file("dir/b.txt", FERRY_STORY)
    write_file("dir/sub/c.txt", "The harbour reopened on Tuesday after the storm passed over the coast.")
    write_file("dir/.hidden.txt", "A hidden draft about something else entirely, never to be read.")
    ingested = read_articles([tmp_path / "dir"])
    assert sorted(a.id for a in ingested.articles) == ["b", "c"]


def test_empty_directory_is_reported(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    [error] = read_articles([tmp_path / "empty"]).skipped
    assert "no files" in error.reason


def test_same_file_twice_is_read_once(write_file: WriteFile) -> None:
    path = write_file("a.txt", FERRY_STORY)
    ingested = read_articles([path, path])
    assert len(ingested.articles) == 1
    assert "more than once" in ingested.skipped[0].reason


def test_same_text_under_two_names_is_a_duplicate(write_file: WriteFile) -> None:
    first = write_file("first.txt", FERRY_STORY)
    second = write_file("copy.txt", "  " + FERRY_STORY.upper().replace("\n", "\n\n"))
    ingested = read_articles([first, second])
    assert [a.id for a in ingested.articles] == ["first"]
    [error] = ingested.skipped
    assert isinstance(error, DuplicateInput) and error.source == str(second)
    assert str(first) in error.reason
    assert (error.kept, error.record_id) == ("first", "copy")


def test_ids_stay_unique_when_names_collide(write_file: WriteFile) -> None:
    one = write_file("x/story.txt", FERRY_STORY)
    two = write_file("y/story.txt", "The harbour reopened on Tuesday after the storm passed over the coast.")
    assert [a.id for a in read_articles([one, two]).articles] == ["story", "story-2"]


def test_oversized_file_is_refused_with_the_cap(write_file: WriteFile) -> None:
    path = write_file("huge.txt", "word " * 5000)
    [error] = read_articles([path], IngestOptions(max_bytes=10_000)).skipped
    assert isinstance(error, InputTooLarge) and "10,000" in error.reason and "--max-bytes" in error.reason


def test_empty_file_is_skipped(write_file: WriteFile) -> None:
    [error] = read_articles([write_file("blank.txt", "\n\n   \n")]).skipped
    assert isinstance(error, EmptyInput)


def test_non_english_is_kept_and_marked(write_file: WriteFile) -> None:
    ingested = read_articles([write_file("de.txt", GERMAN)])
    [article] = ingested.articles
    assert article.language == "de" and article.language_score > 0.9
    assert any("not English" in n.message for n in ingested.notices)


def test_forced_kind_overrides_the_extension(write_file: WriteFile) -> None:
    path = write_file("page.txt", "<html><body><article><p>The dam held overnight.</p></article></body></html>")
    [article] = read_articles([path], IngestOptions(kind="html")).articles
    assert article.text == "The dam held overnight."


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"WARC/1.1\r\nWARC-Type: warcinfo", "warc"),
        (b'<?xml version="1.0"?><rss version="2.0">', "feed"),
        (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b"<!DOCTYPE html><html>", "html"),
        (b'{"id": "a", "text": "b"}\n', "jsonl"),
        (b"Plain words about a storm.", "text"),
    ],
)
def test_sniffing_when_the_name_says_nothing(head: bytes, kind: str) -> None:
    assert sniff_kind(head) == kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [("a.TXT", "text"), ("a.htm", "html"), ("a.ndjson", "jsonl"), ("a.atom", "feed"), ("a.warc.gz", "warc"),
     ("a.tar.gz", None), ("README", None)],
)  # fmt: skip
def test_kind_from_name(name: str, kind: str | None) -> None:
    assert kind_from_name(Path(name)) == kind
