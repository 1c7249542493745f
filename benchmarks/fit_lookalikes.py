"""How close the nearest existing initiative comes to ideas that are not look-alikes.

For every idea of the small maps' train split (`benchmarks/evalsets.py`), the similarity of
the map's initiative most like it, by meaning and words (MiniLM) and by words only. Off-domain
ideas repeat nothing on their map, so where they stop is the floor under the "you may already
be doing this" cuts (fit.DUPLICATE, fit.LEXICAL_DUPLICATE). In-domain ideas are new ideas or
repeats; they are not labelled as either, so their rate above the cut is shown, not judged.

    python benchmarks/fit_lookalikes.py
"""

from __future__ import annotations

import statistics

import evalsets  # type: ignore[import-not-found]
from backmap.fit import DUPLICATE, FitIndex
from backmap.fit.answer import LEXICAL_DUPLICATE
from fit_eval import small_map_items


def nearest(split: str = "train") -> dict[str, dict[str, list[float]]]:
    """Per matching ("minilm", "words") and kind of idea ("in", "off"): the nearest
    initiative's similarity, one value per idea on a map with initiatives."""
    out: dict[str, dict[str, list[float]]] = {m: {"in": [], "off": []} for m in ("minilm", "words")}
    for path, ideas in evalsets.small_maps(split=split):
        items = small_map_items(path)
        initiatives = [i.id for i in items if i.kind == "initiative"]
        if not initiatives:
            continue
        for matching in out:
            index = FitIndex.build(items) if matching == "minilm" else FitIndex.build(items, None)
            for idea in ideas:
                own = index.scores(idea.text).own
                best = max(float(own[index.slot[i]]) for i in initiatives)
                out[matching]["in" if idea.goals else "off"].append(best)
    return out


def main() -> int:
    cuts = {"minilm": DUPLICATE, "words": LEXICAL_DUPLICATE}
    print("| matching | ideas | nearest initiative: highest / 97.5th pct | at or above the cut |")
    print("|---|---|---|---|")
    for matching, groups in nearest().items():
        for kind, values in groups.items():
            values.sort()
            q = statistics.quantiles(values, n=40)[-1]
            above = sum(v >= cuts[matching] for v in values)
            print(
                f"| {matching} (cut {cuts[matching]}) | {kind}-domain, {len(values)} "
                f"| {values[-1]:.3f} / {q:.3f} | {above} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
