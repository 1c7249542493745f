"""Time and progress rules: overdue items, dates out of order, progress that contradicts status."""

from __future__ import annotations

from collections.abc import Iterator

from backmap.amounts import amount
from backmap.checks.findings import Severity
from backmap.checks.registry import Context, rule
from backmap.graph import OPEN_STATUSES, is_overdue
from backmap.model import Metric, Status
from backmap.plural import plural


def _days(count: int) -> str:
    return plural(count, "day")


@rule(
    "BM401",
    "overdue",
    Severity.WARNING,
    "the due date has passed and the item is not done",
    reads=("due",),
)
def overdue(ctx: Context) -> Iterator[tuple[str, str]]:
    for node in ctx.graph.ws.nodes():
        if node.due is not None and is_overdue(node, ctx.today):
            late = _days((ctx.today - node.due).days)
            yield (
                node.id,
                (
                    f"`{node.id}` was due {node.due} ({late} ago) and is not done: "
                    "finish it, move its due date, or drop it"
                ),
            )


@rule(
    "BM402",
    "due-after-parent",
    Severity.WARNING,
    "an item is due after a node it supports",
    reads=("due",),
)
def due_after_parent(ctx: Context) -> Iterator[tuple[str, str]]:
    graph = ctx.graph
    for node in graph.ws.nodes():
        # A finished or dropped item holds nothing up, whatever its date said.
        if node.due is None or node.status not in OPEN_STATUSES:
            continue
        for parent_id in graph.parents.get(node.id, ()):
            parent_due = graph.node(parent_id).due
            if parent_due is not None and node.due > parent_due:
                yield (
                    node.id,
                    (
                        f"`{node.id}` is due {node.due}, after `{parent_id}` (due "
                        f"{parent_due}), which it supports: bring `{node.id}` forward or "
                        f"move `{parent_id}` later"
                    ),
                )


@rule(
    "BM403",
    "done-but-incomplete",
    Severity.WARNING,
    "an item is done but its progress is below 100",
    reads=("progress",),
)
def done_but_incomplete(ctx: Context) -> Iterator[tuple[str, str]]:
    for node in ctx.graph.ws.nodes():
        if node.status is Status.DONE and node.progress is not None and node.progress < 100:
            yield (
                node.id,
                (
                    f"`{node.id}` is done but its progress says "
                    f"{amount(node.progress, '%')}: set progress to 100 (or remove it), "
                    "or reopen the item"
                ),
            )


def reached(metric: Metric) -> bool | None:
    """Whether a metric's current value is at or past its target; None when it cannot tell.

    A baseline gives the direction: a target above it means higher is better, below it lower
    is better. Without a baseline (or with one equal to the target) the direction is unknown,
    so only a current exactly at the target counts as reached.
    """
    current, target, baseline = metric.current, metric.target, metric.baseline
    if current is None or target is None:
        return None
    if baseline is None or baseline == target:
        return current == target
    return current >= target if target > baseline else current <= target


@rule(
    "BM404",
    "metric-reached",
    Severity.INFO,
    "a metric is at or past its target while the item is not done",
    reads=("metric",),
)
def metric_reached(ctx: Context) -> Iterator[tuple[str, str]]:
    for node in ctx.graph.ws.nodes():
        metric = node.metric
        # Dropped work reached its number without being pursued; calling it done would mislead.
        if metric is None or node.status not in OPEN_STATUSES or not reached(metric):
            continue
        assert metric.current is not None and metric.target is not None
        where = "at" if metric.current == metric.target else "past"
        yield (
            node.id,
            (
                f'`{node.id}`: metric "{" ".join(metric.name.split())}" is '
                f"{amount(metric.current, metric.unit)}, {where} its target of "
                f"{amount(metric.target, metric.unit)}: mark `{node.id}` done, "
                "or set a further target"
            ),
        )
