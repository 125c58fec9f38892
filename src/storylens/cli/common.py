"""What every `storylens` command shares: the Typer app, ingest options, progress, errors and output.

Exit codes: 0 all inputs used; 1 nothing usable or an error; 2 bad usage; 3 done, but some inputs were skipped.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar, cast

import typer
from rich.console import Console

from storylens._version import __version__
from storylens.errors import NoUsableInput, StorylensError
from storylens.ingest import IngestOptions, Progress
from storylens.ingest.fetch import FetchSettings
from storylens.report import REPORT_SCHEMA_ID, Report

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
    md = "md"
    html = "html"
    term = "term"


TextRenderer = Callable[[Report], str]
TermRenderer = Callable[[Report, Console], None]


@dataclass(frozen=True)
class Renderers:
    """How one command renders its report: text formats to a string, `term` onto a Rich console."""

    text: Mapping[OutputFormat, TextRenderer]
    term: TermRenderer


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


def ingest_options(
    max_bytes: int = 10_000_000,
    timeout: float = 20.0,
    allow_private: bool = False,
    no_fetch: bool = False,
    kind: Kind | None = None,
) -> IngestOptions:
    return IngestOptions(
        max_bytes=max_bytes,
        kind=kind.value if kind else None,
        fetch_feed_entries=not no_fetch,
        fetch=FetchSettings(timeout=timeout, max_bytes=max_bytes, allow_private=allow_private),
    )


# The options every command that reads articles takes, in the order --help lists them.
_INGEST_PARAMETERS = (
    inspect.Parameter("max_bytes", inspect.Parameter.KEYWORD_ONLY, annotation=MaxBytes, default=10_000_000),
    inspect.Parameter("timeout", inspect.Parameter.KEYWORD_ONLY, annotation=Timeout, default=20.0),
    inspect.Parameter("allow_private", inspect.Parameter.KEYWORD_ONLY, annotation=AllowPrivate, default=False),
    inspect.Parameter("no_fetch", inspect.Parameter.KEYWORD_ONLY, annotation=NoFetch, default=False),
    inspect.Parameter("kind", inspect.Parameter.KEYWORD_ONLY, annotation=KindOption, default=None),
)
_Command = TypeVar("_Command", bound=Callable[..., None])


def reads_inputs(command: _Command) -> _Command:
    """Give a command the shared ingest options (--max-bytes, --timeout, --allow-private, --no-fetch, --kind) and
    hand it one `ingest: IngestOptions` instead: Typer reads options from the signature, and has no parameter
    objects, so the wrapper's signature is the command's own with the shared options in place of `ingest`."""
    own = inspect.signature(command, eval_str=True)
    kept = [parameter for name, parameter in own.parameters.items() if name != "ingest"]
    shared = [p.name for p in _INGEST_PARAMETERS]

    @functools.wraps(command)
    def with_ingest_options(*args: Any, **kwargs: Any) -> None:
        options = ingest_options(**{name: kwargs.pop(name) for name in shared if name in kwargs})
        command(*args, ingest=options, **kwargs)

    signature = own.replace(parameters=[*kept, *_INGEST_PARAMETERS])
    with_ingest_options.__signature__ = signature  # type: ignore[attr-defined]
    with_ingest_options.__annotations__ = {p.name: p.annotation for p in signature.parameters.values()}
    return cast(_Command, with_ingest_options)


def finish_report(
    report: Report, output_format: OutputFormat | None, output: Path | None, quiet: bool, renderers: Renderers
) -> None:
    """Print notices, write the report in the chosen format, and exit with the code its inputs earned."""
    _explain(report, quiet)
    chosen = output_format or (OutputFormat.term if sys.stdout.isatty() and output is None else OutputFormat.json)
    write_report(report, chosen, output, renderers)
    raise typer.Exit(ExitCode.SKIPPED if report.get("skipped") else ExitCode.OK)


def run_job(job: Callable[[Progress], Report], quiet: bool) -> Report:
    show = not quiet and stderr.is_terminal
    spinner = stderr.status("reading inputs…", spinner="dots") if show else None
    with spinner or nullcontext() as status:

        def progress(message: str) -> None:
            if status is not None:
                status.update(escape_markup(message))

        try:
            return job(progress)
        except NoUsableInput as error:
            for skipped in error.skipped:
                print_skipped(skipped.source, skipped.reason)
            stderr.print(f"[red]error:[/] no usable article among the inputs ({len(error.skipped)} skipped)")
            raise typer.Exit(ExitCode.ERROR) from None
        except StorylensError as error:
            stderr.print(f"[red]error:[/] {escape_markup(str(error))}")
            raise typer.Exit(ExitCode.ERROR) from None


def _explain(report: Report, quiet: bool) -> None:
    for item in report.get("skipped", []):
        print_skipped(item["input"], item["reason"])
    if not quiet:
        for notice in report.get("notices", []):
            stderr.print(f"[dim]note[/] {escape_markup(notice['input'])}: {escape_markup(notice['message'])}")
        if report.get("schema") == REPORT_SCHEMA_ID and len(report["articles"]) == 1:
            stderr.print("[dim]note[/] only one article was read: there is nothing to compare it with")


def print_skipped(source: str, reason: str) -> None:
    stderr.print(f"[yellow]skipped[/] {escape_markup(source)}: {escape_markup(reason)}")


def write_report(report: Report, chosen: OutputFormat, output: Path | None, renderers: Renderers) -> None:
    if chosen is OutputFormat.term:
        if output is None:
            renderers.term(report, Console())
        else:
            with output.open("w", encoding="utf-8") as stream:
                renderers.term(report, Console(file=stream, width=120, color_system=None))
        return
    render = renderers.text.get(chosen)
    if render is None:
        offered = ", ".join([*(fmt.value for fmt in renderers.text), OutputFormat.term.value])
        stderr.print(f"[red]error:[/] --format {chosen.value} is not offered here (choose {offered})")
        raise typer.Exit(ExitCode.USAGE)
    text = render(report)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


def escape_markup(text: str) -> str:
    from rich.markup import escape

    return escape(text)
