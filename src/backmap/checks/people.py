"""People rules (BM7xx), when the workspace has a people file: owners are people it lists, and
managers form a tree."""

from __future__ import annotations

from collections.abc import Iterator

from backmap.checks.findings import Severity
from backmap.checks.registry import Context, rule
from backmap.suggest import Suggester


@rule(
    "BM701",
    "unknown-person",
    Severity.WARNING,
    "an owner or sub_owner is not a person of the people file",
    reads=("owner", "sub_owner", "people"),
)
def unknown_person(ctx: Context) -> Iterator[tuple[str, str]]:
    people = ctx.graph.ws.people
    if people is None:
        return
    for node in ctx.graph.ws.nodes():
        for field, name in (("owner", node.owner), ("sub_owner", node.sub_owner)):
            if name is None or not name.strip() or name in people.by_id:
                continue
            meant = people.closest(name)
            if meant is not None:
                who = people.by_id[meant].name
                fix = f"did you mean `{meant}` ({who})?"
            else:
                fix = f"add them to {people.path.name}, or name someone it lists"
            shown = " ".join(name.split())
            yield (
                node.id,
                f"`{node.id}` has {field} `{shown}`, who is not in {people.path.name}: {fix}",
            )


@rule(
    "BM702",
    "unknown-manager",
    Severity.ERROR,
    "a person's manager is not in the people file",
    about="person",
    reads=("people",),
)
def unknown_manager(ctx: Context) -> Iterator[tuple[str, str]]:
    people = ctx.graph.ws.people
    if people is None:
        return
    suggest = Suggester(people.by_id)
    for person in people.people:
        manager = person.manager
        if manager == person.id:
            yield (
                person.id,
                f"`{person.id}` is their own manager: name who they report to, "
                "or leave `manager` out",
            )
            continue
        if manager is None or manager in people.by_id:
            continue
        guess = suggest(manager)
        fix = f"did you mean `{guess}`?" if guess else f"add `{manager}` to {people.path.name}"
        yield (
            person.id,
            f"`{person.id}` has manager `{manager}`, who is not in {people.path.name}: {fix}",
        )


@rule(
    "BM703",
    "manager-cycle",
    Severity.ERROR,
    "managers form a loop instead of a tree",
    about="person",
    reads=("people",),
)
def manager_cycle(ctx: Context) -> Iterator[tuple[str, str]]:
    people = ctx.graph.ws.people
    if people is None:
        return
    boss = {
        p.id: p.manager
        for p in people.people
        if p.manager is not None and p.manager != p.id and p.manager in people.by_id
    }
    # Follow each chain of managers once; a chain that comes back to itself is a loop,
    # reported once, at the person of the loop written first in the file.
    done: set[str] = set()
    order = {p.id: i for i, p in enumerate(people.people)}
    for person in people.people:
        chain: list[str] = []
        seen: set[str] = set()
        current: str | None = person.id
        while current is not None and current not in done and current not in seen:
            chain.append(current)
            seen.add(current)
            current = boss.get(current)
        done.update(chain)
        if current is None or current not in seen:
            continue
        loop = chain[chain.index(current) :]
        first = min(loop, key=order.__getitem__)
        at = loop.index(first)
        loop = loop[at:] + loop[:at]
        shown = " -> ".join(f"`{p}`" for p in [*loop, first])
        yield (
            first,
            (
                f"managers form a loop: {shown}; give one of them a `manager` outside the loop, "
                "or none if they lead the organisation"
            ),
        )
