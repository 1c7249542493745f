"""Saving over a map changed on disk merges the editor's changes when the two touched different
nodes, also when the editor's changes are undos taken back past its last save; the base it
compares against is made from the disk's version."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from backmap import edits, mapmerge, store
from backmap.edits.history import History
from workspaces import write_workspace

MAP = """\
backmap: 1
title: Club
nodes:
  - id: win
    kind: outcome
    title: Win more home games
  - id: stands
    kind: goal
    title: Full stands on match days
    supports: [win]
  - id: floodlights
    kind: initiative
    title: LED floodlights
    supports: [stands]
"""


TEAM = """\
backmap: 1
title: Team
nodes:
  - id: calm
    kind: goal
    title: Calm weeks
  - id: rota  # the rota
    kind: initiative
    title: Shared rota
    supports: [calm]
"""


def _disk_changes_due(root: Path) -> None:
    """Someone else sets a due date on floodlights and saves (a git pull)."""
    other = store.load(root)
    edits.change(other, "floodlights", due=date(2028, 3, 31)).apply(other)
    store.save(other)


def test_undoing_past_the_save_then_saving_over_a_disk_change_merges(tmp_path: Path) -> None:
    root = write_workspace(tmp_path, MAP)
    ws = store.load(root)
    history = History(ws)
    history.do(edits.add(ws, "initiative", "Gamma item", supports=["stands"]))
    store.save(ws)
    history.mark_saved()
    history.undo()  # the new item is gone again, which the disk does not know yet
    _disk_changes_due(root)

    merge = mapmerge.merge(ws, history.since_saved())

    assert merge.merged is not None, "the two sides touched different nodes: no conflict"
    assert [c.id for c in merge.theirs.nodes] == ["floodlights"]
    assert merge.merged.node("floodlights").due == date(2028, 3, 31)
    assert "gamma-item" not in merge.merged.ids()
    # Redo still brings the item back on the merged map, keeping the disk's change.
    history.moved_to(merge.merged)
    history.redo()
    assert "gamma-item" in merge.merged.ids()
    assert merge.merged.node("floodlights").due == date(2028, 3, 31)


def test_undone_edit_on_the_node_the_disk_changed_carries_the_disks_field(tmp_path: Path) -> None:
    root = write_workspace(tmp_path, MAP)
    ws = store.load(root)
    history = History(ws)
    history.do(edits.change(ws, "floodlights", title="LED floodlights, phase one"))
    store.save(ws)
    history.mark_saved()
    history.undo()  # the title goes back; the disk still has the new one
    _disk_changes_due(root)

    merge = mapmerge.merge(ws, history.since_saved())

    assert merge.merged is not None
    node = merge.merged.node("floodlights")
    assert (node.title, node.due) == ("LED floodlights", date(2028, 3, 31))
    history.moved_to(merge.merged)
    history.redo()  # the redone title keeps the disk's due date
    node = merge.merged.node("floodlights")
    assert (node.title, node.due) == ("LED floodlights, phase one", date(2028, 3, 31))


def test_new_edits_after_undoing_past_the_save_are_not_guessed(tmp_path: Path) -> None:
    ws = store.load(write_workspace(tmp_path, MAP))
    history = History(ws)
    history.do(edits.add(ws, "initiative", "Gamma item", supports=["stands"]))
    history.mark_saved()
    history.undo()
    history.do(edits.add(ws, "initiative", "Delta item", supports=["stands"]))
    assert history.since_saved() is None


def test_the_base_comes_from_the_disk_version_without_changing_it(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(TEAM)
    mine = store.load(path)
    path.write_text(TEAM.replace("Shared rota", "Weekly rota"))  # another edit, on disk
    disk = store.load(path)
    base = mapmerge.loaded(mine, disk)
    assert base.node("rota").title == "Shared rota" and disk.node("rota").title == "Weekly rota"
    edits.change(base, "calm", title="Calm months").apply(base)
    assert disk.node("calm").title == "Calm weeks"
    assert store.dumps(mapmerge.loaded(mine), path) == store.dumps(
        mapmerge.loaded(mine, disk), path
    )
