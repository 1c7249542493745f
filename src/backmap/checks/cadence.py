"""Check-in rules: items that stopped checking in, that will finish late, whose metric drifts,
whose fields are not what their latest check-in says.

They read each node's dated check-ins (backmap.checkins) through the same arithmetic as
`backmap report` (checks.pace), so the report and `check` never disagree. A map that records
no check-ins gets none of these findings.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from backmap.amounts import amount
from backmap.checks.findings import Severity
from backmap.checks.pace import CheckInLike, drift, pace, stale_since, until
from backmap.checks.registry import Context, rule
from backmap.graph import OPEN_STATUSES
from backmap.model import Node
from backmap.plural import plural

_CUT = "checked-in, cut"
"""The ids whose history has check-ins after the check's day (see `_histories`)."""


def _checked_in(ctx: Context) -> list[tuple[Node, Sequence[CheckInLike]]]:
    """The open items with check-ins made by `ctx.today`, each with that history.

    Only open items: each rule here passes over the others. Worked out once for the three
    rules of a run.
    """
    found = ctx.shared.get("checked-in")
    if found is None:
        found = ctx.shared["checked-in"] = list(_histories(ctx))
    return found  # type: ignore[return-value]


def _histories(ctx: Context) -> Iterator[tuple[Node, Sequence[CheckInLike]]]:
    from backmap.checkins import LineError, of_node

    for node in ctx.graph.ws.nodes():
        if not node.checkins or node.status not in OPEN_STATUSES:
            continue
        try:
            history: Sequence[CheckInLike] = of_node(node)
        except LineError:  # a line that does not read is a load error, reported where read
            continue
        whole = len(history)
        history = until(history, ctx.today)
        if len(history) < whole:  # a check dated before some check-ins: not today's fields
            ctx.shared.setdefault(_CUT, set()).add(node.id)  # type: ignore[attr-defined]
        if history:
            yield node, history


@rule(
    "BM411",
    "stale-checkin",
    Severity.WARNING,
    "an open item has had no check-in for more than stale-days (35)",
    reads=("checkins", "progress", "metric"),
)
def stale_checkin(ctx: Context) -> Iterator[tuple[str, str]]:
    days = ctx.config.stale_days
    for node, history in _checked_in(ctx):
        last = stale_since(node, history, ctx.today, days)
        if last is not None:
            yield (
                node.id,
                (
                    f"`{node.id}` was last checked in on {last} "
                    f"({plural((ctx.today - last).days, 'day')} ago, more than {days}): "
                    f"check it in (`backmap checkin {node.id}`), or mark it done or dropped"
                ),
            )


@rule(
    "BM412",
    "slipping",
    Severity.INFO,
    "at the pace of its check-ins so far, an item will miss its due date",
    reads=("checkins", "progress", "metric", "due"),
)
def slipping(ctx: Context) -> Iterator[tuple[str, str]]:
    for node, history in _checked_in(ctx):
        moving = pace(node, history, ctx.today)
        if moving is None or not moving.slipping:
            continue
        finish = moving.projected
        span = f"between {moving.start} and {moving.last_date}"
        if finish is None:
            said = f"`{node.id}` did not move forward {span} ({moving.last:.0f}%)"
        else:
            said = (
                f"`{node.id}` went from {moving.first:.0f}% to {moving.last:.0f}% {span}; at "
                f"that pace it would finish on {finish}"
            )
        yield (
            node.id,
            f"{said}, after its due date {moving.due}: speed it up, cut its scope, or move "
            "its due date",
        )


@rule(
    "BM413",
    "metric-moving-away",
    Severity.INFO,
    "a metric's latest check-in moved it further from its target",
    reads=("checkins", "progress", "metric"),
)
def metric_moving_away(ctx: Context) -> Iterator[tuple[str, str]]:
    for node, history in _checked_in(ctx):
        moved = drift(node, history)
        if moved is None or not moved.away:
            continue
        assert node.metric is not None
        unit = node.metric.unit
        yield (
            node.id,
            (
                f'`{node.id}`: metric "{" ".join(node.metric.name.split())}" went from '
                f"{amount(moved.before, unit)} to {amount(moved.after, unit)} on "
                f"{moved.on}, away from its target of {amount(moved.target, unit)}: "
                "say why in a check-in note, or rethink the item"
            ),
        )


@rule(
    "BM414",
    "checkin-out-of-step",
    Severity.WARNING,
    "progress or a metric's current value is not what the latest check-in says",
    reads=("checkins", "progress", "metric"),
)
def checkin_out_of_step(ctx: Context) -> Iterator[tuple[str, str]]:
    checked_in = _checked_in(ctx)  # which notes the histories cut short, too
    cut: set[str] = ctx.shared.get(_CUT, set())  # type: ignore[assignment]
    for node, history in checked_in:
        if node.id in cut:
            continue
        said = _last_said(history, "progress")
        if said is not None and not _same(node.progress, said[1]):
            yield node.id, _out_of_step(node, "progress", node.progress, said, "%")
        said = _last_said(history, "current")
        metric = node.metric
        if said is not None and metric is not None and not _same(metric.current, said[1]):
            yield node.id, _out_of_step(node, "current", metric.current, said, metric.unit)


def _last_said(history: Sequence[CheckInLike], name: str) -> tuple[CheckInLike, float] | None:
    """The latest check-in giving `name` (progress or current), with that value."""
    for checkin in reversed(history):
        value = getattr(checkin, name)
        if value is not None:
            return checkin, value
    return None


def _same(field: float | None, said: float) -> bool:
    return field is not None and float(field) == float(said)


def _out_of_step(
    node: Node, name: str, field: float | None, said: tuple[CheckInLike, float], unit: str | None
) -> str:
    # The fields are what every view shows; `backmap checkin` keeps them in step with the
    # history, so a difference comes from a hand edit or a merge, and one of the two is stale.
    label = "progress" if name == "progress" else "metric's current value"
    where = "" if name == "progress" else " in its metric"
    now = "not set" if field is None else amount(field, unit)
    checkin, value = said
    return (
        f"`{node.id}`'s {label} is {now}, but its latest check-in ({checkin.date}) says "
        f"{amount(value, unit)}: write `{name}: {amount(value, None)}`{where}, or check in today's "
        f"value (`backmap checkin {node.id} --{name} N`)"
    )
