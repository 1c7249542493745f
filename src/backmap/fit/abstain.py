"""When "nothing fits": a cut set by the map in front of us, from how everyday ideas of other
kinds score on it, and trusted only as far as the map's initiatives back it.

A fixed cut cannot serve every map: on a map of rich goals with initiatives an unrelated idea
often scores 0.08, while on a fresh map of four bare titles an idea that plainly belongs can
score 0.04. So each map is asked a fixed set of ordinary ideas from many walks of life (the
probes): most belong to none of its goals, and the score the best of them reach on this map
(their 90th percentile) is what "no better than an unrelated idea" means here. That cut counts
only as far as the map has initiatives, n / (n + PRIOR): a map with none gives no evidence of
what does not belong, and keeps the low floor. Chosen on the small maps' train split
(benchmarks/fit_abstain.py; benchmarks/fit_quality.py --calibrate; docs/fit.md has the table).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backmap.fit.index import FitIndex

PROBES = (
    "replace the office printer with a faster model",
    "migrate the database to a new version",
    "run a summer barbecue for the neighbourhood",
    "repaint the meeting room walls",
    "switch the payroll provider",
    "add dark mode to the mobile app",
    "train staff on fire safety",
    "buy a new delivery van",
    "plant trees along the car park",
    "renegotiate the electricity contract",
    "translate the website into Spanish",
    "hold a quarterly town hall",
    "introduce a loyalty card for regular customers",
    "move the servers to the cloud",
    "organise a charity football match",
    "install solar panels on the roof",
    "publish a monthly newsletter",
    "upgrade the laptops of the sales team",
    "start a book club at lunch",
    "reduce paper use by printing double-sided",
    "hire a part-time accountant",
    "open a second location downtown",
    "add unit tests to the billing code",
    "offer free coffee in the waiting area",
    "run a customer satisfaction survey",
    "redesign the logo",
    "set up a phone line for complaints",
    "create a wiki for internal documents",
    "sponsor a local youth sports team",
    "buy ergonomic chairs",
)
"""Everyday ideas from many domains, written for this purpose (none is from an evaluation
set). Two or three may belong on a given map; the 90th percentile of 30 sits between the
third and fourth best, and the cut never rises above the plausible cut whatever they score."""
QUANTILE = 0.90
"""Chosen with PRIOR by leaving one small map out at a time (the most off-domain ideas turned
away with at most 5% of in-domain ones, and a fresh four-goal map with one to six initiatives
keeping its four ideas 0.01 above the cut): 0.9 and 7 in 6 of 9 folds. On the small maps'
train split the upper quartile and 10 turned away 56% of unrelated ideas and 1% of ideas that
belong; 0.9 and 7, 72% and 2%."""
PRIOR = 7.0
"""Initiatives a map needs before its probe cut counts half."""


@dataclass(frozen=True)
class MapCut:
    """A map's "nothing fits" cut, and how many initiatives the map had when it was set."""

    cut: float
    initiatives: int


def nothing_cut(index: FitIndex, floor: float, ceiling: float) -> float:
    """The score below which nothing fits on this map: between `floor` (a map with no
    initiatives) and the probes' 90th percentile, never above `ceiling` (the plausible cut).

    Kept on the index across edits while the number of initiatives stays within 2% of what
    it was (any change on a map of fewer than 50): the cut is a statistic of the
    whole map, and on 10,000 nodes it costs a quarter of a second to measure again."""
    initiatives = index.initiatives()
    found = index.memo.get("nothing_cut")
    if isinstance(found, MapCut):
        counted = found.initiatives
        if abs(initiatives - counted) <= (0 if counted < 50 else 0.02 * counted):
            return found.cut
    cut = floor
    if index.encoder is not None and initiatives and any(i.is_place for i in index.items.values()):
        import numpy as np

        index.encoder.encode(list(PROBES))  # one batch, then each probe is a memo hit
        best = [float(np.max(index.scores(probe).places)) for probe in PROBES]
        probe_cut = float(np.quantile(best, QUANTILE))
        share = initiatives / (initiatives + PRIOR)
        cut = min(ceiling, floor + max(probe_cut - floor, 0.0) * share)
    index.memo["nothing_cut"] = MapCut(cut, initiatives)
    return cut
