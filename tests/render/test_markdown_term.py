"""The Markdown and terminal renderings, and `storylens compare --format md|html`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from storylens.render.markdown import escape, render_markdown
from storylens.render.term import render_term


def test_markdown_sections_and_escaping(hand_report: dict[str, Any]) -> None:
    text = render_markdown(hand_report)
    for heading in ("## Conflicts", "## Claims × outlets", "## Quotes worded differently", "## Timeline"):
        assert heading in text
    assert not re.search(r"(?<!\\)<", text), "every < is escaped"
    assert r"\<script\>" in text
    assert "**are inspecting**" in text and "**will inspect**" in text
    assert "We **are inspecting** every bridge" in text  # the spaces around a changed run are kept


def test_bold_changed_words_leave_their_punctuation_out(hand_report: dict[str, Any]) -> None:
    first, second = hand_report["quotes"][0]["variants"][:2]
    first["text"] = "Our first duty is to the families, and the company owes them the truth"
    second["text"] = "Our first duty is to the families"
    text = render_markdown(hand_report)
    assert "families, **and the company owes them the truth**" in text  # `families**, and` would not be bold


def test_markdown_table_rows_keep_their_columns(hand_report: dict[str, Any]) -> None:
    hand_report["claims"][0]["text"] = "a | b\nc"
    rows = [line for line in render_markdown(hand_report).splitlines() if line.startswith("| a")]
    assert len(rows) == 1
    assert rows[0].replace(r"\|", "").count("|") == 6  # five cells: claim, status, independent, two outlets


def test_escape_folds_lines_and_specials() -> None:
    assert escape("*a*\n[b](c) <i>") == r"\*a\* \[b\](c) \<i\>"


def test_terminal_summary_matrix_and_conflicts(hand_report: dict[str, Any]) -> None:
    console = Console(record=True, width=110, color_system=None)
    render_term(hand_report, console)
    shown = console.export_text()
    assert "1 conflicting" in shown and "Claims × outlets" in shown
    assert "conflict (number)" in shown
    assert "Nine people were hurt" in shown and "Fourteen people were hurt" in shown


@pytest.mark.slow
def test_compare_command_writes_html(tmp_path: Path) -> None:
    from storylens.cli import app

    examples = sorted((Path(__file__).parents[2] / "src" / "storylens" / "examples").glob("*.txt"))
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["compare", *map(str, examples), "--format", "html", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert 'class="card conflict"' in out.read_text(encoding="utf-8")


@pytest.mark.slow
def test_markdown_of_a_real_report(bundled_report: dict[str, Any]) -> None:
    text = render_markdown(bundled_report)
    conflicts = sum(len(c["conflicts"]) for c in bundled_report["claims"])
    assert text.count("\n- **") >= conflicts > 0
