"""One query against a fit index: each slot's similarity, then each place's score.

The index (index.py) keeps the items and what is derived from them once per edit; these
functions are the per-query arithmetic over those arrays, the part a warm query pays for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from backmap.fit.evidence import prefer_specific
from backmap.fit.neighbours import neighbour_votes
from backmap.text import search_terms

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from backmap.fit.index import FitIndex


@dataclass(frozen=True)
class Similarities:
    """How close each slot is to one query, in [0, 1]."""

    own: NDArray[np.float32]
    """The slot's own text: cosine and BM25 fraction, blended."""
    mixed: NDArray[np.float32]
    """The slot's text mixed with its children's (what a place is matched by)."""
    lexical: NDArray[np.float32]
    """The BM25 fraction alone."""


@dataclass(frozen=True)
class Scores:
    """One query's scores over every slot of an index."""

    places: NDArray[np.float32]
    """Each place's score (-inf for a slot that is no place, or free)."""
    own: NDArray[np.float32]
    """Each item's own similarity to the query (`Similarities.own`)."""


def lexical(index: FitIndex, text: str) -> NDArray[np.float32]:
    """Each slot's BM25 score as a fraction of the best any document could reach."""
    import numpy as np

    found_lexical = np.zeros(index.size, dtype=np.float32)
    matches = index.bm25.scores(search_terms(text))
    found, bound = matches.found, matches.bound
    if found and bound > 0:
        slots = np.fromiter(found, dtype=np.int64, count=len(found))
        found_lexical[slots] = np.fromiter(found.values(), dtype=np.float32, count=len(found))
        found_lexical /= bound
    return found_lexical


def similarities(index: FitIndex, text: str) -> Similarities:
    """Each slot's similarity to `text`: its own, its subtree-mixed one, and BM25's."""
    import numpy as np

    words = lexical(index, text)
    encoder = index.encoder
    if encoder is None or not index.has_vectors:
        # Words only: a place is matched by its words mixed with its children's.
        s = index.links()
        mixed_words = words
        if len(s.ups):
            below = np.bincount(s.ups, weights=words[s.downs], minlength=len(words))
            mixed_words = ((1 - s.share) * words + s.share * below / s.kids).astype(np.float32)
        return Similarities(words, mixed_words, words)
    query = encoder.encode([text])[0].copy()  # normalised in place below
    query /= max(float(np.linalg.norm(query)), 1e-9)
    mix = index.mixed()
    # einsum, not BLAS: a threaded BLAS matrix-vector product can wait milliseconds for
    # its threads to wake up, which is most of a warm query.
    cosine = np.einsum("ij,j->i", mix.matrix, query)
    wording = index.wording_map()
    if wording is not None:
        # Places are compared with the query as this map would word a goal for it
        # (initiatives with the query as typed). A place's mixed score below then blends
        # cosines of both forms: no longer exactly the cosine of one mixed vector, but
        # the same blend of own words and children's evidence, and it stays in [0, 1].
        goal_like = query @ wording
        goal_like /= max(float(np.linalg.norm(goal_like)), 1e-9)
        # Only the places' rows: a map is mostly initiatives.
        rows = index.place_rows()
        cosine[rows.slots] = np.einsum("ij,j->i", rows.matrix, goal_like)
    # A place's mixed vector is unit((1 - a) v + a mean(children)): its cosine follows
    # from the children's cosines, so one matrix product serves both.
    s = index.links()
    below = np.bincount(s.ups, weights=cosine[s.downs], minlength=len(cosine))
    mixed_cosine = mix.alpha * cosine + mix.beta * below
    part = index.weights.semantic
    own = part * np.clip(cosine, 0.0, 1.0) + (1 - part) * words
    mixed = part * np.clip(mixed_cosine, 0.0, 1.0) + (1 - part) * words
    return Similarities(own.astype(np.float32), mixed.astype(np.float32), words)


def place_scores(index: FitIndex, text: str) -> Scores:
    """Each place's score: its mixed similarity, its best backed sub-goal's, what it serves,
    the votes of the initiatives most like the idea, and last the give-way to a sub-goal."""
    import numpy as np

    found = similarities(index, text)
    own = found.own
    s = index.links()
    w = index.weights
    beneath = np.zeros_like(own)
    above = np.zeros_like(own)
    if len(s.ups):
        np.maximum.at(beneath, s.ups, s.weights * own[s.downs])
        # Mean over a child's parents: what the place serves, shared between them.
        np.add.at(above, s.downs, own[s.ups])
    above /= s.fan
    norm = 1 + w.goal_child + w.parent
    total = (found.mixed + beneath + w.parent * above) / norm
    total = total + neighbour_votes(own, s.ups, s.downs, s.places, w.neighbours, w.neighbour_vote)
    # Last, so a broad goal gives way on the very scores the answer shows: the votes,
    # added after it, could lift the goal back above its sub-goal.
    total = prefer_specific(total, s.ups, s.downs, s.places, w.specific, w.specific_margin)
    return Scores(np.where(s.places, total, -np.inf).astype(np.float32), own)
