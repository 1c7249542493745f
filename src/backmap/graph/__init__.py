"""The workspace as a graph, with the traversals everyone needs computed once, in linear passes.

Edges point up, from a node to what it supports. Plain dicts carry the hot path (Kahn's
topological order, one pass up and one down) so `check` starts fast; networkx is imported only
to explain cycles and for callers that want a `networkx.DiGraph` (`to_networkx`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from backmap.graph.passes import MANY, MOVING_STATUSES, bottom_up_order, pass_down, pass_up
from backmap.graph.walk import Edges, Visit, components, levels, paths, reach, reached_by, unfold
from backmap.model import Kind, Node, Status, Workspace

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "MANY",
    "MOVING_STATUSES",
    "OPEN_STATUSES",
    "Edges",
    "MapGraph",
    "Visit",
    "build",
    "components",
    "find_cycles",
    "has_children",
    "is_overdue",
    "levels",
    "paths",
    "reach",
    "reached_by",
    "to_networkx",
    "unfold",
]

OPEN_STATUSES = frozenset({None, Status.IDEA, Status.PLANNED, Status.ACTIVE})


def is_overdue(node: Node, today: date) -> bool:
    """Whether the node's due date has passed and it is still open (BM401, plan, people)."""
    return node.due is not None and node.due < today and node.status in OPEN_STATUSES


@dataclass
class MapGraph:
    """Adjacency of known nodes plus what the linear passes found."""

    ws: Workspace
    parents: dict[str, list[str]] = field(default_factory=dict)
    """Known, distinct parents of each node, excluding itself."""
    children: dict[str, list[str]] = field(default_factory=dict)
    """Nodes supporting each node, in file order."""
    order: list[str] = field(default_factory=list)
    """Topological order from the bottom (initiatives) up; nodes on cycles are left out."""
    cyclic: set[str] = field(default_factory=set)
    """Nodes on or above a cycle, which no topological order can place."""
    outcomes_above: dict[str, frozenset[str]] = field(default_factory=dict)
    """Outcomes each node reaches going up (an outcome reaches itself)."""
    initiative_below: dict[str, bool] = field(default_factory=dict)
    """Whether an initiative lies beneath each node (directly or through sub-goals); dropped
    items and what lies beneath them only through dropped items do not count."""
    moving_below: dict[str, bool] = field(default_factory=dict)
    """Whether an active or done initiative lies beneath each node."""
    sole_initiative: dict[str, str | None] = field(default_factory=dict)
    """The only initiative beneath a node, MANY when several, None when none."""
    of_kind: dict[Kind, list[Node]] = field(default_factory=dict)
    """The nodes of each kind, in file order (a rule about goals need not walk every node)."""
    irregular: list[str] = field(default_factory=list)
    """Nodes whose `supports` names an unknown id, the node itself or one id twice, in file
    order: the only ones the link rules (BM101, BM105, BM106) need to look at."""

    def node(self, node_id: str) -> Node:
        return self.ws.node(node_id)

    def ancestors(self, node_id: str) -> set[str]:
        """Every node above `node_id` (not including it)."""
        return reach([node_id], self.parents)

    def descendants(self, node_id: str) -> set[str]:
        """Every node beneath `node_id` (not including it)."""
        return reach([node_id], self.children)


def build(ws: Workspace) -> MapGraph:
    """Index the workspace and run the upward and downward passes once."""
    graph = MapGraph(ws)
    by_id = ws.by_id
    # Plain loops with local names: this runs once per node for every command on a map.
    children: dict[str, list[str]] = {node_id: [] for node_id in by_id}
    parents = graph.parents
    of_kind = graph.of_kind = {kind: [] for kind in Kind}
    irregular = graph.irregular
    for node in ws.nodes():
        of_kind[node.kind].append(node)
        node_id, supports = node.id, node.supports
        if len(supports) == 1:  # the common case, without building a dict
            target = supports[0]
            if target in by_id and target != node_id:
                parents[node_id] = [target]
                children[target].append(node_id)
            else:
                parents[node_id] = []
                irregular.append(node_id)
        elif not supports:
            parents[node_id] = []
        else:
            known = [p for p in dict.fromkeys(supports) if p in by_id and p != node_id]
            parents[node_id] = known
            for parent in known:
                children[parent].append(node_id)
            if len(known) != len(supports):
                irregular.append(node_id)
    graph.children = children
    graph.order, graph.cyclic = bottom_up_order(graph)
    pass_up(graph)
    pass_down(graph)
    return graph


def has_children(ws: Workspace, node_id: str) -> bool:
    """Whether progress of `node_id` rolls up from items under it (any that is not dropped).

    Such a node's own `progress` is not used: its progress is its children's.
    """
    return any(
        node_id in node.supports and node.status is not Status.DROPPED for node in ws.nodes()
    )


def find_cycles(graph: MapGraph) -> list[list[str]]:
    """One cycle per group of nodes that reach each other, starting at the first in file order."""
    if not graph.cyclic:
        return []
    import networkx as nx

    digraph = to_networkx(graph, only=graph.cyclic)
    position = {node_id: i for i, node_id in enumerate(graph.ws.ids())}
    cycles = []
    for component in nx.strongly_connected_components(digraph):
        if len(component) < 2:
            continue
        start = min(component, key=position.__getitem__)
        edges = nx.find_cycle(digraph.subgraph(component), source=start)
        path = [edges[0][0], *(v for _, v in edges)]
        cycles.append(path)
    return sorted(cycles, key=lambda c: position[c[0]])


def to_networkx(graph: MapGraph, only: set[str] | None = None) -> nx.DiGraph:
    """The graph as a networkx DiGraph (edges child -> parent), node attributes from the map."""
    import networkx as nx

    digraph = nx.DiGraph()
    for node in graph.ws.nodes():
        if only is None or node.id in only:
            digraph.add_node(node.id, kind=node.kind.value, title=node.title)
    for child, parents in graph.parents.items():
        for parent in parents:
            if only is None or (child in only and parent in only):
                digraph.add_edge(child, parent)
    return digraph
