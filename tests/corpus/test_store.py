"""The SQLite store: idempotent adds, incremental = batch, refusals (newer schema, lock, not a store), search,
reports refreshed when a story grows, and a process killed mid-add."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from storylens import validate_report
from storylens.corpus import cluster
from storylens.corpus.store import SCHEMA_VERSION, CorpusStore, StoreError, StoreLocked, StoreTooNew, UnknownStory
from storylens.corpus.stories import group_stories
from storylens.corpus.synthetic import synthetic_corpus

from .conftest import GOLD, gold_records, write_jsonl

pytestmark = pytest.mark.slow


def stored_stories(store: CorpusStore) -> dict[str, list[str]]:
    return {s.id: [a.id for a in store.story(s.id).articles] for s in store.stories()}


def grouped(stories: dict[str, Any]) -> dict[str, list[str]]:
    return {s["id"]: s["articles"] for s in stories["stories"]}


def table_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        tables = ("articles", "duplicates", "stories", "story_articles")
        return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_adding_in_two_runs_equals_one_batch_and_adding_again_changes_nothing(
    tmp_path: Path, gold_stories: dict[str, Any]
) -> None:
    records = gold_records()
    path = tmp_path / "store.db"
    with CorpusStore(path) as store:
        first = store.add([write_jsonl(tmp_path / "first.jsonl", records[:17])])
    assert first.added == 17
    with CorpusStore(path) as store:  # reopened: the state comes back from the file
        second = store.add([GOLD])
        assert (second.added, second.unchanged) == (len(records) - 17, 17)
        assert stored_stories(store) == grouped(gold_stories)
        assert store.check() == []
    before = table_counts(path)
    renamed = write_jsonl(tmp_path / "renamed.jsonl", [r | {"id": "other-" + r["id"]} for r in records])
    with CorpusStore(path) as store:
        again = store.add([GOLD])
        renamed_again = store.add([renamed])  # same texts under other ids: still the same articles
    assert (again.added, again.unchanged) == (renamed_again.added, renamed_again.unchanged) == (0, len(records))
    assert table_counts(path) == before


def test_merged_stories_are_stored_as_one_and_their_old_ids_lead_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Merges are rare on small feeds, so the merge bar is lowered here until the gold feed has some."""
    monkeypatch.setattr(cluster, "MERGE_THRESHOLD", 0.2)
    records = gold_records()
    one_batch = group_stories([GOLD])
    path = tmp_path / "store.db"
    with CorpusStore(path) as store:
        store.add([write_jsonl(tmp_path / "first.jsonl", records[:20])], partition_size=8)
    with CorpusStore(path) as store:
        second = store.add([GOLD], partition_size=8)
        assert stored_stories(store) == grouped(one_batch)
        assert store.check() == []
    with sqlite3.connect(path) as db:
        merged = db.execute("SELECT id, survivor FROM merged_stories").fetchall()
        positions = db.execute("SELECT story, group_concat(position) FROM story_articles GROUP BY story").fetchall()
    assert merged, "the lowered bar should have merged stories"
    assert all(p.split(",") == [str(n) for n in range(len(p.split(",")))] for _, p in positions)
    assert set(second.merged.items()) <= set(merged)
    with CorpusStore(path, readonly=True) as store:
        for absorbed, survivor in merged:
            assert store.story(absorbed).summary.id == survivor
            assert store.resolve(absorbed) == survivor


