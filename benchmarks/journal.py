"""Time a whole-process `backmap set` on generated maps with the undo journal on and off."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

# Run as `python benchmarks/journal.py`: this folder is sys.path[0].
from foundation import Row, backmap_command, markdown, parse_options
from generate import STANDARD_FILES, ensure_standard


def first_id(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("  - id: "):
            return line.split(": ", 1)[1].strip()
    raise SystemExit(f"no node in {path}")


def bench_set(single: Path, size: int, runs: int, journal: bool) -> Row:
    """`set ID --owner` alternating two owners, so every run is a real edit that writes."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / single.name
        shutil.copy(single, path)
        state = Path(tmp) / "state"
        env = {**os.environ, "BACKMAP_STATE_DIR": str(state) if journal else "off"}
        node = first_id(path)
        times: list[float] = []
        for run in range(runs):
            owner = "bench-a" if run % 2 else "bench-b"
            start = time.perf_counter()
            done = subprocess.run(
                [*backmap_command(), "set", node, "--owner", owner, "--map", str(path)],
                capture_output=True,
                text=True,
                env=env,
                check=False,
            )
            times.append(time.perf_counter() - start)
            if done.returncode:
                return Row(f"set, journal {'on' if journal else 'off'}", size, 1, error=done.stderr)
        size_note = None
        if journal:
            kept = sum(p.stat().st_size for p in state.rglob("*.json"))
            size_note = f"journal {kept} bytes after {runs} edits"
    return Row(
        f"set, journal {'on' if journal else 'off'}",
        size,
        1,
        runs=runs,
        min_s=min(times),
        median_s=statistics.median(times),
        note=size_note,
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_options(__doc__, argv)
    maps = ensure_standard(args.out, args.sizes, STANDARD_FILES)
    rows = []
    for size in args.sizes:
        single, _ = maps[size]
        for journal in (False, True):
            print(f"set {single} journal={journal}", file=sys.stderr)
            rows.append(bench_set(single, size, args.runs, journal))
    print(json.dumps([asdict(r) for r in rows], indent=2) if args.json else markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
