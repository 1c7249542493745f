"""How the evidence for a place adds up: the constants of the one method `fit` uses for every map.

The method is fixed; only these numbers can be given (the benchmarks try other values, and
other methods from benchmarks/fit_switches.py, from outside)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Weights:
    """How the evidence for a place adds up; one setting for every map, tuned with the held-out
    protocol on both data sets in ../shared/data (see benchmarks/fit_quality.py)."""

    semantic: float = 0.6
    """Share of the embedding cosine in a similarity to the query (the rest is BM25)."""
    subtree: tuple[float, ...] = (1.0, 0.9)
    """Most a place's children can count in the vector the place is matched by, per depth
    (0 = top; the last value holds for deeper levels). The mix with the children's mean
    vector is convex and re-normalised, so unlike pasting the children's text into the node
    it does not let broad top levels swallow queries; top-level outcomes are often bare names
    (ATT&CK tactics), so their subtree describes them best."""
    subtree_prior: float = 2.0
    """How many initiatives a place needs beneath it (directly or through sub-goals) before
    its children's mean counts half of that most: the share is `subtree[depth] * n / (n +
    subtree_prior)`. A place with no initiative beneath it has only its sub-goals' titles, and
    those compete for the idea themselves. The mean of one or two children is a noisy picture
    of a goal, the mean of twenty a good one (against a fixed
    share by depth: ATT&CK R@1 .587 -> .612, R@3 .825 -> .838, SDG unchanged; see
    benchmarks/fit_quality.py)."""
    goal_child: float = 0.2
    """Weight of the best-matching sub-goal directly beneath a place (times the same
    n / (n + subtree_prior) for the n initiatives beneath it). The best initiative beneath a
    place adds nothing of its own: initiatives speak through the place's mixed vector and
    the neighbours' votes."""
    parent: float = 0.3
    """Weight of what the place serves (mean over its parents)."""
    wording: float = 100.0
    """Learn from the map how its initiatives are worded next to the goals they serve: a ridge
    regression from each initiative's vector to its parents' mean vector, shrunk towards "no
    change" with this weight (counted in initiatives, so a map with a handful of initiatives
    keeps the query almost as it is). The query is carried through it before it is compared
    with places, so "Proportion of women married before 18" is matched the way this map words
    goals ("Eliminate child marriage"). 0 turns it off. Only with an encoder."""
    specific: float = 1.0
    """A place whose sub-goal scores within `specific_margin` of it loses this share of the
    shortfall, so the specific goal ranks above the broad one when both fit (see
    evidence.prefer_specific)."""
    specific_margin: float = 0.05
    """How close (in score) a sub-goal must come before its parent gives way."""
    neighbours: int = 5
    """How many of the map's initiatives most like the idea vote for the places they serve
    (neighbours.neighbour_votes)."""
    neighbour_vote: float = 0.12
    """What the votes add: this times each voter's similarity to the idea, over `neighbours`.
    Chosen among 0.08 to 0.35 by the worst set, leaving one set out (docs/fit.md); 0: off."""
