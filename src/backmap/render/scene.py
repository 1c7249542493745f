"""What an export draws, independent of format: nodes in a stable order, columns, edges, marks.

Every renderer (DOT, Mermaid, Markdown, JSON) reads a Scene, so they all agree on what is shown
and in which order: the order `backmap tree` and `status` list the map in, outcomes and the
supporters of each node in the order of the files, as people wrote them.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from backmap.checks import CheckResult, Severity, rollup
from backmap.checks.roll_up import RISKY
from backmap.graph import MapGraph, unfold
from backmap.model import Kind, Node

if TYPE_CHECKING:
    from backmap.people.model import People

# Findings drawn on the map, with the few words that fit on a node. The others (ownership,
# duplicates, ...) would mark most nodes of a real map and drown these; they stay in `check`.
MARKED = {
    "BM101": "unknown link",
    "BM102": "cycle",
    "BM103": "outcome supports",
    "BM104": "supports initiative",
    "BM105": "self-link",
    "BM106": "duplicate link",
    "BM201": "orphan",
    "BM202": "no initiative",
    "BM203": "nothing beneath",
    "BM204": "no outcome",
    "BM401": "overdue",
}


@dataclass(frozen=True)
class Mark:
    """A finding shown on a node."""

    code: str
    label: str
    severity: Severity
    message: str


@dataclass
class Scene:
    """The nodes and edges to draw, with everything the renderers need to know about them."""

    title: str
    day: date
    """The date printed on the export (and the one overdue was measured against)."""
    nodes: list[Node]
    """Outcomes first, then depth first beneath them, siblings by kind and id."""
    level: dict[str, int]
    """Column of each node: 0 for outcomes, goals by depth, all initiatives in the last one."""
    edges: list[tuple[str, str]]
    """(supported, supporter) pairs, in the order of the nodes."""
    progress: dict[str, float | None] = field(default_factory=dict)
    marks: dict[str, list[Mark]] = field(default_factory=dict)
    """Findings by node id; empty when findings are not drawn."""
    hidden: dict[str, int] = field(default_factory=dict)
    """How many direct supporters of a node the selection left out."""
    links: dict[str, str] = field(default_factory=dict)
    """URL of each node when a link template was given."""
    findings: bool = True
    """Whether findings are drawn (and explained in the legend)."""
    file_order: list[str] = field(default_factory=list)
    """The shown ids in the order of the files, for renderers that follow the map's own order
    (Markdown) rather than the drawing order."""
    first_parent: dict[str, str] = field(default_factory=dict)
    """The parent each shown node is laid out under: the first of its `supports` that is shown.
    Nodes with no shown parent are not keys."""
    leaf_columns: int | None = None
    """Most columns a parent's leaves are dealt into (None: the layout's own limit); 1 makes a
    narrow drawing for a narrow page."""
    also_serves: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """(id, title) of what a node supports besides its first parent, in `supports` order,
    shown or not. Nodes that serve only one are not keys."""
    context: frozenset[str] = frozenset()
    """Nodes drawn only as the way up to what a filter matched: renderers draw them muted."""
    people: People | None = None
    """The workspace's people file, for renderers that name owners (None: there is none)."""
    health: dict[str, str] = field(default_factory=dict)
    """'at risk' or 'off track' for each shown node whose health, as `status` shows it (its own
    check-in's, or an item's beneath it), is either; other nodes are not keys."""


def _draw_order(graph: MapGraph, shown: Collection[str], place: dict[str, int]) -> list[str]:
    """Depth first from the shown roots, so what supports a node is drawn next to it: the
    order `backmap tree` lists them in. Supporters come in the order of the files (`place`)."""
    roots = [i for i in shown if not any(p in shown for p in graph.parents[i])]
    children = graph.children  # in the order of the files
    kids = {i: [c for c in children[i] if c in shown] for i in shown if children[i]}
    # Outcomes first, then what reaches none, each in the order of the files; nodes on a cycle
    # have no root and are reached from the rest.
    outcome = {i for i in roots if graph.node(i).kind is Kind.OUTCOME}
    unfolded: set[str] = set()
    starts = sorted(roots, key=lambda i: (i not in outcome, place[i]))
    order = [v.node_id for v in unfold(starts, kids, unfolded) if not v.repeat]
    if len(unfolded) < len(shown):
        rest = (i for i in sorted(shown, key=place.__getitem__) if i not in unfolded)
        order += [v.node_id for v in unfold(rest, kids, unfolded) if not v.repeat]
    return order


