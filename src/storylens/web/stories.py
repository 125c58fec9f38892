"""The stories of a corpus store, as the web app shows them: a list (searchable), a story page with its report.

The store is opened read-only, on a fresh connection per request inside a worker thread (SQLite connections belong
to the thread that made them, and a reader never blocks the `corpus add` writing beside it). A read-only store
cannot keep the reports it builds, so the app keeps the latest ones in memory by (story, version): a story that has
grown since gets a new report.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

from fastapi import HTTPException

from storylens.corpus.store import CorpusStore, StoreError, StoreLocked, StoryDetail, StorySummary, UnknownStory
from storylens.report import Report

MAX_SEARCH_HITS = 60  # article and claim hits read to find the matching stories
NO_STORE = (
    "this server has no story store: build one with `storylens corpus add ARTICLES.jsonl --store stories.db`, "
    "then start the app with `storylens serve --store stories.db`"
)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Listing:
    """One page of stories; with a query, the stories whose articles or claims match it, best first."""

    stories: list[StorySummary]
    query: str
    snippets: dict[str, str]  # story id → the first matching snippet, for a query
    offset: int
    limit: int
    more: bool  # whether a next page exists


class StoryShelf:
    """Read access to one store file (or none), each call on its own read-only connection."""

    def __init__(self, path: Path | None, report_capacity: int) -> None:
        self.path = path
        self._reports: OrderedDict[tuple[str, int], Report] = OrderedDict()
        self._capacity = report_capacity
        self._lock = threading.Lock()

    def listing(self, query: str, limit: int, offset: int) -> Listing:
        query = query.strip()
        if not query:
            found = self._read(lambda store: store.stories(limit + 1, offset))
            return Listing(found[:limit], "", {}, offset, limit, len(found) > limit)
        hits = self._read(lambda store: store.search(query, MAX_SEARCH_HITS))
        snippets: dict[str, str] = {}
        for hit in hits:
            if hit.story is not None:
                snippets.setdefault(hit.story, hit.snippet)
        chosen = list(snippets)[offset : offset + limit]
        stories = self._read(lambda store: [store.story(story_id).summary for story_id in chosen])
        shown = {story.id: snippets[story.id] for story in stories}
        return Listing(stories, query, shown, offset, limit, len(snippets) > offset + limit)

    def detail(self, story_id: str) -> StoryDetail:
        return self._read(lambda store: store.story(story_id))

    def report(self, story_id: str) -> Report:
        """The story's report: stored in the file when fresh, else ours from memory, else built now (slow)."""

        def fetch(store: CorpusStore) -> Report:
            key = (story_id, store.story_version(story_id))
            with self._lock:
                kept = self._reports.get(key)
            if kept is not None:
                return kept
            built = store.report(story_id)
            with self._lock:
                self._reports[key] = built
                while len(self._reports) > self._capacity:
                    self._reports.popitem(last=False)
            return built

        return self._read(fetch)

    def _read(self, job: Callable[[CorpusStore], T]) -> T:
        """`job` on a read-only connection; store errors as HTTP answers that name the store file."""
        if self.path is None:
            raise HTTPException(404, NO_STORE)
        try:
            with CorpusStore(self.path, readonly=True) as store:
                return job(store)
        except UnknownStory as error:
            raise HTTPException(404, str(error)) from error
        except StoreLocked as error:
            raise HTTPException(503, str(error)) from error
        except StoreError as error:
            raise HTTPException(400, str(error)) from error


def summary_json(summary: StorySummary) -> dict[str, Any]:
    return asdict(summary)


def detail_json(detail: StoryDetail) -> dict[str, Any]:
    return {
        "story": summary_json(detail.summary),
        "articles": [asdict(article) for article in detail.articles],
        "duplicates": [
            {"id": copy, "duplicate_of": original, "similarity": similarity}
            for copy, original, similarity in detail.duplicates
        ],
    }
