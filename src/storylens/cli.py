"""The `storylens` command: thin Typer commands over the public API.

Exit codes: 0 all inputs used; 1 nothing usable or an error; 2 bad usage; 3 done, but some inputs were skipped.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import nullcontext
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from storylens._version import __version__
from storylens.errors import NoUsableInput, StorylensError
from storylens.ingest import IngestOptions, Progress
from storylens.ingest.fetch import FetchSettings
from storylens.report import MAX_ARTICLES, REPORT_SCHEMA_ID, Report, compare

app = typer.Typer(
    name="storylens",
    help="What several news reports of one event really establish: corroborated, single-source and "
    "conflicting claims, quotes, sources and framing, with evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)  # one message, one line


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1
    USAGE = 2
    SKIPPED = 3


class OutputFormat(StrEnum):
    json = "json"
    term = "term"


class Kind(StrEnum):
    text = "text"
    html = "html"
    jsonl = "jsonl"
    feed = "feed"
    warc = "warc"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"storylens {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """storylens: compare news reports of one event."""


Inputs = Annotated[
    list[str],
    typer.Argument(
        help="Files, directories, URLs, or - for standard input: .txt, .html, .jsonl, RSS/Atom feeds, .warc(.gz).",
        show_default=False,
    ),
]
FormatOption = Annotated[
    OutputFormat | None,
    typer.Option("--format", "-f", help="Output format; by default term on a terminal, else json."),
]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to this file.")]
MaxBytes = Annotated[int, typer.Option("--max-bytes", min=1000, help="Size cap for one article document.")]
Timeout = Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds allowed for fetching one URL.")]
AllowPrivate = Annotated[
    bool, typer.Option("--allow-private", help="Allow fetching from private and loopback addresses.")
]
NoFetch = Annotated[
    bool, typer.Option("--no-fetch", help="Do not fetch the pages of feed entries that carry only a summary.")
]
KindOption = Annotated[Kind | None, typer.Option("--kind", help="Read every input as this kind, not by guessing.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Do not print notices and progress.")]


@app.command("compare")
def compare_command(
    inputs: Inputs,
    output_format: FormatOption = None,
    output: OutputOption = None,
    max_bytes: MaxBytes = 10_000_000,
    timeout: Timeout = 20.0,
    allow_private: AllowPrivate = False,
    no_fetch: NoFetch = False,
    kind: KindOption = None,
    quiet: Quiet = False,
    max_articles: Annotated[
        int, typer.Option("--max-articles", min=1, help="Refuse more articles than this (cost grows as its square).")
    ] = MAX_ARTICLES,
) -> None:
    """Compare several reports of one event and print the report."""
    options = _ingest_options(max_bytes, timeout, allow_private, no_fetch, kind)
    report = _run(lambda progress: compare(inputs, options, progress, max_articles), quiet)
    _finish(report, output_format, output, quiet)


@app.command("analyse")
def analyse_command(
    inputs: Inputs,
    output_format: FormatOption = None,
    output: OutputOption = None,
    max_bytes: MaxBytes = 10_000_000,
    timeout: Timeout = 20.0,
    allow_private: AllowPrivate = False,
    no_fetch: NoFetch = False,
    kind: KindOption = None,
    quiet: Quiet = False,
) -> None:
    """Analyse each article on its own: entities, quotes and speakers, sources, claims, framing, times."""
    from storylens.report import analyse_inputs

    options = _ingest_options(max_bytes, timeout, allow_private, no_fetch, kind)
    report = _run(lambda progress: analyse_inputs(inputs, options, progress), quiet)
    _finish(report, output_format, output, quiet)


def _ingest_options(
    max_bytes: int, timeout: float, allow_private: bool, no_fetch: bool, kind: Kind | None
) -> IngestOptions:
    return IngestOptions(
        max_bytes=max_bytes,
        kind=kind.value if kind else None,
        fetch_feed_entries=not no_fetch,
        fetch=FetchSettings(timeout=timeout, max_bytes=max_bytes, allow_private=allow_private),
    )


def _finish(report: Report, output_format: OutputFormat | None, output: Path | None, quiet: bool) -> None:
    _explain(report, quiet)
    chosen = output_format or (OutputFormat.term if sys.stdout.isatty() and output is None else OutputFormat.json)
    _write(report, chosen, output)
    raise typer.Exit(ExitCode.SKIPPED if report["skipped"] else ExitCode.OK)


def _run(job: Callable[[Progress], Report], quiet: bool) -> Report:
    show = not quiet and stderr.is_terminal
    spinner = stderr.status("reading inputs…", spinner="dots") if show else None
    with spinner or nullcontext() as status:

        def progress(message: str) -> None:
            if status is not None:
                status.update(_escape(message))

        try:
            return job(progress)
        except NoUsableInput as error:
            for skipped in error.skipped:
                _print_skipped(skipped.source, skipped.reason)
            stderr.print(f"[red]error:[/] no usable article among the inputs ({len(error.skipped)} skipped)")
            raise typer.Exit(ExitCode.ERROR) from None
        except StorylensError as error:
            stderr.print(f"[red]error:[/] {_escape(str(error))}")
            raise typer.Exit(ExitCode.ERROR) from None


def _explain(report: Report, quiet: bool) -> None:
    for item in report["skipped"]:
        _print_skipped(item["input"], item["reason"])
    if not quiet:
        for notice in report["notices"]:
            stderr.print(f"[dim]note[/] {_escape(notice['input'])}: {_escape(notice['message'])}")
        if len(report["articles"]) == 1 and report["schema"] == REPORT_SCHEMA_ID:
            stderr.print("[dim]note[/] only one article was read: there is nothing to compare it with")


def _print_skipped(source: str, reason: str) -> None:
    stderr.print(f"[yellow]skipped[/] {_escape(source)}: {_escape(reason)}")


def _write(report: Report, chosen: OutputFormat, output: Path | None) -> None:
    from storylens.render.json import render_json
    from storylens.render.term import render_term

    if chosen is OutputFormat.json:
        text = render_json(report)
        if output is None:
            sys.stdout.write(text)
        else:
            output.write_text(text, encoding="utf-8")
        return
    if output is None:
        render_term(report, Console())
    else:
        with output.open("w", encoding="utf-8") as stream:
            render_term(report, Console(file=stream, width=120, color_system=None))


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def main() -> None:
    """Entry point: one line for any failure, never a traceback (set STORYLENS_DEBUG=1 to see one)."""
    try:
        app()
    except KeyboardInterrupt:
        stderr.print("[red]interrupted[/]")
        sys.exit(130)
    except Exception as error:  # the last guard: a bug must still end in one clear line
        if os.environ.get("STORYLENS_DEBUG"):
            raise
        stderr.print(
            f"[red]internal error:[/] {type(error).__name__}: {_escape(str(error))} (STORYLENS_DEBUG=1 shows more)"
        )
        sys.exit(ExitCode.ERROR)
