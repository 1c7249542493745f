"""`set --progress/--current` on an item with check-ins: recorded as today's check-in, so the
node's fields and its history (what `status` and `report` read) never disagree."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from backmap.cli.common import error

if TYPE_CHECKING:
    from backmap.checkins import CheckIn
    from backmap.edits import Edit
    from backmap.model import Workspace


def take_checkin(ws: Workspace, node_id: str, changes: dict[str, Any]) -> CheckIn | None:
    """Move progress and metric.current out of `changes` into today's check-in when the node
    has check-ins (None otherwise, `changes` untouched). Clearing either is refused: the
    history says what they were, and a check-in records a value."""
    from backmap import checkins

    node = ws.get(node_id)
    if node is None or not node.checkins:
        return None
    values: dict[str, Any] = {}
    if "progress" in changes:
        values["progress"] = changes.pop("progress")
    metric = changes.get("metric")
    old = node.metric.model_dump(exclude_none=True) if node.metric is not None else {}
    if metric is not None and metric.get("current") != old.get("current"):
        values["current"] = metric.get("current")
        kept = {k: v for k, v in metric.items() if k != "current"}
        if "current" in old:
            kept["current"] = old["current"]
        changes["metric"] = kept
    if changes.get("metric") == old:
        del changes["metric"]
    if not values:
        return None
    cleared = [name for name, value in values.items() if value is None]
    if cleared:
        verb = "comes" if len(cleared) == 1 else "come"
        raise error(
            f"`{node_id}` has check-ins, so its {' and '.join(cleared)} {verb} from the latest "
            f"one: record a new value (backmap checkin {node_id} --{cleared[0]} X) instead of "
            "clearing it"
        )
    return checkins.CheckIn(date.today(), **values)


def with_checkin(ws: Workspace, node_id: str, changes: dict[str, Any], checkin: CheckIn) -> Edit:
    """One edit: the other field changes, then `checkin` recorded as `checkin ID` records it.
    edits.NothingChanged when neither changes anything; other refusals as edits.EditError."""
    from backmap import checkins, edits

    first: Edit | None = None
    if changes:
        try:
            first = edits.change(ws, node_id, **changes)
        except edits.NothingChanged:
            first = None
    steps = list(first.steps) if first is not None else []
    if first is not None:
        first.apply(ws)  # the check-in is built on the changed node (a new metric, say)
    try:
        second: Edit | None = checkins.record(ws, node_id, checkin)
    except edits.NothingChanged:
        second = None
    finally:
        if first is not None:
            first.revert(ws)
    if second is None:
        if first is None:
            raise edits.NothingChanged(f"`{node_id}` already has those values")
        return first
    given = ", ".join(
        f"{name} {value}"
        for name in ("progress", "current")
        if (value := getattr(checkin, name)) is not None
    )
    told = f"{given} recorded as today's check-in ({checkin.date.isoformat()})"
    summary = f"{first.summary}; {told}" if first is not None else f"`{node_id}`: {told}"
    return edits.Edit(summary, steps + list(second.steps), node_id)
