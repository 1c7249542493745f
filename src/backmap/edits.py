"""Edits to a workspace as undoable commands, and the history that the CLI and the editor share.

Each builder checks the edit against the workspace and returns an Edit made of primitive steps
(insert, delete, replace a node); it changes nothing until applied, and refuses with EditError
when the edit would break the map.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from backmap.graph import has_children, reach
from backmap.model import KIND_RANK, Kind, Node, Workspace, is_valid_id
from backmap.plural import noun
from backmap.store.messages import merge_unions, message_for
from backmap.suggest import did_you_mean
from backmap.text import slugify, statement, title_key
from backmap.vocabulary import KINDS


class EditError(Exception):
    """An edit was refused; the workspace is unchanged."""


class NothingChanged(EditError):
    """The edit would leave the node as it is: the values asked for are already there."""


class KindOrderError(EditError):
    """Refused by the kind order: an outcome supports nothing, and nothing supports an initiative.

    Says what would get past it, for each front end to word as its own command or key.
    """

    def __init__(
        self,
        message: str,
        node_id: str,
        kind: Kind | None = None,
        links: Iterable[tuple[str, str]] = (),
    ) -> None:
        super().__init__(message)
        self.node_id = node_id
        """The node whose kind is in the way."""
        self.kind = kind
        """A kind for `node_id` that would allow the edit (None: changing its kind would not)."""
        self.links = tuple(links)
        """(child, parent) links that must go before the edit can be made."""


class TwinError(EditError):
    """Refused by `add`: the map has a node of this kind with the same title (`same_title`).

    Names that node and the parents asked for that it does not serve yet (a link to each would
    be accepted), for each front end to word as its own command or key.
    """

    def __init__(self, twin: Node, missing: Iterable[str] = ()) -> None:
        self.twin = twin
        """The node already in the map."""
        self.missing = tuple(missing)
        """Parents asked for that `twin` does not support yet and could (a link would do)."""
        where = f"; it does not support {_listed(list(self.missing))}" if self.missing else ""
        super().__init__(f"`{twin.id}` is already this {twin.kind.value}{where}; nothing added")


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

    @property
    def dirty(self) -> bool:
        """Whether there are edits since the last save (undoing back to it makes this False)."""
        return self.current is not self._saved


# --- builders ---------------------------------------------------------------------------------


def require(ws: Workspace, node_id: str) -> Node:
    """The node with this id, or EditError with a "did you mean"."""
    node = ws.get(node_id)
    if node is None:
        raise EditError(f"no node `{node_id}` in this map{_did_you_mean(ws, node_id)}")
    return node


def _did_you_mean(ws: Workspace, node_id: str) -> str:
    close = did_you_mean(node_id, ws.ids())
    return f"; did you mean `{close}`?" if close else ""


def _check_title(title: object) -> None:
    # The model takes any non-empty text; a title of spaces alone says nothing.
    if isinstance(title, str) and not title.strip():
        raise EditError("the title is blank: write a few words that say what the node is")


def _validated(node: Node, **changes: Any) -> Node:
    if "title" in changes:
        _check_title(changes["title"])
    data = node.model_dump(exclude_defaults=True)
    data.update(changes)
    data = {k: v for k, v in data.items() if v is not None}
    return _build(data)


def _build(data: dict[str, Any]) -> Node:
    try:
        return Node.model_validate(data)
    except ValidationError as exc:
        raise EditError("; ".join(message_for(e, {}) for e in merge_unions(exc.errors()))) from None


def _supports(ws: Workspace, node_id: str) -> list[str]:
    node = ws.get(node_id)
    return node.supports if node is not None else []


def check_link(ws: Workspace, child: Node, parent_id: str) -> None:
    """Refuse a link that names an unknown node, breaks kind order or closes a cycle."""
    parent = require(ws, parent_id)
    if parent.id == child.id:
        raise EditError(f"`{child.id}` cannot support itself")
    if child.kind is Kind.OUTCOME:
        raise KindOrderError(
            f"`{child.id}` is an outcome: outcomes are the top of the map and "
            "support nothing (make it a goal first)",
            child.id,
            Kind.GOAL,
        )
    if parent.kind is Kind.INITIATIVE:
        raise KindOrderError(
            f"`{parent.id}` is an initiative: nothing can support an initiative "
            "(link to the goal it serves instead, or make it a goal)",
            parent.id,
            Kind.GOAL,
        )
    if child.id in reach([parent.id], partial(_supports, ws)):
        raise EditError(
            f"linking `{child.id}` to `{parent.id}` would make a cycle: "
            f"`{parent.id}` already supports `{child.id}`"
        )


def unique_id(ws: Workspace, title: str) -> str:
    """An unused id from a title: 'respect-off-hours', then '-2', '-3'..."""
    base = slugify(title)
    if base not in ws:
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = base[: 64 - len(suffix)].rstrip("-") + suffix
        if candidate not in ws:
            return candidate
        n += 1


def same_title(
    ws: Workspace, kind: Kind | str, title: str, supports: Iterable[str] = ()
) -> Node | None:
    """A node of this kind whose title is the same as `title` (text.title_key: case, accents,
    punctuation, stop words and plurals aside); None when there is none. Of several, the one
    serving most of `supports`, then the first in id order."""
    want = title_key(title)
    if not want or kind not in KINDS:
        return None  # no words to compare, or a kind the model will refuse with its reason
    kind = Kind(kind)
    stems: dict[str, str] = {}
    twins = [
        n for n in ws.nodes() if n.kind is kind and " ".join(statement(n.title, stems)) == want
    ]
    parents = set(supports)
    return min(twins, key=lambda n: (-len(parents & set(n.supports)), n.id), default=None)


def add(
    ws: Workspace,
    kind: Kind | str,
    title: str,
    *,
    supports: Iterable[str] = (),
    node_id: str | None = None,
    path: Path | None = None,
    twin: bool = False,
    **fields: Any,
) -> Edit:
    """A new node under `supports`, placed next to its siblings in its parent's file.

    Refused with TwinError when the map has a node of this kind with the same title, unless
    `twin` asks for a second one.
    """
    parents = list(dict.fromkeys(supports))
    _check_title(title)
    if not twin:
        _refuse_twin(ws, kind, title, parents)
    if node_id is not None:
        if not is_valid_id(node_id):
            raise EditError(_build_error_for_id(node_id))
        if node_id in ws:
            raise EditError(f"id `{node_id}` is already used in {ws.file_of(node_id)}")
    new_id = node_id or unique_id(ws, title)
    data = {"id": new_id, "kind": kind, "title": title, **fields}
    node = _build({k: v for k, v in data.items() if v is not None})
    for parent in parents:
        check_link(ws, node, parent)
    node = _validated(node, supports=parents or None)
    target = _target_file(ws, parents, path)
    index = _position(ws, target, node)
    return Edit(f"add {node.kind.value} `{node.id}`", [Insert(target, index, node)], node.id)


def _refuse_twin(ws: Workspace, kind: Kind | str, title: str, parents: list[str]) -> None:
    found = same_title(ws, kind, title, parents)
    if found is None:
        return
    for parent in parents:
        require(ws, parent)  # an unknown parent is the first thing to say
    raise TwinError(found, [p for p in parents if _could_link(ws, found, p)])


def _could_link(ws: Workspace, child: Node, parent_id: str) -> bool:
    if parent_id in child.supports:
        return False
    try:
        check_link(ws, child, parent_id)
    except EditError:
        return False
    return True


def _build_error_for_id(node_id: str) -> str:
    try:
        Node.model_validate({"id": node_id, "kind": "goal", "title": "x"})
    except ValidationError as exc:
        return message_for(exc.errors()[0], {})
    return f"`{node_id}` is not a valid id"


def _target_file(ws: Workspace, parents: list[str], path: Path | None) -> Path:
    if path is not None:
        if path not in ws.files:
            known = ", ".join(str(p) for p in ws.files)
            raise EditError(f"{path} is not a file of this workspace (files: {known})")
        return path
    if parents:
        return ws.file_of(parents[0])
    if not ws.files:
        raise EditError("the workspace has no files yet")
    return next(iter(ws.files))


def _position(ws: Workspace, path: Path, node: Node) -> int:
    """After the last sibling of the same kind in the file, else at the end of its kind's
    section, else after the kinds above it: files read outcomes, then goals, then initiatives."""
    nodes = ws.files[path].nodes
    parents = set(node.supports)
    same_kind = [i for i, other in enumerate(nodes) if other.kind is node.kind]
    siblings = [
        i
        for i in same_kind
        if parents & set(nodes[i].supports) or (not parents and not nodes[i].supports)
    ]
    above = [i for i, other in enumerate(nodes) if KIND_RANK[other.kind] < KIND_RANK[node.kind]]
    last = (siblings or same_kind or above or [len(nodes) - 1])[-1]
    return last + 1


def change(ws: Workspace, node_id: str, **fields: Any) -> Edit:
    """Set fields of a node (None clears a field); `id` changes go through rename."""
    node = require(ws, node_id)
    if "id" in fields:
        raise EditError("use rename to change an id, so that every reference follows")
    if "supports" in fields:
        return move(ws, node_id, fields.pop("supports") or [], **fields)
    if "kind" in fields and fields["kind"] != node.kind:
        _check_new_kind(ws, node, Kind(fields["kind"]))
    new = _validated(node, **fields)  # a bad value is the first thing to hear about
    progress = fields.get("progress")
    if progress is not None and progress != node.progress and has_children(ws, node_id):
        raise EditError(
            f"`{node_id}` has items under it, so its progress rolls up from theirs: "
            "set progress on those items instead"
        )
    if new == node:
        raise NothingChanged(f"`{node_id}` already has those values")
    names = ", ".join(sorted(fields))
    return Edit(f"change {names} of `{node_id}`", [Replace(node, new)], node_id)


def done_changes(ws: Workspace, node_id: str) -> dict[str, Any]:
    """What marking a node done also sets, for `change`: progress 100, or nothing when its
    progress rolls up from items under it (`graph.has_children` says so; the front ends say
    that marking those items done is what brings it to 100%)."""
    require(ws, node_id)
    return {} if has_children(ws, node_id) else {"progress": 100}


def _check_new_kind(ws: Workspace, node: Node, kind: Kind) -> None:
    """Refuse a kind the node's links forbid (the same order as check_link and BM103/BM104)."""
    if kind is Kind.OUTCOME and node.supports:
        parents = list(dict.fromkeys(node.supports))
        raise KindOrderError(
            f"`{node.id}` supports {_listed(parents)}: an outcome supports nothing; "
            "unlink it first",
            node.id,
            links=[(node.id, p) for p in parents],
        )
    if kind is Kind.INITIATIVE:
        children = [n.id for n in ws.nodes() if node.id in n.supports and n.id != node.id]
        if children:
            verb = noun(len(children), "supports", "support")
            raise KindOrderError(
                f"{_listed(children)} {verb} `{node.id}`: nothing can support an "
                "initiative; unlink or move them first",
                node.id,
                links=[(c, node.id) for c in children],
            )


