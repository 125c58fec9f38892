"""The web app in-process: pages, limits and refusals, downloads, the JSON API, and the event loop kept free."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import anyio
import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from storylens.report import validate_report
from storylens.web import Limits
from storylens.web.submission import safe_file_name


def test_form_page(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert 'name="text"' in page.text and 'type="file"' in page.text and 'name="urls"' in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"


def test_empty_submit_says_what_to_do(client: TestClient) -> None:
    answer = client.post("/compare", data={"text": ["", "  "], "urls": ""})
    assert answer.status_code == 400
    assert "nothing to compare" in answer.text.lower() and 'role="alert"' in answer.text


def test_oversize_upload_is_refused(client: TestClient, limits: Limits) -> None:
    big = b"word " * (limits.max_file_bytes // 5 + 10)
    answer = client.post("/compare", files={"files": ("big.txt", big, "text/plain")})
    assert answer.status_code == 413
    assert "big.txt" in answer.text and "20,000-byte limit" in answer.text


def test_oversize_request_is_refused_before_reading(client: TestClient, limits: Limits) -> None:
    answer = client.post("/api/compare", json={"articles": [{"text": "x" * (limits.max_request_bytes + 1)}]})
    assert answer.status_code == 413
    assert "100,000-byte limit" in answer.json()["error"]


def test_too_many_files(client: TestClient, limits: Limits) -> None:
    files = [("files", (f"a{i}.txt", b"Some text.", "text/plain")) for i in range(limits.max_files + 1)]
    answer = client.post("/compare", files=files)
    assert answer.status_code in {400, 413}
    assert "uploaded files" in answer.text or "Too many files" in answer.text


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/admin", "http://10.1.2.3/x", "http://localhost/x"])
def test_private_addresses_are_refused(client: TestClient, url: str) -> None:
    answer = client.post("/api/compare", json={"urls": [url]})
    assert answer.status_code == 400
    assert "private or local address" in answer.json()["error"] and url in answer.json()["error"]
    page = client.post("/compare", data={"urls": url})
    assert page.status_code == 400 and "private or local address" in page.text


def test_non_web_addresses_are_refused(client: TestClient) -> None:
    answer = client.post("/api/compare", json={"urls": ["file:///etc/passwd"]})
    assert answer.status_code == 400 and "http://" in answer.json()["error"]


@pytest.mark.parametrize(
    "path",
    [
        "/reports/..%2F..%2F..%2Fetc%2Fpasswd/download/json",
        "/reports/%2e%2e/download/html",
        "/reports/..%5c..%5cwin.ini/download/md",
        "/api/reports/..%2Fsecret",
        "/reports/AAAAAAAAAAAAAAAAAAAAAA",  # well-formed, but no such report
        "/reports/" + "A" * 22 + "/download/json",
    ],
)
def test_unknown_or_traversing_report_ids_are_404(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 404


def test_unknown_download_format_is_refused(client: TestClient) -> None:
    assert client.get("/reports/" + "A" * 22 + "/download/exe").status_code == 422


@given(st.text(max_size=80))
def test_upload_names_never_become_paths(filename: str) -> None:
    taken: set[str] = set()
    name = safe_file_name(filename, taken)
    assert name and "/" not in name and "\\" not in name and not name.startswith(".")
    assert name.lower() in taken and safe_file_name(filename, taken) != name


def test_upload_names_keep_stem_and_known_suffix() -> None:
    taken: set[str] = set()
    assert safe_file_name("../../Coastline Daily.txt", taken) == "Coastline-Daily.txt"
    assert safe_file_name("C:\\news\\Coastline Daily.TXT", taken) == "Coastline-Daily-2.txt"
    assert safe_file_name("feed.warc.gz", taken) == "feed.warc.gz"
    assert safe_file_name("script.exe", taken) == "script"


def test_openapi_spec_lists_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/compare", "/api/reports/{report_id}", "/health"} <= set(spec["paths"])


# ---- with the models: one real comparison shared by the tests below --------------------------------------------


@pytest.fixture(scope="module")
def compared(make_app: Callable[[], FastAPI], fixture_texts: list[str]) -> Iterator[tuple[TestClient, dict[str, Any]]]:
    with TestClient(make_app()) as test_client:
        articles = [{"text": text} for text in fixture_texts]
        answer = test_client.post("/api/compare", json={"articles": articles})
        assert answer.status_code == 200, answer.text
        yield test_client, answer.json()


@pytest.mark.slow
def test_api_compare_returns_a_valid_report(compared: tuple[TestClient, dict[str, Any]]) -> None:
    client, body = compared
    validate_report(body["report"])
    assert [a["outlet"] for a in body["report"]["articles"]] == ["The Riverside Post", "Valley Courier"]
    assert [a["origin"] for a in body["report"]["articles"]] == ["pasted text 1", "pasted text 2"]
    assert any(c["kind"] == "number" for claim in body["report"]["claims"] for c in claim["conflicts"])
    assert client.get(f"/api/reports/{body['id']}").json() == body["report"]


@pytest.mark.slow
def test_report_page_escapes_article_text(compared: tuple[TestClient, dict[str, Any]]) -> None:
    client, body = compared
    page = client.get(body["links"]["page"])
    assert page.status_code == 200
    assert "<script" not in page.text.lower()
    assert "&lt;script&gt;alert(&#34;storylens&#34;)&lt;/script&gt;" in page.text
    assert "Download JSON" in page.text


@pytest.mark.slow
def test_downloads(compared: tuple[TestClient, dict[str, Any]]) -> None:
    client, body = compared
    as_json = client.get(body["links"]["json"])
    assert as_json.headers["content-disposition"] == 'attachment; filename="storylens-report.json"'
    assert as_json.json() == body["report"]
    as_html = client.get(body["links"]["html"])
    assert as_html.headers["content-type"].startswith("text/html") and "<script" not in as_html.text.lower()
    as_md = client.get(body["links"]["md"])
    assert as_md.headers["content-type"].startswith("text/markdown") and "## Conflicts" in as_md.text


@pytest.mark.slow
def test_health_answers_while_a_report_is_computed(make_app: Callable[[], FastAPI], fixture_texts: list[str]) -> None:
    """The comparison runs in a worker thread: /health answers in milliseconds meanwhile."""

    async def scenario() -> list[tuple[float, int]]:
        transport = httpx.ASGITransport(app=make_app())
        async with httpx.AsyncClient(transport=transport, base_url="http://app") as client:
            texts = [{"text": text + "\nThe inquiry will report in spring."} for text in fixture_texts]
            health: list[tuple[float, int]] = []
            done = anyio.Event()

            async def poll() -> None:
                while not done.is_set():
                    before = time.perf_counter()
                    answer = await client.get("/health")
                    health.append((time.perf_counter() - before, answer.json()["pending"]))
                    await anyio.sleep(0.02)

            async with anyio.create_task_group() as group:
                group.start_soon(poll)
                answer = await client.post("/api/compare", json={"articles": texts})
                done.set()
            assert answer.status_code == 200, answer.text
            return health

    health = anyio.run(scenario)
    during = [seconds for seconds, pending in health if pending == 1]
    assert during, "some health checks came while the comparison was running"
    assert max(during) < 0.5


def test_a_refused_form_comes_back_filled_in(client: TestClient) -> None:
    answer = client.post("/compare", data={"text": ["First <b>article</b> text."], "urls": "http://127.0.0.1/x"})
    assert answer.status_code == 400
    assert "First &lt;b&gt;article&lt;/b&gt; text.</textarea>" in answer.text
    assert "http://127.0.0.1/x</textarea>" in answer.text


@pytest.mark.slow
def test_uploaded_files_are_compared_under_their_own_names(
    compared: tuple[TestClient, dict[str, Any]], fixture_texts: list[str]
) -> None:
    client, _ = compared
    files = [
        ("files", ("../Riverside Post.txt", fixture_texts[0].encode(), "text/plain")),
        ("files", ("courier.txt", fixture_texts[1].encode(), "text/plain")),
    ]
    answer = client.post("/compare", files=files, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    report_id = answer.headers["location"].rsplit("/", 1)[1]
    report = client.get(f"/api/reports/{report_id}").json()
    assert [a["origin"] for a in report["articles"]] == ["../Riverside Post.txt", "courier.txt"]
    assert [a["id"] for a in report["articles"]] == ["riverside-post", "courier"]
