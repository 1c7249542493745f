"""`set --progress/--current` on an item with check-ins: recorded as today's check-in (the
core's `checkins.setting`, which the editor's form uses too), worded for the command line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from backmap.cli.common import error

if TYPE_CHECKING:
    from backmap.checkins import CheckIn
    from backmap.edits import Edit
    from backmap.model import Workspace


def take_checkin(ws: Workspace, node_id: str, changes: dict[str, Any]) -> CheckIn | None:
    """`checkins.setting.take_checkin`, its refusal naming the command that records a value."""
    from backmap.checkins.setting import ClearsHistory, take_checkin

    try:
        return take_checkin(ws, node_id, changes)
    except ClearsHistory as exc:
        verb = "comes" if len(exc.cleared) == 1 else "come"
        raise error(
            f"`{node_id}` has check-ins, so its {' and '.join(exc.cleared)} {verb} from the "
            f"latest one: record a new value (backmap checkin {node_id} --{exc.cleared[0]} X) "
            "instead of clearing it"
        ) from None


def with_checkin(ws: Workspace, node_id: str, changes: dict[str, Any], checkin: CheckIn) -> Edit:
    """`checkins.setting.with_checkin`: the other changes and the check-in, as one edit."""
    from backmap.checkins.setting import with_checkin

    return with_checkin(ws, node_id, changes, checkin)
