"""Where effort pays most: initiatives serving many goals, goals held up by little."""

from __future__ import annotations

from dataclasses import dataclass

from backmap.graph import MapGraph
from backmap.graph.passes import under_way
from backmap.model import Kind


@dataclass(frozen=True)
class Leverage:
    """An initiative and how much of the map it serves."""

    node_id: str
    goals: int
    outcomes: int


@dataclass(frozen=True)
class Thin:
    """A goal and how many distinct initiatives (and moving ones) hold it up."""

    node_id: str
    initiatives: int
    moving: int


def leverage(graph: MapGraph, top: int = 10) -> tuple[list[Leverage], list[Thin]]:
    """Initiatives ranked by goals then outcomes served; goals ranked by thinnest support."""
    ws = graph.ws
    kinds = {n.id: n.kind for n in ws.nodes()}
    served = []
    for node in ws.nodes():
        if node.kind is Kind.INITIATIVE:
            goals = sum(1 for a in graph.ancestors(node.id) if kinds[a] is Kind.GOAL)
            served.append(Leverage(node.id, goals, len(graph.outcomes_above.get(node.id, ()))))
    served.sort(key=lambda x: (-x.goals, -x.outcomes, x.node_id))
    thin = []
    below = _initiatives_below(graph)
    for node in ws.nodes():
        if node.kind is Kind.GOAL:
            found = below[node.id]
            moving = sum(1 for d in found if under_way(ws.node(d)))
            thin.append(Thin(node.id, len(found), moving))
    thin.sort(key=lambda x: (x.initiatives, x.moving, x.node_id))
    return served[:top], thin[:top]


def _initiatives_below(graph: MapGraph) -> dict[str, frozenset[str]]:
    """The initiatives beneath each node, children before parents; a node with one child
    shares its set, so a chain thousands deep costs no more than its length."""
    kinds = {n.id: n.kind for n in graph.ws.nodes()}
    below: dict[str, frozenset[str]] = {}
    empty: frozenset[str] = frozenset()
    for node_id in graph.order:
        parts = [
            below[c] | {c} if kinds[c] is Kind.INITIATIVE else below[c]
            for c in graph.children[node_id]
        ]
        below[node_id] = (
            parts[0] if len(parts) == 1 else frozenset().union(*parts) if parts else empty
        )
    for node_id in graph.cyclic:  # no bottom-up order there: a plain search each
        found = graph.descendants(node_id) - {node_id}
        below[node_id] = frozenset(d for d in found if kinds[d] is Kind.INITIATIVE)
    return below
