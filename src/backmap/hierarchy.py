"""The map read top-down: who supports whom, and the tree people see from the outcomes down.

Unlike graph.py, it keeps links to unknown ids and self-links: the tree shows the map as
written, broken parts included.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

from backmap.graph import OPEN_STATUSES, reach, unfold
from backmap.model import Kind, Node, Workspace


def children_of(ws: Workspace) -> dict[str, list[str]]:
    """Parent id -> ids of the nodes that support it, in file order (unknown parents included)."""
    children: dict[str, list[str]] = {}
    for node in ws.nodes():
        for parent in dict.fromkeys(node.supports):
            children.setdefault(parent, []).append(node.id)
    return children


def open_initiatives(ws: Workspace, node_id: str) -> list[str]:
    """The initiatives beneath `node_id`, at any depth, that are not done or dropped, in file
    order: what marking it done leaves unfinished."""
    below = reach([node_id], children_of(ws))
    return [
        n.id
        for n in ws.nodes()
        if n.id in below and n.kind is Kind.INITIATIVE and n.status in OPEN_STATUSES
    ]


def parent_count(ws: Workspace, node: Node) -> int:
    """How many distinct known nodes other than itself `node` supports (above 1 it appears
    under each)."""
    return sum(1 for p in dict.fromkeys(node.supports) if p in ws and p != node.id)


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
    unfolded: set[str] = set()
    starts = [root] if root is not None else roots(ws)
    visits = unfold(starts, children, unfolded)
    if root is None:
        rest = (n.id for n in ws.nodes() if n.id not in unfolded)
        visits = chain(visits, unfold(rest, children, unfolded))
    counts: dict[str, int] = {}  # a node under thousands of parents is counted once
    for visit in visits:
        node = ws.node(visit.node_id)
        parents = counts.get(node.id)
        if parents is None:
            parents = counts[node.id] = parent_count(ws, node)
        # A node already shown with nothing beneath it is simply shown again.
        repeat = visit.repeat and (visit.cycle or bool(children.get(node.id)))
        yield Row(node, visit.depth, visit.parent, parents, repeat, visit.cycle)
