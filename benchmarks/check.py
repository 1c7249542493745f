"""Time whole-process `backmap check` (and `status`) on generated maps against the targets.

Cold: BACKMAP_CACHE_DIR=off, so no run reads the near-duplicate results an earlier run kept
(speed.py times both cold and warm)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

# Run as `python benchmarks/check.py`: this folder is sys.path[0].
from foundation import Row, _runs, bench_process, markdown, parse_options
from generate import STANDARD_FILES, ensure_standard

CHECK_TARGETS = {10_000: 0.5, 100_000: 4.0}


def run_all(out: Path, sizes: Sequence[int], runs: int) -> list[Row]:
    maps = ensure_standard(out, sizes, STANDARD_FILES)
    rows: list[Row] = []
    for size in sizes:
        single, folder = maps[size]
        for path, files in ((single, 1), (folder, STANDARD_FILES)):
            print(f"check {path}", file=sys.stderr)
            row = bench_process(
                "check",
                ["check", "--map", str(path)],
                size,
                _runs(size, runs),
                CHECK_TARGETS.get(size),
            )
            row.files = files
            rows.append(row)
    for size in sizes:
        single, _ = maps[size]
        print(f"status {single}", file=sys.stderr)
        rows.append(
            bench_process("status", ["status", "--map", str(single)], size, _runs(size, runs), None)
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_options(__doc__, argv)
    os.environ["BACKMAP_CACHE_DIR"] = "off"  # every timed run does all the work
    rows = run_all(args.out, args.sizes, args.runs)
    print(json.dumps([asdict(r) for r in rows], indent=2) if args.json else markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
