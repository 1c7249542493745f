"""What the fit index's fast paths must give: the same look-alikes and place scores as the
plain computation, ties included, and nothing stale after an edit."""

from __future__ import annotations

import numpy as np

from backmap.fit import FitIndex, Item


def _index() -> FitIndex:
    items = [Item("g", "Reduce stress", "goal"), Item("o", "Happy team", "outcome")]
    items += [Item(f"i{n:02d}", f"idea {n}", "initiative", parents=("g",)) for n in range(30)]
    return FitIndex.build(items, encoder=None)


def _plain(index: FitIndex, own: np.ndarray, kind: str, limit: int) -> list[str]:
    slots = sorted(index.slot[i] for i, item in index.items.items() if item.kind == kind)
    ranked = sorted(slots, key=lambda s: -float(own[s]))  # stable: ties in slot order
    return [i for s in ranked[:limit] for i, at in index.slot.items() if at == s]


def test_look_alikes_break_ties_by_slot_like_a_full_sort() -> None:
    index = _index()
    rng = np.random.default_rng(7)
    for _ in range(50):
        size = len(index.slot)
        # Few distinct values: many ties, also at the cut between the best `limit` and the rest.
        own = rng.integers(0, 4, size).astype(np.float32) / 4
        for limit in (1, 3, 5, 40):
            assert index.best_of_kind(own, "initiative", limit) == _plain(
                index, own, "initiative", limit
            )
    assert index.best_of_kind(np.zeros(len(index.slot), np.float32), "team", 5) == []


def test_look_alikes_follow_edits() -> None:
    index = _index()
    own = np.zeros(64, dtype=np.float32)
    own[index.slot["i03"]] = 0.9
    assert index.best_of_kind(own, "initiative", 1) == ["i03"]
    index.update(Item("i03", "idea 3", "goal", parents=("o",)))  # now a sub-goal
    assert index.best_of_kind(own, "initiative", 1) == ["i00"]
    assert index.best_of_kind(own, "goal", 1) == ["i03"]


def test_the_count_of_initiatives_follows_edits() -> None:
    index = _index()
    assert index.initiatives() == 30
    index.update(Item("i03", "idea 3", "goal", parents=("o",)))
    assert index.initiatives() == 29
    index.remove("i04")
    index.add(Item("new", "a new idea", "initiative", parents=("g",)))
    index.add(Item("i05", "idea 5 reworded", "initiative", parents=("g",)))  # replaces i05
    assert index.initiatives() == 29


def test_children_are_summed_per_parent_like_a_plain_loop() -> None:
    from backmap.fit.mixing import sum_by

    rng = np.random.default_rng(3)
    source = rng.standard_normal((12, 4)).astype(np.float32)
    groups = np.asarray([5, 0, 5, 5, 9, 0, 5, 2, 9, 5, 5], dtype=np.int64)  # uneven groups
    picks = rng.integers(0, 12, len(groups))
    plain = np.zeros((12, 4), dtype=np.float32)
    for g, p in zip(groups.tolist(), picks.tolist(), strict=True):
        plain[g] += source[p]
    assert np.array_equal(sum_by(groups, source, picks, 12), plain)  # same order, same bits
    empty = np.asarray([], dtype=np.int64)
    assert not sum_by(empty, source, empty, 3).any()
