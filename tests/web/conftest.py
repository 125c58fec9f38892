"""The web app under test: small limits, so that refusals are cheap to provoke; fixture articles invented for the
tests (a number conflict, a quote worded differently, and a `<script>` in one article's text)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from storylens.web import Limits, WebSettings, create_app

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = Limits(max_file_bytes=20_000, max_request_bytes=100_000, max_files=3, max_texts=4, max_urls=3, max_articles=6)


def small_app(preload: bool = False) -> FastAPI:
    return create_app(WebSettings(limits=SMALL, max_reports=5, preload_models=preload))


@pytest.fixture(scope="session")
def limits() -> Limits:
    return SMALL


@pytest.fixture(scope="session")
def fixture_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.txt"))]


@pytest.fixture(scope="session")
def make_app() -> Callable[[], FastAPI]:
    return small_app


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(small_app()) as test_client:
        yield test_client


GOLD_STORIES = Path(__file__).resolve().parents[1] / "data" / "stories_gold.jsonl"


@pytest.fixture(scope="session")
def gold_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A story store of the hand-written gold set, added with the real embedder; the app only ever reads it."""
    from storylens.corpus.store import CorpusStore

    path = tmp_path_factory.mktemp("store") / "stories.db"
    with CorpusStore(path) as store:
        store.add([GOLD_STORIES])
    return path


@pytest.fixture(scope="session")
def make_stories_app(gold_store: Path) -> Callable[[], FastAPI]:
    return lambda: create_app(WebSettings(limits=SMALL, max_reports=5, preload_models=False, store=gold_store))
