"""`group_stories` on the labelled set: quality floor, same-topic traps, copies, schema; Dask equals local."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storylens.corpus.engines import DaskEngine
from storylens.corpus.quality import bcubed, story_labels
from storylens.corpus.stories import group_stories, validate_stories
from storylens.errors import NoUsableInput
from storylens.ingest.finish import slugify

from .conftest import GOLD, gold_labels, gold_records, write_jsonl

HELDOUT = GOLD.with_name("stories_heldout.jsonl")

pytestmark = pytest.mark.slow

F1_FLOOR = 0.97  # measured 1.000 (the harder set: same place different events, follow-ups, other wordings)


def test_gold_stories_meet_the_floor(gold_stories: dict[str, Any]) -> None:
    validate_stories(gold_stories)
    score = bcubed(story_labels(gold_stories), gold_labels())
    assert score.f1 >= F1_FLOOR, score
    assert len(gold_stories["stories"]) == len(set(gold_labels().values()))


@pytest.mark.parametrize(("one", "other"), [("q1-ledger", "q2-ledger"), ("e1-ledger", "e2-ledger"),
                                            ("s1-ledger", "s2-ledger"), ("g1-ledger", "h1-ledger"),
                                            ("s2-ledger", "k1-ledger")])  # fmt: skip
def test_same_topic_different_events_are_apart(gold_stories: dict[str, Any], one: str, other: str) -> None:
    labels = story_labels(gold_stories)
    assert labels[one] != labels[other]


@pytest.mark.parametrize(("one", "other"), [("q1-ledger", "q1-followup"), ("g1-ledger", "g1-daily"),
                                            ("e1-ledger", "e1-followup"), ("w1-ledger", "w1-daily"),
                                            ("b1-ledger", "b1-radio")])  # fmt: skip
def test_follow_ups_and_other_wordings_join_their_story(gold_stories: dict[str, Any], one: str, other: str) -> None:
    labels = story_labels(gold_stories)
    assert labels[one] == labels[other]


HELDOUT_F1_FLOOR = 0.88  # measured 0.909 (P 1.000, R 0.833); this file is never used to tune anything


def test_held_out_stories_meet_their_floor() -> None:
    records = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line.strip()]
    stories = group_stories([HELDOUT])
    validate_stories(stories)
    score = bcubed(story_labels(stories), {slugify(r["id"]): r["story"] for r in records})
    assert score.f1 >= HELDOUT_F1_FLOOR, score


def test_wire_copies_are_listed_under_their_original(gold_stories: dict[str, Any]) -> None:
    copies = {d["id"]: d["duplicate_of"] for s in gold_stories["stories"] for d in s["duplicates"]}
    assert copies == {"q1-wire-copy": "q1-wire", "r1-copy": "r1-press"}


def test_undated_article_is_noticed(gold_stories: dict[str, Any]) -> None:
    undated = [n for n in gold_stories["notices"] if "without a publication date" in n["message"]]
    assert len(undated) == 1 and undated[0]["input"].endswith("stories_gold.jsonl:40")


def test_malformed_line_is_reported_with_its_number_and_the_rest_is_read(tmp_path: Path) -> None:
    records = gold_records()[:6]
    lines = [json.dumps(r) for r in records]
    lines.insert(2, "{not json")
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stories = group_stories([path])
    assert [s["input"] for s in stories["skipped"]] == [f"{path}:3"]
    assert sum(len(s["articles"]) + len(s["duplicates"]) for s in stories["stories"]) == 6


def test_exact_copy_is_listed_not_lost(tmp_path: Path) -> None:
    records = gold_records()[:3]
    path = write_jsonl(tmp_path / "copies.jsonl", [*records, records[0] | {"id": "again"}])
    stories = group_stories([path])
    copies = [d for s in stories["stories"] for d in s["duplicates"] if d["similarity"] == 1.0]
    assert copies == [{"id": "again", "duplicate_of": "q1-ledger", "similarity": 1.0}]  # its own record id
    assert stories["skipped"] == []


def test_no_usable_input_raises(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("{bad\n[1]\n", encoding="utf-8")
    with pytest.raises(NoUsableInput, match=r"bad\.jsonl:1"):
        group_stories([path])


def test_two_reports_of_one_event_alone_are_one_story(tmp_path: Path) -> None:
    """The smallest corpus a user brings: two outlets' reports and nothing else (no IDF to learn from)."""
    by_story: dict[str, list[dict[str, Any]]] = {}
    for record in gold_records():
        by_story.setdefault(record["story"], []).append(record)
    pairs = [records[:2] for records in by_story.values() if len(records) >= 2]
    assert len(pairs) >= 8
    for first, second in pairs:
        stories = group_stories([write_jsonl(tmp_path / f"{first['id']}.jsonl", [first, second])])
        placed = [s["articles"] + [d["id"] for d in s["duplicates"]] for s in stories["stories"]]
        assert len(placed) == 1, (first["id"], second["id"], placed)


def test_dask_engine_equals_local(gold_stories: dict[str, Any]) -> None:
    # Two worker processes, and partitions of 8 so that several tasks run on each.
    local = group_stories([GOLD], partition_size=8)
    dask = group_stories([GOLD], engine=DaskEngine(workers=2), partition_size=8)
    assert dask == local
    assert local == gold_stories  # partition size does not change the outcome


def test_reading_on_dask_workers_gives_the_events_of_plain_ingest(tmp_path: Path) -> None:
    """Cleaning runs on the workers; ids, exact copies, errors and notices come out as `iter_articles` gives them."""
    from storylens.corpus.engines import read_on
    from storylens.ingest import iter_articles

    records = gold_records()[:5]
    lines = [json.dumps(r) for r in records]
    lines += ["{not json", json.dumps(records[0]), json.dumps(records[1] | {"id": "other"}), json.dumps({"text": ""})]
    lines.append(json.dumps({"id": records[2]["id"], "text": "Der Bürgermeister sagte am Montag, dass die Brücke "
                             "über den Fluss wegen Rissen gesperrt bleibt und erst im Frühjahr öffnet."}))  # fmt: skip
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    inputs = [feed, tmp_path / "missing.jsonl"]

    def described(events: list[Any]) -> list[Any]:
        return [e if not isinstance(e, Exception) else (type(e).__name__, str(e)) for e in events]

    expected = described(list(iter_articles(inputs)))
    engine = DaskEngine(workers=2)
    try:
        got = described(list(read_on(engine, inputs, partition_size=3)))
    finally:
        engine.close()
    assert got == expected
    kinds = {type(e).__name__ if not isinstance(e, tuple) else e[0] for e in expected}
    assert {"Article", "Notice", "DuplicateInput"} <= kinds and len(kinds) >= 5  # every kind of event was there


def test_enormous_article_is_grouped_and_one_over_the_cap_is_skipped_by_line(tmp_path: Path) -> None:
    from storylens import IngestOptions

    records = gold_records()[:2]
    paragraph = "Crews in Rosco searched the ruins across Valdera through the night, and more words follow here."
    enormous = records[0] | {"id": "enormous", "text": "\n".join([paragraph] * 20_000)}  # ~2 MB, 300k words
    path = write_jsonl(tmp_path / "big.jsonl", [*records, enormous])
    stories = group_stories([path])
    assert sorted(a for s in stories["stories"] for a in s["articles"]) == ["enormous", "q1-ledger", "q1-wire"]
    assert stories["stories"][0]["articles"][:2] == ["q1-ledger", "q1-wire"]
    capped = group_stories([path], IngestOptions(max_bytes=100_000))
    assert [s["input"] for s in capped["skipped"]] == [f"{path}:3"]
