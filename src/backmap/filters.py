"""One filter for every view: by owner, team, status and tag, keeping the way up to the outcomes.

A node matches when it meets every criterion given (any of the values of each). Views show the
matches and, so that nothing is out of context, every node above them, marked as context.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from backmap.graph import reach
from backmap.hierarchy import Row
from backmap.model import Node, Status, Workspace


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Filter:
    """What to keep; an empty filter keeps everything."""

    owners: tuple[str, ...] = ()
    """People, as owner or sub_owner: ids, or (with a people file) names and handles."""
    statuses: tuple[Status, ...] = ()
    tags: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    """Teams of the people file: items one of their people owns or sub-owns."""

    def __bool__(self) -> bool:
        return bool(self.owners or self.statuses or self.tags or self.teams)


@dataclass(frozen=True)
class Selection:
    """The nodes a filter keeps: those that match, and those above them (context)."""

    matches: frozenset[str]
    context: frozenset[str]

    def keeps(self, node_id: str) -> bool:
        return node_id in self.matches or node_id in self.context


def _people(ws: Workspace, owners: Iterable[str]) -> set[str]:
    """The folded names an owner filter accepts: each name given, and with a people file the
    id of the person a name or handle means."""
    wanted = {_fold(o) for o in owners}
    if ws.people is not None:
        for person in ws.people.people:
            spellings = {person.id, _fold(person.name), *map(_fold, person.handles.values())}
            if wanted & spellings:
                wanted.add(person.id)
    return wanted


def _team_people(ws: Workspace, teams: Iterable[str]) -> set[str]:
    """The ids of the people of these teams (none without a people file)."""
    wanted = {_fold(t) for t in teams}
    found = ws.people.people if ws.people is not None else []
    return {p.id for p in found if p.team is not None and _fold(p.team) in wanted}


def select(ws: Workspace, flt: Filter) -> Selection:
    """The matches of `flt` and every node above them."""
    people = _people(ws, flt.owners)
    team = _team_people(ws, flt.teams)
    tags = {_fold(t) for t in flt.tags}

    def names(node: Node) -> list[str]:
        return [_fold(name) for name in (node.owner, node.sub_owner) if name is not None]

    def matches(node: Node) -> bool:
        if people and not any(name in people for name in names(node)):
            return False
        if flt.teams and not any(name in team for name in names(node)):
            return False
        if flt.statuses and node.status not in flt.statuses:
            return False
        return not tags or any(_fold(t) in tags for t in node.tags)

    found = frozenset(n.id for n in ws.nodes() if matches(n))

    def up(node_id: str) -> list[str]:
        return [p for p in ws.node(node_id).supports if p in ws]

    return Selection(found, frozenset(reach(found, up) - found))


def kept(rows: Iterable[Row], selection: Selection) -> Iterator[Row]:
    """The rows of a tree the selection keeps. A dropped row's subtree holds no match (a match
    would make it context), so what is left is still a tree."""
    return (row for row in rows if selection.keeps(row.node.id))
