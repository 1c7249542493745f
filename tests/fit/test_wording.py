"""The learned wording map: the ridge solution, its prior, and updates that match a fresh fit."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from backmap.fit.wording import Wording


def unit_rows(rng: np.random.Generator, n: int, dim: int) -> NDArray[np.float32]:
    rows = rng.standard_normal((n, dim)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_many_rows_recover_the_map_and_a_strong_prior_keeps_the_identity() -> None:
    rng = np.random.default_rng(1)
    x = unit_rows(rng, 400, 8)
    rotation = np.linalg.qr(rng.standard_normal((8, 8)))[0].astype(np.float32)
    y = x @ rotation
    learned = Wording(prior=0.01).learn(x, y)
    assert learned is not None
    np.testing.assert_allclose(learned, rotation, atol=1e-3)
    kept = Wording(prior=1e6).learn(x, y)
    assert kept is not None
    np.testing.assert_allclose(kept, np.eye(8), atol=1e-3)


def test_nothing_to_learn_gives_none() -> None:
    zeros = np.zeros((5, 4), dtype=np.float32)
    assert Wording(prior=100.0).learn(zeros, zeros) is None
    rng = np.random.default_rng(2)
    x = unit_rows(rng, 5, 4)
    assert Wording(prior=0.0).learn(x, x) is None


def test_edits_update_to_the_same_answer_as_a_fresh_fit() -> None:
    rng = np.random.default_rng(3)
    x, y = unit_rows(rng, 300, 16), unit_rows(rng, 300, 16)
    live = Wording(prior=10.0)
    live.learn(x, y)
    for step in range(20):
        # Change, drop or add a few rows, as edits do (slots only grow).
        x, y = x.copy(), y.copy()
        picks = rng.choice(len(x), 3, replace=False)
        x[picks], y[picks] = unit_rows(rng, 3, 16), unit_rows(rng, 3, 16)
        x[picks[0]] = y[picks[0]] = 0.0
        if step % 5 == 0:
            x = np.vstack([x, unit_rows(rng, 2, 16)])
            y = np.vstack([y, unit_rows(rng, 2, 16)])
        updated = live.learn(x, y)
        fresh = Wording(prior=10.0).learn(x, y)
        assert updated is not None and fresh is not None
        np.testing.assert_allclose(updated, fresh, atol=1e-5)
