"""Focus and review rules (BM71x): a focus item that moves nothing in its period, and code
paths no reviewer can be asked about."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from backmap.checkins import LineError, of_node
from backmap.checks.findings import Severity
from backmap.checks.registry import Context, rule
from backmap.graph import MapGraph
from backmap.people.focus import Period, focus_items, lessons
from backmap.people.handles import handles
from backmap.suggest import did_you_mean
from backmap.vocabulary import Kind, Status

AFTER = timedelta(days=30)
"""How long after its period a focus item without progress is still reported."""


def _due(period: Period, today: date) -> bool:
    """Whether to ask for progress now: from the middle of the period to 30 days after it."""
    middle = period.start + (period.end - period.start) / 2
    return middle <= today <= period.end + AFTER


def _raised(graph: MapGraph, node_id: str, period: Period, today: date) -> bool:
    """Whether a check-in dated in the period (up to today) raised the progress of the node
    or of anything beneath it above what its check-ins said before the period."""
    last = min(period.end, today)
    for member in (node_id, *graph.descendants(node_id)):
        try:
            found = of_node(graph.node(member))
        except LineError:
            continue  # a bad history is reported by the check-in rules
        before: float = 0
        for checkin in found:
            if checkin.progress is None:
                continue
            if checkin.date < period.start:
                before = checkin.progress
            elif checkin.date <= last and checkin.progress > before:
                return True
    return False


@rule(
    "BM710",
    "focus-without-progress",
    Severity.WARNING,
    "a focus item shows no progress in its period",
    reads=("checkins", "progress", "metric", "focus"),
)
def focus_without_progress(ctx: Context) -> Iterator[tuple[str, str]]:
    ws = ctx.graph.ws
    if ws.focus is None:
        return
    for holder, ids in focus_items(ws):
        if not _due(holder.period, ctx.today):
            continue
        for node_id in ids:
            node = ws.get(node_id)
            if node is None or node.status in (Status.DONE, Status.DROPPED):
                continue
            if _raised(ctx.graph, node_id, holder.period, ctx.today):
                continue
            yield (
                node_id,
                f"`{node_id}` is a focus item of {holder.label} for {holder.period.key}, "
                f"but no check-in since {holder.period.start} raised its progress (nor that of "
                "anything beneath it): record the progress made, or take it out of the focus",
            )


@rule(
    "BM711",
    "paths-without-reviewer",
    Severity.WARNING,
    "an initiative lists `paths:` but neither its owner nor sub_owner has a handle",
    reads=("paths", "owner", "sub_owner", "people"),
)
def paths_without_reviewer(ctx: Context) -> Iterator[tuple[str, str]]:
    ws = ctx.graph.ws
    for node in ws.nodes():
        if not node.paths or node.kind is not Kind.INITIATIVE or handles(ws, node):
            continue
        people = [n for n in (node.owner, node.sub_owner) if n]
        if ws.people is None:
            why = "there is no people file to take github or gitlab handles from"
        elif not people:
            why = "it has no owner or sub_owner"
        else:
            named = " or ".join(f"`{p}`" for p in people)
            why = f"{ws.people.path.name} gives no github or gitlab handle for {named}"
        yield (
            node.id,
            f"`{node.id}` lists paths ({', '.join(node.paths)}) but {why}: nobody would be "
            "asked to review changes there",
        )


@rule(
    "BM712",
    "focus-names-unknown-node",
    Severity.WARNING,
    "a focus item or a lesson names a node the map does not have",
    about="focus",
    reads=("focus",),
)
def focus_names_unknown_node(ctx: Context) -> Iterator[tuple[str, str]]:
    ws = ctx.graph.ws
    if ws.focus is None:
        return
    name = ws.focus.path.name

    def fix(node_id: str) -> str:
        guess = did_you_mean(node_id, ws.ids())
        return f"did you mean `{guess}`?" if guess else "write its id as it is now, or take it out"

    for holder, ids in focus_items(ws):
        entry = f"{holder.period.key} > {holder.group} > {holder.who}"
        for i, node_id in enumerate(ids):
            if node_id not in ws:
                yield (
                    f"{entry} > focus > {i}",
                    f"{name}: the focus of {holder.label} for {holder.period.key} names "
                    f"`{node_id}`, which is not in the map (renamed or removed?): {fix(node_id)}",
                )
    for row in lessons(ws):
        holder = row.holder
        entry = f"{holder.period.key} > {holder.group} > {holder.who} > lessons > {row.index}"
        for i, node_id in enumerate(row.nodes):
            if node_id not in ws:
                yield (
                    f"{entry} > nodes > {i}",
                    f"{name}: a lesson of {row.holder.label} for {row.holder.period.key} is "
                    f"tied to `{node_id}`, which is not in the map (renamed or removed?): "
                    + fix(node_id),
                )


@rule(
    "BM713",
    "focus-names-unknown-holder",
    Severity.WARNING,
    "a focus entry is for a person or team the people file does not list",
    about="focus",
    reads=("focus", "people"),
)
def focus_names_unknown_holder(ctx: Context) -> Iterator[tuple[str, str]]:
    ws = ctx.graph.ws
    people = ws.people
    if ws.focus is None or people is None:
        return
    teams = sorted({p.team for p in people.people if p.team})
    name = people.path.name
    for key, block in ws.focus.periods.items():
        for who in block.people:
            if who in people:
                continue
            meant = people.closest(who)
            fix = (
                f"did you mean `{meant}`?"
                if meant
                else f"add them to {name}, or write an id it lists"
            )
            yield (
                f"{key} > people > {who}",
                f"{key} has an entry for `{who}`, who is not in {name}: {fix}",
            )
        for team in block.teams:
            if team in teams:
                continue
            guess = did_you_mean(team, teams)
            fix = (
                f"did you mean `{guess}`?"
                if guess
                else f"give someone in {name} `team: {team}`, or write a team it names"
            )
            yield (
                f"{key} > teams > {team}",
                f"{key} has an entry for team `{team}`, which no one in {name} belongs to: {fix}",
            )
