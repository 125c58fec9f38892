"""Corpus → stories: ingest, drop near-duplicates, group the rest into stories (the `storylens stories` job).

stream of inputs ─ read_on (cleaning on the engine) ─ partitions ─ prepare_on (signature, embedding; local or Dask)
                 └─ in input order: Deduper.check → StoryClusterer.assign → Placement
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storylens.corpus.cluster import Merge, StoryClusterer
from storylens.corpus.dedupe import Deduper, Duplicate
from storylens.corpus.engines import (
    PARTITION_SIZE,
    Engine,
    EngineName,
    Prepared,
    make_engine,
    partitions,
    prepare_on,
    read_on,
)
from storylens.errors import DuplicateInput, InputError, NoUsableInput
from storylens.ingest import IngestOptions, Progress
from storylens.records import Article, Notice
from storylens.report import notice_json, skipped_json
from storylens.schema import validate_document

STORIES_SCHEMA_ID = "storylens.stories/1"
Stories = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one article went: its story, and the kept article it duplicates when it is a near-copy."""

    article: str  # its id: a placement outlives its article's text (100k articles need not stay in memory)
    story: str  # as of this placement: a later merge may move the story's articles (`StoryGrouper.story`)
    duplicate: Duplicate | None
    position: int  # among the story's kept articles (-1 for a duplicate)
    merges: tuple[Merge, ...] = ()  # stories this placement merged, oldest first


class StoryGrouper:
    """Dedupe then clustering, one article at a time in input order. Its whole state is the deduper's index, the
    clusterer's stories and which story each kept article is in, so a store can save and restore it."""

    def __init__(self) -> None:
        self.deduper = Deduper()
        self.clusterer = StoryClusterer()
        self.story_of: dict[str, str] = {}

    def place(self, item: Prepared) -> Placement:
        duplicate = self.deduper.check(item.article.id, item.signature)
        if duplicate is not None:
            self.story_of[item.article.id] = story = self.story(duplicate.duplicate_of)
            return Placement(item.article.id, story, duplicate, -1)
        story = self.clusterer.assign(item.features)
        merges = tuple(self.clusterer.take_merges())
        members = self.clusterer.stories[story].articles
        position = members.index(item.article.id) if merges else len(members) - 1
        self.story_of[item.article.id] = story
        return Placement(item.article.id, story, None, position, merges)

    def story(self, article_id: str) -> str:
        """The story that holds the article now."""
        return self.clusterer.resolve(self.story_of[article_id])


@dataclass(slots=True)
class Collected:
    skipped: list[InputError] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    exact_copies: list[Duplicate] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)

    def articles(self, events: Iterable[Article | InputError | Notice]) -> Iterator[Article]:
        """The articles among ingest's events; the rest is kept aside. Exact copies (which ingest refuses) become
        duplicates of the article ingest kept, so that no copy is lost."""
        for event in events:
            if isinstance(event, Article):
                if event.published is None:
                    self.undated.append(event.origin)
                yield event
            elif isinstance(event, Notice):
                self.notices.append(event)
            elif isinstance(event, DuplicateInput) and event.kept is not None:
                self.exact_copies.append(Duplicate(event.record_id or event.source, event.kept, 1.0))
            else:
                self.skipped.append(event)


def group_stories(
    inputs: Iterable[str | Path],
    options: IngestOptions | None = None,
    progress: Progress | None = None,
    engine: EngineName | Engine = "local",
    scheduler: str | None = None,
    partition_size: int = PARTITION_SIZE,
) -> Stories:
    """The stories JSON (schema "storylens.stories/1") for a corpus. Raises NoUsableInput when nothing was read.
    `engine` is a name, or an engine already started (closed here either way)."""
    collected = Collected()
    grouper = StoryGrouper()
    placements: list[Placement] = []
    runner = make_engine(engine, scheduler) if isinstance(engine, str) else engine
    try:
        read = read_on(runner, inputs, options, progress, partition_size)
        for prepared in prepare_on(runner, partitions(collected.articles(read), partition_size)):
            placements += [grouper.place(item) for item in prepared]
            if progress is not None:
                progress(f"{len(placements):,} articles grouped into {len(grouper.clusterer.stories):,} stories")
    finally:
        runner.close()
    if not placements:
        raise NoUsableInput(collected.skipped)
    return stories_json(grouper, placements, collected)


def stories_json(grouper: StoryGrouper, placements: list[Placement], collected: Collected) -> Stories:
    duplicates: dict[str, list[Duplicate]] = {story_id: [] for story_id in grouper.clusterer.stories}
    for placement in placements:
        if placement.duplicate is not None:
            duplicates[grouper.clusterer.resolve(placement.story)].append(placement.duplicate)
    for copy in collected.exact_copies:
        if copy.duplicate_of in grouper.story_of:
            duplicates[grouper.story(copy.duplicate_of)].append(copy)
    notices = [notice_json(n) for n in collected.notices]
    if collected.undated:
        notices.append(undated_notice(collected.undated))
    return {
        "schema": STORIES_SCHEMA_ID,
        "stories": [
            {
                "id": story.id,
                "title": story.title,
                "articles": list(story.articles),
                "duplicates": [duplicate_json(d) for d in duplicates[story.id]],
            }
            for story in grouper.clusterer.stories.values()
        ],
        "skipped": [skipped_json(error) for error in collected.skipped],
        "notices": notices,
    }


def duplicate_json(duplicate: Duplicate) -> dict[str, Any]:
    return {"id": duplicate.id, "duplicate_of": duplicate.duplicate_of, "similarity": duplicate.similarity}


def undated_notice(origins: list[str]) -> dict[str, str]:
    shown = ", ".join(origins[:5]) + (", …" if len(origins) > 5 else "")
    return {
        "input": origins[0],
        "message": f"{len(origins)} article(s) without a publication date ({shown}): time was left out of their "
        "story grouping, so same-topic events days apart may merge for them",
    }


def validate_stories(stories: Stories) -> None:
    """Raise jsonschema.ValidationError if `stories` breaks its schema, or ValueError if an article is lost or
    listed twice."""
    validate_document(stories, "stories")
    seen: list[str] = [a for s in stories["stories"] for a in s["articles"]]
    seen += [d["id"] for s in stories["stories"] for d in s["duplicates"]]
    if len(seen) != len(set(seen)):
        raise ValueError("an article is listed more than once")
