"""What a person holds (items owned and sub-owned, people managed) and handing it all to
someone else, as `person rm --reassign` does."""

from __future__ import annotations

from dataclasses import dataclass, field

from backmap.model import Workspace
from backmap.people.model import Person
from backmap.plural import listed


@dataclass
class Holdings:
    """What stands in the way of removing a person; node and person ids in file order."""

    owned: list[str] = field(default_factory=list)
    sub_owned: list[str] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)
    """People whose manager they are."""

    def __bool__(self) -> bool:
        return bool(self.owned or self.sub_owned or self.reports)

    def describe(self) -> str:
        """'owns `a`, `b`; sub-owns `c`; manages `dana`', every id named."""
        parts = []
        for verb, ids in (("owns", self.owned), ("sub-owns", self.sub_owned)):
            if ids:
                parts.append(f"{verb} {listed(ids)}")
        if self.reports:
            parts.append(f"manages {listed(self.reports)}")
        return "; ".join(parts)


def holdings(ws: Workspace, person_id: str) -> Holdings:
    """Everything naming `person_id`: owner and sub_owner fields (by id, name or handle) and
    the people file's managers."""
    people = ws.people
    held = Holdings()
    if people is None:
        return held
    for node in ws.nodes():
        if node.owner and people.resolve(node.owner) == person_id:
            held.owned.append(node.id)
        if node.sub_owner and people.resolve(node.sub_owner) == person_id:
            held.sub_owned.append(node.id)
    held.reports = [p.id for p in people.people if p.manager == person_id]
    return held


def reassign(
    ws: Workspace, everyone: list[Person], held: Holdings, to: str
) -> tuple[list[Person], list[str]]:
    """Give `held` to `to`: the map's nodes change in `ws`; returns the people with their new
    managers, and notes on what could not simply move (an owner who would also be sub_owner)."""
    from backmap import edits

    notes: list[str] = []
    fields: dict[str, dict[str, str | None]] = {}
    for node_id in held.owned:
        fields.setdefault(node_id, {})["owner"] = to
    for node_id in held.sub_owned:
        fields.setdefault(node_id, {})["sub_owner"] = to
    for node_id, change in fields.items():
        node = ws.node(node_id)
        owner = change.get("owner", node.owner)
        sub = change.get("sub_owner", node.sub_owner)
        if (
            owner is not None
            and ws.people is not None
            and ws.people.resolve(owner) == (ws.people.resolve(sub) if sub else None)
        ):
            change["sub_owner"] = None  # one person twice is nobody's backup
            notes.append(f"`{node_id}`: {to} is its owner, so it has no sub_owner now")
        edits.change(ws, node_id, **change).apply(ws)
    # The one who takes over does not become their own manager: they report to the removed
    # person's manager instead.
    above = _manager_of(ws, held)
    out = []
    for person in everyone:
        if person.id in held.reports:
            boss = to if person.id != to else above
            person = person.model_copy(update={"manager": boss})
            if person.id == to:
                notes.append(f"`{to}` now reports to {f'`{above}`' if above else 'nobody'}")
        out.append(person)
    return out, notes


def _manager_of(ws: Workspace, held: Holdings) -> str | None:
    """The manager of the person whose reports these are (their own manager)."""
    people = ws.people
    if people is None or not held.reports:
        return None
    first = people.by_id[held.reports[0]].manager
    boss = people.by_id.get(first) if first else None
    return boss.manager if boss is not None else None
