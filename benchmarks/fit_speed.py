"""Speed of `backmap fit`: model load, index build, warm query, edits, whole cold process.

Each row gives wall and processor time (all threads of the process, or of the child process),
min and median over the runs: on a loaded machine wall time mostly measures the load, while
processor time is what the work costs. Vectors go to a temporary cache folder
(BACKMAP_CACHE_DIR), so "cold cache" means nothing encoded yet and "warm cache" means every
text was encoded by an earlier process. The last lines describe the map's texts (count,
tokens each) and what one text costs to encode."""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


@dataclass(frozen=True)
class Times:
    """Wall seconds and processor seconds, one of each per run (processor may be empty)."""

    walls: list[float]
    cpus: list[float]


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    label: str
    times: Times


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


def timed(work: Callable[[], object], runs: int, setup: Callable[[], Any] = lambda: None) -> Times:
    """Wall and processor time of `work` (after an untimed `setup`), `runs` times."""
    walls, cpus = [], []
    for _ in range(runs):
        setup()
        c, t = time.process_time(), time.perf_counter()
        work()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return Times(walls, cpus)


def child_cpu() -> float:
    """Processor seconds used so far by finished child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def fresh() -> Any:
    """A new encoder (empty in-process memo, session already loaded): disk cache only."""
    enc = minilm_encoder()
    if enc is not None:
        enc._load()
    return enc


def token_counts(encoder: Any, texts: list[str]) -> list[int]:
    """How many WordPiece tokens (with [CLS] and [SEP]) each text has."""
    _, tokenizer = encoder._load()
    return [sum(e.attention_mask) for e in tokenizer.encode_batch(texts)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold-runs", type=int, default=None, help="default: --runs")
    args = parser.parse_args(argv)
    runs = args.runs
    cold_runs = args.cold_runs or runs

    os.environ["BACKMAP_CACHE_DIR"] = tempfile.mkdtemp(prefix="backmap-speed-")
    rows: list[Row] = []
    holder: dict[str, Any] = {}
    load = timed(lambda: holder.update(encoder=default_encoder()), 1)
    encoder = holder["encoder"]
    if encoder is not None and hasattr(encoder, "_load"):
        more = timed(encoder._load, 1)
        load = Times([load.walls[0] + more.walls[0]], [load.cpus[0] + more.cpus[0]])
    rows.append(Row(f"load model ({encoder.name if encoder else 'none'})", load))
    batch = items(args.size)
    texts = [i.text for i in batch]

    if encoder is not None:

        def cold_cache() -> None:
            os.environ["BACKMAP_CACHE_DIR"] = tempfile.mkdtemp(prefix="backmap-speed-")
            holder["enc"] = fresh()

        cold = timed(lambda: FitIndex.build(batch, encoder=holder["enc"]), cold_runs, cold_cache)
        rows.append(Row(f"build {args.size} nodes, fused, cold cache (encodes all)", cold))
    for label, make in (("fused", fresh), ("lexical only", lambda: None)):
        if label == "fused" and encoder is None:
            continue
        rows += index_rows(label, make, batch, runs)
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
            walls, cpus, inner = [], [], []
            count = 1 if "cold cache" in label else runs
            if label == "fused, warm cache":  # an earlier process encoded the map
                subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
            for _ in range(count):
                c, t = child_cpu(), time.perf_counter()
                out = subprocess.run(
                    [sys.executable, "-c", code],
                    capture_output=True,
                    text=True,
                    check=True,
                    env={**os.environ, **env},
                ).stdout
                walls.append(time.perf_counter() - t)
                cpus.append(child_cpu() - c)
                inner.append(float(out))
            rows.append(
                Row(f"whole process {name}: load + fit + nearby, {label}", Times(walls, cpus))
            )
            rows.append(Row("  of which inside Python after start-up (wall)", Times(inner, [])))
    print(table(rows))
    if encoder is not None and hasattr(encoder, "_load"):
        print()
        print(texts_profile(encoder, texts, statistics.median(cold.cpus) if cold.cpus else 0.0))
    return 0


def index_rows(label: str, make: Callable[[], Any], batch: list[Item], runs: int) -> list[Row]:
    """Build the index `runs` times with encoders from `make`, then time queries and edits."""
    holder: dict[str, Any] = {}
    build = timed(
        lambda: holder.update(index=FitIndex.build(batch, encoder=holder["enc"])),
        runs,
        lambda: holder.update(enc=make()),
    )
    index: FitIndex = holder["index"]
    warm = ", warm cache" if label == "fused" else ""
    rows: list[Row] = [Row(f"build {len(batch)} nodes, {label}{warm}", build)]
    # The first query derives what the build leaves lazy (mixed vectors, wording map, cut).
    first = timed(lambda: fit(index, QUERIES[0]), 1)
    rows.append(Row(f"first fit() after the build, {label}", first))
    memo = getattr(index.encoder, "_memo", None)
    # Every query is encoded, as a new text would be.
    forget = memo.clear if memo is not None else lambda: None
    queries = [timed(lambda q=q: fit(index, q), 1, forget) for _ in range(runs) for q in QUERIES]
    walls = sorted(w for q in queries for w in q.walls)
    rows.append(Row(f"warm fit(), {label}", Times(walls, [c for q in queries for c in q.cpus])))
    p95 = walls[int(0.95 * (len(walls) - 1))]
    rows.append(Row(f"  p95 wall {p95 * 1000:.1f} ms", Times([], [])))

    def edit(item: Item) -> None:
        index.remove(item.id)
        index.add(item)
        fit(index, QUERIES[1])

    edits = [timed(lambda item=item: edit(item), 1) for item in batch[-20:]]
    walls_cpus = Times([w for e in edits for w in e.walls], [c for e in edits for c in e.cpus])
    rows.append(Row(f"remove + add + fit, {label}", walls_cpus))
    return rows


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table: wall and processor time, min and median, in ms."""

    def cell(values: list[float], pick: Callable[[list[float]], float]) -> str:
        return f"{pick(values) * 1000:.1f}" if values else ""

    lines = [
        "| what | runs | wall min ms | wall median ms | cpu min ms | cpu median ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        walls, cpus = row.times.walls, row.times.cpus
        cells = [cell(walls, min), cell(walls, statistics.median)]
        cells += [cell(cpus, min), cell(cpus, statistics.median)]
        lines.append(f"| {row.label} | {len(walls) or ''} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def texts_profile(encoder: Any, texts: list[str], cold_cpu: float) -> str:
    """The generated map's texts: how many, how many tokens, what one costs to encode."""
    tokens = sorted(token_counts(encoder, texts))
    unique = len(set(texts))

    def pct(p: float) -> int:
        return tokens[min(len(tokens) - 1, int(p * len(tokens)))]

    return (
        f"texts: {len(texts)} ({unique} distinct); tokens each (with [CLS], [SEP]): "
        f"p10 {pct(0.1)}, median {pct(0.5)}, p90 {pct(0.9)}, p99 {pct(0.99)}, max {tokens[-1]}; "
        f"mean {sum(tokens) / len(tokens):.1f}\n"
        f"cold build processor time per distinct text: {cold_cpu / max(unique, 1) * 1000:.2f} ms "
        f"({cold_cpu / max(sum(tokens), 1) * 1e6:.0f} us per token)"
    )


if __name__ == "__main__":
    sys.exit(main())
