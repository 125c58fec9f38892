"""The `storylens` command as a user runs it: exit codes, messages naming inputs, formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storylens import __version__, validate_report
from storylens.cli import app
from support import FERRY_STORY, FIXTURES

runner = CliRunner()


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"storylens {__version__}"


def test_help_for_every_command() -> None:
    for args in (["--help"], ["compare", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0 and "Usage" in result.output


def test_compare_json_to_stdout(tmp_path: Path) -> None:
    story = _write(tmp_path, "ferry.txt", FERRY_STORY)
    result = runner.invoke(app, ["compare", str(story), str(FIXTURES / "herald_page.html"), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    validate_report(report)
    assert [a["id"] for a in report["articles"]] == ["ferry", "herald-page"]


def test_compare_writes_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["compare", str(FIXTURES / "herald_page.html"), "-f", "json", "-o", str(out)])
    assert result.exit_code == 0
    validate_report(json.loads(out.read_text(encoding="utf-8")))


def test_skipped_inputs_give_one_line_each_and_exit_3(tmp_path: Path) -> None:
    story = _write(tmp_path, "ferry.txt", FERRY_STORY)
    junk = _write(tmp_path, "junk.txt", b"\x00\x01\x02\xff" * 100)
    result = runner.invoke(app, ["compare", str(story), str(junk), str(tmp_path / "gone.txt"), "-f", "json"])
    assert result.exit_code == 3
    assert f"skipped {junk}: binary data" in result.stderr
    assert f"skipped {tmp_path / 'gone.txt'}: no such file or directory" in result.stderr
    assert "Traceback" not in result.output


def test_nothing_usable_exits_1_with_the_reasons(tmp_path: Path) -> None:
    empty = _write(tmp_path, "empty.txt", "")
    result = runner.invoke(app, ["compare", str(empty)])
    assert result.exit_code == 1
    assert f"skipped {empty}: the input is empty" in result.stderr
    assert "error: no usable article among the inputs (1 skipped)" in result.stderr


def test_one_article_is_reported_with_a_note(tmp_path: Path) -> None:
    story = _write(tmp_path, "ferry.txt", FERRY_STORY)
    result = runner.invoke(app, ["compare", str(story), "-f", "json"])
    assert result.exit_code == 0
    assert "only one article" in result.stderr


def test_usage_error_exits_2() -> None:
    assert runner.invoke(app, ["compare"]).exit_code == 2
    assert runner.invoke(app, ["compare", "x.txt", "--format", "pdf"]).exit_code == 2


def test_standard_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", "-", "-f", "json"], input=FERRY_STORY)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["articles"][0]["origin"] == "<stdin>"


def test_terminal_view_lists_articles_and_dropped_lines(tmp_path: Path) -> None:
    out = tmp_path / "view.txt"
    result = runner.invoke(app, ["compare", str(FIXTURES / "herald_page.html"), "-f", "term", "-o", str(out)])
    assert result.exit_code == 0
    view = out.read_text(encoding="utf-8")
    assert "The Kestrel Gazette" in view and "Sign up to our Coastal Briefing" in view


def test_installed_command_never_shows_a_traceback(tmp_path: Path) -> None:
    junk = _write(tmp_path, "junk.html", bytes(range(256)) * 50)
    command = [sys.executable, "-c", "from storylens.cli import main; main()", "compare", str(junk)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and str(junk) in done.stderr


def test_analyse_json_is_valid_and_offsets_hold(tmp_path: Path) -> None:
    story = _write(tmp_path, "ferry.txt", FERRY_STORY)
    result = runner.invoke(app, ["analyse", str(story), "-f", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    validate_report(report)  # every item with article/start/end/text is checked against the article text
    assert report["schema"] == "storylens.analysis/1"
    [analysis] = report["analyses"]
    [quote] = [q for q in analysis["quotes"] if q["text"].startswith("We have not given up")]
    speaker = next(e for e in analysis["entities"] if e["id"] == quote["speaker"])
    assert speaker["name"] == "Ines Calloway"
    assert "only one article" not in result.stderr


def test_analyse_terminal_view(tmp_path: Path) -> None:
    story = _write(tmp_path, "ferry.txt", FERRY_STORY)
    out = tmp_path / "view.txt"
    assert runner.invoke(app, ["analyse", str(story), "-f", "term", "-o", str(out)]).exit_code == 0
    view = out.read_text(encoding="utf-8")
    assert "quotes" in view and "Ines Calloway" in view


def test_too_many_articles_are_refused_before_any_analysis(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"n{i}", "text": f"Story number {i} tells of storm damage in district {i}."})
             for i in range(5)]  # fmt: skip
    batch = _write(tmp_path, "batch.jsonl", "\n".join(lines))
    result = runner.invoke(app, ["compare", str(batch), "--max-articles", "3", "-f", "json"])
    assert result.exit_code == 1
    assert "5 articles read, more than the 3 that one comparison takes (--max-articles)" in result.stderr


@pytest.mark.parametrize("command", [["compare"], ["analyse"], ["check", "A ferry sank."], ["stories"]])
def test_every_reading_command_takes_the_shared_ingest_options(tmp_path: Path, command: list[str]) -> None:
    """--max-bytes and --kind reach the readers of every command that reads articles (one definition serves all)."""
    story = _write(tmp_path, "ferry.txt", "\n\n".join([FERRY_STORY] * 3))  # over 1,000 bytes
    result = runner.invoke(app, [*command, str(story), "--max-bytes", "1000", "--kind", "text", "-f", "json"])
    assert result.exit_code == 1
    assert f"skipped {story}" in result.stderr and "1,000-byte cap" in result.stderr
