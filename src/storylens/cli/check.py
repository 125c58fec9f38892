"""`storylens check CLAIM FILE_OR_URL...`: the stance of each article towards one claim, with its evidence."""

from __future__ import annotations

from typing import Annotated

import typer

from storylens.cli.common import (
    AllowPrivate,
    FormatOption,
    Inputs,
    KindOption,
    MaxBytes,
    NoFetch,
    OutputFormat,
    OutputOption,
    Quiet,
    Renderers,
    Timeout,
    app,
    finish_report,
    ingest_options,
    run_job,
)
from storylens.render.check import render_check_html, render_check_markdown, render_check_term
from storylens.render.json import render_json

CHECK_RENDERERS = Renderers(
    text={OutputFormat.json: render_json, OutputFormat.md: render_check_markdown, OutputFormat.html: render_check_html},
    term=render_check_term,
)


@app.command("check")
def check_command(
    claim: Annotated[str, typer.Argument(help="The claim to check, in quotes.", show_default=False)],
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
    """Which articles support a claim, contradict it, only discuss it, or are unrelated, and the sentences why."""
    from storylens.stance import check

    options = ingest_options(max_bytes, timeout, allow_private, no_fetch, kind)
    report = run_job(lambda progress: check(claim, inputs, options, progress), quiet)
    finish_report(report, output_format, output, quiet, CHECK_RENDERERS)
