"""The command speed table: whole `backmap` processes against their targets, min and median.

    python benchmarks/speed.py                      # check at 10k and 100k, --help
    python benchmarks/speed.py --runs 9 --sizes 10k
    python benchmarks/speed.py --phases --sizes 100k  # where one check's time goes, in-process
    python benchmarks/speed.py --maps plain,commented --commands load,check,status
    python benchmarks/speed.py --cache cold           # no results kept between runs

Real maps carry comments and blank lines, which the store keeps for saving; the generated maps
have none, so each size is also timed as a "commented" copy: a header comment, a comment above
about every 20th node and a blank line between nodes, as people keep them.

Each case gets one untimed warm-up run (page cache, .pyc files), then `--runs` timed runs (at
most 5 for 100k). Wall time is what a user waits; CPU time (user + system, from the child's
rusage) is less disturbed by other work on a shared machine, so both are shown. Judge the
targets on the min of several runs when the machine is busy.

`check` keeps the near-duplicate rule's results in the cache folder, so a re-check of unchanged
titles skips that rule's work. Each case runs `cold` (BACKMAP_CACHE_DIR=off: every run does
all the work, as the first check of a changed map does) and `warm` (a fresh cache folder of
this run's own, filled by the warm-up: as a re-check of the same titles); `--cache` picks one.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Run as `python benchmarks/speed.py`: this folder is sys.path[0].
from foundation import backmap_command
from generate import DEFAULT_OUT, STANDARD_FILES, ensure_standard, parse_sizes

TARGETS = {("check", 10_000): 0.5, ("check", 100_000): 4.0, ("--help", None): 0.1}
MAPS = ("plain", "commented")
COMMANDS = ("load", "check", "status")
CACHES = ("cold", "warm")
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


def run_process(args: Sequence[str], cache: str = "off") -> tuple[float, float, int]:
    """(wall s, CPU s, exit code) of one whole `backmap` process, with BACKMAP_CACHE_DIR=cache."""
    # .pyc files are written and used, as on a user's machine.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["BACKMAP_CACHE_DIR"] = cache
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


def bench(
    case: str, size: int | None, kind: str, args: Sequence[str], runs: int, cache: str = "off"
) -> Row:
    """Time one case; `cache` is a folder of its own, or "off"."""
    run_process(args, cache)  # warm-up, untimed (and what fills a warm cache)
    walls, cpus, codes = [], [], set()
    for _ in range(runs):
        wall, cpu, code = run_process(args, cache)
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


def phases(path: Path) -> list[tuple[str, float, float]]:
    """Where one in-process `check` spends its time, as (step, wall s, CPU s): imports first,
    as the process does, and the collector paused, as the command runs (no results cache).
    The last check runs as the command does, with its two helper processes (CPU here is this
    process's alone): the near-duplicates one, forked before the load, which reads and compares
    the titles meanwhile, and the one forked once the graph is built for the rules in ASIDE
    (and the nodes' lines)."""
    out: list[tuple[str, float, float]] = []

    def step(name: str, work: Callable[[], object]) -> object:
        start, cpu = time.perf_counter(), time.process_time()
        value = work()
        out.append((name, time.perf_counter() - start, time.process_time() - cpu))
        return value

    def imports() -> None:
        import backmap.checks
        import backmap.render.report
        import backmap.store  # noqa: F401

    gc.disable()
    step("import store, checks, report", imports)
    from datetime import date

    from backmap import store
    from backmap.checks import ASIDE, RULES, CheckConfig, check, rollup, similar
    from backmap.checks.registry import Context
    from backmap.graph import build
    from backmap.render import report
    from backmap.term import Style

    # Forked before the load, as the command forks it: it reads the titles itself meanwhile,
    # and guesses the cache folder from the environment: none, as the check below keeps none.
    os.environ["BACKMAP_CACHE_DIR"] = "off"
    helper = similar.helper(lambda: path)
    ws: Any = step("load", lambda: store.load(path))
    graph: Any = step("graph", lambda: build(ws))
    ctx = Context(graph, CheckConfig(), date.today())
    rest = [func for code, (_, func) in sorted(RULES.items()) if code not in (*ASIDE, "BM601")]
    apart = [RULES[code][1] for code in ASIDE if code in RULES]
    step("rules run here", lambda: [list(func(ctx)) for func in rest])
    step("rules run aside (ASIDE)", lambda: [list(func(ctx)) for func in apart])
    step("BM601 near-duplicates", lambda: list(RULES["BM601"][1](ctx)))
    step("roll-up", lambda: rollup(ws, graph))
    result = step("check (all of the above)", lambda: check(ws, None, graph))
    # As the command runs it: near-duplicates in a helper process (CPU here is this one's).
    config = CheckConfig(cache=None)
    step("check, with both helpers", lambda: check(ws, config, graph, aside=helper))
    helper.close()
    step("report lines", lambda: report.text_lines(result, Style(False)))
    gc.enable()
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
    parser.add_argument("--cache", type=_choices(CACHES), default=list(CACHES), help="cold,warm")
    args = parser.parse_args(argv)
    maps = ensure_standard(args.out, args.sizes, STANDARD_FILES)
    if args.phases:
        for size in args.sizes:
            print(f"check, {size:,} nodes, in-process:       wall s    CPU s")
            for name, wall, cpu in phases(maps[size][0]):
                print(f"  {name:<30} {wall:7.3f}  {cpu:7.3f}")
        return 0
    rows = []
    with tempfile.TemporaryDirectory(prefix="backmap-speed-cache-") as folder:
        for size in args.sizes:
            runs = min(args.runs, 5) if size >= 100_000 else args.runs
            plain = maps[size][0]
            paths = {"plain": plain, "commented": ensure_commented(plain)}
            for command in args.commands:
                # Only check keeps results; the others would time the same work twice.
                caches = args.cache if command == "check" else ["cold"]
                for kind in args.maps:
                    for cache in caches:
                        path = str(paths[kind])
                        print(f"{command} {path} ({cache})", file=sys.stderr)
                        argv_ = [command, path] if command == "load" else [command, "--map", path]
                        where = str(Path(folder, f"{size}-{kind}")) if cache == "warm" else "off"
                        label = f"{kind}, {cache}" if command == "check" else kind
                        rows.append(bench(command, size, label, argv_, runs, where))
    print("--help", file=sys.stderr)
    rows.append(bench("--help", None, "", ["--help"], args.runs))
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