def _listed(ids: list[str]) -> str:
    return ", ".join(f"`{i}`" for i in ids)


def link(ws: Workspace, child_id: str, parent_id: str) -> Edit:
    """Make `child` also support `parent`."""
    child = require(ws, child_id)
    if parent_id in child.supports:
        raise EditError(f"`{child_id}` already supports `{parent_id}`")
    check_link(ws, child, parent_id)
    new = _validated(child, supports=[*child.supports, parent_id])
    return Edit(f"link `{child_id}` to `{parent_id}`", [Replace(child, new)], child_id)


def unlink(ws: Workspace, child_id: str, parent_id: str) -> Edit:
    """Stop `child` supporting `parent`."""
    child = require(ws, child_id)
    if parent_id not in child.supports:
        raise EditError(f"`{child_id}` does not support `{parent_id}`")
    new = _validated(child, supports=[p for p in child.supports if p != parent_id] or None)
    return Edit(f"unlink `{child_id}` from `{parent_id}`", [Replace(child, new)], child_id)


def move(ws: Workspace, node_id: str, supports: Iterable[str], **fields: Any) -> Edit:
    """Replace what a node supports."""
    node = require(ws, node_id)
    parents = list(dict.fromkeys(supports))
    for parent in parents:
        check_link(ws, node, parent)
    new = _validated(node, supports=parents or None, **fields)
    if new == node:
        raise EditError(f"`{node_id}` already supports exactly that")
    target = ", ".join(f"`{p}`" for p in parents) or "nothing"
    return Edit(f"move `{node_id}` under {target}", [Replace(node, new)], node_id)


