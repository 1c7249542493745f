"""Parallel writers on one workspace: every edit is applied or refused, none reported and lost."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests import strategies
from tests.store.harness import parallel_adds

from backmap.store import lock as lock_module

ONE_FILE = """\
backmap: 1
title: Parallel
nodes:
  - id: goal
    kind: outcome
    title: The goal
"""

TEAM = """\
backmap: 1
title: Team {n}
nodes: []
"""

N = 6 if strategies.quick else 12
"""Writers at once: enough to race on two cores in the contributor's run, more in the full run."""


def test_parallel_adds_to_one_file_are_applied_or_refused(tmp_path: Path) -> None:
    root = tmp_path / "m.yaml"
    root.write_text(ONE_FILE, encoding="utf-8")
    tally = parallel_adds(root, [(f"p{i}", "") for i in range(N)], "goal")
    assert tally.other == 0 and tally.torn == 0
    assert tally.applied + tally.refused == N
    assert tally.lost == 0
    assert tally.applied >= 1


@pytest.mark.slow
def test_parallel_adds_to_a_folder_are_applied_or_refused(tmp_path: Path) -> None:
    root = tmp_path / "maps"
    (root / "teams").mkdir(parents=True)
    (root / "company.yaml").write_text(ONE_FILE, encoding="utf-8")
    for n in (1, 2):
        (root / "teams" / f"t{n}.yaml").write_text(TEAM.format(n=n), encoding="utf-8")
    files = [str(root / "teams" / f"t{1 + i % 2}.yaml") for i in range(N)]
    tally = parallel_adds(root, [(f"p{i}", f) for i, f in enumerate(files)], "goal")
    assert tally.other == 0 and tally.torn == 0
    assert tally.applied + tally.refused == N
    assert tally.lost == 0
    assert tally.applied >= 1


def test_a_save_waits_for_the_folder_lock_and_says_so_when_it_is_never_freed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backmap import edits, store
    from backmap.store import lock

    path = tmp_path / "m.yaml"
    path.write_text(ONE_FILE, encoding="utf-8")
    ws = store.load(path)
    edits.add(ws, "goal", "Second", supports=["goal"]).apply(ws)
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.2)
    with lock.locked([tmp_path]), pytest.raises(store.SaveError) as caught:
        store.save(ws)
    assert "m.yaml: error: cannot lock its folder for saving: another backmap" in str(caught.value)
    assert "nothing was written: when that one has finished (or is stopped), save again" in str(
        caught.value
    )
    assert path.read_text(encoding="utf-8") == ONE_FILE
    assert store.save(ws) == [path]  # the lock is free again


def test_the_undo_journal_is_read_and_written_under_its_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two commands finishing at once would otherwise each rewrite the journal from what they
    read, and one entry would be lost."""
    from backmap.store import journal, lock

    root = tmp_path / "m.yaml"
    root.write_text(ONE_FILE, encoding="utf-8")
    state = tmp_path / "state"
    entry = journal.Entry("add p", (journal.Change.of(root, ONE_FILE, ONE_FILE + "\n"),))
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.2)
    (state / "journal").mkdir(parents=True)
    with lock.locked([state / "journal"]), pytest.raises(lock.LockTimeout):
        journal.record(state, root, entry)
    journal.record(state, root, entry)  # free again
    assert [e.summary for e in journal._read(state, root)[0]] == ["add p"]


def test_the_windows_lock_imports_and_locks_with_a_hidden_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its branch runs here with msvcrt's locking stood in: one holder at a time, no map made."""
    import importlib.util
    import sys
    import types

    held: set[int] = set()

    def locking(fd: int, mode: int, nbytes: int) -> None:
        key = os.fstat(fd).st_ino
        if mode == 1 and key in held:
            raise OSError(36, "Resource deadlock avoided")
        (held.add if mode == 1 else held.discard)(key)

    monkeypatch.setitem(
        sys.modules, "msvcrt", types.SimpleNamespace(locking=locking, LK_NBLCK=1, LK_UNLCK=0)
    )
    monkeypatch.setattr(sys, "platform", "win32")
    spec = importlib.util.spec_from_file_location(
        "backmap_lock_on_windows", Path(lock_module.__file__)
    )
    assert spec is not None and spec.loader is not None
    windows = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(windows)
    with windows.locked([tmp_path]):
        with windows.try_locked(tmp_path) as free:
            assert not free
        with pytest.raises(windows.LockTimeout), windows.locked([tmp_path], wait=0):
            pass
    with windows.try_locked(tmp_path) as free:
        assert free
    assert [p.name for p in tmp_path.iterdir()] == [windows.LOCK_NAME]
