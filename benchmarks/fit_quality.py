"""Placement quality of `backmap fit` on real hierarchies, by the held-out protocol of shared/data.

For every leaf: remove it from the index, query its title and description, rank every non-leaf
node, put the leaf back. Prints recall@1, recall@3 and MRR per dataset and method (ties count
against the ranker). `--json` prints one object per dataset and method; `default` marks what
`backmap fit` uses out of the box.

`--calibrate` derives the "nothing fits" threshold: positives are each leaf's best score in its
own map (held out as above), negatives are the same queries run against every other dataset's
map. It prints the cut that maximises balanced accuracy (mean of the two recalls), per encoder;
answer.THRESHOLD and answer.LEXICAL_THRESHOLD hold the values it printed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from backmap.fit import FitIndex, Item, Weights, default_encoder

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
OWN_ONLY = {"initiative_child": 0.0, "goal_child": 0.0, "parent": 0.0}

# name -> (uses the embedding model, Weights overrides); "fused+structure" is the default.
METHODS: dict[str, tuple[bool, dict[str, Any]]] = {
    "bm25": (False, OWN_ONLY),
    "bm25+structure": (False, {}),
    "static": (True, {"semantic": 1.0, **OWN_ONLY}),
    "static+structure": (True, {"semantic": 1.0}),
    "fused": (True, OWN_ONLY),
    "fused+structure": (True, {}),
}
DEFAULT = "fused+structure"


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


def held_out(index: FitIndex, items: list[Item]) -> tuple[list[int], list[float]]:
    """Rank of the best true parent and the best score, for every leaf held out in turn."""
    ranks, tops = [], []
    for leaf in (i for i in items if not i.is_place):
        index.remove(leaf.id)
        total, _ = index.scores(leaf.text)
        index.add(leaf)
        best = max(float(total[index.slot[p]]) for p in leaf.parents if p in index.slot)
        ranks.append(int((total >= best).sum()))  # ties count against
        tops.append(float(total.max()))
    return ranks, tops


def summary(ranks: list[int]) -> dict[str, float]:
    n = len(ranks)
    return {
        "r1": round(sum(r == 1 for r in ranks) / n, 3),
        "r3": round(sum(r <= 3 for r in ranks) / n, 3),
        "mrr": round(sum(1 / r for r in ranks) / n, 3),
    }


def calibrate(datasets: dict[str, list[Item]], semantic: bool) -> None:
    encoder = default_encoder() if semantic else None
    pos: list[float] = []
    neg: list[float] = []
    for name, items in datasets.items():
        index = FitIndex.build(items, encoder=encoder)
        pos += held_out(index, items)[1]
        for other, other_items in datasets.items():
            if other != name:
                neg += [float(index.scores(i.text)[0].max()) for i in other_items if not i.is_place]
    cuts = sorted(set(round(x, 3) for x in pos + neg))
    best = max(
        cuts,
        key=lambda c: sum(p >= c for p in pos) / len(pos) + sum(q < c for q in neg) / len(neg),
    )
    kept = sum(p >= best for p in pos) / len(pos)
    rejected = sum(q < best for q in neg) / len(neg)
    label = encoder.name if encoder else "lexical"
    print(
        f"{label}: threshold {best:.3f} keeps {kept:.1%} of own-map queries, "
        f"rejects {rejected:.1%} of other-map queries ({len(pos)} / {len(neg)})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--method", action="append", choices=sorted(METHODS))
    parser.add_argument("--calibrate", action="store_true", help="derive the no-fit threshold")
    args = parser.parse_args(argv)
    files = args.files or sorted(DATA.glob("*.json"))
    if not files:
        print(f"no datasets given and none in {DATA}", file=sys.stderr)
        return 2
    datasets = {f.stem: items_of(json.loads(f.read_text(encoding="utf-8"))) for f in files}
    if args.calibrate:
        calibrate(datasets, semantic=True)
        calibrate(datasets, semantic=False)
        return 0
    encoder = default_encoder()
    if not args.json:
        print(f"{'dataset':<28} {'method':<18} {'R@1':>6} {'R@3':>6} {'MRR':>6} {'queries':>8}")
    for name, items in datasets.items():
        for method in args.method or METHODS:
            semantic, overrides = METHODS[method]
            if semantic and encoder is None:
                continue
            index = FitIndex.build(
                items, encoder=encoder if semantic else None, weights=Weights(**overrides)
            )
            ranks, _ = held_out(index, items)
            row = {
                "dataset": name,
                "method": method,
                "default": method == DEFAULT,
                **summary(ranks),
                "queries": len(ranks),
            }
            if args.json:
                print(json.dumps(row))
            else:
                mark = " *" if row["default"] else ""
                print(
                    f"{name:<28} {method:<18} {row['r1']:>6.3f} {row['r3']:>6.3f} "
                    f"{row['mrr']:>6.3f} {len(ranks):>8}{mark}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
