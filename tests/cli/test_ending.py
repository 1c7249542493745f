"""A one-shot command in its own process ends at once, without freeing what it made: all its
output still written, its exit code kept; called in-process, it returns as usual."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli, run_process

from backmap.cli import ending

MAPS = Path(__file__).resolve().parents[2] / "maps"


def test_a_check_process_writes_everything_before_it_ends() -> None:
    run = run_process("check", "--map", str(MAPS / "org"), "--format", "json", "--fail-on", "info")
    assert run.code == 1, run.err  # findings at --fail-on: the code survives the hard exit
    report = json.loads(run.out)  # whole: the buffered output was flushed
    assert report["findings"]


def test_in_process_the_command_returns_and_keeps_nothing() -> None:
    run = run_cli("check", "--map", str(MAPS / "ideal-group.yaml"))
    assert run.code == 0, run.err
    assert run.out.rstrip().endswith("progress 40%")
    assert not ending.kept()
