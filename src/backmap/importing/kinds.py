"""The kind of each imported entry (markers, else depth, else its place in the outline) and the
kind order it must keep: an outcome supports nothing, nothing supports an initiative."""

from __future__ import annotations

from collections.abc import Sequence

from backmap.importing.entries import Entry
from backmap.importing.raw import Problem
from backmap.importing.resolve import Graph, depths
from backmap.model import Kind, Workspace


def kinds_of(
    entries: list[Entry],
    graph: Graph,
    ws: Workspace,
    kinds: Sequence[Kind] | None,
) -> list[Kind]:
    """Markers first; else `kinds` by depth; else outcome at the top, initiative at the leaves."""
    depth = depths(entries, graph, ws)
    has_children = [False] * len(entries)
    for parents in graph.parents:
        for parent in parents:
            if isinstance(parent, int):
                has_children[parent] = True
    result: list[Kind] = []
    for i, entry in enumerate(entries):
        if entry.existing is not None:
            result.append(ws.node(entry.existing).kind)
        elif "kind" in entry.values:
            result.append(entry.values["kind"])
        elif kinds:
            result.append(kinds[min(depth[i], len(kinds) - 1)])
        elif not graph.parents[i]:
            result.append(Kind.OUTCOME)
        elif not has_children[i]:
            result.append(Kind.INITIATIVE)
        else:
            result.append(Kind.GOAL)
    return result


def kind_order(
    entries: list[Entry], graph: Graph, kind_of: list[Kind], ws: Workspace
) -> list[Problem]:
    """An outcome supports nothing and nothing supports an initiative (say which to change)."""
    problems: list[Problem] = []
    for i, parents in enumerate(graph.parents):
        child = entries[i]
        for parent in parents:
            parent_kind = kind_of[parent] if isinstance(parent, int) else ws.node(parent).kind
            name = entries[parent].title if isinstance(parent, int) else ws.node(parent).title
            if kind_of[i] is Kind.OUTCOME:
                problems.append(
                    Problem(
                        child.item.where,
                        f"{child.title!r} is an outcome, and an outcome supports nothing, but "
                        f"it is under {name!r}: mark it (goal) or move it to the top",
                    )
                )
                break
            if parent_kind is Kind.INITIATIVE:
                problems.append(
                    Problem(
                        child.item.where,
                        f"{child.title!r} is under {name!r}, an initiative, and nothing supports "
                        f"an initiative: mark {name!r} (goal), or move this entry",
                    )
                )
    return problems
