"""Edits as primitive steps that undo themselves, and the undo/redo history the CLI and the
editor share."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from backmap.model import Node, Workspace


class Step(Protocol):
    """One primitive change that knows how to undo itself."""

    def apply(self, ws: Workspace) -> None: ...
    def revert(self, ws: Workspace) -> None: ...


@dataclass(frozen=True)
class Insert:
    path: Path
    index: int
    node: Node

    def apply(self, ws: Workspace) -> None:
        ws.insert(self.path, self.index, self.node)

    def revert(self, ws: Workspace) -> None:
        ws.delete(self.node.id)


@dataclass(frozen=True)
class Delete:
    path: Path
    index: int
    node: Node

    def apply(self, ws: Workspace) -> None:
        ws.delete(self.node.id)

    def revert(self, ws: Workspace) -> None:
        ws.insert(self.path, self.index, self.node)


@dataclass(frozen=True)
class Replace:
    old: Node
    new: Node

    def apply(self, ws: Workspace) -> None:
        ws.replace(self.old.id, self.new)
        _move_comments(ws, self.old.id, self.new.id)

    def revert(self, ws: Workspace) -> None:
        ws.replace(self.new.id, self.old)
        _move_comments(ws, self.new.id, self.old.id)


def _move_comments(ws: Workspace, old: str, new: str) -> None:
    # Comments follow a renamed node.
    if ws.stored is not None:
        ws.stored.renamed(old, new)


@dataclass
class Edit:
    """A named list of steps, applied in order and undone in reverse."""

    summary: str
    steps: list[Step] = field(default_factory=list)
    node_id: str | None = None
    """The node the edit is about (new id after a rename), for the caller to show or select."""

    def apply(self, ws: Workspace) -> None:
        for step in self.steps:
            step.apply(ws)

    def revert(self, ws: Workspace) -> None:
        for step in reversed(self.steps):
            step.revert(ws)


class Undone(Edit):
    """An edit taken back, as an edit of its own (undoing it redoes the original). Steps set on
    it (a merge carrying the disk's fields) are set, reversed, on the original too, so that
    redoing it later keeps them."""

    def __init__(self, original: Edit) -> None:
        # Not Edit.__init__: it would set `steps`, and so empty the original's.
        self.original = original
        self.summary = f"undo {original.summary}"
        self.node_id = original.node_id

    @property
    def steps(self) -> list[Step]:
        return [_inverse(step) for step in reversed(self.original.steps)]

    @steps.setter
    def steps(self, steps: list[Step]) -> None:
        self.original.steps = [_inverse(step) for step in reversed(steps)]


def _inverse(step: Step) -> Step:
    """The step that undoes `step`, as a step of the same kinds."""
    if isinstance(step, Insert):
        return Delete(step.path, step.index, step.node)
    if isinstance(step, Delete):
        return Insert(step.path, step.index, step.node)
    if isinstance(step, Replace):
        return Replace(step.new, step.old)
    raise TypeError(f"no inverse for {type(step).__name__}")


_NEVER_SAVED = Edit("restored work")


class History:
    """Applied edits with undo and redo, and whether the workspace differs from the last save."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._done: list[Edit] = []
        self._undone: list[Edit] = []
        self._saved: Edit | None = None

    def do(self, edit: Edit) -> Edit:
        """Apply an edit and remember it; clears what could be redone."""
        edit.apply(self.workspace)
        self._done.append(edit)
        self._undone.clear()
        return edit

    def undo(self) -> Edit | None:
        """Take back the last edit; None when there is nothing to undo."""
        if not self._done:
            return None
        edit = self._done.pop()
        edit.revert(self.workspace)
        self._undone.append(edit)
        return edit

    def redo(self) -> Edit | None:
        """Apply again the last undone edit; None when there is nothing to redo."""
        if not self._undone:
            return None
        edit = self._undone.pop()
        edit.apply(self.workspace)
        self._done.append(edit)
        return edit

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def current(self) -> Edit | None:
        """The last applied edit: what the workspace now stands at (None: as loaded)."""
        return self._done[-1] if self._done else None

    def mark_unsaved(self) -> None:
        """Record that the workspace differs from disk though no edit says so (restored work)."""
        self._saved = _NEVER_SAVED

    def mark_saved(self) -> None:
        """Record that the workspace as it is now is what is on disk."""
        self._saved = self.current

    def since_saved(self) -> list[Edit] | None:
        """The edits that lead from the last save to the workspace as it is, in order; None when
        no list of edits tells the difference (restored work, or new edits made after undoing
        past the save). Undoing past the save gives each undone edit taken back (`Undone`)."""
        if self._saved is None:
            return list(self._done)
        at = [i for i, edit in enumerate(self._done) if edit is self._saved]
        if at:
            return self._done[at[0] + 1 :]
        back = [i for i, edit in enumerate(self._undone) if edit is self._saved]
        # The redo stack holds the last undone on top: from the save down, in the order undone.
        return [Undone(edit) for edit in reversed(self._undone[back[0] :])] if back else None

    def moved_to(self, workspace: Workspace) -> None:
        """Go on with this history on `workspace`, which holds the same edits (a merge)."""
        self.workspace = workspace

    @property
    def dirty(self) -> bool:
        """Whether there are edits since the last save (undoing back to it makes this False)."""
        return self.current is not self._saved
