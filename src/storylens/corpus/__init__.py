"""Corpus mode: many articles → stories, near-duplicates listed under the article they copy; a SQLite store.

    group_stories(inputs, …)  -> dict     the stories JSON (schema "storylens.stories/1")
    CorpusStore(path)                      articles, stories, analyses and reports in one SQLite file
    find_duplicates(items)                 near-copies among (id, text) pairs
    bcubed(predicted, gold)                clustering quality against labels

Stages: dedupe (MinHash LSH), cluster (incremental, candidate stories by day), engines (local or Dask), store.
"""

from __future__ import annotations

from storylens.corpus.dedupe import Duplicate, find_duplicates
from storylens.corpus.engines import EngineError
from storylens.corpus.quality import BCubed, bcubed, story_labels
from storylens.corpus.store import (
    AddResult,
    CorpusStore,
    SearchHit,
    StoreError,
    StoreLocked,
    StoreTooNew,
    StoryDetail,
    StorySummary,
    UnknownStory,
)
from storylens.corpus.stories import STORIES_SCHEMA_ID, group_stories, validate_stories

__all__ = [
    "STORIES_SCHEMA_ID",
    "AddResult",
    "BCubed",
    "CorpusStore",
    "Duplicate",
    "EngineError",
    "SearchHit",
    "StoreError",
    "StoreLocked",
    "StoreTooNew",
    "StoryDetail",
    "StorySummary",
    "UnknownStory",
    "bcubed",
    "find_duplicates",
    "group_stories",
    "story_labels",
    "validate_stories",
]
