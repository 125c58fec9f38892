"""The training entry point: the FNC score as its README defines it, the split by body, and a whole (tiny) run on
hand-written data in the FNC-1 layout."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from storylens.stance.model import LABELS, MODEL_FILE, VALIDATION_FILE
from storylens.stance.train import fnc_score, main, read_fnc, split_bodies, split_headlines

S, C, D, U = (LABELS.index(label) for label in ("supports", "contradicts", "discusses", "unrelated"))


def test_fnc_score_follows_the_readme() -> None:
    gold = np.array([S, C, D, U])
    # right unrelated: .25; related but wrong label: .25; exact related label: 1.0; related called unrelated: 0
    predicted = np.array([S, D, U, U])
    best = 3 * 1.0 + 0.25
    assert fnc_score(gold, predicted) == pytest.approx((1.0 + 0.25 + 0 + 0.25) / best)
    assert fnc_score(gold, gold) == 1.0


@given(
    st.lists(st.sampled_from(["a claim", "another claim", "a third", "a fourth", "a fifth"]), min_size=1),
    st.integers(0, 99),
)
def test_a_headline_split_keeps_every_pair_of_one_headline_together(claims: list[str], seed: int) -> None:
    held = split_headlines(claims, 0.4, seed)
    assert all(held[i] == held[j] for i, a in enumerate(claims) for j, b in enumerate(claims) if a == b)
    assert held.sum() == sum(c in {c for c, h in zip(claims, held, strict=True) if h} for c in claims)


@given(st.lists(st.integers(1, 40), min_size=1, max_size=200), st.integers(0, 10_000))
def test_split_never_puts_one_body_on_both_sides(body_ids: list[int], seed: int) -> None:
    held = split_bodies(body_ids, 0.2, seed)
    inside = {b for b, h in zip(body_ids, held, strict=True) if h}
    outside = {b for b, h in zip(body_ids, held, strict=True) if not h}
    assert not inside & outside
    assert len(inside) == round(len(set(body_ids)) * 0.2)


BODIES = {
    1: "The council voted on Monday to close the old library. The building will be sold next year.",
    2: "Reports that the library will close are false, the council said. It denied any vote took place.",
    3: "A rumour claims the library may close. The council has not confirmed the reports.",
    4: "The river flooded the lower town after three days of rain. Shops were shut.",
    5: "Floods hit the lower town on Tuesday, the fire service confirmed. Twenty homes were evacuated.",
    6: "Claims of a flood in the lower town are a hoax, officials said. The river stayed within its banks.",
    7: "It is unclear whether the lower town flooded, according to unverified posts.",
    8: "The city marathon was won by a local runner in record time.",
}
STANCES = [
    ("Council votes to close the old library", 1, "agree"),
    ("Council votes to close the old library", 2, "disagree"),
    ("Council votes to close the old library", 3, "discuss"),
    ("Council votes to close the old library", 4, "unrelated"),
    ("Lower town flooded after heavy rain", 5, "agree"),
    ("Lower town flooded after heavy rain", 6, "disagree"),
    ("Lower town flooded after heavy rain", 7, "discuss"),
    ("Lower town flooded after heavy rain", 8, "unrelated"),
    ("Local runner wins the city marathon", 8, "agree"),
    ("Local runner wins the city marathon", 1, "unrelated"),
]


@pytest.fixture
def fnc_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "fnc"
    folder.mkdir()
    with (folder / "train_bodies.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Body ID", "articleBody"])
        writer.writerows(BODIES.items())
    with (folder / "train_stances.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Headline", "Body ID", "Stance"])
        writer.writerows(STANCES * 4)  # enough rows for the booster to split at all
    return folder


def test_read_fnc_maps_the_labels(fnc_folder: Path) -> None:
    pairs = read_fnc(fnc_folder)
    assert len(pairs.claims) == 4 * len(STANCES)
    assert [LABELS[i] for i in pairs.labels[:4]] == ["supports", "contradicts", "discusses", "unrelated"]
    assert pairs.bodies[1] == BODIES[2]


@pytest.mark.slow
def test_a_whole_training_run_writes_model_and_figures(fnc_folder: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    main(["--data", str(fnc_folder), "--out", str(out), "--cache", str(cache)])
    figures = json.loads((out / VALIDATION_FILE).read_text(encoding="utf-8"))
    assert (out / MODEL_FILE).stat().st_size > 0
    assert figures["held_out_bodies"] == 2 and figures["seed"] > 0 and len(figures["data_sha256"]) == 64
    assert set(figures["validation"]["per_class_f1"]) == set(LABELS)
    assert figures["validation_unseen_headlines"]["split"] == "held-out bodies × held-out headlines"
    assert (cache / "vectors.npy").exists()  # the second run reads its embeddings from here


def test_a_folder_without_fnc_files_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--data", str(tmp_path), "--out", str(tmp_path / "out")])
    assert stopped.value.code == 2
    assert f"{tmp_path}: no train_bodies.csv here" in capsys.readouterr().err
