"""The stories pages and API over a real store (the hand-written gold set added with the real embedder)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from storylens.corpus.store import CorpusStore
from storylens.report import validate_report


@pytest.fixture(scope="module")
def store_file(gold_store: Path) -> Path:
    return gold_store


@pytest.fixture(scope="module")
def stories_client(make_stories_app: Callable[[], FastAPI]) -> Iterator[TestClient]:
    with TestClient(make_stories_app()) as client:
        yield client


def test_without_a_store_the_pages_say_how_to_make_one(client: TestClient) -> None:
    page = client.get("/stories")
    assert page.status_code == 200 and "storylens corpus add" in page.text and 'id="no-store"' in page.text
    answer = client.get("/api/stories")
    assert answer.status_code == 404 and "storylens serve --store" in answer.json()["error"]


@pytest.mark.slow
def test_list_is_most_recently_grown_first(stories_client: TestClient, store_file: Path) -> None:
    listing = stories_client.get("/api/stories", params={"limit": 100}).json()
    with CorpusStore(store_file, readonly=True) as store:
        expected = [s.id for s in store.stories()]
    assert [s["id"] for s in listing["stories"]] == expected and not listing["more"]
    gold_lines = (Path(__file__).parents[1] / "data" / "stories_gold.jsonl").read_text(encoding="utf-8").splitlines()
    assert sum(s["size"] + s["duplicates"] for s in listing["stories"]) == len(gold_lines), "no article lost"
    page = stories_client.get("/stories")
    assert page.status_code == 200
    assert page.text.index(listing["stories"][0]["title"]) < page.text.index(listing["stories"][1]["title"])


@pytest.mark.slow
def test_pages_of_stories(stories_client: TestClient) -> None:
    first = stories_client.get("/api/stories", params={"limit": 5}).json()
    second = stories_client.get("/api/stories", params={"limit": 5, "offset": 5}).json()
    assert first["more"] and len(first["stories"]) == 5
    assert not {s["id"] for s in first["stories"]} & {s["id"] for s in second["stories"]}
    later = stories_client.get("/stories", params={"offset": 5}).text
    assert ">Newer<" in later and first["stories"][0]["title"] not in later


@pytest.mark.slow
def test_search_finds_the_story_of_a_matching_article(stories_client: TestClient, store_file: Path) -> None:
    with CorpusStore(store_file, readonly=True) as store:
        story = store.stories()[-1]
        word = store.articles(story.id)[0].title.split()[-1]  # type: ignore[union-attr]
    found = stories_client.get("/api/stories", params={"q": word}).json()
    assert story.id in [s["id"] for s in found["stories"]]
    assert word.casefold() in found["snippets"][story.id].casefold()
    page = stories_client.get("/stories", params={"q": word})
    assert page.status_code == 200 and story.title in page.text and f'value="{word}"' in page.text
    nothing = stories_client.get("/api/stories", params={"q": '"unbalanced AND'}).json()
    assert nothing["stories"] == []


@pytest.mark.slow
def test_story_detail_lists_articles_and_copies(stories_client: TestClient, store_file: Path) -> None:
    with CorpusStore(store_file, readonly=True) as store:
        with_copies = next(s for s in store.stories() if s.duplicates)
        expected = store.story(with_copies.id)
    detail = stories_client.get(f"/api/stories/{with_copies.id}").json()
    assert [a["id"] for a in detail["articles"]] == [a.id for a in expected.articles]
    assert [(d["id"], d["duplicate_of"]) for d in detail["duplicates"]] == [(c, o) for c, o, _ in expected.duplicates]
    assert detail["story"]["links"]["page"] == f"/stories/{with_copies.id}"


@pytest.mark.parametrize("story_id", ["story-999", "nothing", "'; DROP TABLE stories; --"])
@pytest.mark.slow
def test_unknown_story_is_404_naming_it(stories_client: TestClient, story_id: str) -> None:
    answer = stories_client.get(f"/api/stories/{story_id}")
    assert answer.status_code == 404 and story_id in answer.json()["error"]
    assert stories_client.get(f"/stories/{story_id}").status_code == 404


@pytest.mark.slow
def test_story_page_shows_its_articles_copies_and_report(stories_client: TestClient, store_file: Path) -> None:
    with CorpusStore(store_file, readonly=True) as store:
        story = next(s for s in store.stories() if s.duplicates and s.size >= 2)
        detail = store.story(story.id)
    page = stories_client.get(f"/stories/{story.id}")
    assert page.status_code == 200
    assert all(article.id in page.text for article in detail.articles)
    assert detail.duplicates[0][0] in page.text and 'id="summary"' in page.text and 'id="matrix"' in page.text
    report = stories_client.get(f"/api/stories/{story.id}/report").json()
    validate_report(report)
    assert [a["id"] for a in report["articles"]] == [a.id for a in detail.articles]
    with CorpusStore(store_file, readonly=True) as store:
        assert not store.story(story.id).summary.has_fresh_report, "the app never writes to the store"
