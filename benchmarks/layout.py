"""How readable a full SVG export is at 38 to 1,000 nodes: crossings, edges through boxes, shape.

For the example map (38 nodes) and generated maps of 60, 150, 400 and 1,000 nodes, a whole
`backmap export` process writes the SVG; `../shared/tools/svg_crossings.py` (skipped when it is
not there) counts edge crossings and edges that pass through a node box; the SVG's size gives the
aspect (width:height). Times are min and median of 3 runs of the whole process, wall clock and
processor (user + system of Python and the engine, which a busy machine disturbs less). The last
line is the peak memory of the largest process (Python or the Graphviz engine) for a 1,000-node PNG.

    python benchmarks/layout.py                 # all sizes, 3 runs
    python benchmarks/layout.py --sizes 38,150 --runs 1 --keep /tmp/pics   # keep the SVGs

Targets: crossings <= 5% of edges at 400 nodes; no edge through a node box; aspect between 1:3
and 3:1 up to 150 nodes; 1,000-node SVG <= 1.5 s; 1,000-node PNG <= 500 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate, write_workspace

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
EXAMPLE = ROOT / "maps" / "ideal-group.yaml"
CROSSINGS = ROOT.parent / "shared" / "tools" / "svg_crossings.py"
TODAY = "2027-01-15"
# Runs the child and prints the peak resident memory (kB) of the largest process it waited for.
PEAK = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def source(n: int) -> Path:
    if n == 38:
        return EXAMPLE
    path = OUT / f"layout-{n}.yaml"
    if not path.is_file():
        write_workspace(generate(n, seed=0), path)
    return path


def command(path: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "backmap", "export", "--map", str(path), "-o", str(out)]


def env() -> dict[str, str]:
    # The code of this checkout, whichever backmap is installed.
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(args: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall and processor seconds (user + system, the engine's included) of each run."""
    subprocess.run(args, check=True, env=env(), capture_output=True)  # warm-up: caches, .pyc
    wall, cpu = [], []
    for _ in range(runs):
        start, used = time.perf_counter(), _cpu()
        subprocess.run(args, check=True, env=env(), capture_output=True)
        wall.append(time.perf_counter() - start)
        cpu.append(_cpu() - used)
    return wall, cpu


def aspect(svg: Path) -> float:
    head = svg.read_text(encoding="utf-8")[:2000]
    found = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', head)
    if found is None:
        return float("nan")
    return float(found.group(1)) / float(found.group(2))


def counts(svg: Path) -> dict[str, int] | None:
    if not CROSSINGS.is_file():
        return None
    done = subprocess.run(
        [sys.executable, str(CROSSINGS), str(svg)], check=True, capture_output=True, text=True
    )
    result: dict[str, int] = json.loads(done.stdout.split(" ", 1)[1])
    return result


def peak_mb(path: Path, out: Path) -> float:
    args = [sys.executable, "-c", PEAK, *command(path, out)]
    done = subprocess.run(args, check=True, env=env(), capture_output=True, text=True)
    return int(done.stdout.split()[-1]) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="38,60,150,400,1000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="folder to keep the SVGs in")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        if not CROSSINGS.is_file():
            print(f"({CROSSINGS} not found: crossings are not counted)", file=sys.stderr)
        print(
            "| nodes | edges | crossings | % of edges | through boxes | w:h "
            "| min s | median s | median cpu s |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for n in sizes:
            path = source(n)
            svg = folder / f"layout-{n}.svg"
            times, cpu = timed([*command(path, svg), "--today", TODAY], args.runs)
            found = counts(svg)
            edges = crossed = through = "-"
            share = "-"
            if found is not None:
                edges, crossed = str(found["edges"]), str(found["crossings"])
                through = str(found["edges_through_nodes"])
                share = f"{100 * found['crossings'] / max(1, found['edges']):.1f}"
            print(
                f"| {n} | {edges} | {crossed} | {share} | {through} | {aspect(svg):.2f} "
                f"| {min(times):.2f} | {statistics.median(times):.2f} "
                f"| {statistics.median(cpu):.2f} |"
            )
        if 1000 in sizes:
            mb = peak_mb(source(1000), folder / "layout-1000.png")
            print(f"\npeak memory, 1,000-node PNG: {mb:.0f} MB (largest process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
