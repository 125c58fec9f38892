"""JSONL reader: one article per line (`id`, `text` or `html`, optional `title`, `outlet`, `url`, `published`,
`byline`). A bad line is reported with its line number and the rest are read."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

from storylens.errors import EmptyInput, InputError, InputTooLarge, MalformedRecord
from storylens.ingest.dates import parse_published
from storylens.ingest.html import extract_html
from storylens.ingest.raw import RawDocument, ReaderOutput

FIELDS = ("id", "text", "html", "title", "outlet", "url", "published", "byline")


def read_jsonl(lines: Iterable[bytes], origin: str, max_bytes: int) -> ReaderOutput:
    """`lines` is any iterable of raw lines (an open binary file streams; nothing is loaded whole)."""
    stem = PurePath(origin).stem
    seen_any = False
    for number, raw in enumerate(lines, start=1):
        where = f"{origin}:{number}"
        if not raw.strip():
            continue
        seen_any = True
        if len(raw) > max_bytes:
            yield InputTooLarge(where, f"line of {len(raw):,} bytes is over the {max_bytes:,}-byte cap (--max-bytes)")
            continue
        try:
            yield _record(raw, where, f"{stem}-{number}")
        except InputError as error:
            yield error
        except (ValueError, TypeError) as exc:  # one odd record must not cost the lines after it
            yield MalformedRecord(where, f"could not be read ({type(exc).__name__}: {exc})")
    if not seen_any:
        raise EmptyInput(origin, "the JSONL input holds no lines")


def _record(raw: bytes, where: str, default_id: str) -> RawDocument:
    try:
        record = json.loads(raw)
    except UnicodeDecodeError as exc:
        raise MalformedRecord(where, "line is not UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise MalformedRecord(where, f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise MalformedRecord(where, f"expected a JSON object, got {type(record).__name__}")
    return _document(record, where, default_id)


def _document(record: dict[str, Any], where: str, default_id: str) -> RawDocument:
    notes: list[str] = []
    text, html = record.get("text"), record.get("html")
    published = parse_published(record.get("published"))
    if record.get("published") and published is None:
        notes.append(f"unreadable 'published' value {record['published']!r} ignored")
    unknown = sorted(set(record) - set(FIELDS))
    if unknown:
        notes.append(f"fields not used: {', '.join(unknown)}")
    record_id = record.get("id")
    id_hint = str(record_id) if isinstance(record_id, str | int) and str(record_id).strip() else default_id
    given = {
        "id_hint": id_hint,
        "outlet": _string(record, "outlet", where),
        "url": _string(record, "url", where),
        "byline": _string(record, "byline", where),
    }
    if isinstance(text, str) and text.strip():
        return RawDocument(
            origin=where, kind="jsonl", body=text, title=_string(record, "title", where),
            published=published, notes=tuple(notes), **given,
        )  # fmt: skip
    if isinstance(html, str) and html.strip():
        page = extract_html(html, where, url=given["url"], kind="jsonl")
        return RawDocument(
            origin=where, kind="jsonl", body=page.body, title=_string(record, "title", where) or page.title,
            published=published or page.published, sitename=page.sitename,
            notes=tuple(notes) + page.notes, **{**given, "byline": given["byline"] or page.byline},
        )  # fmt: skip
    raise MalformedRecord(where, "no article text: needs a non-empty 'text' or 'html' field")


def _string(record: dict[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise MalformedRecord(where, f"field {key!r} should be a string, got {type(value).__name__}")
    return " ".join(value.split()) or None
