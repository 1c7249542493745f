"""Saves killed at any moment: the file is the old or the new version, and leftovers go away."""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from tests.store.harness import start_cli

from backmap import edits, store

ONE = """\
backmap: 1
title: One
nodes:
  - id: goal
    kind: outcome
    title: The goal
"""


def temps(folder: Path) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n.endswith(".tmp"))


def test_leftovers_of_killed_saves_are_removed_by_the_next_load_and_save(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(ONE, encoding="utf-8")
    leftover = tmp_path / ".m.yaml.k2x9_p0a.tmp"
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "s.yaml").write_text(ONE.replace("goal", "sub-goal"), encoding="utf-8")
    other = tmp_path / "sub" / ".s.yaml.aaaaaaaa.tmp"
    unrelated = tmp_path / ".notes.txt.aaaaaaaa.tmp"  # not ours: never touched
    for temp in (leftover, other, unrelated):
        temp.write_bytes(b"half a map")
    store.load(path)
    assert temps(tmp_path) == [unrelated.name]
    assert temps(tmp_path / "sub") == [other.name]
    store.load(tmp_path)
    assert temps(tmp_path / "sub") == []
    leftover.write_bytes(b"half a map")
    ws = store.load(path)
    leftover.write_bytes(b"half a map")
    edits.add(ws, "goal", "Second", supports=["goal"]).apply(ws)
    store.save(ws)
    assert temps(tmp_path) == [unrelated.name]


def test_a_load_leaves_the_temporaries_of_a_save_in_progress(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(ONE, encoding="utf-8")
    busy = tmp_path / ".m.yaml.k2x9_p0a.tmp"
    busy.write_bytes(b"being written")
    from backmap.store.lock import locked

    with locked([tmp_path]):  # as a save in another process holds it
        store.load(path)
    assert busy.exists()


def big_map(path: Path, goals: int) -> None:
    lines = ["backmap: 1", "title: Big", "nodes:", "  - id: root", "    kind: outcome"]
    lines.append("    title: The root")
    for i in range(goals):
        lines += [f"  - id: g{i}", "    kind: goal", f"    title: Goal number {i} of many"]
        lines += ["    description: " + "words " * 20, "    supports: [root]"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _kill_when(proc, folder: Path, min_size: int | None, delay: float) -> None:
    """Kill -9 once a temporary of at least `min_size` bytes exists, else after `delay` s."""
    start = time.monotonic()
    while proc.poll() is None:
        if min_size is None:
            if time.monotonic() - start >= delay:
                break
        else:
            sizes = [os.stat(folder / n).st_size for n in temps(folder) if (folder / n).exists()]
            if any(s >= min_size for s in sizes):
                break
        time.sleep(0.001)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.communicate()


@pytest.mark.slow
def test_kill_during_save_leaves_old_or_new_and_no_leftovers(tmp_path: Path) -> None:
    original = tmp_path / "original.yaml"
    big_map(original, 8000)
    old = original.read_bytes()
    done = tmp_path / "done"
    done.mkdir()
    shutil.copy(original, done / "big.yaml")
    args = ("add", "initiative", "Killed or not", "-s", "root", "--map", "big.yaml")
    start = time.monotonic()
    proc = start_cli(*args, cwd=done)
    proc.communicate()
    full = time.monotonic() - start
    new = (done / "big.yaml").read_bytes()
    assert proc.returncode == 0 and new != old
    # Killed as the temporary appears, half written, fully written; then at moments in between.
    moments: list[tuple[int | None, float]] = [(1, 0), (len(new) // 2, 0), (len(new), 0)]
    moments += [(None, full * f) for f in (0.5, 0.8, 0.95)]
    killed_mid_save = 0
    for n, (min_size, delay) in enumerate(moments):
        folder = tmp_path / f"run{n}"
        folder.mkdir()
        shutil.copy(original, folder / "big.yaml")
        proc = start_cli(*args, cwd=folder)
        _kill_when(proc, folder, min_size, delay)
        assert (folder / "big.yaml").read_bytes() in (old, new), f"torn file at moment {n}"
        killed_mid_save += bool(temps(folder))
        store.load(folder / "big.yaml")
        assert temps(folder) == [], f"leftovers after the next load at moment {n}"
    assert killed_mid_save >= 1  # else the loop never hit a save in progress: make the map bigger
