"""Time check-ins on a 10k-node map: load with 12 monthly check-ins, status --since, diff.

    PYTHONPATH=src python benchmarks/checkins.py --runs 3

Prints wall and CPU (user+sys) time, min and median; on a shared machine read the CPU columns.
With `--against OTHER/src` (the source folder of another checkout, say a worktree of main),
each command also runs on that code, in turn with this one's, and its CPU median is shown
beside: a before/after that a busy moment of the machine hits alike.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

# Run as `python benchmarks/checkins.py`: this folder is sys.path[0].
from generate import DEFAULT_OUT, dumps, generate

MONTHS = [date(2026, m, 28) for m in range(1, 13)]
TARGETS: dict[str, float | None] = {
    "load, 12 check-ins each": None,  # judged against 2x the plain load, below
    "status (for reference)": None,
    "diff REV REV --no-findings": 1.5,
    "status --since DATE": 1.0,
    "status --since DATE, no older commit": 1.0,
    "status --since REV": 1.0,
    "diff REV REV": 1.5,
    "diff (HEAD vs files)": 1.5,
}


def with_history(nodes: list[dict[str, Any]], months: Sequence[date], seed: int) -> str:
    """The map's text with one check-in a month on every initiative; values mirror the last.

    Each node draws from its own generator, so the map of one more month is this one with a
    line added to each history, as a month's check-ins leave it.
    """
    parts = []
    for node in nodes:
        node = dict(node)
        lines = []
        if node["kind"] == "initiative":
            rng = random.Random(f"{seed}:{node['id']}")
            value = rng.randint(0, 20)
            for day in months:
                value = min(100, value + rng.randint(0, 12))
                health = rng.choice(("on-track", "on-track", "on-track", "at-risk", "off-track"))
                line = f"{day.isoformat()} progress={value} health={health}"
                if rng.random() < 0.2:
                    line += ' note="Waiting on the review"'
                lines.append(line)
            node["progress"] = value
        text = dumps([node], "x").split("nodes:\n", 1)[1]
        if lines:
            text += "    checkins: |\n" + "".join(f"      {line}\n" for line in lines)
        parts.append(text)
    return "backmap: 1\ntitle: Synthetic map with check-ins\nnodes:\n" + "".join(parts)


def _git(folder: Path, *args: str, when: date | None = None) -> None:
    env = dict(os.environ)
    if when is not None:  # committed the day of its check-ins, as a team would
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{when.isoformat()}T18:00:00"
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, env=env)


def prepare(out: Path, n: int, seed: int) -> Path:
    """A git repository of two commits made the days of the 11th and 12th months' check-ins."""
    # Named for its layout: a folder made by an earlier layout is not taken for this one.
    folder = out / f"checkins-{n}-dated"
    if (folder / ".git").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    nodes = generate(n, seed)
    (folder / "plain.yaml.txt").write_text(dumps(nodes, "plain"))
    _git(folder, "init", "-q")
    _git(folder, "config", "user.email", "bench@example.com")
    _git(folder, "config", "user.name", "bench")
    (folder / "map.yaml").write_text(with_history(nodes, MONTHS[:-1], seed))
    _git(folder, "add", "map.yaml")
    _git(folder, "commit", "-qm", "eleven months", when=MONTHS[-2])
    text = with_history(nodes, MONTHS, seed)
    (folder / "map.yaml").write_text(text)
    _git(folder, "commit", "-qam", "twelfth month", when=MONTHS[-1])
    return folder


Timing = tuple[float, float]
"""(wall s, CPU s): CPU is user+sys of this process and the children it waited for."""


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _time(fn: Callable[[], object], runs: int) -> list[Timing]:
    times = []
    for _ in range(runs):
        gc.collect()
        start, cpu = time.perf_counter(), _cpu()
        fn()
        times.append((time.perf_counter() - start, _cpu() - cpu))
    return times


def _cli(
    folder: Path,
    *args: str,
    pyc: Path | None = None,
    src: Path | None = None,
    under: Sequence[str] = (),
) -> Callable[[], str]:
    env = {**os.environ, "NO_COLOR": "1", "BACKMAP_STATE_DIR": "off", "BACKMAP_CACHE_DIR": "off"}
    if src is not None:  # another checkout's code
        env["PYTHONPATH"] = str(src.resolve())
    if pyc is not None:  # compiled modules kept, as an installed backmap has them
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pyc)

    def run() -> str:
        proc = subprocess.run(
            [*under, sys.executable, "-m", "backmap", *args, "--map", "map.yaml"],
            cwd=folder,
            capture_output=True,
            env=env,
        )
        if proc.returncode not in (0, 1):
            raise RuntimeError(proc.stderr.decode()[-300:])
        return proc.stderr.decode()

    return run


VALGRIND = ("valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null")


