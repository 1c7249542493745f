"""Fragility rules (info): goals that rest on one initiative, and the initiatives they rest on."""

from __future__ import annotations

from collections.abc import Iterator

from backmap.checks.findings import Severity
from backmap.checks.registry import Context, rule
from backmap.graph import MANY
from backmap.model import Kind

_SHOWN = 5


def _ids(ids: list[str], shown: int = _SHOWN) -> str:
    listed = ", ".join(f"`{i}`" for i in ids[:shown])
    return listed + (f" and {len(ids) - shown} more" if len(ids) > shown else "")


def _sole(ctx: Context, node_id: str) -> str | None:
    """The one initiative beneath a node, or None when there are none or several."""
    only = ctx.graph.sole_initiative.get(node_id)
    return None if only == MANY else only


@rule(
    "BM501",
    "single-initiative-goal",
    Severity.INFO,
    "a goal rests on a single initiative",
    reads=(),
)
def single_initiative_goal(ctx: Context) -> Iterator[tuple[str, str]]:
    for node in ctx.graph.of_kind[Kind.GOAL]:
        if (only := _sole(ctx, node.id)) is not None:
            yield (
                node.id,
                (
                    f"goal `{node.id}` rests on a single initiative, `{only}`: if it stalls, "
                    "nothing else moves the goal"
                ),
            )


@rule(
    "BM502",
    "critical-initiative",
    Severity.INFO,
    "removing an initiative would leave a goal unsupported",
    reads=(),
)
def critical_initiative(ctx: Context) -> Iterator[tuple[str, str]]:
    ws = ctx.graph.ws
    # Goals bucketed by the one initiative they rest on: a single pass over the goals.
    holds: dict[str, list[str]] = {}
    for node in ctx.graph.of_kind[Kind.GOAL]:
        if (only := _sole(ctx, node.id)) is not None:
            holds.setdefault(only, []).append(node.id)
    for node in ws.nodes():
        goals = holds.get(node.id)
        if goals and node.kind is Kind.INITIATIVE:
            many = len(goals) > 1
            what = f"{len(goals)} goals, " if many else "goal "
            yield (
                node.id,
                (
                    f"initiative `{node.id}` is the only initiative beneath {what}"
                    f"{_ids(goals)}: losing it would leave {'them' if many else 'that goal'} "
                    "unsupported"
                ),
            )
