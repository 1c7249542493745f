"""The editor's recovery file on disk: what a killed write of it leaves is cleaned up."""

from __future__ import annotations

import os
import time
from pathlib import Path

from backmap import edits, store

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
