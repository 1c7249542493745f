"""Where effort pays most: initiatives serving many goals, goals held up by little."""

from __future__ import annotations

from dataclasses import dataclass

from backmap.graph import MOVING_STATUSES, MapGraph
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
    for node in ws.nodes():
        if node.kind is Kind.GOAL:
            below = [d for d in graph.descendants(node.id) if kinds[d] is Kind.INITIATIVE]
            moving = sum(1 for d in below if ws.node(d).status in MOVING_STATUSES)
            thin.append(Thin(node.id, len(below), moving))
    thin.sort(key=lambda x: (x.initiatives, x.moving, x.node_id))
    return served[:top], thin[:top]
