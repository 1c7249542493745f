"""Speed of `backmap fit`: model load, index build, warm query, edits, whole cold process.

Vectors go to a temporary cache folder (BACKMAP_CACHE_DIR), so "cold cache" means nothing
encoded yet and "warm cache" means every text was encoded by an earlier process."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from backmap.fit import FitIndex, Item, default_encoder, fit, minilm_encoder
from generate import generate

ROOT = Path(__file__).resolve().parents[1]
QUERIES = (
    "schedule Slack messages for the next morning",
    "automate the weekly release checklist",
    "reduce customer churn with better onboarding",
    "publish monthly security dashboards",
    "pair new engineers with a mentor",
)
COLD = """
import time; t = time.perf_counter()
from pathlib import Path
from backmap.store import load
from backmap.fit import index_workspace, fit, nearby
ws = load(Path({path!r}))
index = index_workspace(ws)
answer = fit(index, {query!r})
if answer.places:
    nearby(index, {query!r}, answer.places[0].id)
print(time.perf_counter() - t)
"""


def items(n: int) -> list[Item]:
    """A generated n-node map as fit items."""
    return [
        Item(
            d["id"],
            d["title"],
            d["kind"],
            d.get("description", ""),
            tuple(d.get("supports", ())),
            d.get("owner"),
        )
        for d in generate(n)
    ]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    os.environ["BACKMAP_CACHE_DIR"] = tempfile.mkdtemp(prefix="backmap-speed-")
    rows: list[tuple[str, str]] = []
    t = time.perf_counter()
    encoder = default_encoder()
    if encoder is not None and hasattr(encoder, "_load"):
        encoder._load()
    rows.append(
        (f"load model ({encoder.name if encoder else 'none'})", ms(time.perf_counter() - t))
    )
    batch = items(args.size)

    def fresh() -> object:
        """A new encoder (empty in-process memo, session already loaded): disk cache only."""
        enc = minilm_encoder()
        if enc is not None:
            enc._load()
        return enc

    if encoder is not None:
        t = time.perf_counter()
        FitIndex.build(batch, encoder=fresh())  # type: ignore[arg-type]
        rows.append(
            (
                f"build {args.size} nodes, fused, cold cache (encodes all)",
                ms(time.perf_counter() - t),
            )
        )
    for label, make in (("fused", fresh), ("lexical only", lambda: None)):
        if label == "fused" and encoder is None:
            continue
        builds = []
        for _ in range(args.runs):
            enc = make()
            t = time.perf_counter()
            index = FitIndex.build(batch, encoder=enc)  # type: ignore[arg-type]
            builds.append(time.perf_counter() - t)
        warm = ", warm cache" if label == "fused" else ""
        rows.append(
            (f"build {args.size} nodes, {label}{warm} (median)", ms(statistics.median(builds)))
        )
        # The first query derives what the build leaves lazy (mixed vectors, wording map).
        t = time.perf_counter()
        fit(index, QUERIES[0])
        rows.append((f"first fit() after the build, {label}", ms(time.perf_counter() - t)))
        times = []
        for _ in range(args.runs):
            for q in QUERIES:
                memo = getattr(index.encoder, "_memo", None)
                if memo is not None:
                    memo.clear()  # every query is encoded, as a new text would be
                t = time.perf_counter()
                fit(index, q)
                times.append(time.perf_counter() - t)
        times.sort()
        rows.append((f"warm fit(), {label} (median)", ms(statistics.median(times))))
        rows.append((f"warm fit(), {label} (p95)", ms(times[int(0.95 * (len(times) - 1))])))
        edits = []
        for item in batch[-20:]:
            t = time.perf_counter()
            index.remove(item.id)
            index.add(item)
            fit(index, QUERIES[1])
            edits.append(time.perf_counter() - t)
        rows.append((f"remove + add + fit, {label} (median)", ms(statistics.median(edits))))
    for path in (ROOT / "maps" / "ideal-group.yaml", ROOT / "maps"):
        code = COLD.format(path=str(path), query=QUERIES[0])
        name = path.relative_to(ROOT)
        for label, env in (
            ("fused, cold cache", {"BACKMAP_CACHE_DIR": tempfile.mkdtemp(prefix="backmap-cold-")}),
            ("fused, warm cache", {}),
            ("lexical", {"BACKMAP_FIT_ENCODER": "lexical"}),
        ):
            if label.startswith("fused") and encoder is None:
                continue
            walls, inner = [], []
            runs = 1 if "cold cache" in label else args.runs
            if label == "fused, warm cache":  # an earlier process encoded the map
                subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
            for _ in range(runs):
                t = time.perf_counter()
                out = subprocess.run(
                    [sys.executable, "-c", code],
                    capture_output=True,
                    text=True,
                    check=True,
                    env={**os.environ, **env},
                ).stdout
                walls.append(time.perf_counter() - t)
                inner.append(float(out))
            rows.append(
                (f"cold process {name}: load + fit + nearby, {label}", ms(statistics.median(walls)))
            )
            rows.append(("  of which inside Python after start-up", ms(statistics.median(inner))))
    width = max(len(r[0]) for r in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