def _levels(graph: MapGraph, shown: Collection[str], kind: dict[str, Kind]) -> dict[str, int]:
    """Longest path down from the outcomes among shown goals; initiatives share the last column."""
    level: dict[str, int] = {}
    for node_id in shown:
        level[node_id] = 0 if kind[node_id] is Kind.OUTCOME else 1
    # Parents before children; nodes on cycles keep the column their kind gives them.
    for node_id in reversed(graph.order):
        if node_id not in shown or kind[node_id] is not Kind.GOAL:
            continue
        ups = [
            level[p]
            for p in graph.parents[node_id]
            if p in shown and kind[p] is not Kind.INITIATIVE
        ]
        level[node_id] = 1 + max(ups, default=0)
    used = sorted({v for i, v in level.items() if kind[i] is not Kind.INITIATIVE})
    column = {v: c for c, v in enumerate(used)}
    last = len(used)
    return {i: last if kind[i] is Kind.INITIATIVE else column[level[i]] for i in level}


def build_scene(
    graph: MapGraph,
    shown: Collection[str] | None,
    title: str,
    day: date,
    result: CheckResult | None = None,
    links: dict[str, str] | None = None,
    context: Collection[str] = (),
) -> Scene:
    """The scene for the `shown` nodes (None: all); without a check `result` no findings;
    `context` nodes are shown muted (the way up to a filter's matches)."""
    ws = graph.ws
    visible = set(graph.parents) if shown is None else set(shown) & set(graph.parents)
    kind = {i: ws.node(i).kind for i in visible}
    file_order = [n.id for n in ws.nodes() if n.id in visible]
    order = _draw_order(graph, visible, {i: n for n, i in enumerate(file_order)})
    position = {node_id: i for i, node_id in enumerate(order)}
    # Sorted on plain tuples of positions: compared in C, with no key function per edge.
    placed = sorted(
        (position[p], position[c], p, c) for c in visible for p in graph.parents[c] if p in visible
    )
    edges = [(p, c) for _, _, p, c in placed]
    hidden = {i: n for i in order if (n := sum(1 for c in graph.children[i] if c not in visible))}
    marks: dict[str, list[Mark]] = {}
    if result is not None:
        for f in result.active():
            if f.node_id in visible and f.code in MARKED:
                mark = Mark(f.code, MARKED[f.code], f.severity, f.message)
                marks.setdefault(f.node_id, []).append(mark)
        for node_marks in marks.values():
            node_marks.sort(key=lambda m: (-m.severity, m.code, m.message))
    rolled = result or rollup(ws, graph)
    by_node = rolled.progress
    # Only a risk is named (on track, the usual case, goes without saying), in status's words.
    health = {i: h.words for i, roll in rolled.health.items() if (h := roll.health) in RISKY}
    first_parent: dict[str, str] = {}
    also_serves: dict[str, list[tuple[str, str]]] = {}
    for i in order:
        ups = graph.parents[i]
        first = next((p for p in ups if p in visible), None)
        if first is not None:
            first_parent[i] = first
        # With no parent shown, the one laid out under is still the first: the rest "also".
        main = first if first is not None else next(iter(ups), None)
        if others := [p for p in ups if p != main]:
            also_serves[i] = [(p, ws.node(p).title) for p in others]
    return Scene(
        title=title,
        day=day,
        nodes=[ws.node(i) for i in order],
        level=_levels(graph, visible, kind),
        edges=edges,
        progress={i: by_node.get(i) for i in order},
        health={i: health[i] for i in order if i in health},
        marks=marks,
        hidden=hidden,
        links={i: links[i] for i in order if i in links} if links else {},
        findings=result is not None,
        file_order=file_order,
        first_parent=first_parent,
        also_serves=also_serves,
        people=ws.people,
        context=frozenset(i for i in context if i in visible),
    )
