"""Coverage and progress roll-up: how much of the map has work beneath it, and how far it got.

Coverage: of the goals beneath an outcome, how many have an initiative beneath them (covered)
and how many have an active or done one (moving). A goal under several outcomes counts once
for each of them; overall coverage counts every goal of the workspace once.

Progress: an initiative's own `progress`, else its metric ((current - baseline) / (target -
baseline), clamped to 0..100), else its status (done 100, dropped left out, otherwise 0). A
goal or outcome is the mean of its direct children's progress, each child once; one with no
children that have progress falls back to its own `progress` or metric. A node serving several
parents counts in full for each of them: it moves each of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from backmap.graph import MapGraph
from backmap.model import Kind, Node, Status, Workspace


@dataclass
class Counts:
    """Goals counted, those with an initiative beneath, and those with an active or done one."""

    goals: int = 0
    covered: int = 0
    moving: int = 0

    @property
    def ratio(self) -> float | None:
        return self.covered / self.goals if self.goals else None


@dataclass
class OutcomeCoverage(Counts):
    """Coverage beneath one outcome."""

    outcome: str = ""


@dataclass
class Coverage(Counts):
    """Coverage per outcome and for the whole workspace."""

    outcomes: list[OutcomeCoverage] = field(default_factory=list)


def coverage(graph: MapGraph) -> Coverage:
    """Coverage of every outcome and overall, from the passes already made."""
    result = Coverage()
    per = {n.id: OutcomeCoverage(outcome=n.id) for n in graph.ws.nodes() if n.kind is Kind.OUTCOME}
    for node in graph.ws.nodes():
        if node.kind is not Kind.GOAL:
            continue
        covered = graph.initiative_below.get(node.id, False)
        moving = graph.moving_below.get(node.id, False)
        result.goals += 1
        result.covered += covered
        result.moving += moving
        for outcome in graph.outcomes_above.get(node.id, ()):
            entry = per[outcome]
            entry.goals += 1
            entry.covered += covered
            entry.moving += moving
    result.outcomes = list(per.values())
    return result


def has_children(ws: Workspace, node_id: str) -> bool:
    """Whether progress of `node_id` rolls up from items under it (any that is not dropped).

    Such a node's own `progress` is not used: the roll-up comes from its children.
    """
    return any(
        node_id in node.supports and node.status is not Status.DROPPED for node in ws.nodes()
    )


def own_progress(node: Node) -> float | None:
    """A node's progress from its own fields, or None when they say nothing."""
    if node.progress is not None:
        return float(node.progress)
    metric = node.metric
    if metric and None not in (metric.baseline, metric.target, metric.current):
        assert metric.baseline is not None and metric.target is not None
        assert metric.current is not None
        span = metric.target - metric.baseline
        if span:
            return max(0.0, min(100.0, 100.0 * (metric.current - metric.baseline) / span))
    return None


def initiative_progress(node: Node) -> float | None:
    """Progress of an initiative: own fields, else status (dropped is left out)."""
    own = own_progress(node)
    if own is not None:
        return own
    if node.status is Status.DROPPED:
        return None
    return 100.0 if node.status is Status.DONE else 0.0


def progress(graph: MapGraph) -> dict[str, float | None]:
    """Roll-up progress of every node, children before parents."""
    result: dict[str, float | None] = {}
    # Nodes on or above a cycle come last, with whatever their children already have.
    for node_id in [*graph.order, *sorted(graph.cyclic)]:
        node = graph.ws.node(node_id)
        if node.kind is Kind.INITIATIVE:
            result[node_id] = initiative_progress(node)
            continue
        values = [v for c in graph.children[node_id] if (v := result.get(c)) is not None]
        result[node_id] = sum(values) / len(values) if values else own_progress(node)
    return result


def overall_progress(graph: MapGraph, by_node: dict[str, float | None]) -> float | None:
    """The mean progress of the outcomes (those that have any)."""
    values = [
        v
        for n in graph.ws.nodes()
        if n.kind is Kind.OUTCOME and (v := by_node.get(n.id)) is not None
    ]
    return sum(values) / len(values) if values else None
