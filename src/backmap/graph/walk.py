"""Walks over any graph given as edges (a dict of lists, or a function): reach, levels, paths,
the tree view's unfolding, strongly connected components. All iterative, never recursive: maps
can be thousands of levels deep, and each walk is linear in what it visits.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

Edges = Mapping[str, Sequence[str]] | Callable[[str], Iterable[str]]
"""Where a walk can go from a node: a dict of lists, or a function of the node's id."""


def _stepper(edges: Edges) -> Callable[[str], Iterable[str]]:
    if callable(edges):
        return edges
    table = edges
    return lambda node_id: table.get(node_id, ())


def reach(
    starts: Iterable[str],
    edges: Edges,
    *,
    depth: int | None = None,
    avoid: Collection[str] = (),
) -> set[str]:
    """Every node reached from `starts` in one step or more (at most `depth`), never entering
    `avoid`; a start is in the answer only when a walk comes back to it."""
    step = _stepper(edges)
    seen: set[str] = set()
    if depth is None:
        todo = list(starts)
        while todo:
            for nxt in step(todo.pop()):
                if nxt not in seen and nxt not in avoid:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen
    frontier = list(dict.fromkeys(starts))
    for _ in range(depth):
        frontier = [n for c in frontier for n in step(c) if n not in seen and n not in avoid]
        frontier = list(dict.fromkeys(frontier))
        seen.update(frontier)
    return seen


def levels(starts: Iterable[str], edges: Edges) -> dict[str, int]:
    """The fewest steps from any start to each node reached (0 for the starts): breadth first,
    so a cycle cannot loop."""
    step = _stepper(edges)
    level = dict.fromkeys(starts, 0)
    frontier = list(level)
    steps = 0
    while frontier:
        steps += 1
        nxt = []
        for current in frontier:
            for node_id in step(current):
                if node_id not in level:
                    level[node_id] = steps
                    nxt.append(node_id)
        frontier = nxt
    return level


def reached_by(
    starts: Sequence[str], edges: Edges, *, avoid: Collection[str] = ()
) -> dict[str, list[str]]:
    """For each node reached from `starts` in one step or more (never entering `avoid`), the
    first two distinct starts that reach it, nearest first. Each node is passed on at most
    twice, so this is linear where a walk per start would be quadratic."""
    step = _stepper(edges)
    by: dict[str, list[str]] = {}
    todo = deque((s, s) for s in dict.fromkeys(starts))
    while todo:
        current, source = todo.popleft()
        for nxt in step(current):
            if nxt in avoid:
                continue
            found = by.setdefault(nxt, [])
            if len(found) < 2 and source not in found:
                found.append(source)
                todo.append((nxt, source))
    return by


def paths(start: str, edges: Edges, limit: int) -> list[tuple[str, ...]]:
    """Up to `limit` paths from `start` to nodes with nowhere new to go, depth first, in the
    order `edges` lists the way on; a path never visits a node twice."""
    step = _stepper(edges)
    out: list[tuple[str, ...]] = []
    path = [start]
    on_path = {start}
    ways: list[Iterator[str]] = []

    def enter() -> None:
        onward = [n for n in step(path[-1]) if n not in on_path]
        if not onward:
            out.append(tuple(path))
        ways.append(iter(onward))

    enter()
    while ways and len(out) < limit:
        nxt = next(ways[-1], None)
        if nxt is None:
            ways.pop()
            on_path.discard(path.pop())
            continue
        path.append(nxt)
        on_path.add(nxt)
        enter()
    return out


class Visit(NamedTuple):
    """One node met by `unfold` (a tuple: made by the hundred thousand)."""

    node_id: str
    depth: int
    parent: str | None
    """The node it was reached from (None for a start)."""
    repeat: bool
    """Already unfolded before, or on the way down to here; what it leads to is not repeated."""
    cycle: bool
    """On the way down to here: the node is its own ancestor."""


def unfold(
    starts: Iterable[str], edges: Edges, unfolded: set[str] | None = None
) -> Iterator[Visit]:
    """The walk a tree view shows: depth first from each start, every node met, what it leads
    to unfolded only the first time. `unfolded` carries over between calls."""
    step = _stepper(edges)
    done: set[str] = set() if unfolded is None else unfolded
    on_path: set[str] = set()
    made = tuple.__new__  # a Visit without its generated __new__'s Python call
    for start in starts:
        stack: list[tuple[str, Iterator[str]]] = []
        visit: Visit = made(Visit, (start, 0, None, start in done, False))
        while True:
            yield visit
            if not visit[3]:  # repeat
                node_id = visit[0]
                done.add(node_id)
                on_path.add(node_id)
                stack.append((node_id, iter(step(node_id))))
            while stack:
                node_id, rest = stack[-1]
                nxt = next(rest, None)
                if nxt is not None:
                    cycle = nxt in on_path
                    visit = made(Visit, (nxt, len(stack), node_id, cycle or nxt in done, cycle))
                    break
                stack.pop()
                on_path.discard(node_id)
            else:
                break


def components(nodes: Iterable[str], edges: Edges) -> list[list[str]]:
    """Strongly connected components (Tarjan's, without recursion), each listed only after
    every component it leads to; members in the order met."""
    step = _stepper(edges)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    for root in nodes:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work: list[tuple[str, Iterator[str]]] = [(root, iter(step(root)))]
        while work:
            node_id, rest = work[-1]
            nxt = next(rest, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(step(nxt))))
                elif nxt in on_stack:
                    low[node_id] = min(low[node_id], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node_id])
            if low[node_id] == index[node_id]:
                member = ""
                component = []
                while member != node_id:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                component.reverse()
                out.append(component)
    return out
