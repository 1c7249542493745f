"""A one-shot command in its own process ends at once, without freeing what it made: all its
output still written, its exit code kept; called in-process, it returns as usual."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
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


def test_what_check_made_is_kept_from_the_collector_then_given_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "unfreeze", lambda: calls.append("unfreeze"))
    assert run_cli("check", "--map", str(MAPS / "ideal-group.yaml")).code == 0
    # Frozen before the collector came back on (its first pass would walk the whole map),
    # and given back when the command returns in-process.
    assert calls == ["freeze", "unfreeze"]
    assert run_cli("tree", "--map", str(MAPS / "ideal-group.yaml")).code == 0
    assert calls == ["freeze", "unfreeze"]  # in-process, a command that keeps nothing: no freeze
    assert gc.get_freeze_count() == 0
