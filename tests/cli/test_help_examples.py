"""The examples in each command's help that name the example maps run as shown."""

from __future__ import annotations

import argparse
import shlex
import shutil
from pathlib import Path

import pytest
from tests.conftest import MAPS, run_cli

from backmap.cli.parser import build_parser

# The editor needs a terminal; undo and redo need an edit made first.
SKIPPED = ("edit", "undo", "redo")


def _examples() -> list[tuple[str, str]]:
    parser = build_parser()
    [subs] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    found = []
    for name, cmd in subs.choices.items():
        for line in (cmd.epilog or "").splitlines()[1:]:
            example = line.split("#")[0].strip()
            if "--map maps" in example and name not in SKIPPED:
                found.append((name, example))
    return found


EXAMPLES = _examples()


def test_the_examples_are_found() -> None:
    assert {name for name, _ in EXAMPLES} >= {"tree", "status", "check", "fit", "export", "plan"}


@pytest.mark.parametrize(("name", "example"), EXAMPLES, ids=[e for _, e in EXAMPLES])
def test_a_help_example_on_the_example_maps_runs(name: str, example: str, tmp_path: Path) -> None:
    shutil.copytree(MAPS, tmp_path / "maps")
    args = shlex.split(example)[1:]
    run = run_cli(*args, cwd=tmp_path, env={"BACKMAP_STATE_DIR": "off"})
    assert run.code in (0, 1), (example, run.err)
    assert "error" not in run.err, (example, run.err)
