"""`storylens check` as a user runs it: formats, exit codes, one-line errors, and the report's schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from stance.articles import ARTICLES, CLAIM
from storylens.cli import app
from storylens.render.check import render_check_html, render_check_markdown
from storylens.stance import CHECK_SCHEMA_ID, check, validate_check_report

runner = CliRunner()


@pytest.fixture
def article_files(tmp_path: Path) -> list[Path]:
    paths = []
    for label, text in ARTICLES.items():
        path = tmp_path / f"{label}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def report(article_files: list[Path]) -> dict[str, object]:
    return check(CLAIM, article_files)


@pytest.mark.slow
def test_json_report_follows_its_schema(article_files: list[Path]) -> None:
    result = runner.invoke(app, ["check", CLAIM, *map(str, article_files), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    validate_check_report(report)
    assert report["schema"] == CHECK_SCHEMA_ID
    assert [a["label"] for a in report["articles"]] == list(ARTICLES)
    assert report["summary"] == dict.fromkeys(ARTICLES, 1)


@pytest.mark.slow
def test_a_lying_offset_or_a_missing_field_fails_validation(report: dict[str, object]) -> None:
    broken = json.loads(json.dumps(report))
    broken["articles"][0]["evidence"][0]["start"] += 1
    with pytest.raises(ValueError, match="lies"):
        validate_check_report(broken)
    del broken["articles"][0]["label"]
    with pytest.raises(jsonschema.ValidationError):
        validate_check_report(broken)


@pytest.mark.slow
def test_markdown_and_html(report: dict[str, object], tmp_path: Path) -> None:
    markdown = render_check_markdown(report)
    assert markdown.startswith("# Claim check: The mayor of Dunmore")
    assert "**contradicts**" in markdown and "*No sentence speaks to the claim.*" in markdown
    page = render_check_html(report)
    assert page.startswith("<!doctype html>") and "<script" not in page
    assert "“The mayor has not resigned" in page


@pytest.mark.slow
def test_html_escapes_what_the_inputs_say(tmp_path: Path) -> None:
    path = tmp_path / "tags.txt"
    path.write_text(ARTICLES["contradicts"].replace("city hall", "<b>city hall</b>"), encoding="utf-8")
    claim = "The mayor <script>alert(1)</script> resigned"
    page = render_check_html(check(claim, [path]))
    assert "<script>" not in page and "&lt;script&gt;" in page


@pytest.mark.slow
def test_a_missing_input_is_skipped_with_exit_3(article_files: list[Path], tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    result = runner.invoke(app, ["check", CLAIM, str(article_files[0]), str(missing), "-f", "md", "-q"])
    assert result.exit_code == 3
    assert "nowhere.txt" in result.stderr and "Traceback" not in result.output
    assert "Skipped 1 input(s)" in result.stdout


def test_nothing_usable_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", CLAIM, str(tmp_path / "nowhere.txt")])
    assert result.exit_code == 1
    assert "no usable article" in result.stderr and "Traceback" not in result.output


def test_an_empty_claim_is_one_line_and_exit_1(article_files: list[Path]) -> None:
    result = runner.invoke(app, ["check", "  ", str(article_files[0])])
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: the claim is empty"


@pytest.mark.slow
def test_term_output_to_a_file(article_files: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "check.txt"
    result = runner.invoke(app, ["check", CLAIM, *map(str, article_files), "-f", "term", "-o", str(out)])
    assert result.exit_code == 0
    written = out.read_text(encoding="utf-8")
    assert "Claim: The mayor of Dunmore" in written and "contradicts" in written
