"""The initiatives most like an idea vote for the places they serve."""

from __future__ import annotations

import numpy as np

from backmap.fit.neighbours import neighbour_votes

# Slots: 0 goal g1, 1 goal g2, 2 outcome o; 3..6 initiatives.
PLACES = np.asarray([True, True, True, False, False, False, False])
EDGES = [(2, 0), (2, 1), (0, 3), (0, 4), (1, 5), (0, 6), (1, 6)]  # (parent, child)
UPS = np.asarray([p for p, _ in EDGES])
DOWNS = np.asarray([c for _, c in EDGES])


def votes(own: list[float], k: int, weight: float) -> list[float]:
    found = neighbour_votes(np.asarray(own, dtype=np.float32), UPS, DOWNS, PLACES, k, weight)
    return [round(float(v), 4) for v in found]


def test_the_nearest_initiatives_vote_for_each_place_they_serve() -> None:
    # The two nearest are 3 (under g1) and 6 (under g1 and g2); 4 and 5 are too far to vote.
    own = [0.9, 0.9, 0.9, 0.5, 0.2, 0.1, 0.4]
    assert votes(own, k=2, weight=0.2) == [0.09, 0.04, 0.0, 0.0, 0.0, 0.0, 0.0]


def test_goals_and_outcomes_cast_no_vote_and_nothing_votes_when_off() -> None:
    own = [0.9, 0.9, 0.9, 0.0, 0.0, 0.0, 0.0]  # places very like the idea: no votes from them
    assert votes(own, k=5, weight=0.2) == [0.0] * 7
    assert votes([0.9, 0.9, 0.9, 0.5, 0.2, 0.1, 0.4], k=5, weight=0.0) == [0.0] * 7
    no_initiatives = neighbour_votes(
        np.ones(3, dtype=np.float32), UPS[:2], DOWNS[:2], PLACES[:3], 5, 0.2
    )
    assert no_initiatives.tolist() == [0.0, 0.0, 0.0]


def test_a_tie_for_the_last_vote_goes_to_the_first_slot() -> None:
    own = [0.9, 0.9, 0.9, 0.5, 0.5, 0.1, 0.1]  # 3 (under g1) and 4 (under g1) tie
    assert votes(own, k=1, weight=0.2) == [0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    own = [0.9, 0.9, 0.9, 0.1, 0.1, 0.5, 0.5]  # 5 (under g2) and 6 (under g1 and g2) tie
    assert votes(own, k=1, weight=0.2) == [0.0, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0]
