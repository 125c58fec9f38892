"""Speed and memory of `storylens compare`: the whole command cold, and the in-process API warm.

The articles are the bundled examples, their paragraphs rotated and lightly varied into ~1,000-word articles (written
to a temporary folder). The targets are the issue's (2 cores): two articles in under 8 s for the whole command and
under 1.5 s warm, ten articles under 5 s warm, peak memory under 1.5 GB.

The baseline, measured in the same run, is the models alone on the same input: spaCy's `nlp.pipe` over the same
paragraphs plus embedding as many sentences; the ratio says how much our own stages add.

Before / after the issue-4 speed work (same machine, 2 cores shared with other jobs, load average ~4 in both runs,
so compare the ratios more than the seconds):

    ratio to models alone, 2 / 10 articles   1.16× / 2.48×  →  0.83× / 1.08×
    warm, 2 / 10 articles                    3.43 s / 10.86 s  →  1.82 s / 5.63 s
    whole command, cold, 2 articles          13.75 s  →  8.82 s;  peak memory 684 MB (unchanged)

What changed: the conflict checks read the analysis's own parse of each claim instead of running spaCy again
(`ArticleAnalysis.claim_docs`); a text repeated across articles (wire copies) is embedded once
(`nlp.embed_distinct`); the clustering updates its matrix of group means row by row instead of recomputing it per
merge; the framing lexicon skips entries whose first word is not in the text before running their regex.

Issue 4, phase 2 (load average ~2–3): warm 2 / 10 articles 1.46 s / 3.12 s, ratio to models alone 2.00× / 1.28×
(models alone 0.73 s / 2.45 s in that run), whole command 7.13 s, 722 MB. The link stage now also asks the stance
model for each clustered claim's stance; `nlp.Remembering` serves that call the vectors alignment has just made
(10 articles, cold caches: the two extra embedding passes of 28 and 26 texts, 0.7 s in that run, are gone). The
warm rows repeat one input, so the stance caches hide that saving there. Embedding is the largest single cost left
(about a third of a warm 2-article run); onnxruntime with 2 threads beat 1 thread or 4 only when the machine was
not loaded by others, so the thread count stays as it was.
"""

from __future__ import annotations

import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import storylens
from storylens.nlp import embedder, spacy_pipeline

EXAMPLES = Path(storylens.__file__).parent / "examples"
WORDS = 1000
REPEATS = 3
COLD_TARGET_S, WARM2_TARGET_S, WARM10_TARGET_S, MEMORY_TARGET_MB = 8.0, 1.5, 5.0, 1536.0
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_COMMAND = "from storylens.cli import main; main()"


def _bodies() -> list[list[str]]:
    """Each example's body as lines (title first), front matter dropped."""
    return [
        [line for line in _FRONT.sub("", path.read_text(encoding="utf-8")).splitlines() if line.strip()]
        for path in sorted(EXAMPLES.glob("*.txt"))
    ]


def write_articles(folder: Path, count: int) -> list[Path]:
    """`count` distinct articles of ~WORDS words: one example's title and body, then the others' paragraphs, varied."""
    bodies = _bodies()
    paths = []
    for n in range(count):
        lines = list(bodies[n % len(bodies)])
        others = [line for k, body in enumerate(bodies) if k != n % len(bodies) for line in body[1:]]
        extra = 0
        while sum(len(line.split()) for line in lines) < WORDS:
            line = others[(extra + 7 * n) % len(others)]  # each article its own rotation: no exact duplicates
            lines.append(line.replace("Sunday", "Sunday morning") if extra // len(others) % 2 else line)
            extra += 1
        lines = [line.replace("1,200", f"1,{200 + 10 * n}") for line in lines]  # and figures that differ a little
        text = f"---\npublished: 2025-10-12T1{n % 10}:00:00+01:00\noutlet: Test Outlet {n}\n---\n" + "\n".join(lines)
        path = folder / f"article_{n:02d}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _cold(paths: list[Path], folder: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of the whole command in a fresh process."""
    out = folder / "report.json"
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _COMMAND, "compare", *map(str, paths), "-f", "json", "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 3) or not out.exists():
        raise RuntimeError(f"compare failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak_mb


def _median(action: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _baseline(paths: list[Path]) -> float:
    """The models alone on the same input: spaCy over the paragraphs, MiniLM over as many sentences."""
    articles = storylens.read_articles(paths).articles
    paragraphs = [a.text[p.start : p.end].replace("\n", " ") for a in articles for p in a.paragraphs]
    nlp, model = spacy_pipeline(), embedder()

    def both() -> None:
        docs = list(nlp.pipe(paragraphs, batch_size=64))
        model.embed([s.text for doc in docs for s in doc.sents])

    return _median(both)


def _seconds(value: float, target: float) -> str:
    return f"{value:.2f} s (target < {target:g} s)"


def run() -> list[tuple[str, str, str]]:
    with tempfile.TemporaryDirectory(prefix="storylens-bench-") as tmp:
        folder = Path(tmp)
        paths = write_articles(folder, 10)
        words = [len(_FRONT.sub("", p.read_text(encoding="utf-8")).split()) for p in paths]
        _cold(paths[:2], folder)  # the first run fills the disk cache; the figure is the second, fresh process
        cold_s, cold_mb = _cold(paths[:2], folder)

        storylens.compare(paths[:2])  # warm-up: every model and lexicon loads once
        warm2 = _median(lambda: storylens.compare(paths[:2]))
        warm10 = _median(lambda: storylens.compare(paths))
        base2, base10 = _baseline(paths[:2]), _baseline(paths)
        self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [
        ("compare", "articles (words each)", f"2 and 10 ({min(words)}–{max(words)} words)"),
        ("compare", "whole command, cold, 2 articles", _seconds(cold_s, COLD_TARGET_S)),
        ("compare", "peak memory of that command", f"{cold_mb:.0f} MB (target < {MEMORY_TARGET_MB:g} MB)"),
        ("compare", "warm, 2 articles", _seconds(warm2, WARM2_TARGET_S) + f", {2 / warm2:.1f} articles/s"),
        ("compare", "warm, 10 articles", _seconds(warm10, WARM10_TARGET_S) + f", {10 / warm10:.1f} articles/s"),
        ("compare", "models alone (spaCy + embeddings), 2 / 10 articles", f"{base2:.2f} s / {base10:.2f} s"),
        ("compare", "time ratio to models alone, 2 / 10 articles", f"{warm2 / base2:.2f}× / {warm10 / base10:.2f}×"),
        ("compare", "peak memory, warm runs (10 articles)", f"{self_mb:.0f} MB (target < {MEMORY_TARGET_MB:g} MB)"),
    ]


if __name__ == "__main__":
    for row in run():
        print(" | ".join(row))
