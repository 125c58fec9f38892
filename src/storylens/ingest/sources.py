"""Which inputs there are (paths, directories, URLs, stdin) and which reader each one gets."""

from __future__ import annotations

import gzip
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from storylens.errors import InputError, InputNotFound, InputTooLarge
from storylens.ingest.fetch import Fetcher
from storylens.ingest.raw import ReaderOutput
from storylens.records import InputKind

STDIN = "-"
_EXTENSIONS: dict[str, InputKind] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".arc": "warc",
}  # fmt: skip
_FEED_MEDIA = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
}
_HTML_MEDIA = {"text/html", "application/xhtml+xml"}
# Feeds and whole documents are read into memory; a feed may hold many articles, so it gets a larger cap.
FEED_CAP_FACTOR = 5


@dataclass(frozen=True, slots=True)
class Source:
    name: str  # as the user gave it (or the file found in a directory they gave)
    path: Path | None = None
    url: str | None = None


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def expand_inputs(inputs: Iterable[str | Path]) -> Iterator[Source | InputError]:
    """Directories become their files (sorted, hidden ones skipped); the same file given twice is read once."""
    seen: set[Path] = set()
    for given in inputs:
        name = str(given)
        if name == STDIN:
            yield Source(name="<stdin>")
        elif is_url(name):
            yield Source(name=name, url=name)
        else:
            yield from _paths(Path(name), name, seen)


def _paths(path: Path, name: str, seen: set[Path]) -> Iterator[Source | InputError]:
    if not path.exists():
        yield InputNotFound(name, "no such file or directory")
        return
    files = sorted(_files_under(path)) if path.is_dir() else [path]
    if path.is_dir() and not files:
        yield InputNotFound(name, "the directory holds no files")
    for file in files:
        resolved = file.resolve()
        if resolved in seen:
            yield InputError(str(file), "given more than once; read once")
            continue
        seen.add(resolved)
        yield Source(name=str(file), path=file)


def _files_under(directory: Path) -> Iterator[Path]:
    for entry in directory.rglob("*"):
        relative = entry.relative_to(directory)
        if entry.is_file() and not any(part.startswith(".") for part in relative.parts):
            yield entry


def open_source(
    source: Source, kind: InputKind | None, max_bytes: int, fetcher: Fetcher, fetch_entries: bool
) -> ReaderOutput:
    if source.url is not None:
        yield from _read_url(source.url, kind, fetcher, fetch_entries)
    elif source.path is None:
        cap = max_bytes * FEED_CAP_FACTOR
        data = sys.stdin.buffer.read(cap + 1)
        if len(data) > cap:
            raise InputTooLarge(source.name, f"over the {cap:,}-byte cap for standard input; raise it with --max-bytes")
        yield from _read_bytes(data, source.name, kind or sniff_kind(data), max_bytes, fetcher, fetch_entries)
    else:
        yield from _read_path(source.path, source.name, kind, max_bytes, fetcher, fetch_entries)


def _read_path(
    path: Path, name: str, kind: InputKind | None, max_bytes: int, fetcher: Fetcher, fetch_entries: bool
) -> ReaderOutput:
    kind = kind or kind_from_name(path) or sniff_kind(_head(path))
    if kind == "jsonl":
        from storylens.ingest.jsonl import read_jsonl

        with path.open("rb") as lines:
            yield from read_jsonl(lines, name, max_bytes)
    elif kind == "warc":
        from storylens.ingest.warc import read_warc

        with path.open("rb") as stream:
            yield from read_warc(stream, name, max_bytes)
    else:
        cap = max_bytes * FEED_CAP_FACTOR if kind == "feed" else max_bytes
        size = path.stat().st_size
        if size > cap:
            raise InputTooLarge(name, f"{size:,} bytes is over the {cap:,}-byte cap; raise it with --max-bytes")
        yield from _read_bytes(path.read_bytes(), name, kind, max_bytes, fetcher, fetch_entries)


def _read_bytes(
    data: bytes, name: str, kind: InputKind, max_bytes: int, fetcher: Fetcher, fetch_entries: bool
) -> ReaderOutput:
    if kind == "jsonl":
        from storylens.ingest.jsonl import read_jsonl

        yield from read_jsonl(data.splitlines(), name, max_bytes)
    elif kind == "warc":
        import io

        from storylens.ingest.warc import read_warc

        yield from read_warc(io.BytesIO(data), name, max_bytes)
    elif kind == "feed":
        from storylens.ingest.feed import read_feed

        yield from read_feed(data, name, fetcher if fetch_entries else None, max_bytes)
    elif kind == "html":
        from storylens.ingest.html import read_html

        yield from read_html(data, name)
    else:
        from storylens.ingest.text import read_text

        yield from read_text(data, name)


def _read_url(url: str, kind: InputKind | None, fetcher: Fetcher, fetch_entries: bool) -> ReaderOutput:
    fetched = fetcher.fetch(url)
    if kind is None:
        kind = _kind_from_media(fetched.content_type) or sniff_kind(fetched.data[:4096])
    if kind == "html":
        from storylens.ingest.html import read_html

        yield from read_html(fetched.data, url, url=fetched.url, kind="url")
    else:
        yield from _read_bytes(fetched.data, url, kind, fetcher.settings.max_bytes, fetcher, fetch_entries)


def kind_from_name(path: Path) -> InputKind | None:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        return "warc" if len(suffixes) == 2 and suffixes[0] in {".warc", ".arc"} else None
    return _EXTENSIONS.get(suffixes[-1]) if suffixes else None


def _kind_from_media(media: str) -> InputKind | None:
    if media in _HTML_MEDIA:
        return "html"
    if media in _FEED_MEDIA:
        return "feed"
    if media == "application/warc":
        return "warc"
    if media in {"application/jsonl", "application/x-ndjson"}:
        return "jsonl"
    return None


def sniff_kind(head: bytes) -> InputKind:
    """Guess from the first bytes when the name says nothing: WARC, feed, HTML, JSONL, else text."""
    if head.startswith(b"\x1f\x8b"):
        try:
            head = gzip.decompress(head)  # a complete small file
        except (OSError, EOFError):
            head = _gunzip_prefix(head)
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048].lower()
    if start.startswith(b"warc/"):
        return "warc"
    if b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start:
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")) or b"<body" in start or b"<p>" in start:
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"


def _gunzip_prefix(data: bytes) -> bytes:
    import zlib

    try:
        return zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(data, 4096)
    except zlib.error:
        return b""


def _head(path: Path) -> bytes:
    with path.open("rb") as stream:
        return stream.read(4096)
