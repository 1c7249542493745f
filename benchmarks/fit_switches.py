"""Other methods than the one `backmap fit` runs, put back from outside for the benchmarks only.

The product (src/backmap/fit) has one method and its named constants (`Weights`). The
alternatives measured in docs/fit.md that change how it works, not just a number, live here
and are switched in by replacing the product's functions for the time of a measurement:

- `by_initiatives=False`: a place's children count by their number, whether or not
  initiatives back them, and the best sub-goal adds its full weight (the default before the
  small maps: "fused+structure", "minilm+children");
- `specific_cap=False`: a broad goal gives way to its sub-goal by the whole shortfall;
- `probe_cut=False`: "nothing fits" below the fixed THRESHOLD, not the map's own cut.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from unittest import mock

import backmap.fit.answer
import backmap.fit.index
import backmap.fit.scoring
from backmap.fit import Item, Weights
from backmap.fit.structure import Structure, structure


@dataclass(frozen=True)
class Switches:
    """What differs from the product's method; the defaults are the product's."""

    by_initiatives: bool = True
    specific_cap: bool = True
    probe_cut: bool = True


@contextlib.contextmanager
def applied(switches: Switches) -> Iterator[None]:
    """The product's functions replaced by the switched ones while the block runs (indexes
    built and queried inside it)."""
    with contextlib.ExitStack() as stack:
        if not switches.by_initiatives:
            stack.enter_context(mock.patch.object(backmap.fit.index, "structure", by_children))
        if not switches.specific_cap:
            stack.enter_context(
                mock.patch.object(backmap.fit.scoring, "prefer_specific", give_way_uncapped)
            )
        if not switches.probe_cut:
            stack.enter_context(
                mock.patch.object(
                    backmap.fit.answer, "nothing_cut", lambda index, floor, ceiling: floor
                )
            )
        yield


def by_children(
    items: Mapping[str, Item], slot: Mapping[str, int], size: int, w: Weights, depth: list[int]
) -> Structure:
    """The links, with each place's children counted by their number (n / (n + prior) of
    the depth's share, n children) and every sub-goal link at `goal_child`."""
    import numpy as np

    s = structure(items, slot, size, w, depth)
    shares = w.subtree or (0.0,)
    share = np.asarray([shares[min(d, len(shares) - 1)] for d in depth], dtype=np.float32)
    n = np.bincount(s.ups, minlength=size).astype(np.float32)
    backed = np.divide(n, n + w.subtree_prior, out=np.zeros_like(n), where=n > 0)
    weights = np.where(s.places[s.downs], w.goal_child, 0.0).astype(np.float32)
    return Structure(s.ups, s.downs, weights, s.places, s.fan, s.kids, share * backed)


def give_way_uncapped(
    total: Any, ups: Any, downs: Any, places: Any, factor: float, margin: float = 0.0
) -> Any:
    """evidence.prefer_specific without its cap: the whole shortfall, however large."""
    import numpy as np

    if factor <= 0 or not len(ups):
        return total
    inner = places[downs] & places[ups]
    best = np.full_like(total, -np.inf)
    np.maximum.at(best, ups[inner], total[downs[inner]])
    held = np.bincount(ups[~places[downs]], minlength=len(total)).astype(np.float32)
    shortfall = np.maximum(best + margin - total, 0.0)
    given = total - factor * shortfall / (1.0 + held)
    return np.where(places, given, total).astype(np.float32)
