"""The fit index: node texts as BM25 postings and vectors, updated per edit, queried in ms."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from backmap.fit.embed import Encoder, default_encoder
from backmap.fit.lexical import Bm25
from backmap.fit.records import Item
from backmap.fit.text import terms

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

_DEFAULT: Any = object()


@dataclass(frozen=True)
class Weights:
    """How the evidence for a place adds up; one setting for every map (see benchmarks/)."""

    semantic: float = 0.3
    """Share of the embedding cosine in an item's similarity to the query (rest is BM25)."""
    initiative_child: float = 0.3
    """Weight of the best-matching initiative directly beneath a place."""
    goal_child: float = 0.1
    """Weight of the best-matching sub-goal: low, or broad top levels swallow every query."""
    parent: float = 0.3
    """Weight of what the place serves (mean over its parents)."""
    centre: bool = True
    """Subtract the map's mean vector before cosines."""


class FitIndex:
    """Every node of a map, indexed for ranking where a new text fits."""

    def __init__(self, encoder: Encoder | None = _DEFAULT, weights: Weights | None = None) -> None:
        self.encoder: Encoder | None = default_encoder() if encoder is _DEFAULT else encoder
        self.weights = weights or Weights()
        self.items: dict[str, Item] = {}
        self.slot: dict[str, int] = {}
        self._free: list[int] = []
        self._ids: list[str | None] = []
        self._terms: dict[str, list[str]] = {}
        self.bm25 = Bm25()
        self._vectors: NDArray[np.float32] | None = None
        self._edges: tuple[Any, ...] | None = None
        self._centre: tuple[Any, Any] | None = None
        self._kids: dict[str, list[str]] | None = None

    # Building and editing -------------------------------------------------------------
    @classmethod
    def build(
        cls,
        items: Iterable[Item],
        encoder: Encoder | None = _DEFAULT,
        weights: Weights | None = None,
    ) -> FitIndex:
        """Index many items at once (one batched encoding)."""
        index = cls(encoder, weights)
        batch = list(items)
        vectors = index.encoder.encode([i.text for i in batch]) if index.encoder else None
        for n, item in enumerate(batch):
            index._put(item, None if vectors is None else vectors[n])
        return index

    def add(self, item: Item) -> None:
        """Index a new item, or replace the item with the same id."""
        vector = self.encoder.encode([item.text])[0] if self.encoder else None
        if item.id in self.items:
            self.remove(item.id)
        self._put(item, vector)

    def remove(self, item_id: str) -> Item | None:
        """Forget one item; returns it (None when unknown)."""
        item = self.items.pop(item_id, None)
        if item is None:
            return None
        slot = self.slot.pop(item_id)
        self.bm25.remove(slot)
        self._terms.pop(item_id, None)
        self._ids[slot] = None
        if self._vectors is not None:
            self._vectors[slot] = 0.0
        self._free.append(slot)
        self._edges = None
        self._centre = None
        self._kids = None
        return item

    def update(self, item: Item) -> None:
        """Re-index an item whose text, kind or links changed (re-encodes only if the text did)."""
        old = self.items.get(item.id)
        if old is not None and old.text == item.text and self._vectors is not None:
            self.items[item.id] = item
            self._edges = None
            self._kids = None
            return
        self.add(item)

    def _put(self, item: Item, vector: Any) -> None:
        import numpy as np

        slot = self._free.pop() if self._free else len(self._ids)
        if slot == len(self._ids):
            self._ids.append(None)
        self._ids[slot] = item.id
        self.items[item.id] = item
        self.slot[item.id] = slot
        self._terms[item.id] = terms(item.text)
        self.bm25.add(slot, self._terms[item.id])
        if vector is not None:
            if self._vectors is None:
                self._vectors = np.zeros((max(64, slot + 1), len(vector)), dtype=np.float32)
            if slot >= len(self._vectors):
                grown = np.zeros((2 * slot + 1, self._vectors.shape[1]), dtype=np.float32)
                grown[: len(self._vectors)] = self._vectors
                self._vectors = grown
            self._vectors[slot] = vector
        self._edges = None
        self._centre = None
        self._kids = None

    # Structure --------------------------------------------------------------------------
    def children(self, item_id: str) -> list[str]:
        """Ids of the known items that support `item_id`, in id order."""
        if self._kids is None:
            kids: dict[str, list[str]] = {}
            for item in self.items.values():
                for parent in dict.fromkeys(item.parents):
                    if parent != item.id:
                        kids.setdefault(parent, []).append(item.id)
            self._kids = {k: sorted(v) for k, v in kids.items()}
        return [k for k in self._kids.get(item_id, []) if k in self.items]

    def _structure(self) -> tuple[Any, ...]:
        """Edge arrays (parent slot, child slot, child weight) and the place mask, cached."""
        if self._edges is None:
            import numpy as np

            w = self.weights
            up, down, weight = [], [], []
            for item in self.items.values():
                child = self.slot[item.id]
                cw = w.goal_child if item.is_place else w.initiative_child
                for parent in dict.fromkeys(item.parents):
                    if parent in self.slot and parent != item.id:
                        up.append(self.slot[parent])
                        down.append(child)
                        weight.append(cw)
            size = len(self._ids)
            places = np.zeros(size, dtype=bool)
            for item in self.items.values():
                places[self.slot[item.id]] = item.is_place
            fan = np.bincount(np.asarray(down, dtype=np.int64), minlength=size).astype(np.float32)
            self._edges = (
                np.asarray(up, dtype=np.int64),
                np.asarray(down, dtype=np.int64),
                np.asarray(weight, dtype=np.float32),
                places,
                np.maximum(fan, 1.0),
            )
        return self._edges

    # Scoring ----------------------------------------------------------------------------
    def similarity(self, text: str) -> NDArray[np.float32]:
        """Each slot's similarity to `text` in [0, 1]: cosine and BM25 fraction, blended."""
        import numpy as np

        size = len(self._ids)
        lexical = np.zeros(size, dtype=np.float32)
        found, bound = self.bm25.scores(terms(text))
        if found and bound > 0:
            slots = np.fromiter(found, dtype=np.int64, count=len(found))
            lexical[slots] = np.fromiter(found.values(), dtype=np.float32, count=len(found))
            lexical /= bound
        if self.encoder is None or self._vectors is None:
            return lexical
        query = self.encoder.encode([text])[0]
        matrix, mean = self._centred()
        query = query - mean
        query /= max(float(np.linalg.norm(query)), 1e-9)
        cosine = np.clip(matrix @ query, 0.0, 1.0)
        s = self.weights.semantic
        blended: NDArray[np.float32] = (s * cosine + (1 - s) * lexical).astype(np.float32)
        return blended

    def _centred(self) -> tuple[Any, Any]:
        """Unit vectors minus their mean: static models share one big direction that would
        make every text look alike (cached until the next edit)."""
        if self._centre is None:
            import numpy as np

            assert self._vectors is not None
            size = len(self._ids)
            live = np.asarray([i is not None for i in self._ids])
            vectors = self._vectors[:size]
            mean = vectors[live].mean(axis=0) if live.any() else np.zeros(vectors.shape[1])
            mean = mean.astype(np.float32) if self.weights.centre else mean * 0
            matrix = vectors - mean
            norms = np.linalg.norm(matrix, axis=1, keepdims=True)
            np.divide(matrix, norms, out=matrix, where=norms > 0)
            matrix[~live] = 0.0
            self._centre = (matrix, mean)
        return self._centre

    def scores(self, text: str) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
        """(place score per slot, -inf where no place; the items' own similarity per slot)."""
        import numpy as np

        own = self.similarity(text)
        up, down, weight, places, fan = self._structure()
        w = self.weights
        beneath = np.zeros_like(own)
        if len(up):
            np.maximum.at(beneath, up, weight * own[down])
        above = np.zeros_like(own)
        if len(up):
            # Mean over a child's parents: what the place serves, shared between them.
            np.add.at(above, down, own[up])
        above /= fan
        total = (own + beneath + w.parent * above) / (1 + w.initiative_child + w.parent)
        return np.where(places, total, -np.inf).astype(np.float32), own

    def rank(self, text: str) -> list[tuple[str, float]]:
        """Every place with its score, best first (ties by id, for determinism)."""
        return self.rank_from(self.scores(text)[0])

    def rank_from(
        self, total: NDArray[np.float32], top: int | None = None
    ) -> list[tuple[str, float]]:
        """Places ordered by precomputed scores (ties by id); only the best `top` when given."""
        import numpy as np

        finite = np.flatnonzero(total > -np.inf)
        if top is not None and top < len(finite):
            # Keep everything tied with the top-th score so tie order stays by id.
            cut = np.partition(total[finite], len(finite) - top)[len(finite) - top]
            finite = finite[total[finite] >= cut]
        # Rounded so that float noise from a different insertion order never reorders ties.
        ranked = [(self._ids[s], round(float(total[s]), 6)) for s in finite.tolist()]
        ranked.sort(key=lambda pair: (-pair[1], str(pair[0])))
        return ranked[:top] if top is not None else ranked  # type: ignore[return-value]

    def best_of_kind(self, own: NDArray[np.float32], kind: str, limit: int) -> list[str]:
        """Ids of the `limit` items of one kind most similar to the query, best first."""
        import numpy as np

        mask = np.asarray([i is not None and self.items[i].kind == kind for i in self._ids])
        slots = np.flatnonzero(mask)
        if not len(slots):
            return []
        order = slots[np.argsort(-own[slots], kind="stable")[:limit]]
        return [str(self._ids[s]) for s in order.tolist()]

    def terms_of(self, item_id: str) -> list[str]:
        return self._terms.get(item_id, [])

    def ids(self) -> Sequence[str]:
        return list(self.items)
