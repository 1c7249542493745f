"""Edits that add, change, remove and rename nodes, each placed where a reader of the file
expects it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from backmap.edits.errors import EditError, NothingChanged, TwinError
from backmap.edits.history import Delete, Edit, Insert, Replace, Step
from backmap.edits.links import move
from backmap.edits.rules import (
    build_node,
    check_link,
    check_new_kind,
    check_title,
    id_refusal,
    require,
    validated,
)
from backmap.graph import has_children
from backmap.model import KIND_RANK, Kind, Node, Workspace, is_valid_id
from backmap.text import free_id, statement, title_key
from backmap.vocabulary import KINDS


def unique_id(ws: Workspace, title: str) -> str:
    """An unused id from a title: 'respect-off-hours', then '-2', '-3'..."""
    return free_id(title, ws.__contains__)


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
    check_title(title)
    title = title.strip()  # spaces around a title are a typing slip, never part of it
    if not twin:
        _refuse_twin(ws, kind, title, parents)
    if node_id is not None:
        if not is_valid_id(node_id):
            raise EditError(id_refusal(node_id))
        if node_id in ws:
            raise EditError(f"id `{node_id}` is already used in {ws.file_of(node_id)}")
    new_id = node_id or unique_id(ws, title)
    data = {"id": new_id, "kind": kind, "title": title, **fields}
    node = build_node({k: v for k, v in data.items() if v is not None})
    for parent in parents:
        check_link(ws, node, parent)
    node = validated(node, supports=parents or None)
    target = _target_file(ws, parents, path)
    index = _position(ws, target, node)
    return Edit(f"add {node.kind.value} `{node.id}`", [Insert(target, index, node)], node.id)


def _refuse_twin(ws: Workspace, kind: Kind | str, title: str, parents: list[str]) -> None:
    found = same_title(ws, kind, title, parents)
    if found is None:
        return
    for parent in parents:
        require(ws, parent)  # an unknown parent is the first thing to say
    missing = []
    for parent in parents:
        if parent not in found.supports:
            # A parent the twin could not serve (an initiative, one beneath it) is refused as
            # such: "already there" would hide that the place named is wrong.
            check_link(ws, found, parent)
            missing.append(parent)
    raise TwinError(found, missing)


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
    if isinstance(fields.get("title"), str):
        check_title(fields["title"])
        fields["title"] = fields["title"].strip()
    if "kind" in fields and fields["kind"] != node.kind:
        check_new_kind(ws, node, Kind(fields["kind"]))
    new = validated(node, **fields)  # a bad value is the first thing to hear about
    progress = fields.get("progress")
    if progress is not None and progress != node.progress and has_children(ws, node_id):
        raise EditError(
            f"`{node_id}` has items under it, so its progress rolls up from theirs: "
            "set progress on those items instead"
        )
    if new == node:
        raise NothingChanged(f"`{node_id}` already has those values")
    # Name only what moved: `--due ""` on a node with no due date changed nothing.
    moved = [f for f in fields if getattr(new, f, None) != getattr(node, f, None)]
    names = ", ".join(sorted(moved or fields))
    return Edit(f"change {names} of `{node_id}`", [Replace(node, new)], node_id)


def done_changes(ws: Workspace, node_id: str) -> dict[str, Any]:
    """What marking a node done also sets, for `change`: progress 100, or nothing when its
    progress rolls up from items under it (`graph.has_children` says so; the front ends say
    that marking those items done is what brings it to 100%)."""
    require(ws, node_id)
    return {} if has_children(ws, node_id) else {"progress": 100}


def remove(ws: Workspace, node_id: str) -> Edit:
    """Delete a node; nodes that supported it lose that link (and may become orphans)."""
    node = require(ws, node_id)
    steps: list[Step] = []
    for other in ws.nodes():
        if node_id in other.supports:
            kept = [p for p in other.supports if p != node_id]
            steps.append(Replace(other, validated(other, supports=kept or None)))
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
        raise EditError(id_refusal(new))
    if new == old:
        raise EditError(f"`{old}` already has that id")
    if new in ws:
        raise EditError(f"id `{new}` is already used in {ws.file_of(new)}")
    steps: list[Step] = [Replace(node, validated(node, id=new))]
    for other in ws.nodes():
        if old in other.supports and other.id != old:
            supports = [new if p == old else p for p in other.supports]
            steps.append(Replace(other, validated(other, supports=supports)))
    return Edit(f"rename `{old}` to `{new}`", steps, new)
