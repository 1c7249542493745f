"""How much a map's structure can be trusted for a place, and preferring the specific place."""

from __future__ import annotations

from typing import Any


def initiatives_beneath(ups: Any, downs: Any, places: Any, size: int) -> Any:
    """Per slot, how many initiatives sit beneath it, directly or through sub-goals (an
    initiative reached by two ways counts twice; a cycle's members count what enters it).

    A place with no initiative beneath it has only its own words and its sub-goals' titles:
    those sub-goals compete for the idea themselves, so they are no evidence for the place."""
    import numpy as np

    count = np.zeros(size, dtype=np.float32)
    if not len(ups):
        return count
    own = (~places[downs]).astype(np.float32)
    count += np.bincount(ups, weights=own, minlength=size).astype(np.float32)
    # Kahn's order from the bottom: a place's count is final once all its place children are.
    inner = places[downs]
    p_up, p_down = ups[inner], downs[inner]
    pending = np.bincount(p_up, minlength=size)
    ready = [int(s) for s in np.flatnonzero((pending == 0) & places[:size]).tolist()]
    order = np.argsort(p_down, kind="stable")
    keys = p_down[order]
    starts = np.searchsorted(keys, np.arange(size + 1))
    while ready:
        child = ready.pop()
        for k in order[starts[child] : starts[child + 1]].tolist():
            parent = int(p_up[k])
            count[parent] += count[child]
            pending[parent] -= 1
            if pending[parent] == 0:
                ready.append(parent)
    return count


def prefer_specific(
    total: Any,
    ups: Any,
    downs: Any,
    places: Any,
    factor: float,
    margin: float = 0.0,
) -> Any:
    """Scores where a place gives way to a sub-goal that fits about as well: a place whose best
    sub-goal scores within `margin` of it loses `factor` times the shortfall (at most
    `margin`: the parent lands just below its sub-goal, never below goals the idea does not
    serve), divided by one plus the number of initiatives it holds directly. An idea that
    fits a team goal serves the broad goal above it through that team goal (the answer shows
    the broad one in the path); a place well ahead of its sub-goals keeps its score, and a
    place that holds initiatives of its own is where this map attaches ideas, so it gives way
    less."""
    import numpy as np

    if factor <= 0 or not len(ups):
        return total
    size = len(total)
    inner = places[downs] & places[ups]
    best = np.full_like(total, -np.inf)
    np.maximum.at(best, ups[inner], total[downs[inner]])
    # Each initiative a place holds directly is the map saying "ideas go here": one halves
    # the give-way, ten all but cancel it.
    held = np.bincount(ups[~places[downs]], minlength=size).astype(np.float32)
    share = 1.0 / (1.0 + held)
    shortfall = np.minimum(np.maximum(best + margin - total, 0.0), margin)
    return np.where(places, total - factor * share * shortfall, total).astype(np.float32)
