"""Ownership rules (warnings): open work has an owner and a second, and no one carries too much."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from backmap.checks.findings import Severity
from backmap.checks.registry import Context, rule
from backmap.checks.roll_up import is_idea
from backmap.graph import OPEN_STATUSES
from backmap.model import Kind, Node, Status
from backmap.people.model import fold

# Planned and active work is what someone is expected to pick up now; ideas may wait.
_STAFFED = frozenset({Status.PLANNED, Status.ACTIVE})
_SHOWN = 3


@functools.lru_cache(maxsize=4096)  # a map names few people, many times over
def person_key(name: str | None) -> str | None:
    """Who a name means, as filters and `plan` read it (`people.model.fold`): case and runs of
    spaces do not make another person; blank is nobody."""
    key = fold(name or "")
    return key or None


def _one_line(text: str) -> str:
    # Names are free text and may hold line breaks; a message stays on one line.
    return " ".join(text.split())


def _ids(ids: list[str], shown: int = _SHOWN) -> str:
    listed = ", ".join(f"`{i}`" for i in ids[:shown])
    return listed + (f" and {len(ids) - shown} more" if len(ids) > shown else "")


@rule(
    "BM301",
    "unowned-initiative",
    Severity.WARNING,
    "an initiative under way (planned, active, or with progress but no status) has no owner",
    reads=("owner", "progress", "metric"),
)
def unowned_initiative(ctx: Context) -> Iterator[tuple[str, str]]:
    for node in ctx.graph.of_kind[Kind.INITIATIVE]:
        status = node.status
        # As the roll-up reads it: with no status, progress of its own means under way,
        # none means not started (an idea, which may wait for an owner).
        if status in _STAFFED or (status is None and not is_idea(node)):
            if person_key(node.owner):
                continue
            how = "under way (it has progress, and no status)" if status is None else status
            yield (
                node.id,
                f"initiative `{node.id}` is {how} but has no owner: name the person who carries it",
            )


@rule(
    "BM302",
    "no-sub-owner",
    Severity.WARNING,
    "an open item has an owner but no sub_owner",
    reads=("owner", "sub_owner", "personal"),
)
def no_sub_owner(ctx: Context) -> Iterator[tuple[str, str]]:
    for node in ctx.graph.ws.nodes():
        # Finished and dropped items need nobody to stand in for their owner any more, and a
        # personal goal is one person's own.
        if node.personal:
            continue
        if (
            node.status in OPEN_STATUSES
            and person_key(node.owner)
            and not person_key(node.sub_owner)
        ):
            assert node.owner is not None
            owner = _one_line(node.owner)
            yield (
                node.id,
                (
                    f"`{node.id}` is owned by {owner} with no sub_owner: name who carries "
                    f"it when {owner} is away"
                ),
            )


@rule(
    "BM303",
    "owner-is-sub-owner",
    Severity.WARNING,
    "the owner is also the sub_owner",
    reads=("owner", "sub_owner"),
)
def owner_is_sub_owner(ctx: Context) -> Iterator[tuple[str, str]]:
    for node in ctx.graph.ws.nodes():
        owner = person_key(node.owner)
        if owner is not None and owner == person_key(node.sub_owner):
            assert node.owner is not None
            yield (
                node.id,
                (
                    f"`{node.id}` has {_one_line(node.owner)} as both owner and sub_owner: "
                    "the sub_owner is the second person; name someone else"
                ),
            )


@rule(
    "BM304",
    "overloaded-owner",
    Severity.WARNING,
    "one person owns more open items than max-open-items",
    reads=("owner",),
)
def overloaded_owner(ctx: Context) -> Iterator[tuple[str, str]]:
    limit = ctx.config.max_open_items
    items: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for node in ctx.graph.ws.nodes():
        person = person_key(node.owner)
        if person is not None and node.status in OPEN_STATUSES:
            assert node.owner is not None
            items.setdefault(person, []).append(node.id)
            names.setdefault(person, _one_line(node.owner))
    # Dicts keep first-seen order, so people come in the order of their first open item.
    for person, ids in items.items():
        if len(ids) > limit:
            yield (
                ids[0],
                (
                    f"{names[person]} owns {len(ids)} open items (more than {limit}): "
                    f"{_ids(ids)}; hand some over, or finish or drop some"
                ),
            )


@rule(
    "BM305",
    "single-owner-outcome",
    Severity.WARNING,
    "every open initiative beneath an outcome has the same owner",
    reads=("owner",),
)
def single_owner_outcome(ctx: Context) -> Iterator[tuple[str, str]]:
    graph = ctx.graph
    # One pass over the open initiatives, each counted for every outcome it reaches. An
    # outcome is out once two owners differ or one is missing: an unowned initiative is not
    # yet anyone's (BM301 is about those), so it does not make a single owner.
    beneath: dict[str, list[Node]] = {}
    shared: set[str] = set()
    above = graph.outcomes_above
    for node in graph.of_kind[Kind.INITIATIVE]:
        if node.status not in OPEN_STATUSES:
            continue
        person = person_key(node.owner)
        for outcome in above.get(node.id, ()):
            if outcome in shared:
                continue
            bucket = beneath.get(outcome)
            if person is None or (bucket and person_key(bucket[0].owner) != person):
                shared.add(outcome)
            elif bucket is None:
                beneath[outcome] = [node]
            else:
                bucket.append(node)
    for node in graph.of_kind[Kind.OUTCOME]:
        initiatives = beneath.get(node.id, [])
        if node.id in shared or len(initiatives) < 2:
            continue
        owner = initiatives[0].owner
        assert owner is not None
        yield (
            node.id,
            (
                f"every open initiative beneath outcome `{node.id}` is owned by "
                f"{_one_line(owner)} ({len(initiatives)}: "
                f"{_ids([i.id for i in initiatives])}): the outcome hangs on one person; "
                "share the work"
            ),
        )
