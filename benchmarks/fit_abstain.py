"""How the map's own "nothing fits" cut (src/backmap/fit/abstain.py) was chosen.

On the small maps' **train** split only: every idea's best score and the 30 probes' best
scores on its map. A cut is floor + (the probes' quantile q - floor) * n / (n + prior) for n
initiatives (at most the plausible cut; the floor on a map without initiatives). Leaving one
map out at a time, the (q, prior) that turns away the most off-domain ideas of the other maps
with at most 5% of their in-domain ideas turned away, and that keeps the fresh four-goal map of
tests/fit/test_unseen.py fitting (with no initiatives, and 0.01 above the cut with one to six),
is scored on the map left out. `--family` also offers a z-score (mean + z sd) or a multiple of
the median in place of the quantile. Prints the pooled left-out rates, the picks, and the rates
of chosen settings on all maps at once.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import fit_eval
from backmap.fit import FitIndex, Item, cuts_for, default_encoder
from backmap.fit.abstain import PRIOR, PROBES, QUANTILE

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

FRESH = [
    Item("happy", "Employees are happy", "outcome", "", ()),
    Item("reduce-stress", "Reduce stress", "goal", "", ("happy",)),
    Item("experts", "Access to experts", "goal", "", ("happy",)),
    Item("onboarding", "Effective onboarding", "goal", "", ("happy",)),
    Item("friction", "Reduce friction", "goal", "", ("happy",)),
]
FRESH_IDEAS = (
    "schedule slack messages to the next morning",
    "hire an external consultant for deep learning questions",
    "buddy system for new hires",
    "async status updates instead of meetings",
)
FIRST_INITIATIVES = [
    Item("i1", "Quiet hours after six", "initiative", "", ("reduce-stress",)),
    Item("i2", "Paid expert consulting", "initiative", "", ("experts",)),
    Item("i3", "Onboarding checklist for the first week", "initiative", "", ("onboarding",)),
    Item("i4", "Self-service development environments", "initiative", "", ("friction",)),
    Item("i5", "Meeting-free Wednesdays", "initiative", "", ("reduce-stress", "friction")),
    Item("i6", "Internal tech talks every month", "initiative", "", ("experts",)),
]
MARGIN = 0.01
"""How far above the cut the fresh map's ideas must stay once it has initiatives."""
LIMIT = 0.05
"""The most in-domain ideas a setting may turn away on the maps it is chosen on."""


@dataclass(frozen=True)
class Row:
    map: str
    in_domain: bool
    best: float
    initiatives: int
    probes: tuple[float, ...]


def rows(split: str) -> list[Row]:
    """Every idea of the small maps' `split`, and the fresh map's four with 0 to 6 initiatives."""
    encoder = default_encoder()
    if encoder is None:
        sys.exit("the semantic model is not installed: the cut is for MiniLM only")
    maps = [
        (path.stem, fit_eval.small_map_items(path), [(i.text, i.in_domain) for i in ideas])
        for path, ideas in fit_eval.evalsets.small_maps(split=split)
    ]
    for k in range(7):
        maps.append((f"fresh+{k}", FRESH + FIRST_INITIATIVES[:k], [(t, True) for t in FRESH_IDEAS]))
    out = []
    for name, items, ideas in maps:
        index = FitIndex.build(items, encoder=encoder)
        n = sum(not i.is_place for i in items)
        probes = tuple(float(index.scores(p).places.max()) for p in PROBES)
        for text, in_domain in ideas:
            out.append(Row(name, in_domain, float(index.scores(text).places.max()), n, probes))
    return out


Cut = Callable[[Row], float]


def cut_rule(family: str, a: float, prior: float) -> Cut:
    floor, plausible, _ = cuts_for(True)

    def cut(r: Row) -> float:
        if not r.initiatives:
            return floor
        if family == "q":
            import numpy as np

            level = float(np.quantile(r.probes, a))  # as abstain.nothing_cut reads them
        elif family == "z":
            level = statistics.fmean(r.probes) + a * statistics.pstdev(r.probes)
        else:
            level = a * statistics.median(r.probes)
        share = r.initiatives / (r.initiatives + prior)
        return min(plausible, floor + max(level - floor, 0.0) * share)

    return cut


def grid(families: list[str]) -> dict[tuple[str, float, float], Cut]:
    values = {
        # Not the maximum: one probe that belongs on the map (say "move the servers to the
        # cloud" on an infrastructure map) would set it alone.
        "q": (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95),
        "z": (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0),
        "m": (1.0, 1.2, 1.4, 1.6, 1.8, 2.0),
    }
    priors = (0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 7.0, 10.0, 15.0)
    return {(f, a, p): cut_rule(f, a, p) for f in families for a in values[f] for p in priors}


def rates(data: list[Row], cut: Cut, maps: set[str]) -> tuple[list[bool], list[bool]]:
    """(in-domain turned away, off-domain turned away), one flag an idea."""
    found = [(r.in_domain, r.best < cut(r)) for r in data if r.map in maps]
    return [b for d, b in found if d], [b for d, b in found if not d]


def fresh_ok(data: list[Row], cut: Cut) -> bool:
    for r in data:
        if r.map == "fresh+0" and r.best < cut(r):
            return False
        if r.map.startswith("fresh+") and r.map != "fresh+0" and r.best < cut(r) + MARGIN:
            return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--family", action="append", choices=("q", "z", "m"))
    args = parser.parse_args(argv)
    data = rows("train")
    small = sorted({r.map for r in data if not r.map.startswith("fresh+")})
    options = {k: c for k, c in grid(args.family or ["q"]).items() if fresh_ok(data, c)}
    left_in: list[bool] = []
    left_off: list[bool] = []
    picks = []
    for out in small:
        rest = set(small) - {out}

        def merit(key: tuple[str, float, float], rest: set[str] = rest) -> tuple[float, float]:
            i, o = rates(data, options[key], rest)
            return (sum(o) / len(o), -sum(i) / len(i))

        allowed = [k for k in options if -merit(k)[1] <= LIMIT]
        best = max(allowed, key=merit)
        picks.append(best)
        i, o = rates(data, options[best], {out})
        left_in += i
        left_off += o
    print(
        f"left out one map at a time: in-domain turned away {sum(left_in) / len(left_in):.1%}, "
        f"off-domain {sum(left_off) / len(left_off):.1%}"
    )
    print("chosen:", ", ".join(f"{k} in {n} folds" for k, n in Counter(picks).most_common()))
    shipped = ("q", QUANTILE, PRIOR)
    for key in dict.fromkeys([*(k for k, _ in Counter(picks).most_common(3)), shipped]):
        cut = options.get(key) or cut_rule(*key)
        i, o = rates(data, cut, set(small))
        per_map = " ".join(
            f"{m} {sum(rates(data, cut, {m})[1])}/{len(rates(data, cut, {m})[1])}" for m in small
        )
        mark = " (abstain.py)" if key == shipped else ""
        print(
            f"{key}{mark}: all nine maps in-domain {sum(i) / len(i):.1%}, off-domain "
            f"{sum(o) / len(o):.1%}; off-domain turned away per map: {per_map}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
