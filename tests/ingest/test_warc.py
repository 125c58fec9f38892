"""WARC reader on archives written in the test with warcio: HTML 200 responses become documents, everything else
is counted and skipped, and damaged or foreign files are refused with a reason."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storylens.errors import InputError, InputTooLarge, NoArticleText
from storylens.ingest import IngestOptions, read_articles
from storylens.ingest.raw import RawDocument
from storylens.ingest.warc import read_warc
from storylens.records import Article

CAP = 1_000_000
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


class Archive:
    """Builds a WARC in memory, one record at a time (lengths given, so warcio needs no temporary files)."""

    def __init__(self, gzip: bool) -> None:
        self.buffer = io.BytesIO()
        self.writer = WARCWriter(self.buffer, gzip=gzip)

    def response(
        self, uri: str, body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK"
    ) -> Archive:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = self.writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
        )
        self.writer.write_record(record)
        return self

    def request(self, uri: str) -> Archive:
        headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.test")], is_http_request=True)
        record = self.writer.create_warc_record(uri, "request", payload=io.BytesIO(b""), length=0, http_headers=headers)
        self.writer.write_record(record)
        return self

    def bytes(self) -> bytes:
        return self.buffer.getvalue()


def read(data: bytes, origin: str = "crawl.warc", cap: int = CAP) -> list[RawDocument | InputError]:
    return list(read_warc(io.BytesIO(data), origin, cap))


def mixed_archive(page: Any, gzip: bool) -> bytes:
    return (
        Archive(gzip)
        .request("https://courier.example/bridge")
        .response("https://courier.example/bridge", page.html("bridge").encode())
        .response("https://courier.example/logo.png", PNG, content_type="image/png")
        .response("https://courier.example/api/weather", b'{"rain": true}', content_type="application/json")
        .response("https://courier.example/old", b"<p>gone</p>", status="404 Not Found")
        .response("https://gazette.example/frost", page.html("orchard", sitename="Valley Gazette").encode())
        .bytes()
    )


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_only_html_200_responses_become_documents(page: Any, gzip: bool) -> None:
    items = read(mixed_archive(page, gzip))
    assert all(isinstance(item, RawDocument) for item in items), items
    bridge, frost = items
    assert isinstance(bridge, RawDocument)
    assert isinstance(frost, RawDocument)
    assert bridge.url == "https://courier.example/bridge"
    assert bridge.origin == "crawl.warc https://courier.example/bridge"
    assert bridge.kind == "warc"
    assert bridge.title == page.stories["bridge"][0]
    assert "Kestrel Street" in bridge.body
    assert frost.url == "https://gazette.example/frost"
    assert frost.sitename == "Valley Gazette"


def test_archive_without_html_lists_what_it_held() -> None:
    data = (
        Archive(gzip=True)
        .request("https://x.example/a.png")
        .response("https://x.example/a.png", PNG, content_type="image/png")
        .response("https://x.example/b.png", PNG, content_type="image/png")
        .response("https://x.example/data", b"{}", content_type="application/json")
        .response("https://x.example/missing", b"<p>no</p>", status="404 Not Found")
        .bytes()
    )
    with pytest.raises(NoArticleText) as caught:
        read(data, origin="images.warc.gz")
    reason = caught.value.reason
    assert caught.value.source == "images.warc.gz"
    assert reason.startswith("the WARC holds no HTML responses (5 records: ")
    for part in ("2 response 200 image/png", "1 request", "1 response 200 application/json", "1 response 404 html"):
        assert part in reason


def test_empty_page_is_reported_and_the_rest_still_come(page: Any) -> None:
    data = (
        Archive(gzip=True)
        .response("https://x.example/empty", b"")
        .response("https://x.example/scripts", b"<html><body><script>go()</script></body></html>")
        .response("https://x.example/library", page.html("library").encode())
        .bytes()
    )
    empty, scripts, library = read(data)
    assert isinstance(empty, InputError)
    assert empty.source == "crawl.warc https://x.example/empty"
    assert isinstance(scripts, NoArticleText)
    assert isinstance(library, RawDocument)


def test_page_over_the_cap_is_refused_by_url(page: Any) -> None:
    data = Archive(gzip=False).response("https://x.example/long", page.html("bridge").encode()).bytes()
    (item,) = read(data, cap=500)
    assert isinstance(item, InputTooLarge)
    assert item.source == "crawl.warc https://x.example/long"


def test_text_file_named_warc_is_refused() -> None:
    with pytest.raises(InputError, match="not a WARC file") as caught:
        read(b"Notes for Tuesday's meeting.\nBring the budget figures.\n", origin="notes.warc")
    assert caught.value.source == "notes.warc"


def test_corrupt_gzip_is_refused() -> None:
    with pytest.raises(InputError, match="gzip data"):
        read(b"\x1f\x8b\x08\x00" + b"\xff" * 200, origin="bad.warc.gz")


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_truncated_archive_keeps_what_was_read(page: Any, gzip: bool) -> None:
    whole = Archive(gzip).response("https://x.example/one", page.html("bridge").encode())
    data = whole.response("https://x.example/two", page.html("library").encode()).bytes()
    items = read(data[: len(data) - 300])
    assert isinstance(items[0], RawDocument)
    assert isinstance(items[-1], InputError)
    assert "truncated" in items[-1].reason
    assert not any(isinstance(item, RawDocument) and item.url == "https://x.example/two" for item in items)


def test_archive_cut_inside_its_first_record_is_refused(page: Any) -> None:
    data = Archive(gzip=True).response("https://x.example/one", page.html("bridge").encode()).bytes()
    with pytest.raises(InputError, match="truncated"):
        read(data[: len(data) // 2])


def test_empty_file_is_refused() -> None:
    with pytest.raises(InputError):
        read(b"")


def test_read_articles_reads_a_warc_gz_file(tmp_path: Path, page: Any) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(mixed_archive(page, gzip=True))
    result = read_articles([path], IngestOptions())
    assert [a.url for a in result.articles] == ["https://courier.example/bridge", "https://gazette.example/frost"]
    bridge = result.articles[0]
    assert isinstance(bridge, Article)
    assert bridge.kind == "warc"
    assert bridge.outlet == "The Allerton Courier"
    assert bridge.title == page.stories["bridge"][0]
    assert result.skipped == []


def test_read_articles_skips_a_text_file_named_warc(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("Just some notes, not an archive.\n")
    result = read_articles([path], IngestOptions())
    assert result.articles == []
    (skipped,) = result.skipped
    assert "not a WARC file" in str(skipped)


FUZZ = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])


def _only_input_errors(data: bytes) -> None:
    try:
        items = read(data)
    except InputError:
        return
    assert all(isinstance(item, RawDocument | InputError) for item in items)


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_raise_only_input_errors(data: bytes) -> None:
    _only_input_errors(data)


@FUZZ
@given(st.text(max_size=1000).map(lambda text: ("WARC/1.0\r\n" + text).encode("utf-8", "surrogatepass")))
def test_warc_shaped_text_raises_only_input_errors(data: bytes) -> None:
    _only_input_errors(data)


@pytest.fixture(scope="module")
def sample_archive() -> bytes:
    html = b"<html><body><p>" + b"A short invented story about a parade. " * 20 + b"</p></body></html>"
    return (
        Archive(gzip=False)
        .response("https://x.example/p", html)
        .response("https://x.example/i", PNG, "image/png")
        .bytes()
    )


@FUZZ
@given(data=st.data())
def test_damaged_archives_raise_only_input_errors(sample_archive: bytes, data: st.DataObject) -> None:
    """Cut, flipped or spliced bytes of a real archive: the reader keeps what it can and names the damage."""
    start = data.draw(st.integers(0, len(sample_archive)))
    end = data.draw(st.integers(start, len(sample_archive)))
    junk = data.draw(st.binary(max_size=40))
    _only_input_errors(sample_archive[:start] + junk + sample_archive[end:])


def test_page_html_that_lxml_refuses_is_that_record_s_fault(page: Any) -> None:
    """A control character after a <script> makes lxml raise ValueError; the archive must not be called damaged."""
    odd = b"<html><body><script>go()</script>\x01</body></html>"
    data = (
        Archive(gzip=True)
        .response("https://x.example/odd", odd)
        .response("https://x.example/bridge", page.html("bridge").encode())
        .bytes()
    )
    odd_item, bridge = read(data)
    name = odd_item.origin if isinstance(odd_item, RawDocument) else odd_item.source
    assert name == "crawl.warc https://x.example/odd"
    assert isinstance(bridge, RawDocument)
