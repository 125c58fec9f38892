"""`storylens stories` and `storylens corpus …` as a user runs them: output, exit codes, one-line errors."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storylens.cli import app
from storylens.corpus.stories import validate_stories

from .conftest import gold_records, write_jsonl

pytestmark = pytest.mark.slow
runner = CliRunner()


@pytest.fixture
def small_feed(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "feed.jsonl", gold_records()[:6])


def test_stories_json(small_feed: Path) -> None:
    result = runner.invoke(app, ["stories", str(small_feed), "--format", "json", "--quiet"])
    assert result.exit_code == 0, result.output
    stories = json.loads(result.stdout)
    validate_stories(stories)
    assert [s["articles"] for s in stories["stories"]][:1] == [["q1-ledger", "q1-wire", "q1-daily", "q1-radio"]]


def test_malformed_line_exits_3_naming_the_line(tmp_path: Path) -> None:
    lines = [json.dumps(r) for r in gold_records()[:3]]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([lines[0], "{oops", *lines[1:]]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["stories", str(feed), "--format", "json"])
    assert result.exit_code == 3
    assert "feed.jsonl:2" in result.stderr and "not valid JSON" in result.stderr
    assert len(json.loads(result.stdout)["skipped"]) == 1


def test_usage_and_input_errors(small_feed: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["stories", str(small_feed), "--engine", "spark"]).exit_code == 2
    local_scheduler = runner.invoke(app, ["stories", str(small_feed), "--scheduler", "tcp://127.0.0.1:1"])
    assert local_scheduler.exit_code == 1 and "only the dask engine uses a scheduler" in local_scheduler.stderr
    nothing = runner.invoke(app, ["stories", str(tmp_path / "missing.jsonl")])
    assert nothing.exit_code == 1 and "missing.jsonl" in nothing.stderr


def test_corpus_add_list_search_and_refusals(small_feed: Path, tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    added = runner.invoke(app, ["corpus", "add", str(small_feed), "--store", str(store), "-f", "json", "-q"])
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["added"] == 6
    again = runner.invoke(app, ["corpus", "add", str(small_feed), "--store", str(store), "--no-refresh", "-q"])
    assert again.exit_code == 0, again.output
    assert {k: json.loads(again.stdout)[k] for k in ("added", "unchanged", "reports_refreshed")} == {
        "added": 0,
        "unchanged": 6,
        "reports_refreshed": [],
    }
    listed = json.loads(runner.invoke(app, ["corpus", "stories", "--store", str(store), "-f", "json"]).stdout)
    assert [(s["size"], s["duplicates"]) for s in listed["stories"]] == [(1, 0), (4, 1)]  # most recently grown first
    found = json.loads(runner.invoke(app, ["corpus", "search", "Tessaly", "--store", str(store), "-f", "json"]).stdout)
    assert {hit["article"] for hit in found["hits"]} == {"q2-ledger"}
    unknown = runner.invoke(app, ["corpus", "show", "story-99", "--store", str(store)])
    assert unknown.exit_code == 1 and "story-99: no such story" in unknown.stderr
    with sqlite3.connect(store) as db:
        db.execute("PRAGMA user_version = 7")
    refused = runner.invoke(app, ["corpus", "add", str(small_feed), "--store", str(store)])
    assert refused.exit_code == 1
    assert refused.stderr.count("\n") == 1 and "s.db: store schema version 7 is newer" in refused.stderr
