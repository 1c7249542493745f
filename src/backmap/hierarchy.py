"""The map read top-down: who supports whom, and the tree people see from the outcomes down.

Unlike graph.py, it keeps links to unknown ids and self-links: the tree shows the map as
written, broken parts included.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from backmap.model import Kind, Node, Workspace


def children_of(ws: Workspace) -> dict[str, list[str]]:
    """Parent id -> ids of the nodes that support it, in file order (unknown parents included)."""
    children: dict[str, list[str]] = {}
    for node in ws.nodes():
        for parent in dict.fromkeys(node.supports):
            children.setdefault(parent, []).append(node.id)
    return children


def parent_count(ws: Workspace, node: Node) -> int:
    """How many distinct known nodes `node` supports (above 1 it appears under each)."""
    return sum(1 for p in dict.fromkeys(node.supports) if p in ws)


def roots(ws: Workspace) -> list[str]:
    """Where the tree starts: outcomes, then nodes that reach nothing known above them."""
    outcomes = [n.id for n in ws.nodes() if n.kind is Kind.OUTCOME]
    loose = [
        n.id
        for n in ws.nodes()
        if n.kind is not Kind.OUTCOME and not any(p in ws and p != n.id for p in n.supports)
    ]
    return outcomes + loose


@dataclass(frozen=True)
class Row:
    """One line of the tree."""

    node: Node
    depth: int
    parent: str | None
    """The id of the node this line sits under (None at the top)."""
    parents: int
    """How many known nodes this node supports: above 1 it appears under each of them."""
    repeat: bool
    """Already shown in full above; its subtree is not repeated."""
    cycle: bool = False
    """The node is its own ancestor on this path."""


def rows(ws: Workspace, root: str | None = None) -> Iterator[Row]:
    """The tree from the outcomes (or from `root`) down; each subtree in full only once.

    Nodes that no start reaches (a loop of goals with nothing above it) start trees of their
    own at the end, so every node is shown.
    """
    children = children_of(ws)
    shown: set[str] = set()
    starts = [root] if root is not None else roots(ws)
    for start in starts:
        yield from _walk(ws, children, start, None, 0, shown, set())
    if root is None:
        for node in ws.nodes():
            if node.id not in shown:
                yield from _walk(ws, children, node.id, None, 0, shown, set())


def _walk(
    ws: Workspace,
    children: dict[str, list[str]],
    node_id: str,
    parent: str | None,
    depth: int,
    shown: set[str],
    path: set[str],
) -> Iterator[Row]:
    # Iterative would avoid deep recursion, but maps are shallow (a handful of levels);
    # a cycle is cut by `path`.
    node = ws.node(node_id)
    parents = parent_count(ws, node)
    if node_id in path:
        yield Row(node, depth, parent, parents, repeat=True, cycle=True)
        return
    repeat = node_id in shown
    yield Row(node, depth, parent, parents, repeat=repeat and bool(children.get(node_id)))
    if repeat:
        return
    shown.add(node_id)
    path.add(node_id)
    for child in children.get(node_id, []):
        yield from _walk(ws, children, child, node_id, depth + 1, shown, path)
    path.discard(node_id)
