"""Placement quality of `backmap fit` on real hierarchies and on small maps it has never seen.

Hierarchies (`benchmarks/evalsets.py`: ../shared/data and benchmarks/hierarchies/; or the JSON
files named): for every leaf, remove it from the index, query its title and description, rank
every non-leaf node, put the leaf back. Small maps (benchmarks/smallmaps/, `--split train` by
default, `--split test` for the final measurement only): place each labelled idea; rows add the
in-domain "nothing fits" rate and the off-domain rejection rate. Prints recall@1, recall@3 and
MRR per dataset and method (ties count against the ranker). `--json` prints one object per
dataset and method; `default` marks what `backmap fit` uses out of the box
("fused+evidence+specific+neighbours" with MiniLM; "bm25+evidence+specific" when the semantic model
cannot run). `--worst-case` chooses a method by leave-one-dataset-out and prints the worst set.
Vectors are cached on disk (BACKMAP_CACHE_DIR), so the first run encodes the data sets (about
a minute) and later runs take seconds per method.

`--calibrate` prints the confidence cut-offs: in-domain scores are each leaf's best score in
its own map (held out as above, asked with its description and by its bare title) and each
small-map train idea's; off-domain scores are the same leaves asked of every other hierarchy
and the small maps' off-domain train ideas. answer.py holds the cuts it printed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import fit_eval
from backmap.fit import FitIndex, Item, Weights, default_encoder
from fit_switches import Switches, applied

# One BLAS thread: the held-out protocol solves a small system per leaf, and a threaded BLAS
# spends most of that waiting for its threads on a busy machine (0.47 s a leaf against 0.12 s).
# Set before numpy is first imported (backmap.fit imports it only when an index is built).
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
# Each node's own text only, as in the data README's baselines.
OWN_ONLY = {
    "neighbour_vote": 0.0,
    "goal_child": 0.0,
    "parent": 0.0,
    "subtree": (0.0,),
    "wording": 0.0,
    "specific": 0.0,
}
# The README's "+children" baseline, as a subtree share: children count fully at every level.
CHILDREN = {
    "neighbour_vote": 0.0,
    "goal_child": 0.0,
    "parent": 0.0,
    "subtree": (0.5,),
    "subtree_prior": 0.0,
    "wording": 0.0,
    "specific": 0.0,
}
# The default before the small maps: children mixed in by their number whether or not anything
# is beneath them (fit_switches.by_children), the best sub-goal adding to its parent, no
# preference for the specific goal.
OLD = {"specific": 0.0, "goal_child": 0.2, "neighbour_vote": 0.0}
BY_CHILDREN = Switches(by_initiatives=False)


@dataclass(frozen=True)
class Method:
    """A way to rank: which encoder, which constants, which of the benchmarks' switches."""

    encoder: str | None
    """None: words only; "default": MiniLM (as `backmap fit` runs it)."""
    weights: dict[str, Any] = field(default_factory=dict)
    """Overrides of the product's Weights."""
    switches: Switches = field(default_factory=Switches)
    rrf: bool = False
    """Fuse the ranks of the lexical and semantic rankings (reciprocal-rank fusion, k=10,
    lexical weight 0.3) instead of their scores."""


