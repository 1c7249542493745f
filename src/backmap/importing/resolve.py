"""Who each imported entry is under: nesting, cross links, and parents named by id or title."""

from __future__ import annotations

from dataclasses import dataclass

from backmap.importing.entries import Entry, title_words
from backmap.importing.raw import Problem
from backmap.model import KIND_RANK, Workspace
from backmap.suggest import Suggester

Ref = int | str
"""An entry by index, or an existing node (one no entry merges into) by id."""


@dataclass
class Graph:
    """The parents of each entry, first the one it is nested under."""

    parents: list[list[Ref]]
    canon: dict[str, int]
    """Existing ids that an entry merges into -> that entry."""


def resolve(entries: list[Entry], ws: Workspace, problems: list[Problem]) -> Graph:
    """Each entry's parents; a problem for each name that is unknown, ambiguous or itself."""
    canon = {e.existing: i for i, e in enumerate(entries) if e.existing is not None}
    given = {e.values["id"]: i for i, e in enumerate(entries) if "id" in e.values}
    titles: dict[str, list[Ref]] = {}  # filled when a parent is first named by title
    graph = Graph([], canon)
    suggest: list[Suggester] = []
    for i, entry in enumerate(entries):
        item = entry.item
        parents: list[Ref] = []
        if item.under is not None:
            parents.append(item.under)
        parents += item.links
        for name in item.parents:
            place = item.places.get("parent", item.where)
            ref = _find(name, entries, given, canon, ws, titles, place, problems, suggest)
            if ref is not None:
                parents.append(ref)
        if i in parents:
            problems.append(Problem(item.where, f"{entry.title!r} names itself as its parent"))
        graph.parents.append(list(dict.fromkeys(p for p in parents if p != i)))
    return graph


def _titles(entries: list[Entry], ws: Workspace, canon: dict[str, int]) -> dict[str, list[Ref]]:
    titles: dict[str, list[Ref]] = {}
    for i, entry in enumerate(entries):
        titles.setdefault(entry.key, []).append(i)
    for node in ws.nodes():
        if node.id not in canon:
            titles.setdefault(title_words(node.title), []).append(node.id)
    return titles


def _find(
    name: str,
    entries: list[Entry],
    given: dict[str, int],
    canon: dict[str, int],
    ws: Workspace,
    titles: dict[str, list[Ref]],
    place: str,
    problems: list[Problem],
    suggest: list[Suggester],
) -> Ref | None:
    if name in given:
        return given[name]
    if name in ws:
        return canon.get(name, name)
    if not titles:
        titles.update(_titles(entries, ws, canon))
    found = titles.get(title_words(name), [])
    if len(found) == 1:
        return found[0]
    if found:
        places = ", ".join(_place(ref, entries) for ref in found)
        problems.append(
            Problem(
                place,
                f"ambiguous parent {name!r}: {len(found)} entries have this title ({places}); "
                "name the parent by its id",
            )
        )
    else:
        if not suggest:  # built once, on the first unknown name
            suggest.append(Suggester([e.title for e in entries] + [n.title for n in ws.nodes()]))
        guess = suggest[0](name)
        hint = f"; did you mean {guess!r}?" if guess else ""
        problems.append(
            Problem(place, f"unknown parent {name!r}: no entry or node has this id or title{hint}")
        )
    return None


def _place(ref: Ref, entries: list[Entry]) -> str:
    if isinstance(ref, str):
        return f"node `{ref}`"
    return entries[ref].item.where


def _up(ref: Ref, entries: list[Entry], graph: Graph, ws: Workspace) -> list[Ref]:
    """Everything `ref` supports: imported parents, and the links existing nodes already have."""
    if isinstance(ref, int):
        above: list[Ref] = list(graph.parents[ref])
        existing = entries[ref].existing
        old = ws.node(existing).supports if existing is not None else []
    else:
        above, old = [], ws.node(ref).supports
    above += [graph.canon.get(p, p) for p in old if p in ws]
    return above


def cycles(entries: list[Entry], graph: Graph, ws: Workspace) -> list[Problem]:
    """One problem per loop through parents that an imported entry is part of."""
    problems: list[Problem] = []
    state: dict[Ref, int] = {}  # 1: on the current path, 2: done
    for start in range(len(entries)):
        if start in state:
            continue
        path: list[Ref] = [start]
        todo = [iter(_up(start, entries, graph, ws))]
        state[start] = 1
        while todo:
            nxt = next(todo[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                todo.pop()
                continue
            if state.get(nxt) == 1:
                loop = path[path.index(nxt) :]
                if any(isinstance(r, int) for r in loop):
                    problems.append(_loop(loop, entries, ws))
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                todo.append(iter(_up(nxt, entries, graph, ws)))
    return problems


def _loop(loop: list[Ref], entries: list[Entry], ws: Workspace) -> Problem:
    first = next(r for r in loop if isinstance(r, int))
    at = loop.index(first)
    loop = loop[at:] + loop[:at]
    names = [entries[r].title if isinstance(r, int) else ws.node(r).title for r in loop]
    chain = " -> ".join(repr(n) for n in [*names, names[0]])
    return Problem(
        entries[first].item.where,
        f"a cycle through parents: {chain} (each is under the next); break one of the links",
    )


def depths(entries: list[Entry], graph: Graph, ws: Workspace) -> list[int]:
    """How far below the top each entry is, by its first parent (existing nodes by kind)."""
    depth: list[int | None] = [None] * len(entries)
    for start in range(len(entries)):
        chain: list[int] = []
        ref: Ref | None = start
        base = 0
        while isinstance(ref, int) and depth[ref] is None:
            chain.append(ref)
            ref = graph.parents[ref][0] if graph.parents[ref] else None
        if isinstance(ref, int):
            base = (depth[ref] or 0) + 1
        elif isinstance(ref, str):
            base = KIND_RANK[ws.node(ref).kind] + 1
        for i in reversed(chain):
            depth[i] = base
            base += 1
    return [d or 0 for d in depth]
