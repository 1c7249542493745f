"""Growth of whole-process commands on pathological maps, printed as a Markdown table.

Each case is a map shape that once made a command slower than linear (or crash): a long cycle,
a deep chain, thousands of links to unknown ids, one node with thousands of parents, a title of
megabytes without a space. Every command runs once per size in a fresh `python -m backmap`
process; the table shows its processor seconds (user + system, which other work on a shared
machine disturbs less than wall time) per size, the growth from the second-largest size to the
largest (about 2 for linear time when sizes double, 4 for quadratic), and the peak memory of
the largest run. Start-up (about 0.3 s) flattens the growth at small sizes.

    python benchmarks/pathological.py                       # every case at 1k, 2k, 4k, 8k
    python benchmarks/pathological.py --cases cycle,chain --sizes 1000,10000 --timeout 60

Targets: each command <= 2 s at 10k, and linear growth.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HEAD = "backmap: 1\ntitle: Pathological\nnodes:\n"
LEXICAL = {"BACKMAP_FIT_ENCODER": "lexical", "BACKMAP_CACHE_DIR": "off"}


def _node(node_id: str, kind: str, title: str, supports: list[str] | None = None) -> str:
    text = f"  - id: {node_id}\n    kind: {kind}\n    title: {title}\n"
    if supports:
        text += f"    supports: [{', '.join(supports)}]\n"
    return text


def chain(n: int) -> str:
    """An outcome, n goals each beneath the previous, one initiative at the bottom."""
    parts = [_node("top", "outcome", "Top")]
    parts += [
        _node(f"g{i}", "goal", f"Goal {i}", ["top" if i == 0 else f"g{i - 1}"]) for i in range(n)
    ]
    parts.append(_node("work", "initiative", "Work", [f"g{n - 1}"]))
    return HEAD + "".join(parts)


def cycle(n: int) -> str:
    """n goals in one loop, the first also under an outcome, an initiative beneath the last."""
    parts = [_node("top", "outcome", "Top")]
    for i in range(n):
        ups = [f"g{(i + 1) % n}"] + (["top"] if i == 0 else [])
        parts.append(_node(f"g{i}", "goal", f"Goal {i}", ups))
    parts.append(_node("work", "initiative", "Work", [f"g{n - 1}"]))
    return HEAD + "".join(parts)


def unknown(n: int) -> str:
    """n goals, and n initiatives each linked to its goal and to a misspelt one (n unknown ids)."""
    parts = [_node("top", "outcome", "Top")]
    parts += [_node(f"goal-{i:05d}", "goal", f"Goal {i}", ["top"]) for i in range(n)]
    parts += [
        _node(f"task-{i:05d}", "initiative", f"Task {i}", [f"goal-{i:05d}", f"gaol-{i:05d}"])
        for i in range(n)
    ]
    return HEAD + "".join(parts)


def parents(n: int) -> str:
    """n goals under an outcome, and one initiative that supports every one of them."""
    parts = [_node("top", "outcome", "Top")]
    parts += [_node(f"g{i}", "goal", f"Goal {i}", ["top"]) for i in range(n)]
    parts.append(_node("work", "initiative", "Work", [f"g{i}" for i in range(n)]))
    return HEAD + "".join(parts)


def long_title(n: int) -> str:
    """An outcome whose title is n thousand characters without a space."""
    title = ("Unbroken" * (n * 125))[: n * 1000]
    parts = [_node("top", "outcome", title)]
    parts += [_node("goal", "goal", "Goal", ["top"]), _node("work", "initiative", "Work", ["goal"])]
    return HEAD + "".join(parts)


@dataclass(frozen=True)
class Case:
    name: str
    write: Callable[[int], str]
    commands: tuple[tuple[str, ...], ...]


EXPORTS = tuple(("export", "-f", f, "-o", "-") for f in ("md", "json", "mermaid", "dot"))
CASES = (
    Case("cycle", cycle, (("check",), ("tree",), ("status",), *EXPORTS, ("fit", "goal"))),
    Case("chain", chain, (("check",), ("tree",), ("status",), *EXPORTS, ("fit", "goal"))),
    Case("unknown", unknown, (("check",), ("export", "-f", "json", "-o", "-"))),
    Case("parents", parents, (("check",), ("tree",), ("status",))),
    Case("long-title", long_title, (("check",), ("export", "-f", "svg", "-o", "-"))),
)


@dataclass
class Run:
    seconds: float
    """Processor time (user and system), which a busy machine changes less than wall time."""
    wall: float
    peak_mb: float
    code: int | None
    """Exit code; None when the run was stopped at the time limit."""
    crashed: bool = False
    """A traceback was printed."""


def run(argv: list[str], timeout: float) -> Run:
    """One whole process, with its wall time and peak memory (stopped after `timeout`)."""
    env = {**os.environ, "NO_COLOR": "1", **LEXICAL}
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "backmap", *argv],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=env,
        )
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        killed = not timer.is_alive()
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        crashed = b"Traceback (most recent call last)" in err.read()
    code = None if killed else proc.returncode
    return Run(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024, code, crashed)


def cell(result: Run, timeout: float) -> str:
    if result.code is None:
        return f"> {timeout:.0f}"
    if result.crashed:
        return "crash"
    if result.code not in (0, 1):
        return f"exit {result.code}"
    return f"{result.seconds:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(c.name for c in CASES))
    parser.add_argument("--sizes", default="1000,2000,4000,8000")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    args = parser.parse_args(argv)
    wanted = args.cases.split(",")
    sizes = [int(s) for s in args.sizes.split(",")]
    header = " | ".join(f"{s:,}" for s in sizes)
    print(f"| case | command | {header} | growth x2 | peak MB |")
    print("|---|---|" + "---|" * len(sizes) + "---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for case in (c for c in CASES if c.name in wanted):
            maps = {}
            for size in sizes:
                maps[size] = Path(tmp) / f"{case.name}-{size}.yaml"
                maps[size].write_text(case.write(size), encoding="utf-8")
            for command in case.commands:
                results: list[Run] = []
                for size in sizes:
                    results.append(run([*command, "--map", str(maps[size])], args.timeout))
                    if results[-1].code is None:
                        break  # larger sizes would only take longer
                cells = [cell(r, args.timeout) for r in results]
                cells += ["-"] * (len(sizes) - len(results))
                done = [r for r in results if r.code in (0, 1) and not r.crashed]
                growth = (
                    f"{done[-1].seconds / done[-2].seconds:.1f}"
                    if len(done) == len(sizes) > 1
                    else "-"
                )
                label = " ".join(a for a in command if a not in ("-o", "-"))
                print(
                    f"| {case.name} | {label} | {' | '.join(cells)} | {growth} "
                    f"| {results[-1].peak_mb:.0f} |",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
