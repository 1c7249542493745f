"""How the evidence for a place adds up: the one setting `fit` uses for every map."""

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
    """How many children a place needs before their mean counts half of that most: the share
    is `subtree[depth] * n / (n + subtree_prior)` for n children. The mean of one or two
    children is a noisy picture of a goal, the mean of twenty a good one (against a fixed
    share by depth: ATT&CK R@1 .587 -> .612, R@3 .825 -> .838, SDG unchanged; see
    benchmarks/fit_quality.py)."""
    subtree_lexical: bool = False
    """Mix a place's BM25 fraction with its children's mean by the same share (always done
    when matching is lexical only)."""
    initiative_child: float = 0.0
    """Weight of the best-matching initiative directly beneath a place."""
    goal_child: float = 0.2
    """Weight of the best-matching sub-goal directly beneath a place (times the same
    n / (n + subtree_prior) for the n initiatives beneath it, with `subtree_initiatives`)."""
    parent: float = 0.3
    """Weight of what the place serves (mean over its parents)."""
    wording: float = 100.0
    """Learn from the map how its initiatives are worded next to the goals they serve: a ridge
    regression from each initiative's vector to its parents' mean vector, shrunk towards "no
    change" with this weight (counted in initiatives, so a map with a handful of initiatives
    keeps the query almost as it is). The query is carried through it before it is compared
    with places, so "Proportion of women married before 18" is matched the way this map words
    goals ("Eliminate child marriage"). 0 turns it off. Only with an encoder."""
    subtree_initiatives: bool = True
    """Count the initiatives beneath a place (directly or through sub-goals), not its
    children, as the evidence that its children's mean describes it."""
    specific: float = 1.0
    """A place whose sub-goal scores within `specific_margin` of it loses this share of the
    shortfall, so the specific goal ranks above the broad one when both fit (see
    evidence.prefer_specific)."""
    specific_margin: float = 0.05
    """How close (in score) a sub-goal must come before its parent gives way."""
    specific_cap: bool = True
    """Give way by at most `specific_margin`: the parent then ranks just below its sub-goal,
    never below goals the idea does not serve (by the whole shortfall, "Reduce stress" fell
    under unrelated goals for an idea that plainly serves it)."""
    neighbours: int = 5
    """How many of the map's initiatives most like the idea vote for the places they serve
    (neighbours.neighbour_votes)."""
    neighbour_vote: float = 0.12
    """What the votes add: this times each voter's similarity to the idea, over `neighbours`.
    Chosen among 0.08 to 0.35 by the worst set, leaving one set out (docs/fit.md); 0: off."""
    probe_cut: bool = True
    """Say "nothing fits" below the map's own cut, set by how everyday ideas of other kinds
    score on it and counted as far as its initiatives back it (abstain.py); off: below the
    fixed THRESHOLD. Only with an encoder."""
    centre: bool = False
    """Subtract the map's mean vector before cosines (helps static models, not MiniLM)."""
    centre_groups: bool = False
    """Subtract from each vector the mean of its group (initiatives; places of one depth), and
    the initiatives' mean from the query: removes the wording every goal (or every idea)
    shares, so what is left is what the text is about. Off: it lifts SDG (R@1 +.03, R@3
    +.03) but costs ATT&CK more (R@1 -.04); kept for the benchmark's "+centred" method."""
