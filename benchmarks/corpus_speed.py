"""Corpus mode speed: ingest + dedupe + story clustering over synthetic corpora (storylens.corpus.synthetic: ~300-word
templated articles, many events, 15% wire copies), each size in its own child process so that its peak memory is
its own. Sizes: 1k and 10k; 100k too with STORYLENS_BENCH_FULL=1.

Rows: articles/s (model load excluded, measured apart), peak RSS, how time grows per 10× more articles (10× is
linear; an all-pairs step would show ~100×), the clustering quality on the synthetic labels (a check that speed was
not bought with wrong answers), and the Dask engine (2 worker processes, LocalCluster, the model's threads split
between them) on a 4k corpus in this run (cluster start-up measured apart): against the local engine, whose model
already uses both cores, and against one process whose model has one thread (what one worker gets), which shows how
the work spreads over workers. Then the store: `corpus add` of the next 1k articles
into a store that holds the first 10k of an 11k corpus (STORE_BASE; smaller with STORYLENS_BENCH_QUICK=1): how long
reopening the clustering state takes, and the add rate against the rate of the first fill.
"""

from __future__ import annotations

import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from storylens.nlp import MODEL_THREADS_VARIABLE

SIZES = (1_000, 10_000)
DASK_SIZE = 4_000  # big enough that start-up is small beside the work; small enough to run three times
STORE_BASE, STORE_EXTRA = 10_000, 1_000
FULL_SIZES = (1_000, 10_000, 100_000)
Row = tuple[str, str, str]


def run() -> list[Row]:
    sizes = FULL_SIZES if os.environ.get("STORYLENS_BENCH_FULL") == "1" else SIZES
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        results: dict[int, dict[str, Any]] = {}
        for size in sizes:
            path = _write_corpus(Path(folder), size)
            results[size] = _in_child(path, "local")
            r = results[size]
            name = f"corpus_speed {size:,} articles"
            rows += [
                (name, "articles/s (ingest + dedupe + clustering)", f"{r['rate']:.1f}"),
                (name, "seconds (model load apart)", f"{r['seconds']:.1f} (+{r['load_seconds']:.1f})"),
                (name, "peak RSS", f"{r['peak_mb']:.0f} MB"),
                (name, "stories / near-copies found", f"{r['stories']:,} / {r['duplicates']:,}"),
                (name, "BCubed F1 on the synthetic labels", f"{r['f1']:.3f}"),
            ]
        for small, large in itertools.pairwise(sizes):
            ratio = results[large]["seconds"] / results[small]["seconds"]
            rows.append(
                ("corpus_speed growth", f"time ×{large // small} articles ({small:,} → {large:,})", f"{ratio:.1f}×")
            )
        dask_corpus = _write_corpus(Path(folder), DASK_SIZE)
        rows += _dask_rows(dask_corpus, results.get(DASK_SIZE) or _in_child(dask_corpus, "local"))
        rows += _store_rows(Path(folder))
    return rows


def _store_rows(folder: Path) -> list[Row]:
    base, extra = (1_000, 200) if os.environ.get("STORYLENS_BENCH_QUICK") == "1" else (STORE_BASE, STORE_EXTRA)
    records = [json.dumps(r) + "\n" for r in _synthetic(base + extra)]
    first, then = folder / "store-base.jsonl", folder / "store-extra.jsonl"
    first.write_text("".join(records[:base]), encoding="utf-8")
    then.write_text("".join(records[base:]), encoding="utf-8")
    code = "import sys; from benchmarks.corpus_speed import store_child; store_child(*sys.argv[1:])"
    args = [sys.executable, "-c", code, str(first), str(then), str(folder / "store.db")]
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    name = f"corpus_speed store ({extra:,} added to {base:,})"
    if done.returncode != 0:
        return [(name, "failed", str(done.stderr.strip().splitlines()[-1:]))]
    r = json.loads(done.stdout.strip().splitlines()[-1])
    return [
        (name, "reopening the clustering state", f"{r['load_seconds']:.2f} s"),
        (name, "articles/s adding to the full store / filling it", f"{r['add_rate']:.1f} / {r['fill_rate']:.1f}"),
        (name, "store file size", f"{r['megabytes']:.0f} MB"),
    ]


def _synthetic(size: int) -> list[dict[str, Any]]:
    from storylens.corpus.synthetic import synthetic_corpus

    return list(synthetic_corpus(size))