# "fused+evidence+specific+neighbours" is what `backmap fit` uses.
METHODS: dict[str, Method] = {
    "bm25": Method(None, OWN_ONLY),
    "bm25+structure": Method(None, OLD, BY_CHILDREN),
    "bm25+evidence+specific": Method(None),
    "bm25+evidence+specific-neighbours": Method(None, {"neighbour_vote": 0.0}),
    "minilm": Method("default", {"semantic": 1.0, **OWN_ONLY}),
    "minilm+wording": Method("default", {"semantic": 1.0, **OWN_ONLY, "wording": 100.0}),
    "minilm+children": Method("default", {"semantic": 1.0, **CHILDREN}, BY_CHILDREN),
    "minilm+evidence+specific": Method("default", {"semantic": 1.0}),
    "fused": Method("default", OWN_ONLY),
    "fused+structure": Method("default", OLD, BY_CHILDREN),
    # The default before the map taught the query its goals' wording.
    "fused+structure-wording": Method("default", {**OLD, "wording": 0.0}, BY_CHILDREN),
    # The default before subtree_prior: a fixed share by depth, whatever the number of children.
    "fused+structure+fixedshare": Method(
        "default",
        {**OLD, "subtree": (0.8, 0.5), "subtree_prior": 0.0, "wording": 0.0},
        BY_CHILDREN,
    ),
    "rrf+structure": Method("default", OLD, BY_CHILDREN, rrf=True),
    # Children describe a place only as far as initiatives sit beneath it.
    "fused+evidence": Method("default", {"specific": 0.0, "neighbour_vote": 0.0}),
    # ... and a broad goal gives way, by at most 0.05, to a sub-goal within 0.05 of it (the
    # default before the neighbours' votes); uncapped (below, with the votes), it gives way by
    # the whole shortfall and can fall below goals the idea does not serve.
    "fused+evidence+specific": Method("default", {"neighbour_vote": 0.0}),
    # ... and the five initiatives most like the idea vote for the places they serve: the
    # default. The variants below change one thing of it.
    "fused+evidence+specific+neighbours": Method("default"),
    "fused+evidence+specific+neighbours.08": Method("default", {"neighbour_vote": 0.08}),
    "fused+evidence+specific+neighbours.17": Method("default", {"neighbour_vote": 0.17}),
    "fused+evidence+specific-uncapped": Method("default", {}, Switches(specific_cap=False)),
    # "Nothing fits" below the fixed THRESHOLD instead of the map's own probe cut (the
    # ranking is the same; only the small maps' rejection rates differ).
    "fused+evidence+specific-fixedcut": Method("default", {}, Switches(probe_cut=False)),
    # The same with a narrower margin; and with the best sub-goal not adding to its parent at
    # all (costs ATT&CK R@3 .13: its tactics are found through their techniques).
    "fused+evidence+specific.02": Method("default", {"specific_margin": 0.02}),
    "fused+evidence+specific-goalchild": Method("default", {"goal_child": 0.0}),
}
DEFAULT = "fused+evidence+specific+neighbours"


def items_of(data: dict[str, Any]) -> list[Item]:
    """Dataset records as fit items: leaves are initiatives, the rest goals/outcomes."""
    nodes = data["nodes"]
    has_children = {p for n in nodes for p in n["parents"]}
    out = []
    for n in nodes:
        if n["id"] not in has_children:
            kind = "initiative"
        else:
            kind = "outcome" if not n["parents"] else "goal"
        out.append(Item(n["id"], n["title"], kind, n.get("description") or "", tuple(n["parents"])))
    return out


def held_out(indexes: list[FitIndex], items: list[Item]) -> tuple[list[int], list[float]]:
    """Rank of the best true parent and the best score, for every leaf held out in turn.

    With two indexes (lexical, semantic) their rankings are fused by reciprocal rank."""
    import numpy as np

    ranks, tops = [], []
    for leaf in (i for i in items if not i.is_place):
        totals = []
        for index in indexes:
            index.remove(leaf.id)
            totals.append(index.scores(leaf.text).places)
            index.add(leaf)
        total = totals[0] if len(totals) == 1 else rrf(totals)
        slot = indexes[0].slot
        best = max(float(total[slot[p]]) for p in leaf.parents if p in slot)
        ranks.append(int((total >= best).sum()))  # ties count against
        tops.append(float(np.max(total)))
    return ranks, tops


def rrf(totals: list[Any], k: float = 10.0, lexical: float = 0.3) -> Any:
    """Reciprocal-rank fusion of a lexical and a semantic ranking (places only)."""
    import numpy as np

    out = np.zeros_like(totals[0])
    for total, weight in zip(totals, (lexical, 1 - lexical), strict=True):
        order = np.argsort(-total, kind="stable")
        rank = np.empty(len(total))
        rank[order] = np.arange(1, len(total) + 1)
        out += weight / (k + rank)
    return np.where(totals[0] > -np.inf, out, -np.inf)


