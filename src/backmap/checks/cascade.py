"""Cascade rules (BM704-BM708): goals line up with the manager's, personal goals serve the
business when they can, and every owner has someone to stand in for them."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from backmap.checks.findings import Severity
from backmap.checks.registry import Context, rule
from backmap.graph import OPEN_STATUSES, MapGraph
from backmap.model import Kind, Node, Status, Workspace
from backmap.people.model import fold

_SHOWN = 3


def _ids(ids: list[str]) -> str:
    listed = ", ".join(f"`{i}`" for i in ids[:_SHOWN])
    return listed + (f" and {len(ids) - _SHOWN} more" if len(ids) > _SHOWN else "")


def _who(ws: Workspace) -> Callable[[str | None], str | None]:
    """Who an owner field means: a person's id with a people file (their name or a handle
    counts too), else the name itself, case and spaces aside; None for nobody."""
    people = ws.people
    if people is None:
        return lambda name: fold(name) or None if name else None

    def resolve(name: str | None) -> str | None:
        if not name or not name.strip():
            return None
        return people.resolve(name) or fold(name)

    return resolve


def _shown(ws: Workspace, key: str, written: str | None) -> str:
    """How a person is named in a message: their id with the name from the people file."""
    people = ws.people
    if people is not None and key in people.by_id:
        return f"{key} ({people.by_id[key].name})"
    return " ".join((written or key).split())


@rule(
    "BM704",
    "unaligned-with-manager",
    Severity.WARNING,
    "the owner's manager is named on nothing above this item",
    reads=("owner", "sub_owner", "people"),
)
def unaligned(ctx: Context) -> Iterator[tuple[str, str]]:
    ws, graph = ctx.graph.ws, ctx.graph
    people = ws.people
    if people is None:
        return
    named: dict[str, tuple[str | None, str | None]] = {}
    for node in ws.nodes():
        named[node.id] = (people.resolve(node.owner), people.resolve(node.sub_owner))
    above = _named_above(graph, named, {p.id: 1 << i for i, p in enumerate(people.people)})
    for node in ws.nodes():
        owner = named[node.id][0]
        if owner is None or node.status is Status.DROPPED or not graph.parents.get(node.id):
            continue
        manager = people.by_id[owner].manager
        if manager is None or manager in (owner, named[node.id][1]) or manager not in people.by_id:
            continue  # a manager who is the item's sub_owner reviews it: they know
        found = above.get(node.id)
        if found is not None:
            answered = bool(found[0] & above.bits[manager] or found[1] & above.bits[owner])
        else:  # on or beneath a cycle: walk up
            answered = _answered_above(graph.parents, named, node.id, owner, manager)
        if not answered:
            boss = _shown(ws, manager, None)
            yield (
                node.id,
                f"`{node.id}` is owned by {owner}, whose manager {boss} is named on nothing "
                f"above it: place it under one of {manager}'s items, or make {manager} its "
                "sub_owner",
            )


class _Above(dict[str, tuple[int, int]]):
    """For each node, the people named above it (owner or sub_owner) and those owning
    something above it, as bit sets over the people file; nodes on or beneath a cycle are
    left out (the walk up answers for them)."""

    def __init__(self, bits: dict[str, int]) -> None:
        super().__init__()
        self.bits = bits


def _named_above(
    graph: MapGraph, named: dict[str, tuple[str | None, str | None]], bits: dict[str, int]
) -> _Above:
    # One pass from the outcomes down: a node's sets are its parents' sets and the parents'
    # own people. Python integers are the bit sets: an OR of 500 bits costs next to nothing.
    out = _Above(bits)
    for node_id in reversed(graph.order):
        everyone = owners = 0
        for parent in graph.parents[node_id]:
            known = out.get(parent)
            if known is None:
                break  # a parent on a cycle, or beneath one
            owner, sub = named[parent]
            own = bits.get(owner, 0) if owner else 0
            everyone |= known[0] | own | (bits.get(sub, 0) if sub else 0)
            owners |= known[1] | own
        else:
            out[node_id] = (everyone, owners)
    return out


def _answered_above(
    parents: dict[str, list[str]],
    named: dict[str, tuple[str | None, str | None]],
    start: str,
    owner: str,
    manager: str,
) -> bool:
    """Whether a walk up from `start` meets the manager (as owner or sub_owner, who reviews
    every change) or another item of the same owner (whose own alignment answers for this
    one, so a chain of one person's items is reported once, at its top)."""
    seen = {start}
    todo = list(parents.get(start, ()))
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        above_owner, above_sub = named.get(current, (None, None))
        if manager in (above_owner, above_sub) or above_owner == owner:
            return True
        todo.extend(parents.get(current, ()))
    return False


@rule(
    "BM705",
    "personal-goal-alone",
    Severity.INFO,
    "a personal goal supports no business goal",
    reads=("owner", "personal", "people"),
)
def personal_alone(ctx: Context) -> Iterator[tuple[str, str]]:
    graph = ctx.graph
    for node in graph.of_kind[Kind.GOAL]:
        if node.personal and not node.supports:
            whose = f"{' '.join(node.owner.split())}'s " if node.owner else ""
            yield (
                node.id,
                f"personal goal `{node.id}` stands alone: {whose}growth counts most when it "
                "serves a goal of the business; link it with `supports` if one fits",
            )


@rule(
    "BM706",
    "sub-owner-is-owner",
    Severity.WARNING,
    "owner and sub_owner name the same person in different words",
    reads=("owner", "sub_owner", "people"),
)
def same_person(ctx: Context) -> Iterator[tuple[str, str]]:
    ws = ctx.graph.ws
    people = ws.people
    if people is None:
        return  # without a people file, different words are different people
    for node in ws.nodes():
        if not node.owner or not node.sub_owner or fold(node.owner) == fold(node.sub_owner):
            continue  # the same words are BM303's
        owner = people.resolve(node.owner)
        if owner is not None and owner == people.resolve(node.sub_owner):
            yield (
                node.id,
                f"`{node.id}` has owner `{' '.join(node.owner.split())}` and sub_owner "
                f"`{' '.join(node.sub_owner.split())}`, both {_shown(ws, owner, None)}: "
                "the sub_owner is a second person; name someone else",
            )


def _open_by_person(ws: Workspace, field: str) -> dict[str, tuple[str | None, list[Node]]]:
    """Open items by the person in `field` (owner or sub_owner), first-seen order, with the
    name as first written."""
    who = _who(ws)
    # A map names a few people many times: each written name is resolved once.
    known: dict[str | None, str | None] = {}
    found: dict[str, tuple[str | None, list[Node]]] = {}
    for node in ws.nodes():
        if node.status not in OPEN_STATUSES:
            continue
        written = getattr(node, field)
        if written in known:
            key = known[written]
        else:
            key = known[written] = who(written)
        if key is None:
            continue
        found.setdefault(key, (written, []))[1].append(node)
    return found


@rule(
    "BM707",
    "overloaded-sub-owner",
    Severity.WARNING,
    "one person is sub_owner of more open items than max-sub-owned",
    reads=("sub_owner", "people"),
)
def overloaded_sub_owner(ctx: Context) -> Iterator[tuple[str, str]]:
    limit = ctx.config.max_sub_owned
    ws = ctx.graph.ws
    for key, (written, nodes) in _open_by_person(ws, "sub_owner").items():
        if len(nodes) > limit:
            yield (
                nodes[0].id,
                f"{_shown(ws, key, written)} is sub_owner of {len(nodes)} open items (more "
                f"than {limit}): {_ids([n.id for n in nodes])}; nobody can stand in for that "
                "many at once: share them out",
            )


@rule(
    "BM708",
    "owner-without-backup",
    Severity.WARNING,
    "a person owns several open items and none of them has a sub_owner",
    reads=("owner", "sub_owner", "personal", "people"),
)
def owner_without_backup(ctx: Context) -> Iterator[tuple[str, str]]:
    ws = ctx.graph.ws
    for key, (written, all_nodes) in _open_by_person(ws, "owner").items():
        nodes = [n for n in all_nodes if not n.personal]  # one's own growth needs no backup
        # One item without a backup is BM302's finding already: saying it twice is noise.
        if len(nodes) < 2 or any(n.sub_owner and n.sub_owner.strip() for n in nodes):
            continue
        none = "neither" if len(nodes) == 2 else "none"
        yield (
            nodes[0].id,
            f"{none} of the {len(nodes)} open items {_shown(ws, key, written)} owns "
            f"({_ids([n.id for n in nodes])}) has a sub_owner: when they are away, everything "
            "they carry stops; name a sub_owner for the most important",
        )
