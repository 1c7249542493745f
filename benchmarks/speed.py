"""The command speed table: whole `backmap` processes against their targets, min and median.

    python benchmarks/speed.py                      # check at 10k and 100k, --help
    python benchmarks/speed.py --runs 9 --sizes 10k
    python benchmarks/speed.py --phases --sizes 100k  # where one check's time goes, in-process
    python benchmarks/speed.py --maps plain,commented --commands load,check,status

Real maps carry comments and blank lines, which the store keeps for saving; the generated maps
have none, so each size is also timed as a "commented" copy: a header comment, a comment above
about every 20th node and a blank line between nodes, as people keep them.

Each case gets one untimed warm-up run (page cache, .pyc files), then `--runs` timed runs (at
most 5 for 100k). Wall time is what a user waits; CPU time (user + system, from the child's
rusage) is less disturbed by other work on a shared machine, so both are shown. Judge the
targets on the min of several runs when the machine is busy.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

# Run as `python benchmarks/speed.py`: this folder is sys.path[0].
from foundation import backmap_command
from generate import DEFAULT_OUT, STANDARD_FILES, ensure_standard, parse_sizes

TARGETS = {("check", 10_000): 0.5, ("check", 100_000): 4.0, ("--help", None): 0.1}
MAPS = ("plain", "commented")
COMMANDS = ("load", "check", "status")
# `load` is the store alone: a process that imports it and loads the map, nothing else.
LOAD = "import sys; from backmap import store; store.load(sys.argv[1])"


def commented(text: str) -> str:
    """A generated map's text as a person keeps it: comments and blank lines between nodes."""
    out = ["# Synthetic map, kept by hand: comments and blank lines as people write them.", ""]
    count = 0
    for line in text.splitlines():
        if line.startswith("  - id:"):
            if count:
                out.append("")
            if count % 20 == 0:
                out.append(f"  # Part {count // 20 + 1}: the next nodes, grouped for reading")
            count += 1
        out.append(line)
    return "\n".join(out) + "\n"


def ensure_commented(plain: Path) -> Path:
    """The commented copy of a generated map file, written when missing or older."""
    path = plain.with_name(plain.stem + "-commented.yaml")
    if not path.is_file() or path.stat().st_mtime < plain.stat().st_mtime:
        path.write_text(commented(plain.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"wrote {path}", file=sys.stderr)
    return path


@dataclass
class Row:
    case: str
    size: int | None
    kind: str
    walls: list[float]
    cpus: list[float]
    target: float | None
    note: str = ""


def command_for(args: Sequence[str]) -> list[str]:
    if args[0] == "load":
        return [sys.executable, "-c", LOAD, *args[1:]]
    return [*backmap_command(), *args]


def run_process(args: Sequence[str]) -> tuple[float, float, int]:
    """(wall s, CPU s, exit code) of one whole `backmap` process."""
    # .pyc files are written and used, as on a user's machine.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(
        command_for(args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu, done.returncode


def bench(case: str, size: int | None, kind: str, args: Sequence[str], runs: int) -> Row:
    run_process(args)  # warm-up, untimed
    walls, cpus, codes = [], [], set()
    for _ in range(runs):
        wall, cpu, code = run_process(args)
        walls.append(wall)
        cpus.append(cpu)
        codes.add(code)
    bad = sorted(c for c in codes if c not in (0, 1))  # 1: findings, a normal outcome
    note = f"exit {', '.join(map(str, bad))}" if bad else ""
    return Row(case, size, kind, walls, cpus, TARGETS.get((case, size)), note)


def table(rows: Sequence[Row]) -> str:
    lines = [
        "| command | nodes | map | runs | min s | median s | CPU min s | CPU median s "
        "| target s | ok? |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        low, mid = min(r.walls), statistics.median(r.walls)
        ok = "-" if r.target is None else "yes" if low <= r.target else "NO"
        lines.append(
            f"| `{r.case}` | {'' if r.size is None else f'{r.size:,}'} | {r.kind} "
            f"| {len(r.walls)} | {low:.3f} | {mid:.3f} "
            f"| {min(r.cpus):.3f} | {statistics.median(r.cpus):.3f} "
            f"| {'-' if r.target is None else r.target} | {ok}{' ' + r.note if r.note else ''} |"
        )
    return "\n".join(lines)


def phases(path: Path) -> list[tuple[str, float]]:
    """Where one in-process `check` spends its time (imports first, as the process does)."""
    out: list[tuple[str, float]] = []

    def step(name: str, work: Callable[[], object]) -> object:
        start = time.perf_counter()
        value = work()
        out.append((name, time.perf_counter() - start))
        return value

    def imports() -> None:
        import backmap.checks
        import backmap.render.report
        import backmap.store  # noqa: F401

    step("import store, checks, report", imports)
    from backmap import store
    from backmap.checks import check
    from backmap.graph import build
    from backmap.render import report
    from backmap.term import Style

    ws = step("load", lambda: store.load(path))
    gc.freeze()  # as the command does after loading
    graph = step("graph", lambda: build(ws))  # type: ignore[arg-type]
    result = step("rules, lines, roll-up", lambda: check(ws, None, graph))  # type: ignore[arg-type]
    step("report lines", lambda: report.text_lines(result, Style(False)))  # type: ignore[arg-type]
    return out


def _choices(allowed: Sequence[str]) -> Callable[[str], list[str]]:
    def parse(text: str) -> list[str]:
        chosen = [word.strip() for word in text.split(",") if word.strip()]
        unknown = [word for word in chosen if word not in allowed]
        if unknown or not chosen:
            raise argparse.ArgumentTypeError(f"choose from {', '.join(allowed)}")
        return chosen

    return parse


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per case (100k: at most 5)")
    parser.add_argument("--sizes", type=parse_sizes, default=[10_000, 100_000])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the maps are kept")
    parser.add_argument("--phases", action="store_true", help="time one check's steps instead")
    parser.add_argument("--maps", type=_choices(MAPS), default=list(MAPS), help="plain,commented")
    parser.add_argument(
        "--commands", type=_choices(COMMANDS), default=["check"], help="load,check,status"
    )
    args = parser.parse_args(argv)
    maps = ensure_standard(args.out, args.sizes, STANDARD_FILES)
    if args.phases:
        for size in args.sizes:
            print(f"check, {size:,} nodes, in-process:")
            for name, seconds in phases(maps[size][0]):
                print(f"  {name:<30} {seconds:7.3f} s")
        return 0
    rows = []
    for size in args.sizes:
        runs = min(args.runs, 5) if size >= 100_000 else args.runs
        plain = maps[size][0]
        paths = {"plain": plain, "commented": ensure_commented(plain)}
        for command in args.commands:
            for kind in args.maps:
                path = str(paths[kind])
                print(f"{command} {path}", file=sys.stderr)
                argv_ = [command, path] if command == "load" else [command, "--map", path]
                rows.append(bench(command, size, kind, argv_, runs))
    print("--help", file=sys.stderr)
    rows.append(bench("--help", None, "", ["--help"], args.runs))
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
