"""The linear passes `build` runs once over a workspace's graph: Kahn's topological order from
the bottom up, then one pass up (the outcomes each node reaches) and one down (what lies
beneath each node), with the nodes on or above a cycle handled apart, group by group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backmap.graph.walk import components
from backmap.model import Kind, Node, Status

if TYPE_CHECKING:
    from backmap.graph import MapGraph

MANY = "*"
"""Marker in `sole_initiative`: more than one initiative lies beneath."""
MOVING_STATUSES = frozenset({Status.ACTIVE, Status.DONE})


def under_way(node: Node) -> bool:
    """Whether an initiative is under way: active or done, or, with no status, past 0% by its
    progress (a map may track progress through check-ins and never set a status)."""
    status = node.status
    return status in MOVING_STATUSES or (status is None and (node.progress or 0) > 0)


def bottom_up_order(graph: MapGraph) -> tuple[list[str], set[str]]:
    """Kahn's algorithm from the nodes nothing supports; what is never freed sits on a cycle."""
    parents, children = graph.parents, graph.children
    pending = dict(zip(children, map(len, children.values()), strict=True))
    # The order is its own queue: a for loop visits what is appended while it runs.
    order = [node_id for node_id, kids in children.items() if not kids]
    for current in order:
        for parent in parents[current]:
            left = pending[parent] - 1
            pending[parent] = left
            if not left:
                order.append(parent)
    if len(order) == len(pending):  # each node joins the order once: all did, no cycle
        return order, set()
    stuck = {node_id for node_id, count in pending.items() if count > 0}
    return order, stuck


def pass_up(graph: MapGraph) -> None:
    """Outcomes reached from each node, parents before children (reverse bottom-up order)."""
    above = graph.outcomes_above
    empty: frozenset[str] = frozenset()
    outcomes = {n.id for n in graph.of_kind[Kind.OUTCOME]}
    parents_of = graph.parents
    # Nodes on or above a cycle first, so their supporters find their outcomes. Nodes that
    # reach one another share them: one pass over those groups, the top ones first. An
    # outcome is the top of the map: what it supports (BM103) leads nowhere further.
    up = {n: [] if n in outcomes else parents_of[n] for n in graph.cyclic}
    for group in components(sorted(graph.cyclic), up):
        if group[0] in outcomes:
            above[group[0]] = frozenset(group)
            continue
        members = set(group)
        found: set[str] = set()
        for node_id in group:
            found.update(*(above[p] for p in parents_of[node_id] if p not in members))
        shared = frozenset(found)
        for node_id in group:
            above[node_id] = shared
    for node_id in reversed(graph.order):
        if node_id in outcomes:
            above[node_id] = frozenset((node_id,))
            continue
        parents = parents_of[node_id]
        if not parents:
            above[node_id] = empty
        elif len(parents) == 1:
            above[node_id] = above[parents[0]]
        else:
            above[node_id] = frozenset().union(*(above[p] for p in parents))


def _one(a: str | None, b: str | None) -> str | None:
    """The only initiative of two sets, given theirs: None for none, MANY for several."""
    return b if a is None or a == b else a if b is None else MANY


def pass_down(graph: MapGraph) -> None:
    """What lies beneath each node, children before parents (bottom-up order)."""
    below, moving, sole = graph.initiative_below, graph.moving_below, graph.sole_initiative
    by_id, children = graph.ws.by_id, graph.children
    initiative, dropped = Kind.INITIATIVE, Status.DROPPED
    only: str | None
    candidate: str | None
    for node_id in graph.order:
        has, moves, only = False, False, None
        # A node in the order has all its children earlier in it: they are known already.
        # `_one` is written out inline: this runs once for every link of the map.
        for child_id in children[node_id]:
            child = by_id[child_id]
            status = child.status
            if status is dropped:  # dropped work covers nothing
                continue
            if child.kind is initiative:
                has = True
                moves = (
                    moves
                    or status in MOVING_STATUSES
                    or moving[child_id]
                    or (status is None and (child.progress or 0) > 0)  # `under_way`, inline
                )
                # Initiatives under an initiative (BM104) still count as beneath, as on a cycle.
                beneath = sole[child_id]
                candidate = child_id if beneath is None or beneath == child_id else MANY
            else:
                has = has or below[child_id]
                moves = moves or moving[child_id]
                candidate = sole[child_id]
            if only is None or only == candidate:
                only = candidate
            elif candidate is not None:
                only = MANY
            if moves and only == MANY:
                break  # nothing further can change what this node has
        below[node_id], moving[node_id], sole[node_id] = has, moves, only
    if graph.cyclic:
        _pass_down_cycles(graph)


def _pass_down_cycles(graph: MapGraph) -> None:
    """The same for nodes on or above a cycle, once the rest is known: nodes that reach one
    another share what lies beneath them, so one pass over those groups, bottom ones first."""
    below, moving, sole = graph.initiative_below, graph.moving_below, graph.sole_initiative
    node = graph.ws.node
    cyclic = graph.cyclic
    # What lies beneath each group, the group itself included: (any moving, the only one).
    whole: dict[str, tuple[bool, str | None]] = {}
    # A dropped node supports nothing here: its links up are cut, which may split a cycle.
    down = {
        n: [c for c in graph.children[n] if c in cyclic and node(c).status is not Status.DROPPED]
        for n in cyclic
    }
    for group in components(sorted(cyclic), down):
        members = set(group)
        moves, only = False, None
        for node_id in group:
            for child_id in graph.children[node_id]:
                if child_id in members or node(child_id).status is Status.DROPPED:
                    continue
                if child_id in whole:
                    child_moves, child_only = whole[child_id]
                else:
                    child = node(child_id)
                    mine = child.kind is Kind.INITIATIVE
                    child_moves = moving[child_id] or (mine and under_way(child))
                    child_only = _one(sole[child_id], child_id if mine else None)
                moves, only = moves or child_moves, _one(only, child_only)
        starts = [
            n
            for n in group
            if node(n).kind is Kind.INITIATIVE and node(n).status is not Status.DROPPED
        ]
        moving_starts = sum(1 for n in starts if under_way(node(n)))
        for node_id in group:
            # The group's own initiatives count beneath each member but that member itself.
            mine = node(node_id).kind is Kind.INITIATIVE
            # With three or more, at least two others remain whichever member this is.
            others = [n for n in starts if n != node_id] if len(starts) <= 2 else starts
            own_only = _many(others)
            own_moves = moving_starts - (mine and under_way(node(node_id))) > 0
            sole[node_id] = _one(only, own_only)
            below[node_id] = sole[node_id] is not None
            moving[node_id] = moves or own_moves
        total = (moves or moving_starts > 0, _one(only, _many(starts)))
        for node_id in group:
            whole[node_id] = total


def _many(ids: list[str]) -> str | None:
    return None if not ids else ids[0] if len(ids) == 1 else MANY
