"""Coverage and progress roll-up: how much of the map has work beneath it, and how far it got.

Coverage: of the goals beneath an outcome, how many have an initiative beneath them (covered)
and how many have one under way (moving: active or done, or with no status past 0%). A goal
under several outcomes counts once for each of them; overall coverage counts every goal of the
workspace once. Personal goals (`personal: true`, one person's own development) are never
counted: coverage is the business's.

Progress: an initiative's own `progress`, else its metric ((current - baseline) / (target -
baseline), clamped to 0..100), else its status (done 100, planned or active 0). A goal or
outcome is the mean of its direct children's progress, each child once; one with no children
that have progress falls back to its own `progress` or metric. A node serving several parents
counts in full for each of them: it moves each of them. A personal goal has its own progress
but does not move the goals it supports: one person's growth is not the business's progress.

Left out of progress: dropped items (whatever progress they had) and ideas. Ideas are counted
apart ("3 ideas not started"); an item with no status and no progress of its own counts as an
idea, since nobody has planned it yet.

Health: a node's own health is the latest its check-ins give. A goal is at risk when any item
it depends on (not dropped, not an idea) is at risk or off track, however deep; the roll-up
names the item that says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from backmap.checkins.lines import LineError, last_health
from backmap.graph import MapGraph, build
from backmap.graph import has_children as has_children  # the rule for "progress rolls up"
from backmap.model import Kind, Node, Status, Workspace
from backmap.vocabulary import Health


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
    per = {n.id: OutcomeCoverage(outcome=n.id) for n in graph.of_kind[Kind.OUTCOME]}
    for node in graph.of_kind[Kind.GOAL]:
        if node.personal:
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


def is_idea(node: Node) -> bool:
    """Counted apart from progress as not started: an idea, or an initiative nobody planned
    (no status and no progress of its own)."""
    if node.status is Status.IDEA:
        return True
    return node.kind is Kind.INITIATIVE and node.status is None and own_progress(node) is None


@dataclass(frozen=True)
class _Sorts:
    """The ids of the nodes each roll-up leaves out or counts apart, from one pass over them
    (each pass over every node costs its reads of every node)."""

    ideas: set[str]
    """What `is_idea` holds true for."""
    dropped: set[str]
    personal: set[str]
    done: set[str] = field(default_factory=set)


def _sorts(by_id: Mapping[str, Node]) -> _Sorts:
    ideas: set[str] = set()
    dropped: set[str] = set()
    personal: set[str] = set()
    done: set[str] = set()
    idea, gone, finished, initiative = Status.IDEA, Status.DROPPED, Status.DONE, Kind.INITIATIVE
    for node_id, node in by_id.items():
        status = node.status
        if status is idea:
            ideas.add(node_id)
        elif status is gone:
            dropped.add(node_id)
        elif status is finished:
            done.add(node_id)
        elif status is None and node.kind is initiative and own_progress(node) is None:
            ideas.add(node_id)
        if node.personal:
            personal.add(node_id)
    return _Sorts(ideas, dropped, personal, done)


def initiative_progress(node: Node) -> float | None:
    """Progress of an initiative: own fields, else status; None when left out (dropped, idea)."""
    if node.status is Status.DROPPED or is_idea(node):
        return None
    own = own_progress(node)
    if own is not None:
        return own
    return 100.0 if node.status is Status.DONE else 0.0


def progress(graph: MapGraph, sorts: _Sorts | None = None) -> dict[str, float | None]:
    """Roll-up progress of every node, children before parents (None: nothing to say)."""
    result: dict[str, float | None] = {}
    get = result.get
    by_id, children = graph.ws.by_id, graph.children
    # Plain loops over local names: this runs for every node of every check.
    personal = sorts.personal if sorts else {i for i, node in by_id.items() if node.personal}
    initiative, left_out = Kind.INITIATIVE, (Status.DROPPED, Status.IDEA)
    dropped, done = Status.DROPPED, Status.DONE
    # Nodes on or above a cycle come last, with whatever their children already have.
    for node_id in [*graph.order, *sorted(graph.cyclic)]:
        node = by_id[node_id]
        if node.kind is initiative:
            # initiative_progress, written out: most nodes of a map are initiatives.
            status = node.status
            if status is dropped or status is Status.IDEA:
                result[node_id] = None
            elif (own := own_progress(node)) is not None:
                result[node_id] = own
            else:
                result[node_id] = None if status is None else 100.0 if status is done else 0.0
            continue
        if node.status in left_out:
            result[node_id] = None
            continue
        values = [v for c in children[node_id] if (v := get(c)) is not None and c not in personal]
        result[node_id] = sum(values) / len(values) if values else own_progress(node)
    return result


def ideas(graph: MapGraph, sorts: _Sorts | None = None) -> dict[str, int]:
    """How many ideas (see `is_idea`) lie beneath each node that has any, each idea once.

    An idea goal counts as one, not with the ideas beneath it; dropped items hide theirs.
    """
    children = graph.children
    sorts = sorts or _sorts(graph.ws.by_id)
    # What each node hands up to its parents: itself if an idea, else what lies beneath it;
    # nothing for a dropped node (never an idea). Only nodes with something to hand up are in
    # `up`.
    idea, dropped = sorts.ideas, sorts.dropped
    up: dict[str, frozenset[str]] = {node_id: frozenset((node_id,)) for node_id in idea}
    get = up.get
    result: dict[str, int] = {}
    for node_id in [*graph.order, *sorted(graph.cyclic)]:
        found: frozenset[str] | None = None
        for child_id in children[node_id]:
            mine = get(child_id)
            if mine is not None:
                found = mine if found is None else found | mine
        if found:
            result[node_id] = len(found)
            if node_id not in idea and node_id not in dropped:
                up[node_id] = found
    return result


RISKY = (Health.AT_RISK, Health.OFF_TRACK)


@dataclass(frozen=True)
class HealthRoll:
    """A node's health with what lies beneath it: its own (from its latest check-in) and the
    worst of the items it depends on, naming the item that says so."""

    own: Health | None
    """What the node's own latest check-in says (None: no check-in gave a health)."""
    below: Health | None = None
    """The worst health of any item beneath (not dropped, not an idea), if at risk or worse."""
    source: str | None = None
    """The item beneath whose own health `below` is (the first in map order)."""
    others: int = 0
    """How many other items beneath are at risk or off track, each counted once."""

    @property
    def health(self) -> Health | None:
        """What to show: the own health, turned at risk by any risk beneath it."""
        if self.own is Health.OFF_TRACK:
            return self.own
        if self.below is not None:
            return Health.AT_RISK
        return self.own


