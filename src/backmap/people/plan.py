"""One person's plan: everything they own or sub-own, each with its chains up to the outcomes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from backmap.graph import build, is_overdue, paths
from backmap.model import Kind, Workspace
from backmap.people.focus import focused
from backmap.people.load import Load, loads
from backmap.people.model import fold
from backmap.suggest import did_you_mean

CHAINS = 3
"""Chains shown per item; a node that serves many goals says how many more there are."""


class UnknownPerson(Exception):
    """No one by that name owns or sub-owns anything, nor is listed in the people file."""

    def __init__(self, name: str, guess: str | None) -> None:
        super().__init__(name)
        self.name = name
        self.guess = guess
        """The closest person's key, or None."""


@dataclass
class Item:
    """One item of the plan: a node, the person's role on it, and how it connects."""

    node_id: str
    role: str
    """"owner" or "sub_owner"."""
    chains: list[tuple[str, ...]]
    """Paths from the node up, each starting at the node, in the order `supports` lists them."""
    more: bool
    """More chains exist than are listed."""
    progress: float | None
    flags: list[str]
    """Any of "focus", "overdue", "at risk", "no sub-owner", "bus factor"."""


@dataclass
class Plan:
    """A person's load and the items they carry, owned first, each group in file order."""

    person: Load
    manager: Load | None
    items: list[Item]
    focus: list[str] = field(default_factory=list)
    """Node ids the person, or their team, has in focus in a period that holds the day."""
    periods: list[str] = field(default_factory=list)
    """Those periods."""


def resolve(ws: Workspace, people: list[Load], name: str) -> Load:
    """The person `name` means: an id, or a name or handle regardless of case and spaces."""
    by_key = {p.key: p for p in people}
    if name in by_key:
        return by_key[name]
    wanted = fold(name)
    handles: dict[str, str] = {}
    if ws.people is not None:
        for listed in ws.people.people:
            for handle in listed.handles.values():
                handles[fold(handle)] = listed.id
    for person in people:
        if wanted in (fold(person.key), fold(person.name)):
            return person
        if handles.get(wanted) == person.key:
            return person
    guess = did_you_mean(wanted, [fold(p.key) for p in people])
    match = next((p.key for p in people if fold(p.key) == guess), None)
    raise UnknownPerson(name, match)


def plan(ws: Workspace, name: str, today: date) -> Plan:
    """The plan of the person `name` means; UnknownPerson when nobody fits."""
    graph = build(ws)
    table = loads(ws, today, graph)
    person = resolve(ws, table.people, name)
    chosen = focused(ws, today)
    mine = [
        (node_id, h.period.key)
        for node_id, holders in chosen.items()
        for h in holders
        if (h.group, h.who) in (("people", person.key), ("teams", person.team))
    ]
    flags = {
        "focus": {node_id for node_id, _ in mine},
        # Owned or sub-owned alike: the same rule as check's BM401.
        "overdue": {
            node_id
            for node_id in (*person.owned, *person.sub_owned)
            if is_overdue(ws.node(node_id), today)
        },
        "at risk": set(person.at_risk),
        "no sub-owner": set(person.no_sub_owner),
        "bus factor": set(person.bus_factor),
    }
    items = []
    for role, ids in (("owner", person.owned), ("sub_owner", person.sub_owned)):
        for node_id in ids:
            found = paths(node_id, graph.parents, CHAINS + 1)
            items.append(
                Item(
                    node_id,
                    role,
                    found[:CHAINS],
                    len(found) > CHAINS,
                    table.progress.get(node_id),
                    [flag for flag, members in flags.items() if node_id in members],
                )
            )
    manager = None
    if ws.people is not None and person.key in ws.people.by_id:
        boss = ws.people.by_id[person.key].manager
        manager = next((p for p in table.people if p.key == boss), None)
    focus = list(dict.fromkeys(node_id for node_id, _ in mine))
    periods = sorted({key for _, key in mine})
    return Plan(person, manager, items, focus, periods)


def reaches_outcome(ws: Workspace, chain: tuple[str, ...]) -> bool:
    """Whether a chain ends at an outcome (else it stops at a node that serves nothing)."""
    return ws.node(chain[-1]).kind is Kind.OUTCOME
