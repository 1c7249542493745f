"""Timings of `backmap import` and `export -f opml|mm|csv|xlsx` on the 10k-node standard map.

Prints a Markdown table: in-process medians (read + plan for import, the writer for export),
and a whole `backmap import` process that writes the map. Targets: import of a 10k-row CSV or
a 10k-node OPML <= 2 s, export <= 1 s.

    python benchmarks/import_export.py              # 3 runs each
    python benchmarks/import_export.py --runs 5 --size 1000
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from backmap import collector, store
from backmap.importing import read
from backmap.importing.build import plan
from backmap.model import Workspace
from backmap.render.export import export
from generate import ensure_standard

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
TARGETS = {"import": 2.0, "export": 1.0}
"""For CSV and OPML; mind maps and XLSX are reported only."""
LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        b' <!ENTITY lol%d "%s">\n'
        % (i, b"".join(b"&lol%s;" % (b"" if i == 1 else b"%d" % (i - 1)) for _ in range(10)))
        for i in range(1, 10)
    )
    + b']>\n<opml version="2.0"><body><outline text="&lol9;"/></body></opml>\n'
)


def timed(action: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", type=int, default=10_000)
    args = parser.parse_args(argv)
    single, _ = ensure_standard(OUT, [args.size], log=False)[args.size]
    ws = store.load(single)
    rows: list[tuple[str, str, float, float, float | None]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("csv", "opml", "mm", "xlsx"):
            best, median = timed(lambda fmt=fmt: export(ws, fmt), args.runs)
            aimed = fmt in ("csv", "opml")
            target = TARGETS["export"] if aimed else None
            rows.append((f"export -f {fmt}", f"{len(ws)} nodes", best, median, target))
            path = Path(tmp) / f"map.{fmt}"
            path.write_bytes(export(ws, fmt))

            def imported(path: Path = path, fmt: str = fmt) -> None:
                with collector.paused():  # as every one-shot command runs
                    outline = read(path, fmt, path.read_bytes())
                    result = plan(outline, Workspace(Path(tmp) / "n.yaml"))
                assert not result.problems and len(result.nodes) == len(ws), result.problems[:3]

            best, median = timed(imported, args.runs)
            rows.append(
                (
                    f"import {fmt} (read + plan)",
                    f"{len(ws)} rows",
                    best,
                    median,
                    TARGETS["import"] if aimed else None,
                )
            )
        for fmt in ("csv", "opml"):
            source = Path(tmp) / f"map.{fmt}"

            def whole(source: Path = source) -> None:
                target = source.with_suffix(".yaml")
                target.unlink(missing_ok=True)
                subprocess.run(
                    [sys.executable, "-m", "backmap", "import", str(source), "--into", str(target)],
                    check=True,
                    capture_output=True,
                    env={"BACKMAP_STATE_DIR": "off", "PATH": "", "PYTHONPATH": str(ROOT / "src")},
                )

            best, median = timed(whole, args.runs)
            rows.append(
                (
                    f"backmap import {fmt} (process, writes)",
                    f"{len(ws)} rows",
                    best,
                    median,
                    TARGETS["import"],
                )
            )
    best, median = timed(lambda: read(Path("laughs.opml"), "opml", LAUGHS), args.runs)
    rows.append(("billion laughs refused", f"{len(LAUGHS)} bytes", best, median, None))
    print("| case | size | min s | median s | target s | ok? |")
    print("| --- | --- | ---: | ---: | ---: | --- |")
    for case, size, best, median, target in rows:
        ok = "" if target is None else "yes" if median <= target else "NO"
        shown = "" if target is None else f"{target:.1f}"
        print(f"| {case} | {size} | {best:.3f} | {median:.3f} | {shown} | {ok} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
