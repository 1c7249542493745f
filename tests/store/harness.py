"""Stress harnesses for the store, shared by the tests: parallel writers and killed saves."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests import conftest

from backmap import store


def cli_env(state: Path | None = None) -> dict[str, str]:
    """The environment the real entry point runs in during tests (no undo journal unless given
    a folder for it: tests never write to the user's)."""
    return conftest.cli_env(None if state is None else {"BACKMAP_STATE_DIR": str(state)})


def start_cli(
    *args: str, cwd: Path | None = None, state: Path | None = None
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "backmap", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env=cli_env(state),
    )


@dataclass
class Tally:
    """What N parallel edits came to."""

    applied: int = 0
    refused: int = 0
    lost: int = 0
    other: int = 0
    torn: int = 0
    """Runs after which the workspace no longer loads."""

    def add(self, other: Tally) -> None:
        self.applied += other.applied
        self.refused += other.refused
        self.lost += other.lost
        self.other += other.other
        self.torn += other.torn


def parallel_adds(
    root: Path, jobs: list[tuple[str, str]], parent: str, state: Path | None = None
) -> Tally:
    """Run `backmap add initiative --id ID` for every (id, file) at once; tally the outcome.

    `file` is the file of a folder workspace to add to ("" for a one-file workspace).
    """
    procs = []
    for node_id, file in jobs:
        extra = ["--file", file] if file else []
        procs.append(
            (
                node_id,
                start_cli(
                    "add",
                    "initiative",
                    f"Parallel {node_id}",
                    "--id",
                    node_id,
                    "--supports",
                    parent,
                    "--map",
                    str(root),
                    *extra,
                    state=state,
                ),
            )
        )
    results = [(node_id, proc, *proc.communicate(timeout=120)) for node_id, proc in procs]
    tally = Tally()
    try:
        ws = store.load(root)
    except store.LoadError:
        tally.torn += 1
        return tally
    present = {node.id for node in ws.nodes()}
    for node_id, proc, _out, err in results:
        if proc.returncode == 0:
            tally.applied += 1
            if node_id not in present:
                tally.lost += 1
        elif proc.returncode == 2 and "changed on disk" in err:
            tally.refused += 1
        else:
            tally.other += 1
            print(node_id, proc.returncode, err, file=sys.stderr)
    return tally


@contextlib.contextmanager
def another_editor() -> Iterator[int]:
    """A running process that looks like a backmap editor to its recovery file: its pid."""
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()", "backmap", "edit"],
        stdin=subprocess.PIPE,
    )
    try:
        yield proc.pid
    finally:
        proc.communicate()  # it ends when its input does
