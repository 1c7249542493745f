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
from backmap.people.model import fold as _fold


@dataclass(frozen=True)
class Filter:
    """What to keep; an empty filter keeps everything."""

    owners: tuple[str, ...] = ()
    """People, as owner or sub_owner: ids, or (with a people file) names and handles."""
    statuses: tuple[Status, ...] = ()
    tags: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    """Teams of the people file: items whose owner or sub_owner is one of their people."""

    def __bool__(self) -> bool:
        return bool(self.owners or self.statuses or self.tags or self.teams)


@dataclass(frozen=True)
class Selection:
    """The nodes a filter keeps: those that match, and those above them (context)."""

    matches: frozenset[str]
    context: frozenset[str]
    people: frozenset[str] | None = None
    """Who the filter accepts (person ids, folded names); None when it names nobody."""

    def keeps(self, node_id: str) -> bool:
        return node_id in self.matches or node_id in self.context


def _people(ws: Workspace, flt: Filter) -> set[str] | None:
    """Who the filter accepts, folded: each name given and, with a people file, the ids of the
    people those names or handles mean and of everyone in the teams given; None: anyone."""
    if not flt.owners and not flt.teams:
        return None
    wanted = {_fold(o) for o in flt.owners}
    people = ws.people
    if people is not None:
        wanted |= {p for o in flt.owners if (p := people.resolve(o)) is not None}
        teams = {_fold(t) for t in flt.teams}
        wanted |= {p.id for p in people.people if p.team is not None and _fold(p.team) in teams}
    return wanted


def unknown_teams(ws: Workspace, teams: Iterable[str]) -> list[str]:
    """The teams given that no person of the people file is in (all of them without one)."""
    known = {_fold(p.team) for p in ws.people.people if p.team} if ws.people else set()
    return [t for t in teams if _fold(t) not in known]


def select(ws: Workspace, flt: Filter) -> Selection:
    """The matches of `flt` and every node above them."""
    people = _people(ws, flt)
    tags = {_fold(t) for t in flt.tags}
    resolve = ws.people.resolve if ws.people is not None else None

    def who(name: str | None) -> str | None:
        if name is None:
            return None
        if resolve is not None and (person := resolve(name)) is not None:
            return person
        return _fold(name)

    def matches(node: Node) -> bool:
        if people is not None and not any(
            who(name) in people for name in (node.owner, node.sub_owner)
        ):
            return False
        if flt.statuses and node.status not in flt.statuses:
            return False
        return not tags or any(_fold(t) in tags for t in node.tags)

    found = frozenset(n.id for n in ws.nodes() if matches(n))

    def up(node_id: str) -> list[str]:
        return [p for p in ws.node(node_id).supports if p in ws]

    accepted = None if people is None else frozenset(people)
    return Selection(found, frozenset(reach(found, up) - found), accepted)


def kept(rows: Iterable[Row], selection: Selection) -> Iterator[Row]:
    """The rows of a tree the selection keeps. A dropped row's subtree holds no match (a match
    would make it context), so what is left is still a tree."""
    return (row for row in rows if selection.keeps(row.node.id))
