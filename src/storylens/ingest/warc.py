"""WARC reader (warcio): every HTML page an archive holds as a 200 response becomes a document; other records
(requests, images, JSON, error pages) are counted and skipped. A damaged archive keeps pages read before."""

from __future__ import annotations

import gzip
import io
import zlib
from collections import Counter
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from storylens.errors import EmptyInput, InputError, InputTooLarge, MalformedRecord, NoArticleText
from storylens.ingest.decode import decode_bytes
from storylens.ingest.html import extract_html
from storylens.ingest.raw import RawDocument, ReaderOutput

_HTML_MEDIA = {"text/html", "application/xhtml+xml"}
_GZIP_MAGIC = b"\x1f\x8b"
# A WARC starts with its version line; an old ARC file with its filedesc:// header.
_ARCHIVE_STARTS = (b"WARC/", b"filedesc://")


class _ArchiveDamaged(Exception):
    """The archive itself is unreadable from here on (as opposed to one record's payload being bad)."""


# What warcio and the gzip layer raise on damaged input; warcio is loose about its exception types.
_DAMAGE = (
    _ArchiveDamaged,
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    OSError,
    EOFError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    KeyError,
)


def read_warc(stream: BinaryIO, origin: str, max_bytes: int) -> ReaderOutput:
    """HTML pages of a .warc or .warc.gz. Raises InputError for no WARC, or no HTML page."""
    tally: Counter[str] = Counter()
    pages = 0
    try:
        for record in ArchiveIterator(_plain_stream(stream, origin), arc2warc=True):
            tally[_label(record)] += 1
            payload = _read_payload(record, origin, max_bytes) if _is_html_page(record) else None
            _check_complete(record)  # before the page is used: a cut-off page is not the page
            if payload is not None:
                pages += 1
                yield _extract(payload, record, origin)
    except _DAMAGE as exc:
        error = InputError(origin, _damage_reason(exc, sum(tally.values())))
        if not pages:  # nothing handed on yet: the input as a whole is unusable
            raise error from exc
        yield error
        return
    if not pages:
        raise NoArticleText(origin, f"the WARC holds no HTML responses ({_describe_tally(tally)})")


def _plain_stream(stream: BinaryIO, origin: str) -> _Prefixed:
    """The archive uncompressed, after checking that it is one."""
    if not isinstance(stream, io.BufferedReader) and not stream.seekable():
        stream = io.BufferedReader(stream)  # type: ignore[type-var]  # for peek()
    plain: BinaryIO | _Gunzipped = _Gunzipped(stream) if _peek(stream, 2) == _GZIP_MAGIC else stream
    head = plain.read(64)
    if not head.strip():
        raise EmptyInput(origin, "the file is empty" if not head else "the file holds only whitespace")
    if not head.lstrip().startswith(_ARCHIVE_STARTS):
        raise InputError(origin, f"not a WARC file: it begins with {head[:24]!r}, not 'WARC/'")
    return _Prefixed(head, plain)


def _peek(stream: BinaryIO, size: int) -> bytes:
    """The first bytes, left unread."""
    if isinstance(stream, io.BufferedReader):
        return stream.peek(size)[:size]
    start = stream.tell()
    head = stream.read(size)
    stream.seek(start)
    return head


class _Gunzipped:
    """gzip.GzipFile whose damage errors reach us: warcio gunzips a truncated file silently, as if it ended."""

    def __init__(self, compressed: BinaryIO) -> None:
        self._file = gzip.GzipFile(fileobj=compressed, mode="rb")

    def read(self, size: int = -1) -> bytes:
        try:
            # read1: one chunk at a time, so the pages before a truncation are handed on before it is hit
            return self._file.read1(size) if size > 0 else self._file.read()
        except EOFError as exc:  # warcio would take an EOFError for the end of the archive
            raise _ArchiveDamaged("the gzip data ends early: the file is truncated") from exc
        except (OSError, zlib.error) as exc:
            raise _ArchiveDamaged(f"the gzip data is corrupt: {exc}") from exc


class _Prefixed:
    """A stream with the bytes already read from its start put back."""

    def __init__(self, head: bytes, rest: BinaryIO | _Gunzipped) -> None:
        self._head = head
        self._rest = rest

    def read(self, size: int = -1) -> bytes:
        if not self._head:
            return self._rest.read(size)
        if size < 0:
            data, self._head = self._head + self._rest.read(), b""
            return data
        data, self._head = self._head[:size], self._head[size:]
        return data


def _is_html_page(record: Any) -> bool:
    return bool(record.rec_type == "response" and _status(record) == "200" and _media(record) in _HTML_MEDIA)


def _read_payload(record: Any, origin: str, max_bytes: int) -> bytes | InputError:
    name = f"{origin} {_target_uri(record)}"
    try:
        payload: bytes = record.content_stream().read(max_bytes + 1)
    except (OSError, EOFError, ValueError, zlib.error) as exc:  # a bad Content-Encoding or chunking
        return InputError(name, f"the record's payload could not be decoded ({exc})")
    if len(payload) > max_bytes:
        return InputTooLarge(name, f"the page is over the {max_bytes:,}-byte cap; raise it with --max-bytes")
    return payload


def _extract(payload: bytes | InputError, record: Any, origin: str) -> RawDocument | InputError:
    if isinstance(payload, InputError):
        return payload
    uri = _target_uri(record)
    name = f"{origin} {uri}"
    try:
        return extract_html(decode_bytes(payload, name).text, name, url=uri, kind="warc")
    except InputError as error:
        return error
    except ValueError as exc:  # lxml refuses some control characters; that is this page's fault, not the archive's
        return MalformedRecord(name, f"the page's HTML could not be read ({exc})")


def _check_complete(record: Any) -> None:
    """A record shorter than its Content-Length means the file was cut off."""
    reader = record.raw_stream
    while reader.read(65536):
        pass
    if getattr(reader, "limit", 0) > 0:
        raise _ArchiveDamaged(f"the record for {_target_uri(record)} is cut short: the file is truncated")


def _label(record: Any) -> str:
    """How the 'no HTML' message counts a record: its type; for a response its status and content type."""
    if record.rec_type != "response":
        return str(record.rec_type)
    media = _media(record)
    kind = "html" if media in _HTML_MEDIA else media or "no content type"
    return f"response {_status(record) or 'without HTTP status'} {kind}"


def _describe_tally(tally: Counter[str]) -> str:
    counts = ", ".join(f"{count} {label}" for label, count in tally.most_common())
    total = sum(tally.values())
    return f"{total} record{'s' if total != 1 else ''}: {counts}"


def _damage_reason(exc: BaseException, records: int) -> str:
    detail = str(exc) or type(exc).__name__
    if not records:
        return f"not a readable WARC file ({detail})"
    return f"the WARC is damaged at record {records} ({detail}); nothing after it was read"


def _status(record: Any) -> str | None:
    headers = record.http_headers
    return str(headers.get_statuscode()) if headers is not None else None


def _media(record: Any) -> str:
    headers = record.http_headers
    value = headers.get_header("Content-Type") if headers is not None else None
    return str(value or "").split(";")[0].strip().lower()


def _target_uri(record: Any) -> str:
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    return str(uri).strip().strip("<>") or "(record without a target URI)"
