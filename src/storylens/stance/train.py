"""Train the stance model on FNC-1 and record its validation scores: `python -m storylens.stance.train --data DIR`.

20% of the bodies (fixed seed) are held out for validation and never seen in training; early stopping and the
class weights use a further 10% of the training bodies, so the validation figures are not tuned on. FNC-1 pairs each
headline with several bodies, so the figures are also recorded for the held-out pairs whose headline no training pair
has (`validation_unseen_headlines`): the honest score for a claim never seen. Writes
`stance-lgbm.txt.gz` and `validation.json` into `--out` (by default the package's `stance/data/`).

Sentence embeddings of the FNC texts are cached in `--cache` (default: a folder under the system temp dir), so a
second run skips the slow part.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import platform
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from storylens.nlp import Embedder, embedder
from storylens.stance.features import FEATURE_NAMES, pair_features, prepare_articles, prepare_claims
from storylens.stance.model import LABELS, MODEL_FILE, MODEL_NAME, VALIDATION_FILE

FNC_LABELS = {"agree": "supports", "disagree": "contradicts", "discuss": "discusses", "unrelated": "unrelated"}
SEED = 20170601
HOLDOUT_SHARE = 0.2
EARLY_STOP_SHARE = 0.1
PARAMS: dict[str, Any] = {
    "objective": "multiclass",
    "num_class": len(LABELS),
    "learning_rate": 0.05,
    "num_leaves": 31,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "num_threads": 2,
    "verbose": -1,
}
CLASS_WEIGHT_POWER = 0.5  # weight ∝ (1 / class frequency)^power: rare disagree counts more, not absurdly more
MAX_ROUNDS = 1500


@dataclass(frozen=True, slots=True)
class FncPairs:
    claims: list[str]
    bodies: list[str]
    body_ids: list[int]
    labels: np.ndarray[Any, Any]  # index into LABELS


def read_fnc(data: Path) -> FncPairs:
    """The FNC-1 training split (train_bodies.csv, train_stances.csv) as pairs; labels mapped to LABELS."""
    with (data / "train_bodies.csv").open(encoding="utf-8", newline="") as stream:
        bodies = {int(row["Body ID"]): row["articleBody"] for row in csv.DictReader(stream)}
    with (data / "train_stances.csv").open(encoding="utf-8", newline="") as stream:
        stances = list(csv.DictReader(stream))
    return FncPairs(
        claims=[row["Headline"] for row in stances],
        bodies=[bodies[int(row["Body ID"])] for row in stances],
        body_ids=[int(row["Body ID"]) for row in stances],
        labels=np.array([LABELS.index(FNC_LABELS[row["Stance"]]) for row in stances]),
    )


def split_headlines(claims: Sequence[str], share: float, seed: int) -> np.ndarray[Any, Any]:
    """A mask over pairs: True where the pair's headline is among the held-out `share` of distinct headlines."""
    numbered = {c: i for i, c in enumerate(sorted(set(claims)))}
    return split_bodies([numbered[c] for c in claims], share, seed)


def split_bodies(body_ids: Sequence[int], share: float, seed: int) -> np.ndarray[Any, Any]:
    """A mask over pairs: True where the pair's body is among the held-out `share` of distinct bodies."""
    distinct = np.array(sorted(set(body_ids)))
    held = set(np.random.default_rng(seed).permutation(distinct)[: round(len(distinct) * share)].tolist())
    return np.array([b in held for b in body_ids])


