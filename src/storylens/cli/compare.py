"""`storylens compare` and `storylens analyse`: reports over a set of articles about one event."""

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
from storylens.render.html import render_html
from storylens.render.json import render_json
from storylens.render.markdown import render_markdown
from storylens.render.term import render_term
from storylens.report import MAX_ARTICLES, compare

REPORT_RENDERERS = Renderers(
    text={OutputFormat.json: render_json, OutputFormat.md: render_markdown, OutputFormat.html: render_html},
    term=render_term,
)
# A per-article analysis has no claims across articles to lay out: JSON, or the terminal's summary of it.
ANALYSIS_RENDERERS = Renderers(text={OutputFormat.json: render_json}, term=render_term)


@app.command("compare")
@reads_inputs
def compare_command(
    inputs: Inputs,
    output_format: FormatOption = None,
    output: OutputOption = None,
    quiet: Quiet = False,
    max_articles: Annotated[
        int, typer.Option("--max-articles", min=1, help="Refuse more articles than this (cost grows as its square).")
    ] = MAX_ARTICLES,
    *,
    ingest: IngestOptions,
) -> None:
    """Compare several reports of one event and print the report."""
    report = run_job(lambda progress: compare(inputs, ingest, progress, max_articles), quiet)
    finish_report(report, output_format, output, quiet, REPORT_RENDERERS)


@app.command("analyse")
@reads_inputs
def analyse_command(
    inputs: Inputs,
    output_format: FormatOption = None,
    output: OutputOption = None,
    quiet: Quiet = False,
    *,
    ingest: IngestOptions,
) -> None:
    """Analyse each article on its own: entities, quotes and speakers, sources, claims, framing, times."""
    from storylens.report import analyse_inputs

    report = run_job(lambda progress: analyse_inputs(inputs, ingest, progress), quiet)
    finish_report(report, output_format, output, quiet, ANALYSIS_RENDERERS)
