"""The workspace as a graph, with the traversals everyone needs computed once, in linear passes.

Edges point up, from a node to what it supports. Plain dicts carry the hot path (Kahn's
topological order, one pass up and one down) so `check` starts fast; networkx is imported only
to explain cycles and for callers that want a `networkx.DiGraph` (`to_networkx`).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from backmap.model import Kind, Node, Status, Workspace

if TYPE_CHECKING:
    import networkx as nx

MANY = "*"
"""Marker in `sole_initiative`: more than one initiative lies beneath."""

OPEN_STATUSES = frozenset({None, Status.IDEA, Status.PLANNED, Status.ACTIVE})
MOVING_STATUSES = frozenset({Status.ACTIVE, Status.DONE})


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
    """Whether an initiative lies beneath each node (directly or through sub-goals)."""
    moving_below: dict[str, bool] = field(default_factory=dict)
    """Whether an active or done initiative lies beneath each node."""
    sole_initiative: dict[str, str | None] = field(default_factory=dict)
    """The only initiative beneath a node, MANY when several, None when none."""

    def node(self, node_id: str) -> Node:
        return self.ws.node(node_id)

    def ancestors(self, node_id: str) -> set[str]:
        """Every node above `node_id` (not including it)."""
        return _reach(node_id, self.parents)

    def descendants(self, node_id: str) -> set[str]:
        """Every node beneath `node_id` (not including it)."""
        return _reach(node_id, self.children)


def _reach(start: str, edges: dict[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    todo = list(edges.get(start, ()))
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(edges.get(current, ()))
    return seen


def build(ws: Workspace) -> MapGraph:
    """Index the workspace and run the upward and downward passes once."""
    graph = MapGraph(ws)
    by_id = ws.by_id
    children = graph.children
    for node_id in by_id:
        children[node_id] = []
    for node in ws.nodes():
        supports = node.supports
        if len(supports) == 1:  # the common case, without building a dict
            known = [supports[0]] if supports[0] in by_id and supports[0] != node.id else []
        else:
            known = [p for p in dict.fromkeys(supports) if p in by_id and p != node.id]
        graph.parents[node.id] = known
        for parent in known:
            children[parent].append(node.id)
    graph.order, graph.cyclic = _bottom_up_order(graph)
    _pass_up(graph)
    _pass_down(graph)
    return graph


def _bottom_up_order(graph: MapGraph) -> tuple[list[str], set[str]]:
    """Kahn's algorithm from the nodes nothing supports; what is never freed sits on a cycle."""
    pending = {node_id: len(kids) for node_id, kids in graph.children.items()}
    ready = deque(node_id for node_id, count in pending.items() if count == 0)
    order: list[str] = []
    while ready:
        current = ready.popleft()
        order.append(current)
        for parent in graph.parents[current]:
            pending[parent] -= 1
            if pending[parent] == 0:
                ready.append(parent)
    stuck = {node_id for node_id, count in pending.items() if count > 0}
    return order, stuck


def _pass_up(graph: MapGraph) -> None:
    """Outcomes reached from each node, parents before children (reverse bottom-up order)."""
    above = graph.outcomes_above
    empty: frozenset[str] = frozenset()
    # Nodes on cycles first, by a plain search, so their supporters still find their outcomes.
    for node_id in sorted(graph.cyclic):
        reach = {
            a for a in graph.ancestors(node_id) | {node_id} if graph.ws.node(a).kind is Kind.OUTCOME
        }
        above[node_id] = frozenset(reach)
    for node_id in reversed(graph.order):
        if graph.ws.node(node_id).kind is Kind.OUTCOME:
            above[node_id] = frozenset({node_id})
            continue
        parents = graph.parents[node_id]
        if not parents:
            above[node_id] = empty
        elif len(parents) == 1:
            above[node_id] = above[parents[0]]
        else:
            above[node_id] = frozenset().union(*(above[p] for p in parents))


def _pass_down(graph: MapGraph) -> None:
    """What lies beneath each node, children before parents (bottom-up order)."""
    below, moving, sole = graph.initiative_below, graph.moving_below, graph.sole_initiative
    # Nodes on or above a cycle have no bottom-up order: search beneath each of them instead.
    for node_id in sorted(graph.cyclic):
        found = [
            d
            for d in graph.descendants(node_id) | {node_id}
            if d != node_id and graph.ws.node(d).kind is Kind.INITIATIVE
        ]
        below[node_id] = bool(found)
        moving[node_id] = any(graph.ws.node(d).status in MOVING_STATUSES for d in found)
        sole[node_id] = found[0] if len(found) == 1 else (MANY if found else None)
    for node_id in graph.order:
        has, moves, only = False, False, None
        for child_id in graph.children[node_id]:
            child = graph.ws.node(child_id)
            if child.kind is Kind.INITIATIVE:
                has = True
                moves = moves or child.status in MOVING_STATUSES or moving.get(child_id, False)
                # Initiatives under an initiative (BM104) still count as beneath, as on a cycle.
                below_child = sole.get(child_id)
                candidate: str | None = child_id if below_child in (None, child_id) else MANY
            else:
                has = has or below.get(child_id, False)
                moves = moves or moving.get(child_id, False)
                candidate = sole.get(child_id)
            if candidate is None:
                continue
            only = candidate if only in (None, candidate) else MANY
        below[node_id], moving[node_id], sole[node_id] = has, moves, only


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
