"""`storylens stories` (a corpus grouped into stories) and `storylens corpus …` (the SQLite store of stories)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from storylens.cli.common import (
    FormatOption,
    Inputs,
    OutputFormat,
    OutputOption,
    Quiet,
    Renderers,
    app,
    finish_report,
    reads_inputs,
    run_job,
)
from storylens.cli.compare import REPORT_RENDERERS
from storylens.ingest import IngestOptions
from storylens.render.json import render_json

# storylens.corpus is imported inside the commands: datasketch pulls in SciPy (~0.5 s) that other commands never need.
DEFAULT_STORE = Path("storylens.db")  # the store a user gets without --store: in the working directory

corpus_app = typer.Typer(
    name="corpus",
    help="Keep articles, stories and their reports in a SQLite store (one file; nothing to start).",
    no_args_is_help=True,
)
app.add_typer(corpus_app)

Json = dict[str, Any]


class EngineChoice(StrEnum):
    local = "local"
    dask = "dask"


EngineOption = Annotated[
    EngineChoice, typer.Option("--engine", help="Where per-article stages run: this process, or a Dask cluster.")
]
SchedulerOption = Annotated[
    str | None,
    typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786); a local cluster when not given."),
]
StoreOption = Annotated[Path, typer.Option("--store", help="The store file (created by `corpus add` when missing).")]


def _stories_term(stories: Json, console: Console) -> None:
    table = Table(title=f"{len(stories['stories'])} story(ies)", title_justify="left")
    for column in ("id", "title", "articles", "copies"):
        table.add_column(column, overflow="fold")
    for story in stories["stories"]:
        table.add_row(story["id"], story["title"], ", ".join(story["articles"]), str(len(story["duplicates"])))
    console.print(table)


def _added_term(result: Json, console: Console) -> None:
    console.print(
        f"{result['added']} article(s) added ({result['duplicates']} near-copies), {result['unchanged']} already "
        f"stored; {result['new_stories']} new story(ies), {len(result['stories_touched'])} touched"
    )
    if result["reports_refreshed"]:
        console.print(f"report(s) rebuilt: {', '.join(result['reports_refreshed'])}")
    for merge in result["merged"]:
        console.print(f"{merge['story']} grew into {merge['into']} and was merged with it (its id now leads there)")


def _summaries_term(listing: Json, console: Console) -> None:
    table = Table(title=f"{len(listing['stories'])} story(ies) in {listing['store']}", title_justify="left")
    for column in ("id", "title", "articles", "copies", "from", "to", "report"):
        table.add_column(column, overflow="fold")
    for s in listing["stories"]:
        report = "fresh" if s["has_fresh_report"] else "-"
        table.add_row(s["id"], s["title"], str(s["size"]), str(s["duplicates"]), s["first_published"] or "?",
                      s["last_published"] or "?", report)  # fmt: skip
    console.print(table)


def _hits_term(found: Json, console: Console) -> None:
    table = Table(title=f"{len(found['hits'])} hit(s) for {found['query']!r}", title_justify="left")
    for column in ("kind", "article", "story", "snippet"):
        table.add_column(column, overflow="fold")
    for hit in found["hits"]:
        table.add_row(hit["kind"], hit["article"], hit["story"] or "-", hit["snippet"])
    console.print(table)


STORIES_RENDERERS = Renderers(text={OutputFormat.json: render_json}, term=_stories_term)
ADDED_RENDERERS = Renderers(text={OutputFormat.json: render_json}, term=_added_term)
SUMMARIES_RENDERERS = Renderers(text={OutputFormat.json: render_json}, term=_summaries_term)
HITS_RENDERERS = Renderers(text={OutputFormat.json: render_json}, term=_hits_term)


@app.command("stories")
@reads_inputs
def stories_command(
    inputs: Inputs,
    output_format: FormatOption = None,
    output: OutputOption = None,
    engine: EngineOption = EngineChoice.local,
    scheduler: SchedulerOption = None,
    quiet: Quiet = False,
    *,
    ingest: IngestOptions,
) -> None:
    """Group a corpus (JSONL, directories, WARC, feeds…) into stories, near-duplicates listed under their original."""
    from storylens.corpus import group_stories

    stories = run_job(lambda progress: group_stories(inputs, ingest, progress, engine.value, scheduler), quiet)
    finish_report(stories, output_format, output, quiet, STORIES_RENDERERS)


@corpus_app.command("add")
@reads_inputs
def add_command(
    inputs: Inputs,
    store: StoreOption = DEFAULT_STORE,
    output_format: FormatOption = None,
    engine: EngineOption = EngineChoice.local,
    scheduler: SchedulerOption = None,
    no_refresh: Annotated[
        bool, typer.Option("--no-refresh", help="Leave stored reports of grown stories to be rebuilt when next read.")
    ] = False,
    quiet: Quiet = False,
    *,
    ingest: IngestOptions,
) -> None:
    """Add articles to the store: new ones are deduplicated and join (or start) stories; stored ones are left as
    they are. The stored reports of stories that grew are rebuilt (other reports are built when first shown)."""
    from storylens.corpus import CorpusStore

    def job(progress: Any) -> Json:
        with CorpusStore(store) as opened:
            added = opened.add(inputs, ingest, progress, engine.value, scheduler, refresh_reports=not no_refresh)
        return {"schema": "storylens.corpus-add/1", "store": str(store)} | added.as_json()

    finish_report(run_job(job, quiet), output_format, None, quiet, ADDED_RENDERERS)


@corpus_app.command("stories")
def list_command(
    store: StoreOption = DEFAULT_STORE,
    output_format: FormatOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Show at most this many stories.")] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many stories first.")] = 0,
) -> None:
    """List the stored stories, the most recently grown first."""
    from storylens.corpus import CorpusStore

    def job(_: Any) -> Json:
        with CorpusStore(store, readonly=True) as opened:
            stories = [vars_of(s) for s in opened.stories(limit, offset)]
        return {"schema": "storylens.corpus-stories/1", "store": str(store), "stories": stories}

    finish_report(run_job(job, True), output_format, None, True, SUMMARIES_RENDERERS)


@corpus_app.command("show")
def show_command(
    story: Annotated[str, typer.Argument(help="A story id, as `corpus stories` lists them.")],
    store: StoreOption = DEFAULT_STORE,
    output_format: FormatOption = None,
    output: OutputOption = None,
    quiet: Quiet = False,
) -> None:
    """Print a story's report: the stored one, or one built (and stored) now when missing or stale."""
    from storylens.corpus import CorpusStore

    def job(progress: Any) -> Json:
        with CorpusStore(store) as opened:
            opened.story(story)  # an unknown story fails before any model loads
            return opened.report(story, progress)

    finish_report(run_job(job, quiet), output_format, output, quiet, REPORT_RENDERERS)


@corpus_app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help='Words to find (FTS5 syntax allowed: AND, OR, NOT, "phrases", pre*).')],
    store: StoreOption = DEFAULT_STORE,
    output_format: FormatOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many hits of each kind.")] = 20,
) -> None:
    """Full-text search over stored articles and the claims of analysed stories."""
    from storylens.corpus import CorpusStore

    def job(_: Any) -> Json:
        with CorpusStore(store, readonly=True) as opened:
            hits = [vars_of(hit) for hit in opened.search(query, limit)]
        return {"schema": "storylens.corpus-search/1", "store": str(store), "query": query, "hits": hits}

    finish_report(run_job(job, True), output_format, None, True, HITS_RENDERERS)


def vars_of(record: Any) -> Json:
    from dataclasses import asdict

    values: Json = asdict(record)
    return values
