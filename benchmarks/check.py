"""Time whole-process `backmap check` (and `status`) on generated maps against the targets."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

# Run as `python benchmarks/check.py`: this folder is sys.path[0].
from foundation import Row, _runs, bench_process, markdown
from generate import DEFAULT_OUT, STANDARD_FILES, STANDARD_SIZES, ensure_standard, parse_sizes

CHECK_TARGETS = {10_000: 0.6, 100_000: 6.0}


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
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per case (at most 3 for 100k)")
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=list(STANDARD_SIZES),
        help="comma-separated map sizes (default: 1000,10000,100000)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the maps are kept")
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    args = parser.parse_args(argv)
    rows = run_all(args.out, args.sizes, args.runs)
    print(json.dumps([asdict(r) for r in rows], indent=2) if args.json else markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
