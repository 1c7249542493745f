"""The mutation fuzzer at scale: inputs tried, tracebacks, hangs and other faults, as a table.

    python benchmarks/fuzz.py --cases 2000 --seed 1            # in process, check + one command
    python benchmarks/fuzz.py --cases 200 --every-command       # every command on each input
    python benchmarks/fuzz.py --cases 50 --subprocess           # the real `python -m backmap`

The same harness runs in the test suite (tests/cli/test_fuzz.py) on fewer cases.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("NO_COLOR", "1")
os.environ.setdefault("BACKMAP_CACHE_DIR", "off")

from tests.cli.fuzzing import Outcome, fuzz, run_in_process
from tests.conftest import run_process

FAULTS = ("traceback", "hang", "exit", "line without file:line:col", "raw control character")


def _subprocess(*args: str) -> Outcome:
    try:
        run = run_process(*args)
    except subprocess.TimeoutExpired:
        return Outcome(tuple(args), None, "", "", hang=True)
    return Outcome(tuple(args), run.code, run.out, run.err)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--every-command", action="store_true")
    parser.add_argument("--subprocess", action="store_true")
    parser.add_argument("--examples", action="store_true", help="print one example per fault")
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        tally = fuzz(
            args.seed,
            args.cases,
            Path(tmp),
            runner=_subprocess if args.subprocess else run_in_process,
            every_command=args.every_command,
        )
    elapsed = time.perf_counter() - started
    print(f"| inputs | runs | {' | '.join(FAULTS)} | seconds |")
    print("|" + "---|" * (len(FAULTS) + 3))
    counts = " | ".join(str(tally.faults.get(f, 0)) for f in FAULTS)
    print(f"| {tally.inputs} | {tally.runs} | {counts} | {elapsed:.0f} |")
    if args.examples:
        for fault, (case, err) in sorted(tally.examples.items()):
            print(f"\n## {fault}: {case}\n{err}")


if __name__ == "__main__":
    main()
