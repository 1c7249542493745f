"""Check-in rules: items that stopped checking in, that will finish late, whose metric drifts.

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
        history = until(history, ctx.today)
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
