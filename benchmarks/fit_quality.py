"""Placement quality of `backmap fit` on real hierarchies, by the held-out protocol of shared/data.

For every leaf: remove it from the index, query its title and description, rank every non-leaf
node, put the leaf back. Prints recall@1, recall@3 and MRR per dataset and method (ties count
against the ranker). `--json` prints one object per dataset and method; `default` marks what
`backmap fit` uses out of the box ("fused+structure" with MiniLM; "bm25+structure" when the
semantic model cannot run). Vectors are cached on disk (BACKMAP_CACHE_DIR), so the first run
encodes the data sets (about a minute) and later runs take seconds per method.

`--calibrate` derives the "nothing fits" threshold: positives are each leaf's best score in its
own map (held out as above), negatives are the same queries run against every other dataset's
map; each leaf is asked twice, with its description and by its bare title. It prints the cut
that maximises balanced accuracy (mean of the two recalls), per encoder; answer.THRESHOLD and
answer.LEXICAL_THRESHOLD hold the values it printed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from backmap.fit import FitIndex, Item, Weights, default_encoder
from backmap.fit.embed import static_encoder

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
# Each node's own text only, as in the data README's baselines.
OWN_ONLY = {
    "initiative_child": 0.0,
    "goal_child": 0.0,
    "parent": 0.0,
    "subtree": (0.0,),
    "wording": 0.0,
}
# The README's "+children" baseline, as a subtree share: children count fully at every level.
CHILDREN = {
    "initiative_child": 0.0,
    "goal_child": 0.0,
    "parent": 0.0,
    "subtree": (0.5,),
    "subtree_prior": 0.0,
    "wording": 0.0,
}

# name -> (encoder: None lexical / "default" / "wordllama", Weights overrides, fusion).
# "fused+structure" is what `backmap fit` uses; "rrf+structure" fuses the ranks of the lexical
# and semantic rankings (reciprocal-rank fusion, k=10, lexical weight 0.3) instead of scores.
METHODS: dict[str, tuple[str | None, dict[str, Any]]] = {
    "bm25": (None, OWN_ONLY),
    "bm25+structure": (None, {}),
    "minilm": ("default", {"semantic": 1.0, **OWN_ONLY}),
    "minilm+wording": ("default", {"semantic": 1.0, **OWN_ONLY, "wording": 100.0}),
    "minilm+children": ("default", {"semantic": 1.0, **CHILDREN}),
    "minilm+structure": ("default", {"semantic": 1.0}),
    "fused": ("default", OWN_ONLY),
    "fused+structure": ("default", {}),
    "fused+structure+lexsubtree": ("default", {"subtree_lexical": True}),
    "fused+structure+centred": ("default", {"centre_groups": True, "subtree_prior": 3.0}),
    # The default before the map taught the query its goals' wording.
    "fused+structure-wording": ("default", {"wording": 0.0}),
    # The default before subtree_prior: a fixed share by depth, whatever the number of children.
    "fused+structure+fixedshare": (
        "default",
        {"subtree": (0.8, 0.5), "subtree_prior": 0.0, "wording": 0.0},
    ),
    "rrf+structure": ("default", {"rrf": True}),
    # An earlier default: WordLlama's static model, max-child structure, centred vectors.
    "wordllama-fused+structure": (
        "wordllama",
        {
            "semantic": 0.3,
            "centre": True,
            "initiative_child": 0.3,
            "goal_child": 0.1,
            "parent": 0.3,
            "subtree": (0.0,),
            "wording": 0.0,
        },
    ),
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


def held_out(indexes: list[FitIndex], items: list[Item]) -> tuple[list[int], list[float]]:
    """Rank of the best true parent and the best score, for every leaf held out in turn.

    With two indexes (lexical, semantic) their rankings are fused by reciprocal rank."""
    import numpy as np

    ranks, tops = [], []
    for leaf in (i for i in items if not i.is_place):
        totals = []
        for index in indexes:
            index.remove(leaf.id)
            totals.append(index.scores(leaf.text)[0])
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
    encoder = default_encoder() if semantic else None
    pos: list[float] = []
    neg: list[float] = []
    for name, items in datasets.items():
        index = FitIndex.build(items, encoder=encoder)
        for leaf in (i for i in items if not i.is_place):
            index.remove(leaf.id)
            pos += [float(index.scores(q)[0].max()) for q in queries(leaf)]
            index.add(leaf)
        for other, other_items in datasets.items():
            if other != name:
                neg += [
                    float(index.scores(q)[0].max())
                    for leaf in other_items
                    if not leaf.is_place
                    for q in queries(leaf)
                ]
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
    encoders = {"default": default_encoder(), "wordllama": static_encoder(), None: None}
    if not args.json:
        print(f"{'dataset':<24} {'method':<26} {'R@1':>6} {'R@3':>6} {'MRR':>6} {'queries':>8}")
    for name, items in datasets.items():
        for method in args.method or METHODS:
            which, overrides = METHODS[method]
            encoder = encoders[which]
            if which is not None and encoder is None:
                continue
            options = dict(overrides)
            if options.pop("rrf", False):
                indexes = [
                    FitIndex.build(items, encoder=None, weights=Weights(**options)),
                    FitIndex.build(
                        items, encoder=encoder, weights=Weights(**{**options, "semantic": 1.0})
                    ),
                ]
            else:
                indexes = [FitIndex.build(items, encoder=encoder, weights=Weights(**options))]
            ranks, _ = held_out(indexes, items)
            row = {
                "dataset": name,
                "method": method,
                "default": method == (DEFAULT if encoders["default"] else "bm25+structure"),
                **summary(ranks),
                "queries": len(ranks),
            }
            if args.json:
                print(json.dumps(row))
            else:
                mark = " *" if row["default"] else ""
                print(
                    f"{name:<24} {method:<26} {row['r1']:>6.3f} {row['r3']:>6.3f} "
                    f"{row['mrr']:>6.3f} {len(ranks):>8}{mark}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
