from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from storylens import read_articles
from storylens.errors import InputTooLarge, MalformedRecord
from storylens.ingest.jsonl import read_jsonl
from storylens.ingest.raw import RawDocument

WriteFile = Callable[[str, str | bytes], Path]


def _line(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def test_records_with_text_and_html(write_file: WriteFile) -> None:
    lines = [
        _line(id="k1", text="Six were rescued from the ferry on Sunday.", outlet="Kestrel Gazette",
              published="2025-03-09T08:00:00Z", title="Ferry rescue", url="https://k.example/a"),
        _line(id="k2", html="<html><body><article><p>Two remain missing after the ferry capsized.</p>"
              "<p>The search goes on.</p></article></body></html>", published="2025-03-10"),
    ]  # fmt: skip
    path = write_file("batch.jsonl", "\n".join(lines) + "\n")
    ingested = read_articles([path])
    first, second = ingested.articles
    assert (first.id, first.outlet, first.outlet_from, first.title) == (
        "k1",
        "Kestrel Gazette",
        "given",
        "Ferry rescue",
    )
    assert isinstance(first.published, datetime) and first.published.hour == 8
    assert first.origin == f"{path}:1" and first.kind == "jsonl"
    assert second.id == "k2" and second.published == date(2025, 3, 10)
    assert second.paragraph_texts == ["Two remain missing after the ferry capsized.", "The search goes on."]
    assert not ingested.skipped


def test_bad_lines_are_reported_with_their_numbers_and_the_rest_read(write_file: WriteFile) -> None:
    lines = [
        _line(id="ok1", text="The bridge reopened on Monday after repairs."),
        "{not json",
        "[1, 2]",
        _line(id="no-text", title="Only a title"),
        "",
        _line(id="bad-type", text="Real text here about the bridge.", outlet=42),
        _line(id="ok2", text="Traffic returned to normal by the evening rush hour."),
    ]
    path = write_file("mixed.jsonl", "\n".join(lines))
    ingested = read_articles([path])
    assert [a.id for a in ingested.articles] == ["ok1", "ok2"]
    reasons = {e.source: e.reason for e in ingested.skipped}
    assert set(reasons) == {f"{path}:2", f"{path}:3", f"{path}:4", f"{path}:6"}
    assert "not valid JSON" in reasons[f"{path}:2"]
    assert "JSON object" in reasons[f"{path}:3"]
    assert "'text' or 'html'" in reasons[f"{path}:4"]
    assert "'outlet'" in reasons[f"{path}:6"]
    assert all(isinstance(e, MalformedRecord) for e in ingested.skipped)


def test_unreadable_date_and_unknown_fields_become_notices() -> None:
    line = _line(id="x", text="The mayor resigned on Friday.", published="last Tuesday-ish", extra=1)
    [document] = list(read_jsonl([line.encode()], "feed.jsonl", max_bytes=10_000))
    assert isinstance(document, RawDocument)
    assert document.published is None
    assert any("published" in note for note in document.notes)
    assert any("extra" in note for note in document.notes)


def test_oversized_line_is_refused_alone() -> None:
    big = _line(id="big", text="word " * 5000).encode()
    small = _line(id="small", text="The port reopened.").encode()
    big_result, small_result = list(read_jsonl([big, small], "f.jsonl", max_bytes=1000))
    assert isinstance(big_result, InputTooLarge) and big_result.source == "f.jsonl:1"
    assert isinstance(small_result, RawDocument)


def test_missing_ids_come_from_the_file_name_and_line(write_file: WriteFile) -> None:
    path = write_file("wire.jsonl", _line(text="Storm warnings were issued for the coast.") + "\n")
    [article] = read_articles([path]).articles
    assert article.id == "wire-1"
