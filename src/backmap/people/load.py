"""What each person and each team carries: items owned and sub-owned, open load, progress,
what is late or at risk, owned items with no second person, and items that hang on one person."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from backmap.checks import rollup
from backmap.checks.roll_up import RISKY
from backmap.graph import OPEN_STATUSES, MapGraph
from backmap.model import Node, Workspace
from backmap.people.model import fold

AT_RISK_DAYS = 30
"""An open item due within this many days..."""
AT_RISK_PROGRESS = 50.0
"""...with roll-up progress below this (percent) is at risk, as is one whose health (its own
check-in's, or an item's beneath it, as `status` shows it) is at risk or off track."""


@dataclass
class Load:
    """One person's (or one team's) share of the map; lists hold node ids in file order."""

    key: str
    """The person's id (or the owner's name as first written, without a people file); the team."""
    name: str
    """The person's name, or the key when the people file does not list them."""
    team: str | None = None
    known: bool = True
    """Listed in the people file (always true without one)."""
    owned: list[str] = field(default_factory=list)
    sub_owned: list[str] = field(default_factory=list)
    open: list[str] = field(default_factory=list)
    """Open items they own."""
    progress: float | None = None
    """Mean roll-up progress of the items they own that have any (percent)."""
    overdue: list[str] = field(default_factory=list)
    at_risk: list[str] = field(default_factory=list)
    no_sub_owner: list[str] = field(default_factory=list)
    """Open items they own with no sub_owner."""
    bus_factor: list[str] = field(default_factory=list)
    """Open items they own where nobody else is named on any path up to the outcomes."""
    personal: list[str] = field(default_factory=list)
    """Personal goals they own (their own development; never in no_sub_owner or bus_factor)."""
    members: int = 1
    """People counted (a team's size; 1 for a person)."""


@dataclass
class Loads:
    """Every person's load and, with a people file, every team's."""

    people: list[Load]
    teams: list[Load]
    has_people_file: bool
    progress: dict[str, float | None]
    """Every node's roll-up progress (checks.rollup), for views that show items."""


def _key(name: str | None, ws: Workspace) -> str | None:
    """Who an owner field names: a person's id with a people file, else the folded name."""
    text = " ".join((name or "").split())
    if not text:
        return None
    if ws.people is not None:
        return text
    return fold(text)


def loads(ws: Workspace, today: date, graph: MapGraph | None = None) -> Loads:
    """Each person's load, in people-file order then by name; teams in order of first member."""
    rolled = rollup(ws, graph)
    graph = rolled.graph
    # Each node's two people, read once: the pass up and the counting both need them.
    named = {n.id: (_key(n.owner, ws), _key(n.sub_owner, ws)) for n in ws.nodes()}
    alone = _alone(graph, named)
    rows: dict[str, Load] = {}
    if ws.people is not None:
        for person in ws.people.people:
            rows[person.id] = Load(person.id, person.name, person.team)
    owned_progress: dict[str, list[float]] = {}
    soon = today + timedelta(days=AT_RISK_DAYS)
    health = rolled.health
    for node in ws.nodes():
        owner, sub = named[node.id]
        if owner is not None:
            row = _row(rows, owner, node.owner, ws)
            row.owned.append(node.id)
            if node.personal:
                row.personal.append(node.id)
            value = rolled.progress.get(node.id)
            if value is not None:
                owned_progress.setdefault(owner, []).append(value)
            if node.status in OPEN_STATUSES:
                roll = health.get(node.id)
                risky = roll is not None and roll.health in RISKY
                _open_item(row, node, sub, alone.get(node.id), value, today, soon, risky)
        if sub is not None and sub != owner:
            _row(rows, sub, node.sub_owner, ws).sub_owned.append(node.id)
    for key, values in owned_progress.items():
        rows[key].progress = sum(values) / len(values)
    known = [r for r in rows.values() if r.known]
    strangers = sorted((r for r in rows.values() if not r.known), key=lambda r: r.key.casefold())
    people = known + strangers if ws.people is not None else sorted(known, key=_by_name)
    teams = _teams(people, owned_progress) if ws.people is not None else []
    return Loads(people, teams, ws.people is not None, rolled.progress)


def _by_name(row: Load) -> tuple[str, str]:
    return row.key.casefold(), row.key


def _row(rows: dict[str, Load], key: str, written: str | None, ws: Workspace) -> Load:
    row = rows.get(key)
    if row is None:
        shown = " ".join((written or key).split())
        # Without a people file everyone is "known"; with one, a name it lacks is a stranger.
        row = rows[key] = Load(shown, shown, known=ws.people is None)
    return row


def _open_item(
    row: Load,
    node: Node,
    sub: str | None,
    alone: str | None,
    value: float | None,
    today: date,
    soon: date,
    risky: bool,
) -> None:
    row.open.append(node.id)
    if sub is None and not node.personal:
        row.no_sub_owner.append(node.id)
    if alone is not None and not node.personal:
        row.bus_factor.append(node.id)
    if node.due is not None and node.due < today:
        row.overdue.append(node.id)
    elif risky or (node.due is not None and node.due <= soon and (value or 0.0) < AT_RISK_PROGRESS):
        row.at_risk.append(node.id)


def _alone(graph: MapGraph, people: dict[str, tuple[str | None, str | None]]) -> dict[str, str]:
    """For each node, the one person named on it and everything above it, when there is
    exactly one; computed once, top down, keeping at most two names per node."""
    named: dict[str, frozenset[str]] = {}

    def own(node_id: str) -> set[str]:
        return {k for k in people[node_id] if k is not None}

    for node_id in reversed(graph.order):
        found = own(node_id)
        for parent in graph.parents[node_id]:
            found |= named.get(parent, frozenset())
            if len(found) > 1:
                break
        named[node_id] = frozenset(sorted(found)[:2])
    for node_id in sorted(graph.cyclic):  # rare: walk up in full
        found = own(node_id)
        for above in graph.ancestors(node_id):
            found |= own(above)
        named[node_id] = frozenset(sorted(found)[:2])
    return {n: next(iter(k)) for n, k in named.items() if len(k) == 1}


def _teams(people: list[Load], owned_progress: dict[str, list[float]]) -> list[Load]:
    teams: dict[str, Load] = {}
    values: dict[str, list[float]] = {}
    for person in people:
        if person.team is None:
            continue
        team = teams.get(person.team)
        if team is None:
            team = teams[person.team] = Load(person.team, person.team, person.team, members=0)
        team.members += 1
        for name in ("owned", "sub_owned", "open", "overdue", "at_risk"):
            getattr(team, name).extend(getattr(person, name))
        team.no_sub_owner.extend(person.no_sub_owner)
        team.bus_factor.extend(person.bus_factor)
        team.personal.extend(person.personal)
        values.setdefault(person.team, []).extend(owned_progress.get(person.key, []))
    for key, team in teams.items():
        got = values[key]
        team.progress = sum(got) / len(got) if got else None
    return list(teams.values())
