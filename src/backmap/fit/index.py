"""The fit index: node texts as BM25 postings and vectors, updated per edit, queried in ms.

It keeps the items, their slots, postings and vectors, and what is derived from them once per
edit (links, mixed vectors, the map's wording); scoring.py does one query's arithmetic."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from backmap.fit.embed import default_encoder
from backmap.fit.encoder import Encoder, Notice
from backmap.fit.lexical import Bm25
from backmap.fit.mixing import Mixing, mixing, translation
from backmap.fit.records import PLACE_KINDS, Item
from backmap.fit.scoring import Scores, place_scores, similarities
from backmap.fit.structure import Structure, depths, structure
from backmap.fit.weights import Weights
from backmap.fit.wording import Wording
from backmap.text import search_terms

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

DEFAULT: Any = object()
"""Stands for `default_encoder()` where an encoder is asked for (None means lexical only)."""


@dataclass(frozen=True)
class PlaceRows:
    """The places' slots and their rows of the unit-vector matrix, contiguous."""

    slots: NDArray[np.int64]
    matrix: NDArray[np.float32]


class FitIndex:
    """Every node of a map, indexed for ranking where a new text fits."""

    def __init__(self, encoder: Encoder | None = DEFAULT, weights: Weights | None = None) -> None:
        self.encoder: Encoder | None = default_encoder() if encoder is DEFAULT else encoder
        self.weights = weights or Weights()
        self.items: dict[str, Item] = {}
        self.slot: dict[str, int] = {}
        self._free: list[int] = []
        self._ids: list[str | None] = []
        self._terms: dict[str, list[str]] = {}
        self.bm25 = Bm25()
        self._vectors: NDArray[np.float32] | None = None
        self._edges: Structure | None = None
        self._mixed: Mixing | None = None
        self._wording: Any = None
        self._learner = Wording(self.weights.wording)
        self._kids: dict[str, list[str]] | None = None
        self._kinds: dict[str, NDArray[np.int64]] | None = None
        self._places: PlaceRows | None = None
        self.memo: dict[str, Any] = {}
        """What answers derive from the whole map (the "nothing fits" cut); kept across edits,
        each entry says itself when it is stale (abstain.nothing_cut)."""

    # Building and editing -------------------------------------------------------------
    @classmethod
    def build(
        cls,
        items: Iterable[Item],
        encoder: Encoder | None = DEFAULT,
        weights: Weights | None = None,
        notice: Notice | None = None,
    ) -> FitIndex:
        """Index many items at once (one batched encoding; `notice` hears of a long one)."""
        index = cls(encoder, weights)
        batch = list(items)
        if index.encoder is None or not batch:
            for item in batch:
                index._put(item, None)
            return index
        from concurrent.futures import ThreadPoolExecutor

        # The encoding runs outside the GIL (onnxruntime): the postings are built meanwhile,
        # rather than after it, which shortens a cold build on a machine with idle cores.
        with ThreadPoolExecutor(1) as pool:
            encoding = pool.submit(index.encoder.encode, [i.text for i in batch], notice)
            for item in batch:
                index._put(item, None)
            vectors = encoding.result()
        index._place_vectors(batch, vectors)
        return index

    def add(self, item: Item) -> None:
        """Index a new item, or replace the item with the same id."""
        vector = self.encoder.encode([item.text])[0] if self.encoder else None
        self._put(item, vector)  # _put drops an item with the same id first

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
        self._dirty()
        return item

    def update(self, item: Item) -> None:
        """Re-index an item whose text, kind or links changed (re-encodes only if the text did)."""
        old = self.items.get(item.id)
        if old is not None and old.text == item.text and self._vectors is not None:
            self.items[item.id] = item
            self._dirty()
            return
        self.add(item)

    def _place_vectors(self, batch: list[Item], vectors: NDArray[np.float32]) -> None:
        """Put each indexed item's row of `vectors` (one per item of `batch`) at its slot."""
        import numpy as np

        self._vectors = np.zeros((max(64, self.size), vectors.shape[1]), dtype=np.float32)
        for n, item in enumerate(batch):
            if self.items.get(item.id) is item:  # of a repeated id, the one kept
                self._vectors[self.slot[item.id]] = vectors[n]
        self._dirty()

    def _put(self, item: Item, vector: Any) -> None:
        import numpy as np

        if item.id in self.items:
            self.remove(item.id)  # a repeated id replaces the earlier one, never a ghost slot
        slot = self._free.pop() if self._free else len(self._ids)
        if slot == len(self._ids):
            self._ids.append(None)
        self._ids[slot] = item.id
        self.items[item.id] = item
        self.slot[item.id] = slot
        self._terms[item.id] = search_terms(item.text)
        self.bm25.add(slot, self._terms[item.id])
        if vector is not None:
            if self._vectors is None:
                self._vectors = np.zeros((max(64, slot + 1), len(vector)), dtype=np.float32)
            if slot >= len(self._vectors):
                grown = np.zeros((2 * slot + 1, self._vectors.shape[1]), dtype=np.float32)
                grown[: len(self._vectors)] = self._vectors
                self._vectors = grown
            self._vectors[slot] = vector
        self._dirty()

    def _dirty(self) -> None:
        """Drop what an edit invalidates (structure, mixed vectors, the children lists)."""
        self._edges = None
        self._mixed = None
        self._wording = None
        self._kids = None
        self._kinds = None
        self._places = None

    # Structure --------------------------------------------------------------------------
    def children(self, item_id: str) -> list[str]:
        """Ids of the known items that support `item_id`, in id order."""
        return [k for k in self._children().get(item_id, []) if k in self.items]

    def _children(self) -> dict[str, list[str]]:
        """Each parent's children among the known items, in id order (cached until an edit)."""
        if self._kids is None:
            kids: dict[str, list[str]] = {}
            for item in self.items.values():
                for parent in dict.fromkeys(item.parents):
                    if parent != item.id:
                        kids.setdefault(parent, []).append(item.id)
            self._kids = {k: sorted(v) for k, v in kids.items()}
        return self._kids

    def _depths(self) -> list[int]:
        # The cached lists themselves: they are rebuilt after every edit, so hold known items.
        kids = self._children()
        return depths(self.items, self.slot, self.size, lambda i: kids.get(i, []))

    # Derived once per edit (the query's arithmetic is in scoring.py) ----------------------
    @property
    def size(self) -> int:
        """How many slots there are, free ones included (the length of every per-slot array)."""
        return len(self._ids)

    @property
    def has_vectors(self) -> bool:
        """Whether items were encoded (an encoder and at least one item)."""
        return self._vectors is not None

    def links(self) -> Structure:
        """The links as arrays (cached until an edit)."""
        if self._edges is None:
            self._edges = structure(self.items, self.slot, self.size, self.weights, self._depths())
        return self._edges

    def mixed(self) -> Mixing:
        """Unit vectors and mixing coefficients (cached until an edit)."""
        if self._mixed is None:
            import numpy as np

            assert self._vectors is not None
            live = np.asarray([i is not None for i in self._ids])
            self._mixed = mixing(self._vectors[: self.size], live, self.links())
        return self._mixed

    def place_rows(self) -> PlaceRows:
        """The places' slots and their unit-vector rows (cached until an edit)."""
        if self._places is None:
            import numpy as np

            rows = np.flatnonzero(self.links().places)
            self._places = PlaceRows(rows, np.ascontiguousarray(self.mixed().matrix[rows]))
        return self._places

    def wording_map(self) -> NDArray[np.float32] | None:
        """The map's initiative-to-goal wording as a matrix W (query row vector times W); None
        when off or nothing to learn. Cached until an edit; an edit costs only its rows."""
        if self._wording is None:
            self._wording = False
            if self.weights.wording > 0:
                solved = translation(self.mixed().matrix, self.links(), self._learner)
                self._wording = False if solved is None else solved
        return None if self._wording is False else self._wording

    def similarity(self, text: str) -> NDArray[np.float32]:
        """Each slot's own similarity to `text` in [0, 1]: cosine and BM25 fraction, blended."""
        return similarities(self, text).own

    def scores(self, text: str) -> Scores:
        """Each place's score for `text`, and every item's own similarity (`scoring`)."""
        return place_scores(self, text)

    def rank(self, text: str) -> list[tuple[str, float]]:
        """Every place with its score, best first (ties by id, for determinism)."""
        return self.rank_from(self.scores(text).places)

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
        """Ids of the `limit` items of one kind most similar to the query, best first (ties
        in slot order)."""
        import numpy as np

        slots = self._slots_by_kind().get(kind)
        if slots is None or not len(slots):
            return []
        scores = own[slots]
        if limit < len(slots):
            # Only what can reach the top `limit` is sorted; ties with the last one are kept,
            # so the stable sort below still breaks them by slot.
            cut = np.partition(scores, len(slots) - limit)[len(slots) - limit]
            keep = np.flatnonzero(scores >= cut)
            slots, scores = slots[keep], scores[keep]
        order = slots[np.argsort(-scores, kind="stable")[:limit]]
        return [str(self._ids[s]) for s in order.tolist()]

    def _slots_by_kind(self) -> dict[str, NDArray[np.int64]]:
        """Each kind's slots, in slot order (cached until an edit)."""
        if self._kinds is None:
            import numpy as np

            kinds: dict[str, list[int]] = {}
            for item_id, slot in self.slot.items():
                kinds.setdefault(self.items[item_id].kind, []).append(slot)
            self._kinds = {k: np.sort(np.asarray(v, dtype=np.int64)) for k, v in kinds.items()}
        return self._kinds

    def initiatives(self) -> int:
        """How many items are not places (counted once per edit, not once per query)."""
        return sum(len(s) for k, s in self._slots_by_kind().items() if k not in PLACE_KINDS)

    def terms_of(self, item_id: str) -> list[str]:
        return self._terms.get(item_id, [])

    def ids(self) -> Sequence[str]:
        return list(self.items)
