"""A fit index's links as arrays over its slots, and how far each place's children speak for it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from backmap.fit.evidence import initiatives_beneath
from backmap.fit.records import Item
from backmap.fit.weights import Weights
from backmap.graph import levels

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Ints = NDArray[np.int64]
    Floats = NDArray[np.float32]


@dataclass(frozen=True)
class Structure:
    """One entry per link (child -> parent) and one per slot; cached until an edit."""

    ups: Ints
    """Each link's parent slot."""
    downs: Ints
    """Each link's child slot."""
    weights: Floats
    """How much a child's similarity counts for its parent (by kind, and by backing)."""
    places: NDArray[np.bool_]
    """Per slot: whether it is a place an idea can serve (an outcome or a goal)."""
    fan: Floats
    """Per slot: how many parents it serves (at least 1, to divide by)."""
    kids: Floats
    """Per slot: how many children support it (at least 1, to divide by)."""
    share: Floats
    """Per slot: how much its children's mean counts in the vector it is matched by."""


def depths(
    items: Mapping[str, Item],
    slot: Mapping[str, int],
    size: int,
    children: Callable[[str], list[str]],
) -> list[int]:
    """Each slot's depth: 0 for items that serve nothing known, else 1 + the smallest
    depth of their parents (breadth first from the tops, so cycles cannot loop)."""
    depth = [0] * size
    tops = [i.id for i in items.values() if not any(p in items and p != i.id for p in i.parents)]
    for item_id, level in levels(tops, children).items():
        depth[slot[item_id]] = level
    return depth


def structure(
    items: Mapping[str, Item], slot: Mapping[str, int], size: int, w: Weights, depth: list[int]
) -> Structure:
    """The links of `items` (placed at `slot`, `size` slots in all) weighed by `w`."""
    import numpy as np

    up, down, weight = [], [], []
    for item in items.values():
        child = slot[item.id]
        cw = w.goal_child if item.is_place else 0.0
        for parent in dict.fromkeys(item.parents):
            if parent in slot and parent != item.id:
                up.append(slot[parent])
                down.append(child)
                weight.append(cw)
    places = np.zeros(size, dtype=bool)
    for item in items.values():
        places[slot[item.id]] = item.is_place
    ups = np.asarray(up, dtype=np.int64)
    downs = np.asarray(down, dtype=np.int64)
    fan = np.bincount(downs, minlength=size).astype(np.float32)
    kids = np.bincount(ups, minlength=size).astype(np.float32)
    shares = w.subtree or (0.0,)
    share = np.asarray([shares[min(d, len(shares) - 1)] for d in depth], dtype=np.float32)
    # Children count as far as initiatives back them: a mean of many is a reliable picture.
    n = initiatives_beneath(ups, downs, places, size)
    backed = np.divide(n, n + w.subtree_prior, out=np.zeros_like(n), where=n > 0)
    share *= backed
    weights = np.asarray(weight, dtype=np.float32)
    if len(ups):
        # A sub-goal vouches for its parent only as far as initiatives back the parent.
        weights = np.where(places[downs], weights * backed[ups], weights)
    return Structure(
        ups=ups,
        downs=downs,
        weights=weights.astype(np.float32),
        places=places,
        fan=np.maximum(fan, 1.0),
        kids=np.maximum(kids, 1.0),
        share=share,
    )
