"""Time `backmap people`, `plan`, filtered views and `check` at 10k nodes and 500 people.

Run as `python benchmarks/people.py [--nodes N] [--people P] [--runs R] [--old]`; prints a
table of the best of R whole-process runs (start-up included; wall time and the child's CPU
time, which other work on a shared machine disturbs less) and of the in-process computations.
`--old` leaves out what older checkouts lack (--team, the filter on check and export, BM704+),
so `PYTHONPATH=other/src python benchmarks/people.py --old` gives the "before" column.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

# Run as `python benchmarks/people.py`: this folder is sys.path[0].
from generate import generate, write_workspace

TEAMS = 25


def _workspace(folder: Path, nodes: int, people: int) -> Path:
    rng = random.Random(0)
    made = generate(nodes)
    ids = [f"p{i:03d}" for i in range(people)]
    for node in made:
        if "owner" in node:
            node["owner"] = rng.choice(ids)
            if "sub_owner" in node:
                node["sub_owner"] = rng.choice(ids)
    write_workspace(made, folder / "maps", files=8)
    lines = ["people:"]
    for i, person in enumerate(ids):
        lines += [f"  - id: {person}", f"    name: Person {i}", f"    team: team-{i % TEAMS}"]
        if i:
            lines.append(f"    manager: p{(i - 1) // 5:03d}")  # a tree, five reports each
    (folder / "maps" / "people.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "maps"


def _best(runs: int, func: Callable[[], object]) -> float:
    return _best_both(runs, func)[0]


def _best_both(runs: int, func: Callable[[], object]) -> tuple[float, float]:
    """The best wall time and the best CPU time of children (processes only) over `runs`."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        func()
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--old", action="store_true", help="only what older checkouts can run")
    args = parser.parse_args()
    from datetime import date

    from backmap import store
    from backmap.checks import CheckConfig, check
    from backmap.filters import Filter, select
    from backmap.people.load import loads

    with tempfile.TemporaryDirectory() as tmp:
        root = _workspace(Path(tmp), args.nodes, args.people)
        ws = store.load(root)
        rows: list[tuple[str, float, float | None]] = [
            ("loads() in process", _best(args.runs, lambda: loads(ws, date(2027, 3, 1))), None),
            (
                "select(--owner) in process",
                _best(args.runs, lambda: select(ws, Filter(("p007",)))),
                None,
            ),
            (
                "BM7 rules in process",
                _best(args.runs, lambda: check(ws, CheckConfig(select=("BM7",)))),
                None,
            ),
        ]
        commands = [
            ("backmap people", ["people"]),
            ("backmap plan p007", ["plan", "p007"]),
            ("backmap tree --owner p007", ["tree", "--owner", "p007"]),
            ("backmap status --owner p007", ["status", "--owner", "p007"]),
            ("backmap status (no filter, for comparison)", ["status"]),
            ("backmap check", ["check"]),
        ]
        if not args.old:
            commands += [
                ("backmap tree --team team-3", ["tree", "--team", "team-3"]),
                ("backmap status --team team-3", ["status", "--team", "team-3"]),
                ("backmap check --team team-3", ["check", "--team", "team-3"]),
                ("backmap export -f md --owner p007", ["export", "-f", "md", "--owner", "p007"]),
            ]
        for name, argv in commands:
            command = [sys.executable, "-m", "backmap", *argv, "--map", str(root)]
            wall, cpu = _best_both(
                args.runs,
                lambda c=command: subprocess.run(c, capture_output=True, check=False),  # type: ignore[misc]
            )
            rows.append((name, wall, cpu))
    print(
        f"| what ({args.nodes} nodes, {args.people} people) | wall, best of {args.runs} (s) "
        "| CPU, best (s) |"
    )
    print("|---|---:|---:|")
    for name, seconds, cpu in rows:
        shown = "" if cpu is None else f"{cpu:.3f}"
        print(f"| {name} | {seconds:.3f} | {shown} |")


if __name__ == "__main__":
    main()
