"""What two versions of a workspace have alike, so `diff` and `status --since` need not work
it out twice: the very same files, rules that would find the same on both, one graph."""

from __future__ import annotations

from dataclasses import replace
from operator import attrgetter
from typing import Any

from backmap.checks import blind_to
from backmap.checks.roll_up import progress as rolled_progress
from backmap.graph import MapGraph, build
from backmap.model import Kind, Node, Status, Workspace

CHECK_IN_FIELDS = frozenset({"checkins", "progress", "metric"})
"""What a month of check-ins changes on a node: its history and the values that mirror it."""


_BLANK = dict.fromkeys(CHECK_IN_FIELDS)


def only_check_ins(old: Workspace, new: Workspace) -> tuple[str, ...]:
    """The rules blind to check-ins (reading none of CHECK_IN_FIELDS) when check-ins are all
    that changed from `old` to `new`: as many files, each with its nodes in the same order,
    the same people and focus; else ()."""
    if len(old.files) != len(new.files):
        return ()
    if _text(old.people) != _text(new.people) or _text(old.focus) != _text(new.focus):
        return ()
    for earlier, mapfile in zip(old.files.values(), new.files.values(), strict=True):
        if earlier is mapfile:
            continue
        if len(earlier.nodes) != len(mapfile.nodes) or any(
            value != earlier.__dict__[name]
            for name, value in mapfile.__dict__.items()
            if name != "nodes"
        ):
            return ()
        for before, after in zip(earlier.nodes, mapfile.nodes, strict=True):
            was, now = before.__dict__, after.__dict__
            # The other fields compared in C: the check-in fields blanked on both sides.
            if was != now and {**was, **_BLANK} != {**now, **_BLANK}:
                return ()
    return blind_to(CHECK_IN_FIELDS)


def unchanged(old: Workspace, new: Workspace) -> bool:
    """Whether `old` holds the very files of `new` (as `store.revision.load_at` shares those
    whose text did not change) and the same people and focus files: then no node changed and
    every rule finds the same, so there is nothing to compare."""
    if list(old.files) != list(new.files):
        return False
    if any(old.files[path] is not mapfile for path, mapfile in new.files.items()):
        return False
    return _text(old.people) == _text(new.people) and _text(old.focus) == _text(new.focus)


def _text(side: Any) -> str | None:
    return None if side is None else str(side.text)


def progress(ws: Workspace, like: MapGraph) -> dict[str, float | None]:
    """The roll-up progress of every node of `ws` (see `graph_like`)."""
    return rolled_progress(graph_like(ws, like))


def graph_like(ws: Workspace, like: MapGraph) -> MapGraph:
    """The graph of `ws`: `like` (built for the other side) put on `ws` when `ws` has the same
    nodes in the same order with the same kinds, statuses and parents (a month of check-ins
    changes none of them), else built anew."""
    if _shape(ws) != _shape(like.ws):
        return build(ws)
    of_kind: dict[Kind, list[Node]] = {kind: [] for kind in Kind}
    for node in ws.nodes():  # the one part of a graph that holds nodes, not ids
        of_kind[node.kind].append(node)
    return replace(like, ws=ws, of_kind=of_kind)


def _shape(ws: Workspace) -> list[tuple[str, Kind, Status | None, list[str]]]:
    """What the graph's passes read of each node, in map order."""
    return list(map(_SHAPE, ws.nodes()))  # read in C: it runs on both sides of every diff


_SHAPE = attrgetter("id", "kind", "status", "supports")
