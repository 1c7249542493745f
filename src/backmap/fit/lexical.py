"""BM25 over node texts with postings that follow edits (add, remove) without a rebuild."""

from __future__ import annotations

import math
from collections import Counter
from typing import NamedTuple

K1 = 1.2
B = 0.75


class Matches(NamedTuple):
    """One query's BM25 scores (a tuple: unpacks in order)."""

    found: dict[int, float]
    """The score of each slot that shares a word with the query."""
    bound: float
    """No slot can score more: every query word at saturation."""


class Bm25:
    """Okapi BM25; document frequencies are read at query time, so removals are exact."""

    def __init__(self) -> None:
        self.postings: dict[str, dict[int, int]] = {}
        self.lengths: dict[int, int] = {}
        self._terms: dict[int, list[str]] = {}
        self._total = 0

    def add(self, slot: int, terms: list[str]) -> None:
        """Count the terms of the document stored in `slot`."""
        self.remove(slot)
        counts = Counter(terms)
        for term, count in counts.items():
            self.postings.setdefault(term, {})[slot] = count
        self._terms[slot] = list(counts)
        self.lengths[slot] = len(terms)
        self._total += len(terms)

    def remove(self, slot: int) -> None:
        """Forget the document in `slot` (no-op when there is none)."""
        length = self.lengths.pop(slot, None)
        if length is None:
            return
        self._total -= length
        for term in self._terms.pop(slot):
            docs = self.postings[term]
            del docs[slot]
            if not docs:
                del self.postings[term]

    def idf(self, term: str) -> float:
        df = len(self.postings.get(term, ()))
        n = len(self.lengths)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def scores(self, query_terms: list[str]) -> Matches:
        """BM25 score per matching slot, and a bound on any score for this query.

        The bound (every query term at saturation, words the map never uses included) turns
        scores into fractions that mean the same on any map, which the "nothing fits"
        threshold needs; only a document with every query word could come near it.
        """
        n = len(self.lengths)
        if not n:
            return Matches({}, 0.0)
        avgdl = self._total / n or 1.0
        out: dict[int, float] = {}
        bound = 0.0
        for term, qtf in Counter(query_terms).items():
            idf = self.idf(term) * qtf
            # Words the map never uses count in the bound too (at the rarest word's weight):
            # one shared word out of five is a weak match, not a perfect one.
            bound += idf * (K1 + 1)
            docs = self.postings.get(term)
            if not docs:
                continue
            for slot, tf in docs.items():
                norm = tf + K1 * (1 - B + B * self.lengths[slot] / avgdl)
                out[slot] = out.get(slot, 0.0) + idf * tf * (K1 + 1) / norm
        return Matches(out, bound)
