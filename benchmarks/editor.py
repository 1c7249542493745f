"""Time the editor on generated maps: first screen, cursor moves and edits (Textual headless)."""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from backmap import edits, store
from backmap.tui.app import BackmapApp
from backmap.tui.widgets.map_tree import MapTree
from generate import DEFAULT_OUT, STANDARD_FILES, ensure_standard, parse_sizes

TARGETS = {"first screen": 1.0, "cursor move": 0.05, "edit": 0.05}


async def measure(path: Path, moves: int, changes: int) -> dict[str, list[float]]:
    start = time.perf_counter()
    app = BackmapApp(store.load(path))
    out: dict[str, list[float]] = {"first screen": [], "cursor move": [], "edit": []}
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        out["first screen"].append(time.perf_counter() - start)
        tree = app.query_one(MapTree)
        tree.focus()
        for _ in range(moves):
            t = time.perf_counter()
            await pilot.press("down")
            out["cursor move"].append(time.perf_counter() - t)
        for i in range(changes):
            node_id = tree.current_id()
            assert node_id is not None
            t = time.perf_counter()
            app.apply(lambda n=node_id, i=i: edits.change(app.workspace, n, title=f"Renamed {i}"))
            await pilot.pause()
            out["edit"].append(time.perf_counter() - t)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=parse_sizes, default=[1_000, 10_000])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    maps = ensure_standard(args.out, args.sizes, STANDARD_FILES)
    print("| case | size | runs | median s | max s | target s | ok? |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for size in args.sizes:
        single, _ = maps[size]
        results = asyncio.run(measure(single, moves=20, changes=10))
        for case, times in results.items():
            median = statistics.median(times)
            target = TARGETS[case]
            ok = "yes" if median <= target else "NO"
            print(
                f"| {case} | {size:,} | {len(times)} | {median:.3f} | {max(times):.3f} | "
                f"{target} | {ok} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
