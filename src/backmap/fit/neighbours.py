"""The idea's nearest existing initiatives vote for the places they serve."""

from __future__ import annotations

from typing import Any


def neighbour_votes(own: Any, ups: Any, downs: Any, places: Any, k: int, weight: float) -> Any:
    """Per slot, what the `k` initiatives most like the idea add to the places they serve
    directly: `weight` times each one's similarity, over `k`, to each of its parents.

    A place's own words and its children's mean say what it is about; its initiatives most
    like the idea say where this map puts such ideas. On a map with few initiatives the votes
    are few and small, so the ranking stays with the places' own words."""
    import numpy as np

    votes = np.zeros(len(own), dtype=np.float32)
    if weight <= 0 or k <= 0 or not len(ups):
        return votes
    served = ~places[downs] & places[ups]
    if not served.any():
        return votes
    voters = downs[served]
    similarity = np.full(len(own), -np.inf, dtype=np.float32)
    similarity[voters] = own[voters]
    chosen = _best(similarity, k)
    edges = served & chosen[downs]
    np.add.at(votes, ups[edges], np.maximum(own[downs[edges]], 0.0) * (weight / k))
    return votes


def _best(values: Any, k: int) -> Any:
    """A mask of the `k` largest finite values; ties at the edge go to the lowest slots, so the
    same index always gives the same answer (linear time: no sort, for maps of 10,000)."""
    import numpy as np

    finite = np.isfinite(values)
    if int(finite.sum()) <= k:
        return finite
    kth = np.partition(values, len(values) - k)[len(values) - k]
    chosen = values > kth
    tied = np.flatnonzero(values == kth)[: k - int(chosen.sum())]
    chosen[tied] = True
    return chosen