def summary(ranks: list[int]) -> dict[str, float]:
    n = len(ranks)
    return {
        "r1": round(sum(r == 1 for r in ranks) / n, 3),
        "r3": round(sum(r <= 3 for r in ranks) / n, 3),
        "mrr": round(sum(1 / r for r in ranks) / n, 3),
    }


def queries(leaf: Item) -> list[str]:
    """A leaf as people would type it: the title and description, and the bare title (ideas
    are often a few words; short queries score lower, so the cut must see both)."""
    return [leaf.text, leaf.title] if leaf.text != leaf.title else [leaf.text]


def calibrate(datasets: dict[str, list[Item]], semantic: bool) -> None:
    """Best-place scores of ideas that belong (in-domain) and ideas that do not (off-domain),
    on the hierarchies and on the small maps' train split; prints the cuts each rule gives and
    what the shipped cuts (answer.py) keep and reject."""
    from backmap.fit import cuts_for
    from backmap.fit.abstain import nothing_cut

    encoder = default_encoder() if semantic else None
    pos: list[float] = []
    neg: list[float] = []
    # Below the map's own cut (abstain.py): (in-domain below, in-domain, off below, off).
    own_cut = [0, 0, 0, 0]
    floor, plausible, _ = cuts_for(semantic)
    for name, items in datasets.items():
        index = FitIndex.build(items, encoder=encoder)
        cut = nothing_cut(index, floor, plausible) if semantic else floor
        print(f"  {name}: the map's own cut {cut:.3f}")
        for leaf in (i for i in items if not i.is_place):
            index.remove(leaf.id)
            found = [float(index.scores(q).places.max()) for q in queries(leaf)]
            index.add(leaf)
            pos += found
            own_cut[0] += sum(f < cut for f in found)
            own_cut[1] += len(found)
        for other, other_items in datasets.items():
            if other != name:
                found = [
                    float(index.scores(q).places.max())
                    for leaf in other_items
                    if not leaf.is_place
                    for q in queries(leaf)
                ]
                neg += found
                own_cut[2] += sum(f < cut for f in found)
                own_cut[3] += len(found)
    answers = fit_eval.small_map_answers(lambda items: FitIndex.build(items, encoder), "train")
    small = [a for found in answers.values() for a in found]
    small_pos = [a.best for a in small if a.idea.in_domain]
    small_neg = [a.best for a in small if not a.idea.in_domain]
    label = encoder.name if encoder else "lexical"
    groups = {"hierarchies": (pos, neg), "small maps (train)": (small_pos, small_neg)}
    print(f"{label}")
    for line in fit_eval.report_cuts(groups):
        print(f"  {line}")
    if own_cut[1] and own_cut[3]:
        print(
            f"  the map's own cut, hierarchies: in-domain below {own_cut[0] / own_cut[1]:.1%}, "
            f"off-domain below {own_cut[2] / own_cut[3]:.1%}"
        )
    ins = [a.nothing_fits for a in small if a.idea.in_domain]
    offs = [a.nothing_fits for a in small if not a.idea.in_domain]
    if ins and offs:
        print(
            f"  the map's own cut, small maps (train): in-domain below {sum(ins) / len(ins):.1%}, "
            f"off-domain below {sum(offs) / len(offs):.1%}"
        )
    names = ("nothing fits", "plausible", "strong")
    for cut_name, cut in zip(names, cuts_for(semantic), strict=True):
        parts = []
        for name, (p, n) in groups.items():
            if p and n:
                below_in, below_off = fit_eval.rates(p, n, cut)
                parts.append(
                    f"{name}: in-domain below {below_in:.1%}, off-domain below {below_off:.1%}"
                )
        print(f"  {cut_name} {cut:.3f}: " + "; ".join(parts))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--method", action="append", choices=sorted(METHODS))
    parser.add_argument("--calibrate", action="store_true", help="derive the no-fit threshold")
    parser.add_argument(
        "--split",
        choices=("train", "test"),
        default="train",
        help="small maps' ideas to score (test: the final measurement only)",
    )
    parser.add_argument("--no-small-maps", action="store_true", help="hierarchies only")
    parser.add_argument("--small-maps-only", action="store_true", help="no hierarchies")
    parser.add_argument(
        "--worst-case", action="store_true", help="also choose by leave-one-dataset-out"
    )
    args = parser.parse_args(argv)
    if args.files:
        files = list(args.files)
    elif fit_eval.evalsets is not None:
        files = [path for _, path in fit_eval.evalsets.hierarchies()]
    else:
        files = sorted(DATA.glob("*.json"))
    if not files:
        print(f"no datasets given and none in {DATA}", file=sys.stderr)
        return 2
    datasets = {f.stem: items_of(json.loads(f.read_text(encoding="utf-8"))) for f in files}
    small = not args.no_small_maps and not args.files and fit_eval.evalsets is not None
    if args.small_maps_only:
        datasets = {}
    if args.calibrate:
        calibrate(datasets, semantic=True)
        calibrate(datasets, semantic=False)
        return 0
    encoders = {"default": default_encoder(), None: None}
    if not args.json:
        print(f"{'dataset':<24} {'method':<36} {'R@1':>6} {'R@3':>6} {'MRR':>6} {'queries':>8}")
    rows: list[dict[str, Any]] = []
    for name, items in [*datasets.items(), *([("smallmaps", None)] if small else [])]:
        for label in args.method or METHODS:
            method = METHODS[label]
            encoder = encoders[method.encoder]
            if method.encoder is not None and encoder is None:
                continue
            default = label == (DEFAULT if encoders["default"] else "bm25+evidence+specific")
            if items is None and method.rrf:
                continue  # two rankings fused: no single answer to label
            with applied(method.switches):
                found = measure(name, items, label, method, encoder, default, args.split)
            rows += found
            for row in found:
                show(row, args.json)
    if args.worst_case:
        for line in fit_eval.worst_case(rows):
            print(line, file=sys.stderr if args.json else sys.stdout)
    return 0


