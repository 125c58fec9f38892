"""The app as a user meets it: Debian's Chromium, driven by Playwright, against the app served by uvicorn.

Screenshots go to $STORYLENS_SCREENSHOTS (else a pytest temporary directory) at phone and desktop widths.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
PHONE, DESKTOP = 390, 1280

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium (apt-get install chromium; .ci/run does)"
    ),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(make_app: Callable[[], FastAPI]) -> Iterator[str]:
    yield from _serve(make_app())


@pytest.fixture(scope="module")
def stories_server(make_stories_app: Callable[[], FastAPI]) -> Iterator[str]:
    yield from _serve(make_stories_app())


def _serve(app: FastAPI) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    served = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not served.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    served.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("STORYLENS_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_submit_read_and_follow_a_conflict(server: str, browser: Any, shots: Path, fixture_texts: list[str]) -> None:
    page = browser.new_page(viewport={"width": DESKTOP, "height": 900})
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip", "the skip link comes first"
    page.screenshot(path=str(shots / f"form-{DESKTOP}.png"), full_page=True)
    for number, text in enumerate(fixture_texts, start=1):
        page.fill(f"#text-{number}", text)
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url("**/reports/*", timeout=60_000)

    summary = page.locator("#summary")
    assert "conflicting" in summary.inner_text()
    card = page.locator(".card.conflict").first
    assert "nine people" in card.inner_text() and "14 people" in card.inner_text()
    assert card.locator("mark.chg").count() >= 2, "the differing words are marked on both sides"
    # The quote worded differently, with its changed words marked.
    assert page.locator(".card.quote mark.chg").count() >= 2

    page.screenshot(path=str(shots / f"report-{DESKTOP}.png"), full_page=True)
    courier = card.locator("figure", has_text="Valley Courier")
    courier.locator("a.context").click()
    assert page.evaluate("location.hash").startswith("#ev-pasted-2-"), "pasted text 2 is the Courier's"
    target = page.locator(":target")
    assert "injuring 14 people" in target.inner_text()
    assert target.is_visible() and target.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    page.screenshot(path=str(shots / f"conflict-in-context-{DESKTOP}.png"))

    # The article's <script> is shown as text and never ran.
    assert page.get_by_text('<script>alert("storylens")</script>', exact=False).count() >= 1
    assert dialogs == []

    report_url = page.url
    phone = browser.new_page(viewport={"width": PHONE, "height": 844})
    phone.goto(report_url)
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, "on a phone only the wide tables scroll, not the page"
    phone.screenshot(path=str(shots / f"report-{PHONE}.png"), full_page=True)
    phone.close()
    page.close()


def test_empty_submit_shows_a_clear_message(server: str, browser: Any, shots: Path) -> None:
    page = browser.new_page(viewport={"width": PHONE, "height": 844})
    page.goto(server + "/")
    page.get_by_role("button", name="Compare").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "nothing to compare" in alert.inner_text().lower()
    page.screenshot(path=str(shots / f"form-error-{PHONE}.png"), full_page=True)
    page.close()


def test_browse_search_and_open_a_story(stories_server: str, browser: Any, shots: Path) -> None:
    page = browser.new_page(viewport={"width": DESKTOP, "height": 900})
    page.goto(stories_server + "/")
    page.get_by_role("link", name="stories").click()
    page.wait_for_url("**/stories")
    listed = page.locator(".story-item").count()
    assert listed >= 10
    page.screenshot(path=str(shots / f"stories-{DESKTOP}.png"), full_page=True)

    page.get_by_label("Search the articles and claims").fill("earthquake")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/stories?q=earthquake")
    found = page.locator(".story-item")
    assert 1 <= found.count() < listed, "the search narrows the list"
    assert "earthquake" in found.first.locator(".snippet").inner_text().lower()

    found.first.locator("h2 a").click()
    page.wait_for_url("**/stories/story-*", timeout=120_000)
    assert page.locator("table.members tbody tr").count() >= 1
    assert "Comparison report" in page.locator("main").inner_text()
    assert page.locator("#summary").is_visible() and page.locator("#articles article").count() >= 1
    page.screenshot(path=str(shots / f"story-{DESKTOP}.png"), full_page=True)

    phone = browser.new_page(viewport={"width": PHONE, "height": 844})
    for url in (stories_server + "/stories", page.url):
        phone.goto(url)
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{url}: on a phone only the wide tables scroll, not the page"
        phone.screenshot(path=str(shots / f"{url.rsplit('/', 1)[-1]}-{PHONE}.png"), full_page=True)
    phone.close()
    page.close()
