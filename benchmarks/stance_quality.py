"""Quality and speed of the stance model behind `storylens check` and `check_many`.

Quality, three ways:
- our own labelled claim/article sets (tests/data/stance_dev.jsonl, tuned on; stance_heldout.jsonl, written before
  any rule and never tuned on): the label a careful reader gives, accuracy and macro-F1, for `check_many` (model plus
  evidence layer) and for the model alone;
- the figures training recorded (`stance/data/validation.json`): held-out FNC-1 bodies, and the honest figure for
  unseen claims (a second booster, scored on held-out bodies × held-out headlines);
- where the FNC-1 training folder is present (STORYLENS_FNC_DATA, by default ../shared/data/fnc-1-train), the
  shipped model re-scored on the same held-out bodies through the public `check_many`, with the evidence layer and
  without it (the model's own argmax), so the layer's cost or gain on FNC is measured in the same run.
The aim on FNC is the 2017 competition's best: 82.0% of the maximum FNC score, macro-F1 ~0.60.

The re-scoring reads sentence embeddings from the cache `make train-stance` leaves in the temp dir (and fills it
where it is missing). Speed: `check_many` over every held-out pair of 60 bodies, cold and then cached, against a
baseline measured in the same run: the embedder alone over the same distinct sentences and claims, the least any
embedding-based check must spend. The ratio says what splitting, features and the model add.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from storylens.nlp import embedder
from storylens.stance import LABELS, StanceResult, check_many
from storylens.stance.model import validation_figures
from storylens.stance.sentences import split_sentences
from storylens.stance.train import HOLDOUT_SHARE, CachedEmbedder, read_fnc, scores, split_bodies

DATA = Path(os.environ.get("STORYLENS_FNC_DATA", Path(__file__).parents[1].parent / "shared/data/fnc-1-train"))
LABELLED = Path(__file__).parents[1] / "tests/data"
CACHE = Path(tempfile.gettempdir()) / "storylens-stance-cache"  # the embeddings `make train-stance` cached
SPEED_BODIES = 60
Row = tuple[str, str, str]


def run() -> list[Row]:
    figures = validation_figures()
    rows = _labelled_rows()
    rows += _quality_rows("stance FNC (recorded)", figures["validation"])
    unseen = figures.get("validation_unseen_headlines", {})
    if "fnc_score_share" in unseen:
        rows += _quality_rows(f"stance FNC unseen headlines (recorded, {unseen['pairs']} pairs)", unseen)
    if not (DATA / "train_stances.csv").exists():
        return [*rows, ("stance FNC (re-scored)", "skipped", f"no FNC-1 data at {DATA}")]
    pairs = read_fnc(DATA)
    held = split_bodies(pairs.body_ids, HOLDOUT_SHARE, int(figures["seed"]))
    chosen = [(c, b) for c, b, h in zip(pairs.claims, pairs.bodies, held, strict=True) if h]
    rows += _speed(chosen)  # first, while nothing is cached in this process
    results = check_many(chosen, CachedEmbedder(embedder(), CACHE))
    gold = pairs.labels[held]
    layered = np.array([LABELS.index(r.label) for r in results])
    rows += _quality_rows("stance FNC (re-scored, model + evidence layer)", scores(gold, layered))
    rows += _quality_rows("stance FNC (re-scored, model alone)", scores(gold, _model_labels(results)))
    decided = sum(r.basis == "evidence" for r in results)
    rows.append(("stance FNC (re-scored)", "pairs the evidence layer decided", f"{decided} / {len(results)}"))
    return rows


def _labelled_rows() -> list[Row]:
    """Accuracy and macro-F1 on our own labelled sets, with the evidence layer and for the model alone."""
    from sklearn.metrics import f1_score  # type: ignore[import-untyped]

    rows: list[Row] = []
    for name in ("dev", "heldout"):
        lines = (LABELLED / f"stance_{name}.jsonl").read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines]
        pairs = [(c["claim"], r["article"]) for r in records for c in r["claims"]]
        gold = np.array([LABELS.index(c["label"]) for r in records for c in r["claims"]])
        results = check_many(pairs)
        for how, predicted in (
            ("model + evidence layer", np.array([LABELS.index(r.label) for r in results])),
            ("model alone", _model_labels(results)),
        ):
            f1 = f1_score(gold, predicted, labels=range(len(LABELS)), average="macro", zero_division=0)
            bench = f"stance {name} set ({len(pairs)} pairs), {how}"
            rows += [(bench, "accuracy", f"{np.mean(gold == predicted):.3f}"), (bench, "macro-F1", f"{f1:.3f}")]
    return rows


def _model_labels(results: list[StanceResult]) -> np.ndarray[Any, Any]:
    return np.array([LABELS.index(max(r.probabilities, key=lambda label: r.probabilities[label])) for r in results])


def _quality_rows(name: str, validation: dict[str, object]) -> list[Row]:
    per_class = validation["per_class_f1"]
    assert isinstance(per_class, dict)
    rows = [
        (name, "FNC-1 score, share of max (aim > 0.820)", f"{validation['fnc_score_share']:.3f}"),
        (name, "macro-F1 (aim > 0.60)", f"{validation['macro_f1']:.3f}"),
    ]
    rows += [(name, f"F1 {label}", f"{per_class[label]:.3f}") for label in LABELS]
    return rows


def _speed(held_out: list[tuple[str, str]]) -> list[Row]:
    """check_many over every pair of SPEED_BODIES held-out bodies: cold (each article split and embedded), then
    again with the articles and claims prepared, against the embedder alone on the same texts."""
    bodies = sorted({b for _, b in held_out})[:SPEED_BODIES]
    chosen = [(c, b) for c, b in held_out if b in set(bodies)]
    embedder().embed(["load the model before timing"])
    baseline = _embed_only(chosen)
    started = time.perf_counter()
    check_many(chosen)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    check_many(chosen)
    warm = time.perf_counter() - started
    name = "stance speed"
    return [
        (
            name,
            "pairs / distinct bodies / distinct claims",
            f"{len(chosen)} / {len(bodies)} / {len({c for c, _ in chosen})}",
        ),
        (name, "check_many pairs/s, cold (embeds each article once)", f"{len(chosen) / cold:,.0f}"),
        (name, "check_many time ÷ embedding the same texts alone", f"{cold / baseline:.2f}×"),
        (name, "check_many pairs/s, claims and articles cached", f"{len(chosen) / warm:,.0f}"),
    ]


def _embed_only(pairs: list[tuple[str, str]]) -> float:
    """Seconds to embed the distinct sentences and claims of `pairs` with the raw embedder."""
    model = embedder()
    bodies = sorted({b for _, b in pairs})
    sentences = [b[s.start : s.end] for b in bodies for s in split_sentences(b)]
    claims = sorted({c for c, _ in pairs})
    started = time.perf_counter()
    model.embed(sentences)
    model.embed(claims)
    return time.perf_counter() - started
