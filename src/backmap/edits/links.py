"""Edits to what a node supports: link, unlink, move."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from backmap.edits.errors import NothingChanged
from backmap.edits.history import Edit, Replace
from backmap.edits.rules import check_link, require, validated
from backmap.model import Workspace


def link(ws: Workspace, child_id: str, parent_id: str) -> Edit:
    """Make `child` also support `parent`."""
    child = require(ws, child_id)
    if parent_id in child.supports:
        raise NothingChanged(f"`{child_id}` already supports `{parent_id}`")
    check_link(ws, child, parent_id)
    new = validated(child, supports=[*child.supports, parent_id])
    return Edit(f"link `{child_id}` to `{parent_id}`", [Replace(child, new)], child_id)


def unlink(ws: Workspace, child_id: str, parent_id: str) -> Edit:
    """Stop `child` supporting `parent`."""
    child = require(ws, child_id)
    if parent_id not in child.supports:
        raise NothingChanged(f"`{child_id}` does not support `{parent_id}`")
    new = validated(child, supports=[p for p in child.supports if p != parent_id] or None)
    return Edit(f"unlink `{child_id}` from `{parent_id}`", [Replace(child, new)], child_id)


def move(ws: Workspace, node_id: str, supports: Iterable[str], **fields: Any) -> Edit:
    """Replace what a node supports."""
    node = require(ws, node_id)
    parents = list(dict.fromkeys(supports))
    for parent in parents:
        check_link(ws, node, parent)
    new = validated(node, supports=parents or None, **fields)
    if new == node:
        raise NothingChanged(f"`{node_id}` already supports exactly that")
    target = ", ".join(f"`{p}`" for p in parents) or "nothing"
    return Edit(f"move `{node_id}` under {target}", [Replace(node, new)], node_id)