def test_a_version_2_store_gains_the_merge_table(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    with CorpusStore(path) as store:
        store.add([write_jsonl(tmp_path / "first.jsonl", gold_records()[:6])])
    with sqlite3.connect(path) as db:
        db.executescript("DROP TABLE merged_stories; PRAGMA user_version = 2;")
    with CorpusStore(path) as store:
        store.add([GOLD])
        assert store.check() == []
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_newer_schema_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    CorpusStore(path).close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    for readonly in (False, True):
        with pytest.raises(StoreTooNew, match=r"future\.db: store schema version 99 is newer"):
            CorpusStore(path, readonly=readonly)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 99


def test_not_a_store_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00garbage" * 200)
    with pytest.raises(StoreError, match=r"junk\.db: not a storylens store"):
        CorpusStore(junk)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE people (name TEXT)")
    with pytest.raises(StoreError, match=r"other\.db: a SQLite database, but not a storylens store"):
        CorpusStore(other)
    with pytest.raises(StoreError, match=r"missing\.db: no such store"):
        CorpusStore(tmp_path / "missing.db", readonly=True)


def test_locked_store_gives_a_clear_error_before_any_work(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    CorpusStore(path).close()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        started = time.perf_counter()
        with (
            CorpusStore(path, busy_timeout=0.2) as store,
            pytest.raises(StoreLocked, match=r"busy\.db: store is locked"),
        ):
            store.add([GOLD])
        assert time.perf_counter() - started < 5  # refused before ingest and models
        with CorpusStore(path, readonly=True) as reader:  # WAL: readers are not blocked by the writer
            assert reader.stories() == []
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_search_and_a_report_that_refreshes_when_its_story_grows(tmp_path: Path) -> None:
    records = [r for r in gold_records() if r["story"] == "quake-valdera"]
    path = tmp_path / "store.db"
    with CorpusStore(path) as store:
        store.add([write_jsonl(tmp_path / "a.jsonl", records[:2])])
        [story] = store.stories()
        hits = store.search("Rosco")
        assert {h.article for h in hits} == {"q1-ledger", "q1-wire"} and {h.story for h in hits} == {story.id}
        assert store.search('"unbalanced') == []  # not FTS syntax: searched as plain words
        report = store.report(story.id)
        validate_report(report)
        assert [a["id"] for a in report["articles"]] == ["q1-ledger", "q1-wire"]
        assert store.stories()[0].has_fresh_report
        assert store.report(story.id) == report  # stored, not rebuilt
        assert any(h.kind == "claim" for h in store.search("Valdera"))
        grown = store.add([write_jsonl(tmp_path / "b.jsonl", records[3:4])], refresh_reports=False)
        assert not store.stories()[0].has_fresh_report and grown.reports_refreshed == []
        assert [a["id"] for a in store.report(story.id)["articles"]] == ["q1-ledger", "q1-wire", "q1-daily"]
        grown = store.add([write_jsonl(tmp_path / "c.jsonl", records[4:5])])  # a stored report is kept up to date
        assert grown.reports_refreshed == [story.id] and store.stories()[0].has_fresh_report
        assert [a["id"] for a in store.report(story.id)["articles"]] == ["q1-ledger", "q1-wire", "q1-daily", "q1-radio"]
        with pytest.raises(UnknownStory, match="no-such-story"):
            store.report("no-such-story")


_ADD = (
    "import sys; from storylens.corpus.store import CorpusStore; "
    "CorpusStore(sys.argv[1]).add([sys.argv[2]], partition_size=4)"
)


def test_killed_mid_add_keeps_every_committed_batch_and_carries_on(tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", list(synthetic_corpus(40, seed=3)))
    path = tmp_path / "store.db"
    CorpusStore(path).close()
    child = subprocess.Popen([sys.executable, "-c", _ADD, str(path), str(feed)], env=os.environ | {"PYTHONPATH": "src"})
    try:
        deadline = time.monotonic() + 120
        while _count(path) < 4 and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.02)
        assert child.poll() is None, "the add finished before it could be killed"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait()
    committed = _count(path)
    assert 4 <= committed < 40 and committed % 4 == 0  # whole batches only
    with CorpusStore(path) as store:
        assert store.check() == []
        assert _ids(path) == [f"a{n}" for n in range(1, committed + 1)]
        resumed = store.add([feed], partition_size=4)
        assert (resumed.added, resumed.unchanged) == (40 - committed, committed)
        assert store.check() == []
        assert stored_stories(store) == grouped(group_stories([feed], partition_size=4))


def _count(path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as db:
            return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _ids(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [row[0] for row in db.execute("SELECT id FROM articles ORDER BY rowid")]


def test_a_version_1_store_is_upgraded_and_carries_on_exactly(tmp_path: Path, gold_stories: dict[str, Any]) -> None:
    records = gold_records()
    path = tmp_path / "store.db"
    with CorpusStore(path) as store:
        store.add([write_jsonl(tmp_path / "first.jsonl", records[:17])])
    with sqlite3.connect(path) as db:  # what version 1 wrote: no term vectors, no document frequencies
        db.executescript(
            "ALTER TABLE stories DROP COLUMN term_ids; ALTER TABLE stories DROP COLUMN term_weights;"
            "DROP TABLE term_counts; DELETE FROM counters WHERE name = 'documents'; DROP TABLE merged_stories;"
            "PRAGMA user_version = 1;"
        )
    with CorpusStore(path) as store:
        store.add([GOLD])
        assert stored_stories(store) == grouped(gold_stories)
        assert store.check() == []
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("SELECT count(*) FROM stories WHERE term_ids IS NULL").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM term_counts").fetchone()[0] > 100
