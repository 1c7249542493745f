"""Setting progress or metric.current on an item with check-ins: recorded as that day's
check-in, so the node's fields and its history (what `status` and `report` read) never
disagree. The CLI's `set` and the editor's form both go this way."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from backmap.edits.errors import EditError

if TYPE_CHECKING:
    from backmap.checkins.lines import CheckIn
    from backmap.edits import Edit
    from backmap.model import Workspace


class ClearsHistory(EditError):
    """Clearing progress or metric.current of an item with check-ins: its history says what
    they were, and a check-in records a value, not its absence."""

    def __init__(self, node_id: str, cleared: list[str]) -> None:
        verb = "comes" if len(cleared) == 1 else "come"
        super().__init__(
            f"`{node_id}` has check-ins, so its {' and '.join(cleared)} {verb} from the latest "
            "one: record a new value instead of clearing it"
        )
        self.node_id, self.cleared = node_id, cleared


def take_checkin(
    ws: Workspace, node_id: str, changes: dict[str, Any], day: date | None = None
) -> CheckIn | None:
    """Move progress and metric.current out of `changes` into a check-in on `day` (today by
    default) when the node has check-ins (None otherwise, `changes` untouched). Clearing
    either is refused (ClearsHistory)."""
    from backmap.checkins.lines import CheckIn

    node = ws.get(node_id)
    if node is None or not node.checkins:
        return None
    values: dict[str, Any] = {}
    # A value the latest check-in already says is no news: `set --status done` over a last
    # check-in of 100 must not add a line (nor make the item look freshly checked in).
    if "progress" in changes and (progress := changes.pop("progress")) != node.progress:
        values["progress"] = progress
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
        raise ClearsHistory(node_id, cleared)
    return CheckIn(day or date.today(), **values)


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