def measure(
    name: str,
    items: list[Item] | None,
    label: str,
    method: Method,
    encoder: Any,
    default: bool,
    split: str,
) -> list[dict[str, Any]]:
    """Rows for one method on one hierarchy (held out leaf by leaf), or on the small maps
    (`items` None: one row per map and one for all)."""
    weights = Weights(**method.weights)
    if items is None:
        return fit_eval.small_map_rows(
            label,
            default,
            lambda its: FitIndex.build(its, encoder=encoder, weights=weights),
            split,
        )
    if method.rrf:
        semantic = Weights(**{**method.weights, "semantic": 1.0})
        indexes = [
            FitIndex.build(items, encoder=None, weights=weights),
            FitIndex.build(items, encoder=encoder, weights=semantic),
        ]
    else:
        indexes = [FitIndex.build(items, encoder=encoder, weights=weights)]
    ranks, _ = held_out(indexes, items)
    return [
        {
            "dataset": name,
            "method": label,
            "default": default,
            **summary(ranks),
            "queries": len(ranks),
        }
    ]


def show(row: dict[str, Any], as_json: bool) -> None:
    """One row: JSON, or a table line (small maps add "nothing fits" and off-domain rejected)."""
    if as_json:
        print(json.dumps(row), flush=True)
        return
    mark = " *" if row["default"] else ""
    extra = ""
    if "nothing_fits" in row:
        extra = (
            f"  nothing-fits {row['nothing_fits']:.2f} off-rejected "
            f"{row['off_domain_rejected']:.2f} | weak-or-none in {row['in_domain_flagged']:.2f}"
            f" off {row['off_domain_flagged']:.2f}"
        )
    print(
        f"{row['dataset']:<24} {row['method']:<36} {row['r1']:>6.3f} {row['r3']:>6.3f} "
        f"{row['mrr']:>6.3f} {row['queries']:>8}{mark}{extra}",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
