"""The fit index: node texts as BM25 postings and vectors, updated per edit, queried in ms."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from backmap.fit.embed import default_encoder
from backmap.fit.encoder import Encoder, Notice
from backmap.fit.evidence import prefer_specific
from backmap.fit.lexical import Bm25
from backmap.fit.mixing import Mixing, mixing, translation
from backmap.fit.neighbours import neighbour_votes
from backmap.fit.records import PLACE_KINDS, Item
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
class Similarities:
    """How close each slot is to one query, in [0, 1]."""

    own: NDArray[np.float32]
    """The slot's own text: cosine and BM25 fraction, blended."""
    mixed: NDArray[np.float32]
    """The slot's text mixed with its children's (what a place is matched by)."""
    lexical: NDArray[np.float32]
    """The BM25 fraction alone."""


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
        self._centre: Mixing | None = None
        self._wording: Any = None
        self._learner = Wording(self.weights.wording)
        self._kids: dict[str, list[str]] | None = None
        self._kinds: dict[str, NDArray[np.int64]] | None = None
        self._places: tuple[NDArray[np.int64], NDArray[np.float32]] | None = None
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
        texts = [i.text for i in batch]
        vectors = index.encoder.encode(texts, notice) if index.encoder else None
        for n, item in enumerate(batch):
            index._put(item, None if vectors is None else vectors[n])
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
        self._centre = None
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
        return depths(self.items, self.slot, len(self._ids), lambda i: kids.get(i, []))

    def _structure(self) -> Structure:
        """The links as arrays (cached until an edit)."""
        if self._edges is None:
            self._edges = structure(
                self.items, self.slot, len(self._ids), self.weights, self._depths()
            )
        return self._edges

    def _lexical(self, text: str) -> NDArray[np.float32]:
        """Each slot's BM25 score as a fraction of the best any document could reach."""
        import numpy as np

        lexical = np.zeros(len(self._ids), dtype=np.float32)
        found, bound = self.bm25.scores(search_terms(text))
        if found and bound > 0:
            slots = np.fromiter(found, dtype=np.int64, count=len(found))
            lexical[slots] = np.fromiter(found.values(), dtype=np.float32, count=len(found))
            lexical /= bound
        return lexical

    def similarity(self, text: str) -> NDArray[np.float32]:
        """Each slot's own similarity to `text` in [0, 1]: cosine and BM25 fraction, blended."""
        return self._similarities(text).own

    def _similarities(self, text: str) -> Similarities:
        """Each slot's similarity to `text`: its own, its subtree-mixed one, and BM25's."""
        import numpy as np

        lexical = self._lexical(text)
        semantic = self.encoder is not None and self._vectors is not None
        mixed_lexical = lexical
        if not semantic or self.weights.subtree_lexical:
            # A place is matched by its words mixed with its children's.
            s = self._structure()
            if len(s.ups):
                below = np.bincount(s.ups, weights=lexical[s.downs], minlength=len(lexical))
                mixed_lexical = ((1 - s.share) * lexical + s.share * below / s.kids).astype(
                    np.float32
                )
        if not semantic or self.encoder is None:
            return Similarities(lexical, mixed_lexical, lexical)
        query = self.encoder.encode([text])[0]
        mix = self._matrices()
        matrix = mix.matrix
        query = query - mix.mean
        query /= max(float(np.linalg.norm(query)), 1e-9)
        # einsum, not BLAS: a threaded BLAS matrix-vector product can wait milliseconds for
        # its threads to wake up, which is most of a warm query.
        cosine = np.einsum("ij,j->i", matrix, query)
        wording = self._translation()
        if wording is not None:
            # Places are compared with the query as this map would word a goal for it
            # (initiatives with the query as typed). A place's mixed score below then blends
            # cosines of both forms: no longer exactly the cosine of one mixed vector, but
            # the same blend of own words and children's evidence, and it stays in [0, 1].
            goal_like = query @ wording
            goal_like /= max(float(np.linalg.norm(goal_like)), 1e-9)
            # Only the places' rows: a map is mostly initiatives.
            rows, place_matrix = self._place_rows()
            cosine[rows] = np.einsum("ij,j->i", place_matrix, goal_like)
        # A place's mixed vector is unit((1 - a) v + a mean(children)): its cosine follows
        # from the children's cosines, so one matrix product serves both.
        s = self._structure()
        below = np.bincount(s.ups, weights=cosine[s.downs], minlength=len(cosine))
        mixed_cosine = mix.alpha * cosine + mix.beta * below
        part = self.weights.semantic
        own = part * np.clip(cosine, 0.0, 1.0) + (1 - part) * lexical
        mixed = part * np.clip(mixed_cosine, 0.0, 1.0) + (1 - part) * mixed_lexical
        return Similarities(own.astype(np.float32), mixed.astype(np.float32), lexical)

    def _matrices(self) -> Mixing:
        """Unit vectors and mixing coefficients (cached until an edit)."""
        if self._centre is None:
            import numpy as np

            assert self._vectors is not None
            size = len(self._ids)
            live = np.asarray([i is not None for i in self._ids])
            depth = self._depths() if self.weights.centre_groups else None
            self._centre = mixing(
                self._vectors[:size], live, self._structure(), self.weights, depth
            )
        return self._centre

    def _place_rows(self) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        """The places' slots and their rows of the unit-vector matrix (cached until an edit)."""
        if self._places is None:
            import numpy as np

            rows = np.flatnonzero(self._structure().places)
            self._places = (rows, np.ascontiguousarray(self._matrices().matrix[rows]))
        return self._places

    def _translation(self) -> NDArray[np.float32] | None:
        """The map's initiative-to-goal wording as a matrix W (query row vector times W); None
        when off or nothing to learn. Cached until an edit; an edit costs only its rows."""
        if self._wording is None:
            self._wording = False
            if self.weights.wording > 0:
                solved = translation(self._matrices().matrix, self._structure(), self._learner)
                self._wording = False if solved is None else solved
        return None if self._wording is False else self._wording

    def scores(self, text: str) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
        """(place score per slot, -inf where no place; the items' own similarity per slot)."""
        import numpy as np

        found = self._similarities(text)
        own = found.own
        s = self._structure()
        w = self.weights
        beneath = np.zeros_like(own)
        above = np.zeros_like(own)
        if len(s.ups):
            np.maximum.at(beneath, s.ups, s.weights * own[s.downs])
            # Mean over a child's parents: what the place serves, shared between them.
            np.add.at(above, s.downs, own[s.ups])
        above /= s.fan
        norm = 1 + max(w.initiative_child, w.goal_child) + w.parent
        total = (found.mixed + beneath + w.parent * above) / norm
        total = total + neighbour_votes(
            own, s.ups, s.downs, s.places, w.neighbours, w.neighbour_vote
        )
        # Last, so a broad goal gives way on the very scores the answer shows: the votes,
        # added after it, could lift the goal back above its sub-goal.
        total = prefer_specific(
            total, s.ups, s.downs, s.places, w.specific, w.specific_margin, w.specific_cap
        )
        return np.where(s.places, total, -np.inf).astype(np.float32), own

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