def store_child(first: str, then: str, store_path: str) -> None:
    """Fill a store with `first`, then time reopening it and adding `then`; one JSON line of measures."""
    from storylens.corpus.store import CorpusStore
    from storylens.nlp import embedder

    embedder()
    counted = {name: len(Path(name).read_text(encoding="utf-8").splitlines()) for name in (first, then)}
    started = time.perf_counter()
    with CorpusStore(store_path) as store:
        store.add([first])
    fill_seconds = time.perf_counter() - started
    with CorpusStore(store_path) as store:
        started = time.perf_counter()
        store._load_grouper()  # what each `corpus add` pays before its first article
        load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    with CorpusStore(store_path) as store:
        store.add([then])
    add_seconds = time.perf_counter() - started
    print(json.dumps({
        "load_seconds": load_seconds, "fill_rate": counted[first] / fill_seconds,
        "add_rate": counted[then] / add_seconds, "megabytes": Path(store_path).stat().st_size / 1e6,
    }))  # fmt: skip


def _dask_rows(path: Path, local: dict[str, Any]) -> list[Row]:
    name = f"corpus_speed dask ({path.stem.split('-')[-1]} articles, 2 workers)"
    try:
        dask = _in_child(path, "dask")
        one_thread = _in_child(path, "local", {MODEL_THREADS_VARIABLE: "1"})
    except RuntimeError as error:  # the rows measured so far still count
        return [(name, "failed", str(error))]
    return [
        (name, "speed-up over local (its model on both cores)", f"{local['seconds'] / dask['seconds']:.2f}×"),
        (name, "speed-up over one process with one model thread", f"{one_thread['seconds'] / dask['seconds']:.2f}×"),
        (name, "cluster start-up + model load in workers", f"{dask['load_seconds']:.1f} s"),
        (name, "same stories as local", str(local["digest"] == dask["digest"] == one_thread["digest"])),
    ]


def _write_corpus(folder: Path, size: int) -> Path:
    from storylens.corpus.synthetic import synthetic_corpus

    path = folder / f"synthetic-{size}.jsonl"
    if not path.exists():
        with path.open("w", encoding="utf-8") as stream:
            for record in synthetic_corpus(size):
                stream.write(json.dumps(record) + "\n")
    return path


def _in_child(path: Path, engine: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    code = "import sys; from benchmarks.corpus_speed import child; child(sys.argv[1], sys.argv[2])"
    args = [sys.executable, "-c", code, str(path), engine]
    done = subprocess.run(args, capture_output=True, text=True, check=False, env=os.environ | (env or {}))
    if done.returncode != 0:
        raise RuntimeError(f"{path.name} ({engine}): {done.stderr.strip().splitlines()[-1:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def child(path: str, engine_name: str) -> None:
    """Group one corpus and print one JSON line of measures."""
    import hashlib

    from storylens.corpus.engines import DaskEngine, Engine, LocalEngine
    from storylens.corpus.quality import bcubed, story_labels
    from storylens.corpus.stories import group_stories
    from storylens.nlp import embedder

    started = time.perf_counter()
    engine: Engine
    if engine_name == "dask":
        engine = DaskEngine(workers=2)
        engine.client.run(lambda: embedder().name)  # load the model in every worker before timing
    else:
        embedder()
        engine = LocalEngine()
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    stories = group_stories([path], engine=engine)
    seconds = time.perf_counter() - started
    with Path(path).open(encoding="utf-8") as stream:
        records = [json.loads(line) for line in stream]
    gold = {record["id"]: record["story"] for record in records}
    # Exact copies are listed by where they were read (ingest keeps one of them only): back to their record ids.
    by_line = {f"{path}:{n}": record["id"] for n, record in enumerate(records, start=1)}
    labels = {by_line.get(item, item): story for item, story in story_labels(stories).items()}
    digest = hashlib.sha1(json.dumps(stories["stories"], sort_keys=True).encode()).hexdigest()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "rate": len(gold) / seconds, "seconds": seconds, "load_seconds": load_seconds, "peak_mb": peak_kb / 1024,
        "stories": len(stories["stories"]), "duplicates": sum(len(s["duplicates"]) for s in stories["stories"]),
        "f1": bcubed(labels, gold).f1, "digest": digest,
    }))  # fmt: skip


if __name__ == "__main__":
    for row in run():
        print(" | ".join(row))