def remove(ws: Workspace, node_id: str) -> Edit:
    """Delete a node; nodes that supported it lose that link (and may become orphans)."""
    node = require(ws, node_id)
    steps: list[Step] = []
    for other in ws.nodes():
        if node_id in other.supports:
            kept = [p for p in other.supports if p != node_id]
            steps.append(Replace(other, _validated(other, supports=kept or None)))
    path = ws.file_of(node_id)
    steps.append(Delete(path, ws.index_of(node_id), node))
    return Edit(f"remove `{node_id}`", steps, node_id)


def orphaned_by_removal(ws: Workspace, node_id: str) -> list[str]:
    """Nodes that support only `node_id`: removing it leaves them supporting nothing."""
    return [n.id for n in ws.nodes() if n.supports == [node_id]]


def rename(ws: Workspace, old: str, new: str) -> Edit:
    """Change an id; every `supports` reference in the workspace follows."""
    node = require(ws, old)
    if not is_valid_id(new):
        raise EditError(_build_error_for_id(new))
    if new == old:
        raise EditError(f"`{old}` already has that id")
    if new in ws:
        raise EditError(f"id `{new}` is already used in {ws.file_of(new)}")
    steps: list[Step] = [Replace(node, _validated(node, id=new))]
    for other in ws.nodes():
        if old in other.supports and other.id != old:
            supports = [new if p == old else p for p in other.supports]
            steps.append(Replace(other, _validated(other, supports=supports)))
    return Edit(f"rename `{old}` to `{new}`", steps, new)
