"""Count lost edits and torn files under parallel writers.

Run `python -m tests.store.stress --rounds 10` from the project root.
Prints one table row per case; the tests run the same harness once with assertions.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from tests.store.harness import Tally, parallel_adds
from tests.store.test_concurrency import ONE_FILE, TEAM


def one_file_case(folder: Path, jobs: int) -> Tally:
    root = folder / "m.yaml"
    root.write_text(ONE_FILE, encoding="utf-8")
    return parallel_adds(root, [(f"p{i}", "") for i in range(jobs)], "goal")


def folder_case(folder: Path, jobs: int) -> Tally:
    root = folder / "maps"
    (root / "teams").mkdir(parents=True)
    (root / "company.yaml").write_text(ONE_FILE, encoding="utf-8")
    for n in (1, 2):
        (root / "teams" / f"t{n}.yaml").write_text(TEAM.format(n=n), encoding="utf-8")
    files = [str(root / "teams" / f"t{1 + i % 2}.yaml") for i in range(jobs)]
    return parallel_adds(root, [(f"p{i}", f) for i, f in enumerate(files)], "goal")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=12)
    args = parser.parse_args()
    print("| case | edits | applied | refused | lost | other | torn |")
    print("|---|---|---|---|---|---|---|")
    for name, case in (("one file", one_file_case), ("folder, 2 files", folder_case)):
        total = Tally()
        for _ in range(args.rounds):
            with tempfile.TemporaryDirectory() as tmp:
                total.add(case(Path(tmp), args.jobs))
        edits = args.rounds * args.jobs
        print(
            f"| {name} | {edits} | {total.applied} | {total.refused} | {total.lost} "
            f"| {total.other} | {total.torn} |"
        )


if __name__ == "__main__":
    main()
