"""Ranking variants tried on top of `backmap fit`'s scores, all from one held-out pass a set.

Like benchmarks/fit_quality.py (every hierarchy leaf held out in turn; the small maps' **train**
split), but each variant re-scores the same place scores, so many are measured at the cost of one:
`hub` (per-place hubness against abstain.PROBES: minus the place's mean probe score, a z-score, the
share of probes beaten), `knn` (the initiatives most like the idea vote for their parents: k
nearest, weight; or their share of the nearest's summed similarity), `rrf` (reciprocal-rank fusion
of the words-only and meaning-only rankings), `titles` (each place's score the better of its
title-and-description's and its title's alone), `late` (late interaction: MaxSim of the query's
token vectors against each place's, or its two-way F1, from fit_tokens.py, mixed in), `soft` (a
softmax over places, with a temperature, of each place's best direct initiative's similarity to the
idea), `contrast` (each place's vector less a share of its siblings' mean, or of every place's:
matched by what sets it apart). The base is the default without the neighbours' votes (`--base
default` for the default as it is). `--metrics` adds each goal's metric name to its description on
the small maps. `--worst-case` chooses among the variants by leave-one-dataset-out.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import fit_eval
import fit_quality
from backmap.fit import FitIndex, Item, Weights, default_encoder
from backmap.fit.abstain import PROBES

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

Variant = Callable[[Any, Any, dict[str, Any]], Any]


def hub(total: Any, own: Any, ctx: dict[str, Any]) -> dict[str, Any]:
    import numpy as np

    places = np.isfinite(total)
    mu, sd, probes = ctx["mu"], ctx["sd"], ctx["probes"]
    out = {f"hubmean{lam}": total - lam * (mu - mu[places].mean()) for lam in (0.25, 0.5, 1.0)}
    z = (total - mu) / sd
    out["hubz"] = np.where(places, z, -np.inf)
    out |= {f"hubzmix{lam}": total + lam * sd[places].mean() * z for lam in (0.25, 0.5)}
    beaten = (probes < total[None, :]).mean(axis=0)
    out |= {f"hubrank{lam}": total + lam * beaten for lam in (0.02, 0.05, 0.1)}
    return out


def knn(total: Any, own: Any, ctx: dict[str, Any]) -> dict[str, Any]:
    import numpy as np

    ups, downs = ctx["ups"], ctx["downs"]
    out = {}
    for k in (3, 5, 10):
        votes, shares = np.zeros_like(total), np.zeros_like(total)
        if len(ups):
            top = np.argsort(-own[downs], kind="stable")[:k]  # nearest links, as measured
            np.add.at(votes, ups[top], own[downs[top]])
            np.add.at(shares, ups[top], own[downs[top]] / max(float(own[downs[top]].sum()), 1e-9))
        out |= {f"knn{k}-{lam}": total + lam * votes / k for lam in (0.08, 0.12, 0.17, 0.25, 0.35)}
        out |= {f"knnshare{k}-{lam}": total + lam * shares for lam in (0.01, 0.02, 0.04)}
    return out


def rrf(total: Any, own: Any, ctx: dict[str, Any]) -> dict[str, Any]:
    pair = [ctx["lexical"], ctx["semantic"]]
    return {
        f"rrf{k}-{w}": fit_quality.rrf(pair, k=k, lexical=w)
        for k, w in ((10, 0.3), (10, 0.4), (30, 0.4), (60, 0.5))
    }


def titles(total: Any, own: Any, ctx: dict[str, Any]) -> dict[str, Any]:
    import numpy as np

    return {"titles-max": np.maximum(total, ctx["titles"])}


def late(total: Any, own: Any, ctx: dict[str, Any]) -> dict[str, Any]:
    """Late interaction: the query's tokens against each place's (fit_tokens), mixed in."""
    import numpy as np

    out = {}
    names = ("maxsim", "bertf1")
    for name, found in zip(names, ctx["late"], strict=True):
        out[f"{name}-alone"] = np.where(np.isfinite(total), found, -np.inf)
        out |= {f"{name}{lam}": total + lam * found for lam in (0.025, 0.05, 0.1, 0.2)}
    return out


def soft(total: Any, own: Any, ctx: dict[str, Any]) -> dict[str, Any]:
    """Which place's initiatives the idea resembles most: each place's best direct initiative,
    a softmax over places with temperature t, times a weight."""
    import numpy as np

    ups, downs, places = ctx["ups"], ctx["downs"], np.isfinite(total)
    served = places[ups] & ~places[downs]
    best = np.full(len(total), -np.inf)
    np.maximum.at(best, ups[served], own[downs[served]])
    out = {}
    for t in (0.02, 0.05, 0.1):
        if not np.isfinite(best).any():
            share = np.zeros_like(total)
        else:
            share = np.exp((best - best[np.isfinite(best)].max()) / t)
            share /= share.sum()
        out |= {f"soft{t}-{lam}": total + lam * share for lam in (0.05, 0.1, 0.2)}
    return out


CONTRASTS = (("sibling", 0.25), ("sibling", 0.5), ("centre", 0.25), ("centre", 0.5))


def contrast(total: Any, own: Any, ctx: dict[str, Any]) -> dict[str, Any]:
    """Places matched by what sets them apart (contrasted, below), scored by the default."""
    return {f"{how}{gamma}": ctx[f"{how}{gamma}"] for how, gamma in CONTRASTS}


def contrasted(index: FitIndex, how: str, gamma: float) -> None:
    """Each place's vector less `gamma` times the mean of its siblings' (the places that share
    a parent with it; outcomes: the other outcomes), or of every place of the map ("centre"),
    then re-normalised: what the choice among them turns on is what differs."""
    import numpy as np

    vectors = index._vectors
    assert vectors is not None
    places = [i for i in index.items.values() if i.is_place]
    raw = {i.id: vectors[index.slot[i.id]].copy() for i in places}
    everything = np.mean(list(raw.values()), axis=0)
    for item in places:
        if how == "centre":
            others = everything
        else:
            near = [
                raw[j.id]
                for j in places
                if j.id != item.id
                and (set(j.parents) & set(item.parents) or not (j.parents or item.parents))
            ]
            if not near:
                continue
            others = np.mean(near, axis=0)
        moved = raw[item.id] - gamma * others
        vectors[index.slot[item.id]] = moved / max(float(np.linalg.norm(moved)), 1e-9)
    index._dirty()


GROUPS: dict[str, Variant] = {
    "contrast": contrast,
    "hub": hub,
    "knn": knn,
    "rrf": rrf,
    "titles": titles,
    "late": late,
    "soft": soft,
}


class Scorer:
    """The default's index and what the chosen groups need beside it, for one data set."""

    def __init__(self, items: list[Item], weights: Weights, groups: list[str]) -> None:
        import numpy as np

        encoder = default_encoder()
        self.index = FitIndex.build(items, encoder, weights)
        self.extra: dict[str, FitIndex] = {}
        if "rrf" in groups:
            self.extra["lexical"] = FitIndex.build(items, None, weights)
            self.extra["semantic"] = FitIndex.build(items, encoder, replace(weights, semantic=1.0))
        if "titles" in groups:
            bare = [replace(i, description="") if i.is_place else i for i in items]
            self.extra["titles"] = FitIndex.build(bare, encoder, weights)
        if "contrast" in groups:
            for how, gamma in CONTRASTS:
                changed = FitIndex.build(items, encoder, weights)
                contrasted(changed, how, gamma)
                self.extra[f"{how}{gamma}"] = changed
        self.ctx: dict[str, Any] = {}
        if "hub" in groups:
            probes = np.stack([self.index.scores(p).places for p in PROBES])
            probes = np.where(np.isfinite(probes), probes, 0.0)
            self.ctx |= {"probes": probes, "mu": probes.mean(0), "sd": probes.std(0) + 1e-3}
        if "late" in groups:
            import fit_tokens

            self.tokens = fit_tokens.TokenVectors(encoder)
            self.place_slots = np.asarray([self.index.slot[i.id] for i in items if i.is_place])
            texts = [i.text for i in items if i.is_place]
            self.late_places = fit_tokens.Places(self.tokens.of(texts))
        links = [
            (self.index.slot[p], self.index.slot[i.id])
            for i in items
            if not i.is_place
            for p in i.parents
            if p in self.index.slot
        ]
        self.ctx["ups"] = np.asarray([u for u, _ in links], dtype=int)
        self.ctx["downs"] = np.asarray([d for _, d in links], dtype=int)

    def scores(self, text: str, groups: list[str], leaf: Item | None = None) -> dict[str, Any]:
        """Every variant's place scores for `text` (with `leaf` held out of every index)."""
        indexes = [self.index, *self.extra.values()]
        if leaf is not None:
            for index in indexes:
                index.remove(leaf.id)
        found = self.index.scores(text)
        total, own = found.places, found.own
        ctx = dict(self.ctx) | {name: ix.scores(text).places for name, ix in self.extra.items()}
        if leaf is not None:
            for index in indexes:
                index.add(leaf)
        if "late" in groups:
            import numpy as np

            query = self.tokens.of([text])[0]
            ctx["late"] = []
            for found in self.late_places.scores(query):
                full = np.zeros_like(total)
                full[self.place_slots] = found
                ctx["late"].append(full)
        out = {"base": total}
        for group in groups:
            out |= GROUPS[group](total, own, ctx)
        return out