class CachedEmbedder:
    """An embedder that keeps every vector it made in `folder` (texts.json + vectors.npy) for the next run."""

    def __init__(self, inner: Embedder, folder: Path) -> None:
        self.name = inner.name
        self.dimensions = inner.dimensions
        self._inner = inner
        self._folder = folder
        self._rows: dict[str, np.ndarray[Any, Any]] = {}
        if (folder / "texts.json").exists() and (folder / "vectors.npy").exists():
            texts = json.loads((folder / "texts.json").read_text(encoding="utf-8"))
            self._rows = dict(zip(texts, np.load(folder / "vectors.npy"), strict=True))

    def embed(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        missing = sorted({t for t in texts if t not in self._rows})
        if missing:
            self._rows.update(zip(missing, self._inner.embed(missing), strict=True))
            self._save()
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return np.stack([self._rows[t] for t in texts])

    def _save(self) -> None:
        self._folder.mkdir(parents=True, exist_ok=True)
        texts = list(self._rows)
        (self._folder / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
        np.save(self._folder / "vectors.npy", np.stack([self._rows[t] for t in texts]))


def feature_matrix(pairs: FncPairs, model: Embedder) -> np.ndarray[Any, Any]:
    """Each distinct claim and body prepared once, then one feature row per pair."""
    claim_texts = sorted(set(pairs.claims))
    body_texts = sorted(set(pairs.bodies))
    claims = dict(zip(claim_texts, prepare_claims(claim_texts, model), strict=True))
    bodies = dict(zip(body_texts, prepare_articles(body_texts, model), strict=True))
    rows = [pair_features(claims[c], bodies[b]) for c, b in zip(pairs.claims, pairs.bodies, strict=True)]
    return np.array(rows, dtype=np.float32)


def class_weights(labels: np.ndarray[Any, Any], power: float) -> np.ndarray[Any, Any]:
    counts = np.bincount(labels, minlength=len(LABELS)).astype(np.float64)
    per_class = (counts.sum() / np.maximum(counts, 1)) ** power
    weights: np.ndarray[Any, Any] = per_class[labels] / per_class[labels].mean()
    return weights


def train_booster(rows: np.ndarray[Any, Any], labels: np.ndarray[Any, Any], body_ids: Sequence[int], seed: int) -> Any:
    """A booster trained on `rows`, stopped early on a share of its own bodies."""
    import lightgbm

    stop = split_bodies(body_ids, EARLY_STOP_SHARE, seed + 1)
    weights = class_weights(labels, CLASS_WEIGHT_POWER)
    names = list(FEATURE_NAMES)
    fit = lightgbm.Dataset(rows[~stop], labels[~stop], weight=weights[~stop], feature_name=names)
    check = lightgbm.Dataset(rows[stop], labels[stop], weight=weights[stop], feature_name=names, reference=fit)
    return lightgbm.train(
        PARAMS | {"seed": seed},
        fit,
        num_boost_round=MAX_ROUNDS,
        valid_sets=[check],
        callbacks=[lightgbm.early_stopping(50, verbose=False)],
    )


def fnc_score(gold: np.ndarray[Any, Any], predicted: np.ndarray[Any, Any]) -> float:
    """The FNC-1 score as a share of its maximum (README of the data: 0.25 for unrelated or related right, 0.75 more
    for the exact related label)."""
    unrelated = LABELS.index("unrelated")
    gold_related = gold != unrelated
    predicted_related = predicted != unrelated
    score = 0.25 * np.sum(gold_related == predicted_related)
    score += 0.75 * np.sum(gold_related & (gold == predicted))
    best = 0.25 * len(gold) + 0.75 * np.sum(gold_related)
    return float(score / best)


def scores(gold: np.ndarray[Any, Any], predicted: np.ndarray[Any, Any]) -> dict[str, Any]:
    from sklearn.metrics import confusion_matrix, f1_score  # type: ignore[import-untyped]

    per_class = f1_score(gold, predicted, labels=range(len(LABELS)), average=None, zero_division=0)
    return {
        "fnc_score_share": round(fnc_score(gold, predicted), 4),
        "macro_f1": round(float(np.mean(per_class)), 4),
        "accuracy": round(float(np.mean(gold == predicted)), 4),
        "per_class_f1": {label: round(float(f), 4) for label, f in zip(LABELS, per_class, strict=True)},
        "confusion": {
            "rows_gold_columns_predicted": list(LABELS),
            "matrix": confusion_matrix(gold, predicted, labels=range(len(LABELS))).tolist(),
        },
        "pairs": len(gold),
    }


def train(data: Path, out: Path, cache: Path, seed: int = SEED) -> dict[str, Any]:
    started = time.perf_counter()
    pairs = read_fnc(data)
    model = CachedEmbedder(embedder(), cache)
    rows = feature_matrix(pairs, model)
    featured = time.perf_counter()
    held = split_bodies(pairs.body_ids, HOLDOUT_SHARE, seed)
    train_ids = [b for b, h in zip(pairs.body_ids, held, strict=True) if not h]
    booster = train_booster(rows[~held], pairs.labels[~held], train_ids, seed)
    trained = time.perf_counter()
    predicted = np.argmax(booster.predict(rows[held], num_iteration=booster.best_iteration), axis=1)
    figures = {
        "model": MODEL_NAME,
        "embedder": model.name,
        "validation": scores(pairs.labels[held], predicted),
        "validation_unseen_headlines": _unseen_headline_scores(pairs, rows, held, seed),
        "training_pairs": int(np.sum(~held)),
        "held_out_bodies": len(set(np.array(pairs.body_ids)[held].tolist())),
        "held_out_share": HOLDOUT_SHARE,
        "seed": seed,
        "data_sha256": _data_hash(data),
        "params": PARAMS | {"class_weight_power": CLASS_WEIGHT_POWER, "rounds": booster.best_iteration},
        "seconds": {"features": round(featured - started, 1), "training": round(trained - featured, 1)},
        "python": platform.python_version(),
    }
    out.mkdir(parents=True, exist_ok=True)
    text = booster.model_to_string(num_iteration=booster.best_iteration)
    (out / MODEL_FILE).write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    (out / VALIDATION_FILE).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return figures


def _unseen_headline_scores(
    pairs: FncPairs, rows: np.ndarray[Any, Any], held: np.ndarray[Any, Any], seed: int
) -> dict[str, Any]:
    """Scores for claims never seen: FNC-1 pairs each headline with several bodies, so nearly every held-out pair's
    headline also occurs in training. A second booster, trained without the held-out share of headlines, is scored
    on the pairs whose body and headline are both held out (the shipped model is not this one)."""
    held_headlines = split_headlines(pairs.claims, HOLDOUT_SHARE, seed + 2)
    fit = ~held & ~held_headlines
    test = held & held_headlines
    split = "held-out bodies × held-out headlines"
    if not test.any() or len(set(pairs.labels[fit].tolist())) < len(LABELS):
        return {"split": split, "pairs": int(test.sum()), "skipped": "too few pairs for a second booster"}
    booster = train_booster(
        rows[fit], pairs.labels[fit], [b for b, f in zip(pairs.body_ids, fit, strict=True) if f], seed
    )
    predicted = np.argmax(booster.predict(rows[test], num_iteration=booster.best_iteration), axis=1)
    return scores(pairs.labels[test], predicted) | {
        "split": split,
        "training_pairs": int(fit.sum()),
    }


def _data_hash(data: Path) -> str:
    digest = hashlib.sha256()
    for name in ("train_bodies.csv", "train_stances.csv"):
        digest.update((data / name).read_bytes())
    return digest.hexdigest()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m storylens.stance.train", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the FNC-1 training folder")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "data", help="where the model goes")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "storylens-stance-cache")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    for name in ("train_bodies.csv", "train_stances.csv"):
        if not (args.data / name).is_file():
            parser.error(f"{args.data}: no {name} here (expected the FNC-1 training folder)")
    figures = train(args.data, args.out, args.cache, args.seed)
    print(json.dumps(figures["validation"] | {"seconds": figures["seconds"]}, indent=2))


if __name__ == "__main__":
    main()
