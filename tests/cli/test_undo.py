"""`backmap undo` and `redo` through the real entry point: the command line's own edits, taken
back byte for byte from the journal, and never over a change made since."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import bm, run_cli

from backmap.store.journal import Change

MAP = """\
backmap: 1
title: Small   # the team's map
nodes:
  - id: happy
    kind: outcome
    title: Employees are happy
  # Calm first: the survey said so.
  - id: calm
    kind: goal
    title: Less stress
    supports: [happy]
  - id: quiet
    kind: initiative
    title: Quiet hours
    supports: [calm]   # agreed in March
"""


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "team.yaml"
    target.write_text(MAP)
    return target


def test_undo_takes_back_each_edit_byte_for_byte_and_redo_makes_it_again(path: Path) -> None:
    assert bm(path, "add", "goal", "Focus", "-s", "happy").code == 0
    after_add = path.read_text()
    assert bm(path, "rm", "calm", "--yes").code == 0
    assert "calm" not in path.read_text()
    first = bm(path, "undo")
    assert first.code == 0, first.err
    assert "undid remove `calm`" in first.err
    assert path.read_text() == after_add  # comments of the removed node are back too
    assert bm(path, "undo").code == 0
    assert path.read_text() == MAP
    nothing = bm(path, "undo")
    assert nothing.code == 2 and "nothing to undo" in nothing.err
    redo = bm(path, "redo")
    assert redo.code == 0 and "redid add goal `focus`" in redo.err
    assert path.read_text() == after_add


def test_a_new_edit_after_undo_forgets_what_could_be_redone(path: Path) -> None:
    assert bm(path, "set", "quiet", "--status", "active").code == 0
    assert bm(path, "undo").code == 0
    assert bm(path, "set", "quiet", "--owner", "dana").code == 0
    result = bm(path, "redo")
    assert result.code == 2 and "nothing to redo" in result.err
    assert "owner: dana" in path.read_text() and "status" not in path.read_text()


def test_undo_never_overwrites_a_change_made_since(path: Path) -> None:
    assert bm(path, "set", "quiet", "--kind", "goal").code == 0
    by_hand = path.read_text().replace("Quiet hours", "Quiet evenings")
    path.write_text(by_hand)
    result = bm(path, "undo")
    assert result.code == 2
    assert "changed since" in result.err and "nothing was changed" in result.err
    assert path.read_text() == by_hand


def test_with_the_journal_off_edits_work_and_undo_says_why_not(path: Path) -> None:
    assert bm(path, "set", "quiet", "--status", "done", state="off").code == 0
    result = run_cli("undo", "--map", str(path), env={"BACKMAP_STATE_DIR": "off"})
    assert result.code == 2 and "journal is off" in result.err
    assert "status: done" in path.read_text()


@given(st.text(max_size=40), st.text(max_size=40))
def test_a_journal_change_steps_exactly_between_its_two_texts(before: str, after: str) -> None:
    change = Change.of(Path("m.yaml"), before, after)
    assert change.step(after, forward=False) == before
    assert change.step(before, forward=True) == after
    if before != after:
        assert change.step(after, forward=True) is None  # not where a redo starts
    # What is stored is only the part that differs.
    assert len(change.before) + len(change.after) <= len(before) + len(after)


def test_a_one_field_edit_of_a_big_map_keeps_the_journal_small(tmp_path: Path) -> None:
    lines = ["backmap: 1", "title: Big", "nodes:"]
    for i in range(3000):
        lines += [f"  - id: n{i}", "    kind: goal", f"    title: Goal number {i}"]
    path = tmp_path / "big.yaml"
    path.write_text("\n".join(lines) + "\n")
    state = tmp_path / "state"
    assert bm(path, "set", "n1500", "--owner", "dana").code == 0
    (journal,) = (state / "journal").iterdir()
    assert journal.stat().st_size < 2_000
    assert bm(path, "undo").code == 0
    assert path.read_text() == "\n".join(lines) + "\n"
