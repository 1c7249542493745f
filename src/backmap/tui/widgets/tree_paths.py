"""Where a line of the map tree sits: its path of ids from a root, the open paths kept across
a rebuild, the way down to a node, and where the cursor goes when its node is gone."""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets.tree import TreeNode

from backmap.model import Workspace
from backmap.tui.widgets.tree_labels import Line


def path_of(line: TreeNode[Line]) -> tuple[str, ...]:
    """The ids from a root down to `line`."""
    ids = []
    current: TreeNode[Line] | None = line
    while current is not None and current.data is not None:
        ids.append(current.data.node_id)
        current = current.parent
    return tuple(reversed(ids))


def expanded_paths(root: TreeNode[Line]) -> set[tuple[str, ...]]:
    """Paths of open lines, to keep them open across a rebuild."""
    found: set[tuple[str, ...]] = set()
    todo = list(root.children)
    while todo:
        line = todo.pop()
        if line.is_expanded:
            found.add(path_of(line))
            todo.extend(line.children)
    return found


def nearest_left(line: TreeNode[Line] | None, ws: Workspace) -> str | None:
    """The node of `line` (the cursor's) if it is still in the map, else the line after it,
    before it, or its parent (a delete leaves the cursor on what now fills its place)."""
    if line is None or line.data is None:
        return None
    if line.data.node_id in ws:
        return line.data.node_id
    parent = line.parent
    siblings = list(parent.children) if parent is not None else []
    at = siblings.index(line) if line in siblings else 0
    for other in [*siblings[at + 1 :], *reversed(siblings[:at])]:
        if other.data is not None and other.data.node_id in ws:
            return other.data.node_id
    if parent is not None and parent.data is not None and parent.data.node_id in ws:
        return parent.data.node_id
    return None


def chain_to(ws: Workspace, roots: Sequence[str], node_id: str) -> list[str]:
    """Ids from a root down to `node_id`, following first known parents."""
    tops = set(roots)
    chain = [node_id]
    seen = {node_id}
    current = node_id
    while current not in tops:
        node = ws.node(current)
        parent = next((p for p in node.supports if p in ws and p not in seen), None)
        if parent is None:
            break
        chain.append(parent)
        seen.add(parent)
        current = parent
    return list(reversed(chain))
