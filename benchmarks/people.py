"""Time `backmap people`, `plan` and filtered `tree`/`status` at 10k nodes and 500 people.

Run as `python benchmarks/people.py [--nodes N] [--people P] [--runs R]`; prints a table of the
best of R whole-process runs (start-up included) and of the in-process computations.
"""

from __future__ import annotations

import argparse
import random
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
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from datetime import date

    from backmap import store
    from backmap.checks import CheckConfig, check
    from backmap.filters import Filter, select
    from backmap.people.load import loads

    with tempfile.TemporaryDirectory() as tmp:
        root = _workspace(Path(tmp), args.nodes, args.people)
        ws = store.load(root)
        rows: list[tuple[str, float]] = [
            ("loads() in process", _best(args.runs, lambda: loads(ws, date(2027, 3, 1)))),
            ("select(--owner) in process", _best(args.runs, lambda: select(ws, Filter(("p007",))))),
            (
                "BM7 rules in process",
                _best(args.runs, lambda: check(ws, CheckConfig(select=("BM7",)))),
            ),
        ]
        for name, argv in (
            ("backmap people", ["people"]),
            ("backmap plan p007", ["plan", "p007"]),
            ("backmap tree --owner p007", ["tree", "--owner", "p007"]),
            ("backmap status --owner p007", ["status", "--owner", "p007"]),
            ("backmap status (no filter, for comparison)", ["status"]),
            ("backmap check", ["check"]),
        ):
            command = [sys.executable, "-m", "backmap", *argv, "--map", str(root)]
            rows.append(
                (
                    name,
                    _best(
                        args.runs,
                        lambda c=command: subprocess.run(c, capture_output=True, check=False),  # type: ignore[misc]
                    ),
                )
            )
    print(f"| what ({args.nodes} nodes, {args.people} people) | best of {args.runs} (s) |")
    print("|---|---:|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.3f} |")


if __name__ == "__main__":
    main()
