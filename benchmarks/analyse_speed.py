"""Speed of the analyse stage against spaCy's own pipeline on the same paragraphs (the ratio is the figure).

The texts are the bundled example articles, repeated with small changes so that nothing is cached. Both runs are
warm (models loaded first). Peak memory is the process's maximum resident size, models included.
"""

from __future__ import annotations

import resource
import time
from dataclasses import replace
from pathlib import Path

import storylens
from storylens.analyse import analyse_many
from storylens.nlp import spacy_pipeline
from storylens.records import Article

EXAMPLES = Path(storylens.__file__).parent / "examples"
COPIES = 8


def _articles() -> list[Article]:
    base = storylens.read_articles(sorted(EXAMPLES.glob("*.txt"))).articles
    return [
        replace(a, id=f"{a.id}-{n}", text=a.text.replace("Sunday", f"Sunday {n}")) for n in range(COPIES) for a in base
    ]


def run() -> list[tuple[str, str, str]]:
    articles = _articles()
    nlp = spacy_pipeline()
    analyse_many(articles[:3])  # warm-up: every model and lexicon loads once
    paragraphs = [a.text[p.start : p.end] for a in articles for p in a.paragraphs]
    started = time.perf_counter()
    list(nlp.pipe(paragraphs, batch_size=64))
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    analyse_many(articles)
    ours = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    words = sum(a.word_count for a in articles)
    return [
        ("analyse", f"articles ({words / len(articles):.0f} words each on average)", str(len(articles))),
        ("analyse", "articles per second", f"{len(articles) / ours:.1f}"),
        ("analyse", "spaCy pipeline alone, articles per second", f"{len(articles) / baseline:.1f}"),
        ("analyse", "time ratio to spaCy alone", f"{ours / baseline:.2f}×"),
        ("analyse", "peak memory of the process", f"{peak_mb:.0f} MB"),
    ]
