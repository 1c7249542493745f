"""Timings of `backmap export` against the targets of issue 5, printed as a Markdown table.

Each case runs in a fresh Python process (so start-up and imports count, as for the CLI):
load the workspace, export, write the bytes. Until `backmap export` is wired into the CLI this
calls the API the command will call; the numbers differ only by argument parsing.

    python benchmarks/export.py                 # the standard cases, 3 runs each
    python benchmarks/export.py --runs 5 --system   # also the system `dot`, if installed
    python benchmarks/export.py --versus-check 10000,100000   # text exports against `check`

`--versus-check` runs the real `backmap check` and `backmap export -f json|dot|md|mermaid` on
the generator's standard maps and prints processor seconds (user + system), wall seconds, peak
memory and each export's time as a multiple of `check`'s (the target: JSON and DOT <= 2).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import ensure_standard, generate, write_workspace
from pathological import run

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"

SCRIPT = """
import sys
from pathlib import Path
from backmap import store
from backmap.render.export import ExportOptions, export, export_split
source, fmt, engine, split, out = sys.argv[1:6]
ws = store.load(Path(source))
options = ExportOptions(engine=engine)
if split == "1":
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    for name, data in export_split(ws, fmt, options).items():
        (target / name).write_bytes(data)
else:
    Path(out).write_bytes(export(ws, fmt, options))
"""


def synthetic(n: int) -> Path:
    path = OUT / f"export-{n}.yaml"
    if not path.is_file():
        write_workspace(generate(n, seed=0), path)
    return path


def timed(source: Path, fmt: str, engine: str, split: bool, runs: int) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / ("split" if split else f"out.{fmt}"))
        args = [sys.executable, "-c", SCRIPT, str(source), fmt, engine, "1" if split else "0", out]
        subprocess.run(args, check=True)  # warm-up: file cache, .pyc
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(args, check=True)
            times.append(time.perf_counter() - start)
    return times


def versus_check(sizes: list[int], runs: int) -> None:
    """Whole-process text exports against `check` on the same standard map."""
    commands = [("check",)] + [("export", "-f", f, "-o", "-") for f in ("json", "dot", "md")]
    commands.append(("export", "-f", "mermaid", "-o", "-"))
    print(
        "| nodes | command | runs | min cpu s | median cpu s | median wall s | peak MB | x check |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for size in sizes:
        single, _ = ensure_standard(OUT, [size], log=False)[size]
        base = None
        for command in commands:
            results = [run([*command, "--map", str(single)], 600.0) for _ in range(runs)]
            cpu = statistics.median(r.seconds for r in results)
            base = base or cpu
            label = " ".join(a for a in command if a not in ("-o", "-"))
            print(
                f"| {size:,} | {label} | {runs} | {min(r.seconds for r in results):.2f} "
                f"| {cpu:.2f} | {statistics.median(r.wall for r in results):.2f} "
                f"| {max(r.peak_mb for r in results):.0f} | {cpu / base:.1f} |",
                flush=True,
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--system", action="store_true", help="also time the system `dot`")
    parser.add_argument("--versus-check", metavar="SIZES", help="e.g. 10000,100000")
    args = parser.parse_args(argv)
    if args.versus_check:
        versus_check([int(s) for s in args.versus_check.split(",")], args.runs)
        return 0
    engines = ["pure", "system"] if args.system else ["pure"]
    cases: list[tuple[str, Path, str, bool, float | None]] = []
    for fmt in ("svg", "png", "pdf", "md"):
        cases.append(
            (f"maps/ideal-group.yaml {fmt}", ROOT / "maps/ideal-group.yaml", fmt, False, 1)
        )
    cases.append(("maps/org svg", ROOT / "maps/org", "svg", False, 1))
    cases.append(("1,000 nodes svg", synthetic(1000), "svg", False, 2))
    cases.append(("5,000 nodes split svg", synthetic(5000), "svg", True, 15))
    print("| case | engine | runs | min s | median s | target s | ok? |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for engine in engines:
        for name, source, fmt, split, target in cases:
            times = timed(source, fmt, engine, split, args.runs)
            median = statistics.median(times)
            ok = "" if target is None else ("yes" if median <= target else "NO")
            print(
                f"| {name} | {engine} | {len(times)} | {min(times):.2f} | {median:.2f} "
                f"| {target if target is not None else '-'} | {ok} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
