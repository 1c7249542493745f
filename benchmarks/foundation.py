"""Time backmap's foundation (load, dumps, save, fmt --check, --help) against its targets."""

from __future__ import annotations

import argparse
import gc
import importlib
import inspect
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

# Run as `python benchmarks/foundation.py`, so this folder is sys.path[0] and generate.py
# imports as a top-level module.
from generate import DEFAULT_OUT, STANDARD_FILES, STANDARD_SIZES, ensure_standard, parse_sizes

# Targets in seconds, judged on the median; sizes without an entry are reported only.
LOAD_TARGETS = {10_000: 0.15, 100_000: 2.0}
FMT_TARGETS = {10_000: 0.6}
HELP_TARGET = 0.25
BIG = 100_000  # maps this large get at most 3 runs per case


@dataclass
class Row:
    """One line of the results table."""

    case: str
    size: int | None
    files: int | None
    runs: int = 0
    min_s: float | None = None
    median_s: float | None = None
    target_s: float | None = None
    ok: bool | None = None
    error: str | None = None
    note: str | None = None


def _short(exc: BaseException | str, limit: int = 300) -> str:
    text = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _time(fn: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        # Collect first so garbage from the previous run is not swept up inside this one.
        gc.collect()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
        # Freeing a large workspace takes a while; keep that outside the timed part.
        del result
    return times


def _row(
    case: str,
    size: int | None,
    files: int | None,
    runs: int,
    fn: Callable[[], object],
    target: float | None = None,
) -> Row:
    """Time `fn`, turning any failure into an 'n/a' row rather than stopping the benchmark."""
    row = Row(case, size, files, target_s=target)
    try:
        times = _time(fn, runs)
    except Exception as exc:
        row.error = _short(exc)
        return row
    row.runs, row.min_s, row.median_s = len(times), min(times), statistics.median(times)
    if target is not None:
        row.ok = row.median_s <= target
    return row


def _store() -> Any:
    return importlib.import_module("backmap.store")


def _dump_all(store: Any, workspace: Any) -> dict[Path, str]:
    """The canonical text of every file, whichever form store.dumps takes."""
    params = inspect.signature(store.dumps).parameters.values()
    positional = [
        p
        for p in params
        if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    texts = {}
    for path, mapfile in workspace.files.items():
        out = store.dumps(workspace, path) if len(positional) == 2 else store.dumps(mapfile)
        texts[path] = out[0] if isinstance(out, tuple) else out
    return texts


def _error_row(case: str, size: int | None, files: int | None, exc: BaseException) -> Row:
    return Row(case, size, files, error=_short(exc))


def bench_load(path: Path, size: int, files: int, runs: int) -> Row:
    case = "load + validate"
    try:
        load = _store().load
    except Exception as exc:
        return _error_row(case, size, files, exc)
    return _row(case, size, files, runs, lambda: load(path), LOAD_TARGETS.get(size))


def bench_dumps(path: Path, size: int, files: int, runs: int) -> Row:
    case = "dumps all files"
    try:
        store = _store()
        workspace = store.load(path)
        texts = _dump_all(store, workspace)
    except Exception as exc:
        return _error_row(case, size, files, exc)
    row = _row(case, size, files, runs, lambda: _dump_all(store, workspace))
    # The generator writes canonical text, so any difference is a bug on one side or the other.
    differ = [p for p, text in texts.items() if Path(p).read_text(encoding="utf-8") != text]
    if differ:
        row.note = f"{len(differ)} of {len(texts)} files differ from dumps, e.g. {differ[0]}"
    return row


def bench_save(path: Path, size: int, files: int, runs: int) -> Row:
    case = "save round trip"
    with tempfile.TemporaryDirectory(prefix="backmap-bench-") as tmp:
        copy = Path(tmp) / path.name
        if path.is_dir():
            shutil.copytree(path, copy)
        else:
            shutil.copy2(path, copy)
        try:
            store = _store()
            workspace = store.load(copy)
            node = next(iter(workspace.nodes()))
        except Exception as exc:
            return _error_row(case, size, files, exc)
        original = node.title
        written: list[int] = []
        edits = iter(range(1, runs + 1))

        # Each run edits one title, as a user would, so save has exactly one file to write.
        def run() -> object:
            node.title = f"{original} edit {next(edits)}"
            result = store.save(workspace, force=True)
            written.append(len(result))
            return result

        row = _row(case, size, files, runs, run)
        if written and set(written) != {1}:
            row.note = f"save wrote {sorted(set(written))} files per one-title edit"
        return row


def backmap_command() -> list[str]:
    """The installed `backmap` script beside this Python, else `python -m backmap`."""
    exe = Path(sys.executable).with_name("backmap")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "backmap"]


def bench_process(
    case: str, args: Sequence[str], size: int | None, runs: int, target: float | None
) -> Row:
    """Time a whole `backmap` process; a failing exit code is reported next to the timing."""
    command = [*backmap_command(), *args]
    codes: list[int] = []
    errors: list[str] = []

    def run() -> object:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        codes.append(done.returncode)
        if done.returncode:
            errors.append(done.stderr.strip() or done.stdout.strip())
        return done

    files = 1 if size is not None else None
    try:
        # One untimed run warms the page cache and writes .pyc files, as on a user's machine.
        run()
    except Exception as exc:
        return _error_row(case, size, files, exc)
    if codes[0] and any(sign in errors[0] for sign in ("Traceback", "No module named")):
        # The CLI is not there yet (or crashed): timing a crash would mean nothing.
        last = errors[0].splitlines()[-1]
        return Row(case, size, files, error=_short(f"exit {codes[0]}: {last}"))
    codes.clear()
    row = _row(case, size, files, runs, run, target)
    bad = sorted({code for code in codes if code})
    if bad:
        row.ok = False
        row.note = f"exit {', '.join(map(str, bad))}: {_short(errors[-1])}"
    return row


def _runs(size: int | None, runs: int) -> int:
    return min(runs, 3) if size is not None and size >= BIG else runs


def run_all(out: Path, sizes: Sequence[int], runs: int) -> list[Row]:
    maps = ensure_standard(out, sizes, STANDARD_FILES)
    rows: list[Row] = []
    benches = (bench_load, bench_dumps, bench_save)
    for bench in benches:
        for size in sizes:
            single, folder = maps[size]
            for path, files in ((single, 1), (folder, STANDARD_FILES)):
                print(f"{bench.__name__} {path}", file=sys.stderr)
                rows.append(bench(path, size, files, _runs(size, runs)))
    for size in sizes:
        single, _ = maps[size]
        print(f"fmt --check {single}", file=sys.stderr)
        args = ["fmt", "--check", "--map", str(single)]
        rows.append(
            bench_process("fmt --check", args, size, _runs(size, runs), FMT_TARGETS.get(size))
        )
    print("--help", file=sys.stderr)
    rows.append(bench_process("--help", ["--help"], None, runs, HELP_TARGET))
    return rows


def _cell(value: float | int | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if isinstance(value, float) else f"{value:,}"


def _where(row: Row) -> str:
    if row.size is None:
        return ""
    return f" ({row.size:,}, {row.files} file{'' if row.files == 1 else 's'})"


def markdown(rows: Sequence[Row]) -> str:
    """The results as a Markdown table, with notes on anything odd below it."""
    header = ["case", "size", "files", "runs", "min s", "median s", "target s", "ok?"]
    body = []
    for row in rows:
        ok = "-" if row.ok is None else "yes" if row.ok else "NO"
        timing = [_cell(row.min_s), _cell(row.median_s)]
        if row.error:
            # The cell says what failed; the note below the table says why, in full.
            timing = [f"n/a (error: {row.error.split(':', 1)[0]})", "-"]
        body.append(
            [
                row.case,
                _cell(row.size),
                _cell(row.files),
                str(row.runs) if row.runs else "-",
                *timing,
                _cell(row.target_s),
                ok,
            ]
        )
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    lines = [line(header), line(["-" * w for w in widths]), *map(line, body)]
    notes = [
        f"- {row.case}{_where(row)}: {text}"
        for row in rows
        for text in (row.error, row.note)
        if text
    ]
    if notes:
        lines += ["", "Notes:", *notes]
    return "\n".join(lines)


def parse_options(description: str | None, argv: Sequence[str] | None) -> argparse.Namespace:
    """The options every timing script takes: --runs, --sizes, --out, --json."""
    parser = argparse.ArgumentParser(description=description)
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
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_options(__doc__, argv)
    rows = run_all(args.out, args.sizes, args.runs)
    if args.json:
        meta = {"python": platform.python_version(), "machine": platform.machine()}
        print(json.dumps({**meta, "rows": [asdict(row) for row in rows]}, indent=2))
    else:
        print(f"Python {platform.python_version()} on {platform.platform()}\n")
        print(markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
