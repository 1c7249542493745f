"""The editor's recovery file on disk: what a killed write of it leaves is cleaned up."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from tests.store.harness import another_editor

from backmap import edits, store
from backmap.store.recovery import process_started

MAP = """\
backmap: 1
title: One
nodes:
  - id: calm
    kind: outcome
    title: Calm evenings
"""


def test_a_killed_recovery_write_leaves_no_temporary_for_good(tmp_path: Path) -> None:
    path = tmp_path / "one.yaml"
    path.write_text(MAP, encoding="utf-8")
    ws = store.load(path)
    edits.change(ws, "calm", title="Mine").apply(ws)
    recovery = store.recovery_path(path)
    # What a write killed between creating its temporary and renaming it leaves behind,
    # as tempfile names it: an hour ago, and (another editor's, in flight) just now.
    stale = tmp_path / f".{recovery.name}.abcd1234.tmp"
    fresh = tmp_path / f".{recovery.name}.wxyz5678.tmp"
    stale.write_text("{half", encoding="utf-8")
    fresh.write_text("{half", encoding="utf-8")
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    assert store.write_recovery(store.snapshot(ws)) == recovery
    assert not stale.exists()
    assert fresh.exists()  # may be another editor's write in progress
    os.utime(fresh, (hour_ago, hour_ago))
    store.clear_recovery(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.yaml"]


def kept_by(path: Path, pid: int) -> Path:
    """A recovery file as a live editor in another process keeps it."""
    ws = store.load(path)
    edits.change(ws, "calm", title="Theirs").apply(ws)
    recovery = store.write_recovery(store.snapshot(ws))
    assert recovery is not None
    data = json.loads(recovery.read_text(encoding="utf-8"))
    data["pid"], data["started"] = pid, process_started(pid)
    recovery.write_text(json.dumps(data), encoding="utf-8")
    return recovery


def test_another_live_editors_recovery_file_is_neither_overwritten_nor_removed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "one.yaml"
    path.write_text(MAP, encoding="utf-8")
    with another_editor() as pid:
        recovery = kept_by(path, pid)
        theirs = recovery.read_bytes()
        assert store.recovery_owner(path) == pid
        ws = store.load(path)
        edits.change(ws, "calm", title="Mine").apply(ws)
        with pytest.raises(OSError, match=f"another backmap editor \\(pid {pid}\\)"):
            store.write_recovery(store.snapshot(ws))
        store.clear_recovery(path)  # what this editor does once it has nothing unsaved
        assert recovery.read_bytes() == theirs
    # Once that editor has ended, its work is offered, and cleared like any other.
    assert store.recovery_owner(path) is None
    assert store.read_recovery(path) is not None
    store.clear_recovery(path)
    assert not recovery.exists()


@pytest.mark.skipif(process_started(os.getpid()) is None, reason="needs /proc")
def test_a_crashed_editors_pid_taken_by_another_process_does_not_hide_its_work(
    tmp_path: Path,
) -> None:
    path = tmp_path / "one.yaml"
    path.write_text(MAP, encoding="utf-8")
    with another_editor() as pid:
        recovery = kept_by(path, pid)
        data = json.loads(recovery.read_text(encoding="utf-8"))
        data["started"] -= 1  # the editor that wrote it started earlier: it has ended
        recovery.write_text(json.dumps(data), encoding="utf-8")
        assert store.recovery_owner(path) is None
        assert store.read_recovery(path) is not None


def test_the_disk_check_does_not_wait_on_a_pipe_put_in_place_of_a_map(tmp_path: Path) -> None:
    """The editor asks this of every open file on a timer: a FIFO must answer at once."""
    import signal

    path = tmp_path / "map.yaml"
    os.mkfifo(path)

    class Stuck(Exception):
        """Not an OSError, which the check turns into None."""

    def stuck(*_: object) -> None:
        raise Stuck("digest_on_disk waited for a writer on the pipe")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(5)
    try:
        assert store.digest_on_disk(path) is None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_unsaved_names_the_nodes_a_restore_adds_changes_and_removes(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "backmap: 1\ntitle: M\nnodes:\n"
        "  - {id: safe, kind: outcome, title: Safe}\n"
        "  - {id: falls, kind: goal, title: Falls, supports: [safe]}\n"
        "  - {id: gone, kind: goal, title: Gone, supports: [safe]}\n",
        encoding="utf-8",
    )
    ws = store.load(path)
    text = (
        "backmap: 1\ntitle: M\nnodes:\n"
        "  - {id: safe, kind: outcome, title: Safe}\n"
        "  - {id: falls, kind: goal, title: Fewer falls, supports: [safe]}\n"
        "  - {id: alarms, kind: initiative, title: Alarms, supports: [falls]}\n"
    )
    found = store.unsaved(ws, {path.resolve(): text})
    assert found == store.Unsaved(added=("alarms",), removed=("gone",), changed=("falls",))
    assert store.unsaved(ws, {path.resolve(): "backmap: 1\nnodes: 3\n"}) is None
    assert not store.unsaved(ws, {path.resolve(): path.read_text()})
