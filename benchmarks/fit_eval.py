"""Small maps, worst-case choice and calibration for benchmarks/fit_quality.py.

The small maps and their labelled ideas come from `benchmarks/evalsets.py` (absent: these
parts are skipped). Only the `train` split is used to tune or calibrate; `--split test` reads
the frozen test split, for the final measurement only.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backmap.fit import FitIndex, Item, fit, items_of

try:  # benchmarks/evalsets.py: the evaluation sets, when this checkout has them
    import evalsets  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - an older checkout: small maps are skipped
    evalsets = None

Build = Callable[[list[Item]], FitIndex]


def small_map_items(path: Path) -> list[Item]:
    """A small map's nodes as fit items, read by backmap's own loader."""
    from backmap.store import load

    return items_of(load(path))


@dataclass(frozen=True)
class Answer:
    """What `backmap fit` answered for one labelled idea on its small map."""

    idea: Any
    """The labelled idea (evalsets.Idea)."""
    scores: dict[str, float]
    """Each place's score."""
    nothing_fits: bool
    best: float
    """The best place's score."""
    strength: str
    """The answer's strength in words (strong, plausible, weak, none)."""


def small_map_answers(build: Build, split: str) -> dict[str, list[Answer]]:
    """Per map: (idea, score per place, answered "nothing fits", best score, the answer's
    strength) for each idea."""
    out: dict[str, list[Answer]] = {}
    if evalsets is None:
        return out
    for path, ideas in evalsets.small_maps(split=split):
        index = build(small_map_items(path))
        rows = []
        for idea in ideas:
            ranked = index.rank(idea.text)
            answer = fit(index, idea.text, top=1)
            best = ranked[0][1] if ranked else 0.0
            rows.append(Answer(idea, dict(ranked), not answer.fits, best, answer.strength))
        out[path.stem] = rows
    return out


def small_map_rows(method: str, default: bool, build: Build, split: str) -> list[dict[str, Any]]:
    """Rows in fit_quality's format for every small map and for all of them pooled, with the
    in-domain "nothing fits" rate and the off-domain rejection rate."""
    answers = small_map_answers(build, split)
    rows = []
    pooled: list[Answer] = []
    for name, found in [*sorted(answers.items()), ("all", None)]:
        full = pooled if found is None else found
        if found is not None:
            pooled += found
        if not full:
            continue
        triples = [(a.idea, a.scores, a.nothing_fits) for a in full]
        # "Flagged": the answer says nothing fits, or that the best is only a weak match and
        # a goal may be missing.
        weak_in = [a.strength in ("weak", "none") for a in full if a.idea.in_domain]
        weak_off = [a.strength in ("weak", "none") for a in full if not a.idea.in_domain]
        m = evalsets.small_map_metrics(triples)
        ranks = [evalsets.rank_of(i, s) for i, s, _ in triples if i.in_domain]
        mrr = sum(1 / r for r in ranks if r) / max(len(ranks), 1)
        rows.append(
            {
                "dataset": f"smallmaps-{split}/{name}",
                "method": method,
                "default": default,
                "r1": round(m["top1"], 3),
                "r3": round(m["top3"], 3),
                "mrr": round(mrr, 3),
                "queries": m["in_domain"],
                "nothing_fits": round(m["nothing_fits"], 3),
                "off_domain_rejected": round(m["off_domain_rejected"], 3),
                "off_domain": m["off_domain"],
                "in_domain_flagged": round(sum(weak_in) / max(len(weak_in), 1), 3),
                "off_domain_flagged": round(sum(weak_off) / max(len(weak_off), 1), 3),
            }
        )
    return rows


def worst_case(rows: list[dict[str, Any]]) -> list[str]:
    """Leave-one-dataset-out: for each set, the method with the best mean recall@3 (then
    recall@1) on all the other sets, scored on the one left out; then the worst and the mean.
    Small maps count as one set (their pooled train row)."""
    sets = sorted(
        {r["dataset"] for r in rows if "/" not in r["dataset"] or r["dataset"].endswith("/all")}
    )
    table = {(r["dataset"], r["method"]): r for r in rows}
    methods = sorted({r["method"] for r in rows})
    full = [m for m in methods if all((s, m) in table for s in sets)]
    lines = ["left out                      chosen on the rest            R@1    R@3"]
    picked = []
    for out in sets:
        rest = [s for s in sets if s != out]

        def merit(m: str, rest: list[str] = rest) -> tuple[float, float]:
            return (
                statistics.mean(table[(s, m)]["r3"] for s in rest),
                statistics.mean(table[(s, m)]["r1"] for s in rest),
            )

        best = max(full, key=merit)
        row = table[(out, best)]
        picked.append(row)
        lines.append(f"{out:<29} {best:<29} {row['r1']:.3f}  {row['r3']:.3f}")
    if picked:
        worst = min(picked, key=lambda r: (r["r3"], r["r1"]))
        lines.append(
            f"worst: {worst['dataset']} R@1 {worst['r1']:.3f} R@3 {worst['r3']:.3f}; mean "
            f"R@1 {statistics.mean(r['r1'] for r in picked):.3f} "
            f"R@3 {statistics.mean(r['r3'] for r in picked):.3f}"
        )
    for m in full:
        r3 = [table[(s, m)]["r3"] for s in sets]
        r1 = [table[(s, m)]["r1"] for s in sets]
        lines.append(
            f"{m:<29} worst R@3 {min(r3):.3f} mean R@3 {statistics.mean(r3):.3f} "
            f"worst R@1 {min(r1):.3f} mean R@1 {statistics.mean(r1):.3f}"
        )
    return lines


def cut_keeping(scores: list[float], share: float) -> float:
    """The highest cut that keeps at least `share` of these scores at or above it."""
    ordered = sorted(scores)
    return ordered[int((1 - share) * len(ordered))] if ordered else 0.0


def cut_rejecting(scores: list[float], share: float) -> float:
    """The lowest cut that at least `share` of these scores fall below."""
    ordered = sorted(scores)
    if not ordered:
        return 0.0
    return ordered[min(int(share * len(ordered)), len(ordered) - 1)] + 1e-4


def report_cuts(groups: dict[str, tuple[list[float], list[float]]]) -> list[str]:
    """For each group of (in-domain, off-domain) best scores: what each cut keeps and rejects,
    and the cuts these rules give (95% kept; balanced optimum; 97.5% of unrelated below)."""
    lines = []
    for name, (pos, neg) in groups.items():
        if not pos or not neg:
            continue
        cuts = sorted(set(round(x, 3) for x in pos + neg))
        balanced = max(
            cuts,
            key=lambda c: sum(p >= c for p in pos) / len(pos) + sum(q < c for q in neg) / len(neg),
        )
        lines.append(
            f"{name}: keep-95% {cut_keeping(pos, 0.95):.3f}  balanced {balanced:.3f}  "
            f"reject-97.5% {cut_rejecting(neg, 0.975):.3f}   ({len(pos)} in / {len(neg)} off)"
        )
    return lines


def rates(pos: list[float], neg: list[float], cut: float) -> tuple[float, float]:
    """(share of in-domain below the cut, share of off-domain below it)."""
    return (
        sum(p < cut for p in pos) / max(len(pos), 1),
        sum(q < cut for q in neg) / max(len(neg), 1),
    )