def health(graph: MapGraph, sorts: _Sorts | None = None) -> dict[str, HealthRoll]:
    """Health of every node that has its own or has a risk beneath; unreadable check-ins say
    nothing here (reading the history reports them)."""
    by_id = graph.ws.by_id
    # Dropped items, ideas and what is done: their risks reach no one.
    sorts = sorts or _sorts(by_id)
    left_out = sorts.ideas | sorts.dropped | sorts.done
    own: dict[str, Health | None] = {}
    for item in graph.ws.nodes():
        if text := item.checkins:
            try:
                own[item.id] = last_health(text)
            except LineError:
                own[item.id] = None
    worst: dict[str, tuple[Health, str]] = {}  # the worst risk beneath or at a node, and where
    # Every risky item beneath or at a node, for the nodes that have one: risks are few, so
    # these sets stay small (a set, not a count: an item under two goals is one risk).
    risks: dict[str, frozenset[str]] = {}
    result: dict[str, HealthRoll] = {}
    rank = {Health.AT_RISK: 1, Health.OFF_TRACK: 2}
    alone = {value: HealthRoll(value) for value in Health}
    children, risky = graph.children, RISKY
    for node_id in [*graph.order, *sorted(graph.cyclic)]:
        kids = children[node_id]
        if not kids:  # most nodes: their own health alone, one value shared by all
            if (mine := own.get(node_id)) is not None:
                if mine in risky:
                    worst[node_id] = (mine, node_id)
                    risks[node_id] = frozenset((node_id,))
                result[node_id] = alone[mine]
            continue
        below: tuple[Health, str] | None = None
        beneath: frozenset[str] = frozenset()
        for child_id in kids:
            found = worst.get(child_id)
            if found is None or child_id in left_out:
                continue
            beneath |= risks[child_id]
            if below is None or rank[found[0]] > rank[below[0]]:
                below = found
        mine = own.get(node_id)
        here = below
        if mine in RISKY and (here is None or rank[mine] >= rank[here[0]]):
            here = (mine, node_id)
        if here is not None:
            worst[node_id] = here
            risks[node_id] = beneath | {node_id} if mine in RISKY else beneath
        if below is not None:
            result[node_id] = HealthRoll(mine, below[0], below[1], len(beneath) - 1)
        elif mine is not None:
            result[node_id] = alone[mine]
    return result


def overall_progress(graph: MapGraph, by_node: dict[str, float | None]) -> float | None:
    """The mean progress of the outcomes (those that have any)."""
    values = [v for n in graph.of_kind[Kind.OUTCOME] if (v := by_node.get(n.id)) is not None]
    return sum(values) / len(values) if values else None


class Rollup:
    """How much of the map has work beneath it, how far each node got, and its health.

    Ideas and health are worked out on first use: `check` reports neither, and at 100,000
    nodes they cost a quarter of the roll-up."""

    def __init__(
        self,
        coverage: Coverage,
        progress: dict[str, float | None],
        overall_progress: float | None,
        graph: MapGraph,
        sorts: _Sorts | None = None,
    ) -> None:
        self.coverage = coverage
        self.progress = progress
        """Every node's roll-up progress (None where nothing says)."""
        self.overall_progress = overall_progress
        self.graph = graph
        """The graph it was computed on."""
        self._sorts = sorts

    def _sorted(self) -> _Sorts:
        if self._sorts is None:
            self._sorts = _sorts(self.graph.ws.by_id)
        return self._sorts

    @cached_property
    def ideas(self) -> dict[str, int]:
        """How many ideas lie beneath each node that has any (left out of its progress)."""
        return ideas(self.graph, self._sorted())

    @cached_property
    def health(self) -> dict[str, HealthRoll]:
        """Health of each node that has its own (from check-ins) or a risk beneath it."""
        return health(self.graph, self._sorted())


def rollup(ws: Workspace, graph: MapGraph | None = None) -> Rollup:
    """Coverage, progress and health of a workspace, without running any rule (`graph` if
    built already)."""
    graph = graph or build(ws)
    by_node = progress(graph)  # sorts the nodes only as far as it needs to
    return Rollup(coverage(graph), by_node, overall_progress(graph, by_node), graph)
