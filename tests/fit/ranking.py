"""Comparing rankings of two indexes (an updated index sums in another order than a fresh one)."""

from __future__ import annotations

import pytest

from backmap.fit import FitIndex


def same_ranking(a: FitIndex, b: FitIndex, query: str) -> None:
    """The same places with the same scores, to float noise."""
    left, right = dict(a.rank(query)), dict(b.rank(query))
    assert left.keys() == right.keys()
    for pid, score in left.items():
        assert score == pytest.approx(right[pid], abs=1e-5), pid
