"""Saving over a map changed on disk: what the disk's version changed, and the editor's own
edits replayed onto it when the two touched different nodes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backmap import store
from backmap.edits.history import Edit, Replace, Step
from backmap.mapdiff import MapDiff, NodeChange, changes
from backmap.model import Workspace


@dataclass
class Merge:
    """What the disk changed since the editor loaded, and, when it does not meet the editor's
    own edits, the disk's version with those edits applied (`merged`, else None)."""

    theirs: MapDiff
    merged: Workspace | None


def loaded(workspace: Workspace, disk: Workspace | None = None) -> Workspace:
    """The workspace as its files held when loaded or last saved; `disk` (the files as they
    are now, when loaded already) is not changed."""
    base = store.load(Path(workspace.root)) if disk is None else disk.copy()
    store.restore(base, store.disk_texts(workspace))
    return base


def merge(workspace: Workspace, pending: Sequence[Edit] | None) -> Merge:
    """Compare the disk's version and `workspace` against what was loaded; replay `pending`
    (the edits since the last save, None when unknown) onto the disk's version when the two
    touched different nodes, or different fields of one node. On a merge, the edits are
    rewritten to carry the disk's fields, so that undoing them later keeps those. Raises
    store.LoadError when the disk's version does not load."""
    disk = store.load(Path(workspace.root))
    base = loaded(workspace, disk)  # one load: the files as loaded are put back on a copy
    theirs = changes(base, disk, {}, {})
    if pending is None or set(workspace.files) != set(disk.files):
        return Merge(theirs, None)
    mine = changes(base, workspace, {}, {})
    graft = _grafts(mine, theirs)
    if graft is None:
        return Merge(theirs, None)
    broken = _broken(disk) | _broken(workspace)
    replayed = [[_grafted(step, graft, disk) for step in edit.steps] for edit in pending]
    try:
        for steps in replayed:
            for step in steps:
                step.apply(disk)
    except (KeyError, ValueError, IndexError):  # the disk's version has no room for an edit
        return Merge(theirs, None)
    # Replaying must give exactly the editor's changes on top of the disk's: anything else
    # (an edit that leaned on a node the disk changed) is a conflict, asked about.
    if _touched(changes(base, disk, {}, {})) != _touched(mine) | _touched(theirs):
        return Merge(theirs, None)
    # Nor may the two together break links neither broke alone: a goal added on disk under a
    # node the editor deleted, or two new links that close a loop.
    if not _broken(disk) <= broken:
        return Merge(theirs, None)
    for edit, steps in zip(pending, replayed, strict=True):
        edit.steps = steps
    return Merge(theirs, disk)


def _touched(diff: MapDiff) -> set[str]:
    return {i for c in diff.nodes for i in (c.id, c.old_id) if i is not None}


def _fields(change: NodeChange) -> set[str] | None:
    """The node fields a change touched; None when it added, removed or renamed the node."""
    if change.change != "changed" or change.renamed:
        return None
    found = {f.name.split(".")[0] for f in change.fields}
    if change.parents is not None:
        found.add("supports")
    if change.checkins:
        found.add("checkins")
    return found


def _grafts(mine: MapDiff, theirs: MapDiff) -> dict[str, set[str]] | None:
    """For each node both sides changed, the fields the disk changed; None when the two
    sides meet (one node added, removed or renamed by both, or the same field changed)."""
    ours, disks = mine.by_id(), theirs.by_id()
    found = {}
    for id_ in _touched(mine) & _touched(theirs):
        change = disks.get(id_)
        if change is None or id_ not in ours:
            return None
        a, b = _fields(ours[id_]), _fields(change)
        if a is None or b is None or a & b:
            return None
        found[id_] = b
    return found


def _grafted(step: Step, graft: dict[str, set[str]], disk: Workspace) -> Step:
    """A step that replaces a node both sides changed, carrying the disk's fields."""
    if not isinstance(step, Replace) or step.old.id not in graft:
        return step
    keep = {name: getattr(disk.node(step.old.id), name) for name in graft[step.old.id]}
    return Replace(step.old.model_copy(update=keep), step.new.model_copy(update=keep))


def _broken(ws: Workspace) -> set[tuple[str, str]]:
    """Links to missing nodes, and nodes in a loop."""
    from backmap.graph import build

    known = ws.by_id
    found = {(n.id, p) for n in ws.nodes() for p in n.supports if p not in known}
    return found | {(i, "") for i in build(ws).cyclic}


def named(change: NodeChange) -> str:
    """One node's change in a few words: "fewer-falls (due)"."""
    if change.change != "changed":
        return f"{change.id} ({change.change})"
    what = [f.name for f in change.fields]
    what += ["renamed"] * change.renamed + ["parents"] * (change.parents is not None)
    what += ["check-ins"] * bool(change.checkins)
    return f"{change.id} ({', '.join(what)})" if what else change.id


def told(change: NodeChange) -> str:
    """One node's change with its new values: "`fewer-falls` due 2027-05-31"."""
    if change.change != "changed":
        return f"`{change.id}` {change.change}"
    what = [f"{f.name} {_value(f.new)}" for f in change.fields]
    if change.renamed:
        what.insert(0, f"renamed from `{change.old_id}`")
    if change.parents is not None:
        what.append("under " + (", ".join(change.parents[1]) or "nothing"))
    what += [f"check-in {line}" for line in change.checkins]
    return f"`{change.id}` " + "; ".join(what) if what else f"`{change.id}`"


def _value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(cleared)"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    text = " ".join(str(getattr(value, "value", value)).split())
    return text if len(text) <= 40 else text[:39] + "…"
