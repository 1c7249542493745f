"""Time keeping the editor's recovery file after an edit: UI-thread cost before and after."""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from backmap import edits, store
from backmap.model import Workspace
from backmap.store.disk import write_atomic
from generate import DEFAULT_OUT, STANDARD_FILES, ensure_standard, parse_sizes


def on_ui_thread_before(ws: Workspace) -> None:
    """What the editor did on its UI thread every 3 s up to this change: render, then write."""
    texts = {path: store.dumps(ws, path) for path in store.pending(ws)}
    data = {
        "saved_at": time.time(),
        "root": str(ws.root),
        "files": {str(p): t for p, t in texts.items()},
    }
    write_atomic(store.recovery_path(ws.root), json.dumps(data, indent=1).encode("utf-8"))


def timed(ws: Workspace, edits_count: int, step: Callable[[Workspace], object]) -> list[float]:
    """Apply edits one by one; time `step` after each (the work that follows an edit)."""
    history = edits.History(ws)
    node_ids = [n.id for n in ws.nodes()][:: max(1, len(ws) // edits_count)][:edits_count]
    times = []
    for i, node_id in enumerate(node_ids):
        history.do(edits.change(ws, node_id, title=f"Renamed {i}"))
        start = time.perf_counter()
        step(ws)
        times.append(time.perf_counter() - start)
    return times


def measure(path: Path, edits_count: int) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory() as tmp:
        # A copy, so no recovery file is left beside the shared benchmark maps.
        target = Path(tmp) / path.name
        (shutil.copytree if path.is_dir() else shutil.copy)(path, target)
        snaps: list[store.Snapshot] = []
        return {
            "before: render + write on the UI thread": timed(
                store.load(target), edits_count, on_ui_thread_before
            ),
            "after: snapshot on the UI thread": timed(
                store.load(target), edits_count, lambda ws: snaps.append(store.snapshot(ws))
            ),
            # One writer for the session, as in the editor: unchanged files are not rendered again.
            "after: render + write in the worker": _each(snaps, store.RecoveryWriter().write),
        }


def _each(snaps: list[store.Snapshot], write: Callable[[store.Snapshot], object]) -> list[float]:
    times = []
    for snap in snaps:
        start = time.perf_counter()
        write(snap)
        times.append(time.perf_counter() - start)
    return times


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=parse_sizes, default=[1_000, 10_000])
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    maps = ensure_standard(args.out, args.sizes, STANDARD_FILES)
    print("| map | nodes | step after each edit | edits | median ms | max ms |")
    print("| --- | --- | --- | --- | --- | --- |")
    for size in args.sizes:
        for label, path in zip(("one file", f"{STANDARD_FILES} files"), maps[size], strict=True):
            for case, times in measure(path, args.edits).items():
                print(
                    f"| {label} | {size:,} | {case} | {len(times)} | "
                    f"{statistics.median(times) * 1000:.1f} | {max(times) * 1000:.1f} |"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