def metric_items(path: Any) -> list[Item]:
    """A small map's items with each goal's metric name at the end of its description."""
    from backmap.store import load

    ws = load(path)
    items = fit_eval.small_map_items(path)
    out = []
    for item in items:
        metric = getattr(ws.get(item.id), "metric", None)
        if metric is not None:
            text = f"{item.description} {metric.name}.".strip()
            item = replace(item, description=text)
        out.append(item)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--group", action="append", choices=sorted(GROUPS))
    parser.add_argument("--base", choices=("before", "default"), default="before")
    parser.add_argument("--worst-case", action="store_true")
    parser.add_argument("--no-hierarchies", action="store_true")
    parser.add_argument(
        "--metrics", action="store_true", help="a goal's metric name joins its description"
    )
    args = parser.parse_args(argv)
    groups = args.group or ["knn"]
    weights = Weights() if args.base == "default" else Weights(neighbour_vote=0.0)
    ranks: dict[str, dict[str, list[int]]] = {}
    for path, ideas in fit_eval.evalsets.small_maps(split="train"):
        items = metric_items(path) if args.metrics else fit_eval.small_map_items(path)
        scorer = Scorer(items, weights, groups)
        for idea in (i for i in ideas if i.in_domain):
            for name, found in scorer.scores(idea.text, groups).items():
                right = [scorer.index.slot[g] for g in idea.goals]
                best = max(found[s] for s in right)
                others = sum(
                    1
                    for s in range(len(found))
                    if s not in right and found[s] > -float("inf") and found[s] >= best
                )
                ranks.setdefault("smallmaps", {}).setdefault(name, []).append(1 + others)
    files = [] if args.no_hierarchies else fit_eval.evalsets.hierarchies()
    for name, path in files:
        items = fit_quality.items_of(json.loads(path.read_text(encoding="utf-8")))
        scorer = Scorer(items, weights, groups)
        for leaf in (i for i in items if not i.is_place):
            for variant, found in scorer.scores(leaf.text, groups, leaf).items():
                best = max(float(found[scorer.index.slot[p]]) for p in leaf.parents)
                ranks.setdefault(name, {}).setdefault(variant, []).append(
                    int((found >= best).sum())
                )
    rows = [
        {"dataset": d, "method": m, "default": False, **fit_quality.summary(r), "queries": len(r)}
        for d, by in ranks.items()
        for m, r in by.items()
    ]
    names = list(ranks["smallmaps"])
    print(f"{'variant':<18}" + "".join(f"{d[:14]:>16}" for d in ranks))
    table = {(r["dataset"], r["method"]): r for r in rows}
    for m in names:
        cells = "".join(f"     {table[(d, m)]['r1']:.3f}/{table[(d, m)]['r3']:.3f}" for d in ranks)
        print(f"{m:<18}{cells}")
    if args.worst_case:
        for line in fit_eval.worst_case(rows):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
