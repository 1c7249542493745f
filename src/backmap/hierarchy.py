"""The map read top-down: who supports whom, and the tree people see from the outcomes down.

Unlike graph.py, it keeps links to unknown ids and self-links: the tree shows the map as
written, broken parts included.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import NamedTuple

from backmap.graph import OPEN_STATUSES, reach, unfold
from backmap.model import Kind, Node, Workspace


def children_of(ws: Workspace) -> dict[str, list[str]]:
    """Parent id -> ids of the nodes that support it, in file order (unknown parents included)."""
    children: dict[str, list[str]] = {}
    for node in ws.nodes():
        supports = node.supports
        # Most nodes have one parent: no need to drop repeats (this runs per tree rebuild).
        for parent in supports if len(supports) < 2 else dict.fromkeys(supports):
            if parent in children:
                children[parent].append(node.id)
            else:
                children[parent] = [node.id]
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
    known, outcome = ws.by_id, Kind.OUTCOME
    outcomes, loose = [], []
    for n in ws.nodes():  # a plain loop: this runs on every rebuild of the editor's tree
        if n.kind is outcome:
            outcomes.append(n.id)
            continue
        for parent in n.supports:
            if parent != n.id and parent in known:
                break
        else:
            loose.append(n.id)
    return outcomes + loose


class Row(NamedTuple):
    """One line of the tree (a tuple: a large map's tree makes one per line, each time it is
    drawn)."""

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
    children, counts = _links(ws)
    unfolded: set[str] = set()
    if root is not None:
        starts = [root]
    else:  # as `roots` finds them, from the counts at hand
        outcome = Kind.OUTCOME
        starts = [n.id for n in ws.nodes() if n.kind is outcome]
        starts += [n.id for n in ws.nodes() if n.kind is not outcome and not counts[n.id]]
    visits = unfold(starts, children, unfolded)
    if root is None:
        rest = (n.id for n in ws.nodes() if n.id not in unfolded)
        visits = chain(visits, unfold(rest, children, unfolded))
    node = ws.by_id.__getitem__
    made = tuple.__new__  # a Row without its generated __new__'s Python call: 10k rows a view
    for node_id, depth, parent, repeat, cycle in visits:
        # A node already shown with nothing beneath it is simply shown again.
        repeat = repeat and (cycle or node_id in children)
        yield made(Row, (node(node_id), depth, parent, counts[node_id], repeat, cycle))


def _links(ws: Workspace) -> tuple[dict[str, list[str]], dict[str, int]]:
    """`children_of` and every node's `parent_count` (of the first node of an id, as
    `Workspace.node` finds it), in one pass over the nodes: the tree of a large map is drawn
    from them on every `tree` and `status`."""
    children: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    known = ws.by_id
    for node in ws.nodes():
        node_id, supports = node.id, node.supports
        if len(supports) == 1:  # the common case, without building a dict
            parent = supports[0]
            count = 1 if parent in known and parent != node_id else 0
            if parent in children:
                children[parent].append(node_id)
            else:
                children[parent] = [node_id]
        else:
            count = 0
            for parent in dict.fromkeys(supports):
                children.setdefault(parent, []).append(node_id)
                if parent in known and parent != node_id:
                    count += 1
        if node_id not in counts:
            counts[node_id] = count
    return children, counts
