"""Shared data for the corpus tests: the labelled story set and its labels."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storylens.ingest.finish import slugify

GOLD = Path(__file__).resolve().parents[1] / "data" / "stories_gold.jsonl"


def gold_records() -> list[dict[str, Any]]:
    with GOLD.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def gold_labels() -> dict[str, str]:
    return {slugify(r["id"]): r["story"] for r in gold_records()}


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def gold_stories() -> dict[str, Any]:
    """`storylens stories` on the gold file, once per session (embedding is the slow part)."""
    from storylens.corpus.stories import group_stories

    return group_stories([GOLD])
