"""Lessons near an idea: what people learned in earlier periods that speaks to a new idea,
by the words and meaning of the lesson and by the nodes it is tied to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from backmap.people.focus import LessonRow, lessons
from backmap.text import search_terms

if TYPE_CHECKING:
    from backmap.fit.index import FitIndex
    from backmap.model import Workspace

NEAR = 0.28
"""A lesson this similar to the idea is shown (the look-alike cut, fit.DUPLICATE, since a
lesson is a sentence like an initiative's title)."""
LEXICAL_NEAR = 0.20
"""The same for word-overlap similarity alone."""
TIED = 0.28
"""A lesson tied to a node this similar to the idea is shown too, whatever its own words
(LEXICAL_NEAR with words only)."""
SHOWN = 3


@dataclass(frozen=True)
class NearLesson:
    """A lesson, how near it is to the idea, and the tied node that made it near, if any."""

    lesson: LessonRow
    score: float
    via: str | None


def _overlap(query: list[str], terms: list[str]) -> float:
    """The share of the idea's search terms the lesson has."""
    if not query:
        return 0.0
    have = set(terms)
    return sum(1 for term in query if term in have) / len(query)


def lessons_near(ws: Workspace, index: FitIndex, text: str, limit: int = SHOWN) -> list[NearLesson]:
    """The lessons nearest the idea, nearest first; [] (at no cost) when there are none."""
    rows = lessons(ws)
    if not rows:
        return []
    query = search_terms(text)
    words = [_overlap(query, search_terms(row.text)) for row in rows]
    part, cut, tied_cut = 0.0, LEXICAL_NEAR, LEXICAL_NEAR
    scores = list(words)
    if index.encoder is not None:
        import numpy as np

        vectors = index.encoder.encode([text, *(row.text for row in rows)])
        cosine = np.clip(vectors[1:] @ vectors[0], 0.0, 1.0)
        part, cut, tied_cut = index.weights.semantic, NEAR, TIED
        scores = [part * float(c) + (1 - part) * w for c, w in zip(cosine, words, strict=True)]
    own = None
    found = []
    for row, score in zip(rows, scores, strict=True):
        via = None
        tied = [n for n in row.nodes if n in index.slot]
        if tied:
            if own is None:
                own = index.similarity(text)
            best = max(tied, key=lambda n: float(own[index.slot[n]]))
            if float(own[index.slot[best]]) >= tied_cut and float(own[index.slot[best]]) > score:
                score, via = float(own[index.slot[best]]), best
        if score >= cut:
            found.append(NearLesson(row, score, via))
    found.sort(key=lambda near: -near.score)  # stable: oldest period first among equals
    return found[:limit]