def _instructions(run: Callable[[], str]) -> float:
    """Millions of instructions a command ran (valgrind's count: the same on a busy machine;
    git, which it runs, not counted)."""
    for line in run().splitlines():
        if "I" in line and "refs:" in line:
            return int(line.rsplit(":", 1)[1].replace(",", "").strip()) / 1e6
    raise RuntimeError("valgrind gave no instruction count")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--against",
        type=Path,
        metavar="SRC",
        help="also time each command on the code in SRC (another checkout's src folder), "
        "each run in turn with this code's",
    )
    parser.add_argument(
        "--no-pyc",
        action="store_true",
        help="compile every module on each run (as PYTHONDONTWRITEBYTECODE=1 does), rather "
        "than keep compiled modules under the output folder as an installed backmap has them",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count the instructions of each command once under valgrind (slow: some 30 s "
        "each) rather than time it: a before/after (with --against) that a busy machine "
        "does not blur",
    )
    args = parser.parse_args(argv)
    from backmap import store

    folder = prepare(args.out, args.size, args.seed)
    plain = folder / "plain.yaml"
    shutil.copy(folder / "plain.yaml.txt", plain)
    rows: list[tuple[str, list[Timing] | str, float | None]] = []
    others: dict[str, list[Timing]] = {}  # the same commands on the code of --against
    # Interleaved, so a busy moment on a shared machine hits both alike.
    base: list[Timing] = []
    full: list[Timing] = []
    for _ in range(args.runs):
        base += _time(lambda: store.load(plain), 1)
        full += _time(lambda: store.load(folder / "map.yaml"), 1)
    rows.append(("load, no check-ins", base, None))
    rows.append(("load, 12 check-ins each", full, 2 * statistics.median(w for w, _ in base)))
    plain.unlink()
    cases = {
        "status (for reference)": ("status",),
        # The last commit before the 1st of the month: the eleventh month's.
        "status --since DATE": ("status", "--since", "2026-12-01"),
        # Older than both commits: the first one, as its check-ins stood that day.
        "status --since DATE, no older commit": ("status", "--since", "2026-11-01"),
        "status --since REV": ("status", "--since", "HEAD~1"),
        "diff REV REV": ("diff", "HEAD~1", "HEAD"),
        "diff (HEAD vs files)": ("diff",),
        "diff REV REV --no-findings": ("diff", "HEAD~1", "HEAD", "--no-findings"),
    }
    pyc = None if args.no_pyc else args.out / "pycache"
    if args.instructions:
        return _count(folder, cases, pyc, args.against)
    for name, cli_args in cases.items():
        run = _cli(folder, *cli_args, pyc=pyc)
        other = None if args.against is None else _cli(folder, *cli_args, pyc=pyc, src=args.against)
        try:
            run()  # warm-up, and a failing command becomes an n/a row
            if other is None:
                rows.append((name, _time(run, args.runs), TARGETS[name]))
                continue
            other()
            mine, theirs = [], []
            for _ in range(args.runs):  # in turn, so that a busy moment hits both alike
                mine += _time(run, 1)
                theirs += _time(other, 1)
            rows.append((name, mine, TARGETS[name]))
            others[name] = theirs
        except Exception as exc:
            rows.append((name, f"n/a: {' '.join(str(exc).split())[:80]}", TARGETS[name]))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    compiled = "compiled each run" if args.no_pyc else "compiled once (pycache)"
    print(f"{args.size} nodes, 12 monthly check-ins per initiative; {args.runs} runs")
    print(f"modules {compiled}")
    print(f"{os.cpu_count()} CPUs, load average {load:.1f} when done\n")
    if args.against is not None:
        print(f"against the code in {args.against}, run in turn with this code\n")
    against = " | against: CPU median s" if args.against is not None else ""
    head = "case | wall min s | wall median s | CPU min s | CPU median s | target s | ok?"
    print(f"| {head}{against} |")
    print("| --- " * (7 + (args.against is not None)) + "|")
    for name, times, target in rows:
        shown = f"{target:.2f}" if target else "-"
        theirs = others.get(name)
        beside = "" if args.against is None else " |"
        if theirs is not None:
            beside = f" {statistics.median(c for _, c in theirs):.3f} |"
        if isinstance(times, str):
            print(f"| {name} | {times} | | | | {shown} | |{beside}")
            continue
        wall, cpu = [w for w, _ in times], [c for _, c in times]
        # Judged on CPU time: on a shared machine the wall clock also counts others' work.
        ok = "" if target is None else ("yes" if statistics.median(cpu) <= target else "NO")
        print(
            f"| {name} | {min(wall):.3f} | {statistics.median(wall):.3f} "
            f"| {min(cpu):.3f} | {statistics.median(cpu):.3f} | {shown} | {ok} |{beside}"
        )
    return 0


def _count(
    folder: Path, cases: dict[str, tuple[str, ...]], pyc: Path | None, against: Path | None
) -> int:
    """Print each command's instruction count (and the --against code's), in millions."""
    if shutil.which("valgrind") is None:
        print("--instructions needs valgrind", file=sys.stderr)
        return 2
    print("| case | instructions (M) | against (M) | change |")
    print("| --- | --- | --- | --- |")
    for name, cli_args in cases.items():
        _cli(folder, *cli_args, pyc=pyc)()  # modules compiled first, as an installed one has them
        if against is not None:
            _cli(folder, *cli_args, pyc=pyc, src=against)()
        mine = _instructions(_cli(folder, *cli_args, pyc=pyc, under=VALGRIND))
        if against is None:
            print(f"| {name} | {mine:.0f} | | |")
            continue
        theirs = _instructions(_cli(folder, *cli_args, pyc=pyc, src=against, under=VALGRIND))
        print(f"| {name} | {mine:.0f} | {theirs:.0f} | {(mine / theirs - 1) * 100:+.0f}% |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
