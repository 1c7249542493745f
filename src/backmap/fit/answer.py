"""Index scores made into answers: ranked places with paths and reasons, look-alikes, gaps."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, NamedTuple

from backmap.fit.abstain import nothing_cut
from backmap.fit.index import FitIndex
from backmap.fit.records import Fit, Item, Nearby, Place, Similar
from backmap.graph import paths, reach
from backmap.model import Status
from backmap.text import content_words, search_stem

# Cut-offs on the best place's score, calibrated by `benchmarks/fit_quality.py --calibrate` on
# the small maps' train split and on real hierarchies (held-out leaves against the same leaves
# asked of a map of another domain; docs/fit.md has the table). THRESHOLD: the floor of each
# map's own "nothing fits" cut (abstain.nothing_cut), and the whole cut on a map with no
# initiatives; low on purpose, since a short idea on a fresh map of bare titles can belong and
# still score 0.04 ("schedule slack messages to the next morning" under "Reduce stress"): no
# small-map train idea that belongs scores below it. PLAUSIBLE: 95% of the ideas that belong
# score at least this. STRONG: unrelated ideas rarely score this high. Lexical-only matching
# abstains only when the idea shares no word with the map; its PLAUSIBLE and STRONG are the
# cuts 97.5% of off-domain ideas fall below (small maps; hierarchies).
THRESHOLD = 0.035
PLAUSIBLE = 0.120
STRONG = 0.200
LEXICAL_THRESHOLD = 0.001
LEXICAL_PLAUSIBLE = 0.030
LEXICAL_STRONG = 0.130
DUPLICATE = 0.28
"""An initiative this similar is reported as "you may already be doing this" (set by hand on
ideas tried against the example map, tests/fit/test_lookalikes.py: the data sets hold no
labelled near-duplicates). Look-alikes there score 0.296 and up, different ideas 0.231 or less:
a thin margin on eleven cases, so the cut is a judgement, not a measurement."""
LEXICAL_DUPLICATE = 0.20
"""The same for word-overlap similarity, which runs lower than MiniLM's cosine."""
MAX_PATHS = 4


def fit(index: FitIndex, text: str, top: int = 5) -> Fit:
    """Rank where `text` fits: the best `top` places, and initiatives that look the same."""
    scores = index.scores(text)
    own = scores.own
    ranked = index.rank_from(scores.places, top)
    semantic = index.encoder.name if index.encoder else None
    cuts = cuts_for(semantic is not None)
    if semantic is not None:
        cuts = cuts._replace(nothing=nothing_cut(index, cuts.nothing, cuts.plausible))
    places = tuple(
        replace(_place(index, text, pid, score, own), strength=strength(score, cuts))
        for pid, score in ranked[:top]
    )
    cut = DUPLICATE if semantic else LEXICAL_DUPLICATE
    similar = tuple(
        s for s in _most_similar(index, own, kinds={"initiative"}, limit=5) if s.score >= cut
    )
    return Fit(text, places, similar, cuts.nothing, semantic)


class Cuts(NamedTuple):
    """Where a score's words change, for one kind of matching (a tuple: unpacks in order)."""

    nothing: float
    """Below it, nothing fits (the map's own cut may raise it, abstain.nothing_cut)."""
    plausible: float
    """A plausible match from here."""
    strong: float
    """A strong match from here."""


def cuts_for(semantic: bool) -> Cuts:
    """The cuts for this kind of matching, before the map's own "nothing fits" cut."""
    if semantic:
        return Cuts(THRESHOLD, PLAUSIBLE, STRONG)
    return Cuts(LEXICAL_THRESHOLD, LEXICAL_PLAUSIBLE, LEXICAL_STRONG)


def strength(score: float, cuts: Cuts) -> str:
    """A score in words (records.STRENGTHS): what a reader can act on, unlike 0.14."""
    nothing, plausible, strong = cuts
    if score >= strong:
        return "strong"
    if score >= plausible:
        return "plausible"
    return "weak" if score >= nothing else "none"


DROPPED = Status.DROPPED.value


def nearby(index: FitIndex, text: str, place_id: str, limit: int = 5) -> Nearby:
    """What else could be done at `place_id`: its initiatives, and neighbour goals left thin."""
    own = index.scores(text).own
    # Dropped work is no suggestion (a dropped look-alike still shows, as a lesson).
    kids = [k for k in index.children(place_id) if index.items[k].status != DROPPED]
    initiatives = [_similar(index, k, own) for k in kids if not index.items[k].is_place]
    initiatives.sort(key=lambda s: (-s.score, s.id))
    place = index.items[place_id]
    around = {k for k in kids if index.items[k].is_place}
    for parent in place.parents:
        around.update(k for k in index.children(parent) if index.items[k].is_place)
    around.discard(place_id)
    around = {g for g in around if index.items[g].status != DROPPED}
    thin = [_similar(index, g, own) for g in around if _support(index, g) <= 1]
    thin.sort(key=lambda s: (-s.score, s.id))
    return Nearby(place_id, tuple(initiatives[:limit]), tuple(thin[:limit]))


def paths_up(index: FitIndex, item_id: str, limit: int = MAX_PATHS) -> tuple[tuple[str, ...], ...]:
    """Paths from an item up to the tops it reaches (depth first, parents in listed order)."""

    def up(node_id: str) -> list[str]:
        return [p for p in index.items[node_id].parents if p in index.items]

    return tuple(paths(item_id, up, limit))


def _place(index: FitIndex, text: str, pid: str, score: float, own: Any) -> Place:
    item = index.items[pid]
    # The words a reader can check against the place's own title and description come first;
    # words shared only with what sits directly beneath it (which its score mixes in) come
    # apart; what the place serves counts a little in the score but is no reason of its own.
    own_terms = set(index.terms_of(pid))
    below = {t for k in index.children(pid) if k in index.items for t in index.terms_of(k)}
    idea = list(dict.fromkeys(content_words(text)))
    matched = tuple(w for w in idea if search_stem(w) in own_terms)
    matched_beneath = tuple(
        w for w in idea if search_stem(w) in below and search_stem(w) not in own_terms
    )
    beneath = sorted(
        (_similar(index, k, own) for k in index.children(pid)), key=lambda s: (-s.score, s.id)
    )
    return Place(
        pid,
        item.title,
        item.kind,
        round(score, 4),
        paths_up(index, pid),
        matched,
        tuple(s for s in beneath[:3] if s.score > 0),
        matched_beneath=matched_beneath,
    )


def _similar(index: FitIndex, item_id: str, own: Any) -> Similar:
    item: Item = index.items[item_id]
    score = float(own[index.slot[item_id]])
    return Similar(item.id, item.title, item.kind, round(score, 4), item.owner, item.status)


def _most_similar(index: FitIndex, own: Any, kinds: set[str], limit: int) -> list[Similar]:
    found = [_similar(index, i, own) for k in kinds for i in index.best_of_kind(own, k, limit)]
    found.sort(key=lambda s: (-s.score, s.id))
    return found[:limit]


def _support(index: FitIndex, goal_id: str) -> int:
    """How many initiatives sit directly or indirectly beneath a goal."""
    items = index.items
    beneath = reach([goal_id], index.children)
    return sum(1 for k in beneath if not items[k].is_place and items[k].status != DROPPED)
