"""`storylens check CLAIM FILE_OR_URL...`: the stance of each article towards one claim, with its evidence."""

from __future__ import annotations

from typing import Annotated

import typer

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
from storylens.ingest import IngestOptions
from storylens.render.check import render_check_html, render_check_markdown, render_check_term
from storylens.render.json import render_json

CHECK_RENDERERS = Renderers(
    text={OutputFormat.json: render_json, OutputFormat.md: render_check_markdown, OutputFormat.html: render_check_html},
    term=render_check_term,
)


@app.command("check")
@reads_inputs
def check_command(
    claim: Annotated[str, typer.Argument(help="The claim to check, in quotes.", show_default=False)],
    inputs: Inputs,
    output_format: FormatOption = None,
    output: OutputOption = None,
    quiet: Quiet = False,
    *,
    ingest: IngestOptions,
) -> None:
    """Which articles support a claim, contradict it, only discuss it, or are unrelated, and the sentences why."""
    from storylens.stance import check

    report = run_job(lambda progress: check(claim, inputs, ingest, progress), quiet)
    finish_report(report, output_format, output, quiet, CHECK_RENDERERS)
