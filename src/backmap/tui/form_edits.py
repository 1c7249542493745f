"""One form field applied as an edit; refusals worded to stand beside the field."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pydantic import ValidationError

from backmap import edits, fields
from backmap.checkins.setting import take_checkin, with_checkin
from backmap.hierarchy import open_initiatives
from backmap.model import Status, Workspace
from backmap.people.owners import OWNER_FIELDS, UnknownOwner, known_owners
from backmap.plural import listed
from backmap.store.messages import merge_unions, message_for
from backmap.tui import showing

if TYPE_CHECKING:
    from backmap.tui.app import BackmapApp


def edit_field(app: BackmapApp, node_id: str, field: str, text: str) -> None:
    """Apply one form field; a refusal is said beside the field, and what was typed stays."""
    from backmap.tui.widgets.details import Details

    try:
        edit = field_edit(app.workspace, node_id, field, text, app.config.today)
    except edits.EditError as exc:
        app.query_one(Details).refused(field, str(exc))
        return
    if not app.apply(lambda: edit, select=node_id):
        return
    if showing.fields_only(edit) and any(
        isinstance(step, edits.Replace) and step.old.checkins != step.new.checkins
        for step in edit.steps
    ):  # a field change shows in place, but this one also went into the history
        app.notify(edit.summary, timeout=4)
    waiting = _open_beneath(app.workspace, edit)
    if waiting:
        shown = listed(waiting[:5]) + (f" and {len(waiting) - 5} more" if len(waiting) > 5 else "")
        said = (
            f"Progress of `{node_id}` stays as its items' roll-up: mark {shown} done to reach 100%."
        )
        app.notify(said, timeout=6)
    written = getattr(app.workspace.node(node_id), field, None) if field in OWNER_FIELDS else None
    if written and written != text.strip():  # a name or handle: the person's id is written
        app.notify(f"“{text.strip()}” is `{written}` in the people file: the id is written")


def _unknown_owner(ws: Workspace, exc: UnknownOwner) -> str:
    """A refused owner worded to stand beside the field: whom it likely means, else where
    people are listed (w shows them)."""
    where = ws.people.path.name if ws.people is not None else "the people file"
    person = ws.people.by_id.get(exc.guess) if ws.people is not None and exc.guess else None
    if person is not None:
        return f"`{exc.name}` is not in {where}: did you mean `{person.id}` ({person.name})?"
    return f"`{exc.name}` is not in {where}: add someone new there first (w lists everyone)"


def _open_beneath(ws: Workspace, edit: edits.Edit) -> list[str]:
    """The open initiatives beneath a node an edit just marked done: its progress rolls up
    from them, so it stays below 100% until they are done too."""
    step = edit.steps[0]
    if (
        isinstance(step, edits.Replace)
        and step.new.status is Status.DONE
        and step.old.status is not Status.DONE
    ):
        return open_initiatives(ws, step.new.id)
    return []


def field_edit(
    ws: Workspace, node_id: str, field: str, text: str, day: date | None = None
) -> edits.Edit:
    """The edit for one form field typed as text (empty clears the field); a refusal says
    why in words meant to stand beside that field. `day`: the day of a check-in it records
    (today by default)."""
    try:
        return _field_edit(ws, node_id, field, text.strip(), day)
    except ValidationError as exc:  # a metric's value: worded as the CLI words the file's
        worded = "; ".join(message_for(e, {}) for e in merge_unions(exc.errors()))
        raise edits.EditError(worded) from None
    except ValueError as exc:
        raise edits.EditError(str(exc).splitlines()[0]) from None


def _field_edit(
    ws: Workspace, node_id: str, field: str, text: str, day: date | None = None
) -> edits.Edit:
    node = ws.node(node_id)
    metric = node.metric.model_dump() if node.metric else None
    try:
        changes, _ = known_owners(ws.people, fields.changes({field: text}, metric))
    except fields.FieldError as exc:
        raise edits.EditError(exc.reason) from None
    except UnknownOwner as exc:
        raise edits.EditError(_unknown_owner(ws, exc)) from None
    if field == "status" and changes.get("status") is Status.DONE:
        changes.update(edits.done_changes(ws, node_id))  # done is 100%, as `set` makes it
    # On an item with check-ins, progress and the metric's value are today's check-in, as
    # `backmap set` records them: the node's fields and its history never disagree.
    checkin = take_checkin(ws, node_id, changes, day)
    if checkin is not None:
        return with_checkin(ws, node_id, changes, checkin)
    return edits.change(ws, node_id, **changes)
