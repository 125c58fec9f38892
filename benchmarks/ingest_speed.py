"""Ingest speed: HTML pages → Articles, against trafilatura's own extraction of the same pages as the baseline.

The ratio says what our layers (decoding, cleaning, boilerplate filter, outlet and language detection, duplicate
check) cost on top of extraction. Peak memory is the process's maximum resident size after the run.
"""

from __future__ import annotations

import random
import resource
import tempfile
import time
from pathlib import Path

import trafilatura

from storylens import read_articles

PAGES = 200
_WORDS = [
    "harbour",
    "ferry",
    "council",
    "storm",
    "minister",
    "search",
    "rescue",
    "crew",
    "port",
    "authority",
    "statement",
    "vessel",
    "inspection",
    "weather",
    "warning",
    "coastguard",
    "passengers",
    "island",
    "channel",
    "morning",
    "evening",
    "officials",
    "said",
    "report",
]


def _page(number: int, rng: random.Random) -> str:
    paragraphs = "".join(
        f"<p>{' '.join(rng.choice(_WORDS) for _ in range(rng.randint(25, 60))).capitalize()}.</p>" for _ in range(12)
    )
    return (
        f"<html><head><title>Story {number}</title><meta property='og:site_name' content='Outlet {number % 7}'>"
        f"</head><body><nav><a href='/'>Home</a></nav><article><h1>Story {number}</h1>{paragraphs}"
        "<p>Sign up to our newsletter for the week's top stories.</p></article><footer>© Outlet</footer></body></html>"
    )


def run() -> list[tuple[str, str, str]]:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number in range(PAGES):
            path = Path(folder) / f"page{number}.html"
            path.write_text(_page(number, rng), encoding="utf-8")
            paths.append(path)
        read_articles(paths[:5])  # warm-up: language model and imports load once
        started = time.perf_counter()
        for path in paths:
            trafilatura.bare_extraction(path.read_text(encoding="utf-8"), with_metadata=True)
        baseline = time.perf_counter() - started
        started = time.perf_counter()
        ingested = read_articles(paths)
        ours = time.perf_counter() - started
    assert len(ingested.articles) == PAGES, ingested.skipped
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [
        ("ingest (HTML)", "pages per second", f"{PAGES / ours:.0f}"),
        ("ingest (HTML)", "trafilatura alone, pages per second", f"{PAGES / baseline:.0f}"),
        ("ingest (HTML)", "time ratio to trafilatura alone", f"{ours / baseline:.2f}×"),
        ("ingest (HTML)", "peak memory of the process", f"{peak_mb:.0f} MB"),
    ]
