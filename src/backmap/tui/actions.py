"""What each key does: ask with a dialog when needed, then hand the edit to `app.apply`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from backmap import edits, fields, store
from backmap.model import Kind, Status, Workspace
from backmap.people.owners import OWNER_FIELDS, UnknownOwner, known_owners
from backmap.store.messages import merge_unions, message_for
from backmap.tui.screens.dialogs import Choose, Confirm, Picker, Prompt

if TYPE_CHECKING:
    from backmap.tui.app import BackmapApp

KIND_BELOW = {Kind.OUTCOME: Kind.GOAL, Kind.GOAL: Kind.INITIATIVE}
PREFIXES = {"outcome:": Kind.OUTCOME, "goal:": Kind.GOAL, "initiative:": Kind.INITIATIVE}


def parse_title(text: str, default: Kind) -> tuple[Kind, str]:
    """'goal: Reduce stress' picks the kind; plain text takes the default."""
    lowered = text.lower()
    for prefix, kind in PREFIXES.items():
        if lowered.startswith(prefix):
            return kind, text[len(prefix) :].strip()
    return default, text


def add_child(app: BackmapApp, node_id: str | None) -> None:
    ws = app.workspace
    if node_id is None:
        _ask_add(app, Kind.OUTCOME, [], "New outcome")
        return
    node = ws.node(node_id)
    if node.kind is Kind.INITIATIVE:
        app.notify(
            "Nothing can support an initiative: press A to add a sibling.", severity="warning"
        )
        return
    kind = KIND_BELOW[node.kind]
    _ask_add(
        app,
        kind,
        [node_id],
        f"New {kind.value} under “{node.title}” (start with goal: or initiative: to choose)",
    )


def add_sibling(app: BackmapApp, node_id: str | None, parent_id: str | None) -> None:
    if node_id is None:
        add_child(app, None)
        return
    node = app.workspace.node(node_id)
    parents = [parent_id] if parent_id else []
    _ask_add(app, node.kind, parents, f"New {node.kind.value} next to “{node.title}”")


def _ask_add(app: BackmapApp, kind: Kind, parents: list[str], title: str) -> None:
    def answer(text: str | None) -> None:
        if not text:
            return
        chosen, clean = parse_title(text, kind)

        def build(twin: bool = False) -> edits.Edit:
            return edits.add(app.workspace, chosen, clean, supports=parents, twin=twin)

        try:
            edit = build()
        except edits.TwinError as exc:

            def again(yes: bool | None) -> None:
                if yes:
                    app.apply(lambda: build(twin=True))

            app.push_screen(Confirm(twin_question(exc), yes="Add anyway", no="Don't add"), again)
            return
        except edits.EditError:
            app.apply(build)  # says why
            return
        app.apply(lambda: edit)

    app.push_screen(Prompt(title, placeholder="title"), answer)


def twin_question(exc: edits.TwinError) -> str:
    """The editor's words for a twin refused by `add`: where it is, and what would serve."""
    twin = exc.twin
    where = ", ".join(f"`{p}`" for p in twin.supports) or "nothing"
    question = (
        f"“{twin.title}” [{twin.id}] is already in the map (under {where}).\n"
        f"Add a second {twin.kind.value} with this title?"
    )
    if exc.missing:
        question += " To have that one serve here too, select it and press p instead."
    return question


def twin_notice(exc: edits.TwinError, place_id: str) -> str:
    """The editor's words for an idea from the fit panel that the map already has."""
    said = f"“{exc.twin.title}” [{exc.twin.id}] is already in the map"
    if place_id in exc.twin.supports:
        return said + ", under this goal; nothing added."
    if place_id in exc.missing:
        return said + "; nothing added. To have it serve this goal too, press p on it."
    return said + "; nothing added."


def rename_title(app: BackmapApp, node_id: str | None) -> None:
    if node_id is None:
        return
    node = app.workspace.node(node_id)

    def answer(text: str | None) -> None:
        if text and text != node.title:
            app.apply(lambda: edits.change(app.workspace, node_id, title=text))

    app.push_screen(Prompt(f"Rename “{node.title}”", node.title), answer)


def rename_id(app: BackmapApp, node_id: str | None) -> None:
    if node_id is None:
        return

    def answer(text: str | None) -> None:
        if text and text != node_id:
            app.apply(lambda: edits.rename(app.workspace, node_id, text))

    app.push_screen(Prompt(f"New id for `{node_id}` (every reference follows)", node_id), answer)


def change_kind(app: BackmapApp, node_id: str | None) -> None:
    """Offer the other kinds; one the node's links forbid is shown with the reason, refused."""
    if node_id is None:
        return
    node = app.workspace.node(node_id)
    choices: list[tuple[str, str | None]] = []
    for kind in Kind:
        if kind is not node.kind:
            try:
                edits.change(app.workspace, node_id, kind=kind)  # builds the edit, applies nothing
                choices.append((kind.value, None))
            except edits.EditError as exc:
                choices.append((kind.value, str(exc)))

    def answer(kind: str | None) -> None:
        if kind:
            app.apply(lambda: edits.change(app.workspace, node_id, kind=Kind(kind)), select=node_id)

    title = f"“{node.title}” is {_a(node.kind)}. Make it:"
    app.push_screen(Choose(title, choices), answer)


def _a(kind: Kind) -> str:
    return ("an " if kind.value[0] in "aeiou" else "a ") + kind.value


def delete(app: BackmapApp, node_id: str | None) -> None:
    if node_id is None:
        return
    ws = app.workspace
    node = ws.node(node_id)
    orphans = edits.orphaned_by_removal(ws, node_id)
    question = f"Delete “{node.title}”?"
    if orphans:
        names = ", ".join(ws.node(o).title for o in orphans[:5])
        more = f" and {len(orphans) - 5} more" if len(orphans) > 5 else ""
        question += f"\nThese will support nothing afterwards: {names}{more}."

    def answer(yes: bool | None) -> None:
        if yes:
            app.apply(lambda: edits.remove(ws, node_id))

    app.push_screen(Confirm(question, yes="Delete", no="Keep"), answer)


def _targets(ws: Workspace, node_id: str) -> set[str]:
    """Ids a node may not be linked to: itself, what it already supports, initiatives, and
    what lies beneath it (linking there would make a cycle)."""
    from backmap import graph

    node = ws.node(node_id)
    below = graph.build(ws).descendants(node_id)
    initiatives = {n.id for n in ws.nodes() if n.kind is Kind.INITIATIVE}
    return {node_id, *node.supports} | initiatives | below


def link(app: BackmapApp, node_id: str | None) -> None:
    if node_id is None:
        return
    ws = app.workspace

    def answer(parent: str | None) -> None:
        if parent:
            app.apply(lambda: edits.link(ws, node_id, parent), select=node_id)

    app.push_screen(
        Picker(f"Link `{node_id}` to another parent", ws, _targets(ws, node_id)), answer
    )


def unlink(app: BackmapApp, node_id: str | None, parent_id: str | None) -> None:
    if node_id is None or parent_id is None:
        app.notify(
            "Select a node under a parent to unlink it from that parent.", severity="warning"
        )
        return
    app.apply(lambda: edits.unlink(app.workspace, node_id, parent_id), select=node_id)


def move(app: BackmapApp, node_id: str | None) -> None:
    if node_id is None:
        return
    ws = app.workspace

    def answer(parent: str | None) -> None:
        if parent:
            app.apply(lambda: edits.move(ws, node_id, [parent]), select=node_id)

    app.push_screen(Picker(f"Move `{node_id}` under…", ws, _targets(ws, node_id)), answer)


def find(app: BackmapApp) -> None:
    from backmap.tui.widgets.map_tree import MapTree

    selection = app.query_one(MapTree).selection
    title = "Find a node (then n and N go to the next and previous match)"
    hidden = None
    if selection is not None:  # offer only what the tree shows: a hidden node has no line
        hidden = {n for n in app.workspace.by_id if not selection.keeps(n)}
        title = "Find a node in the filtered map (then n and N go to the next match)"
    picker = Picker(title, app.workspace, exclude=hidden)

    def answer(node_id: str | None) -> None:
        if node_id:
            tree = app.query_one(MapTree)
            tree.find(picker.query_text)
            tree.reveal(node_id)
            tree.focus()

    app.push_screen(picker, answer)


def save(app: BackmapApp, force: bool = False) -> None:
    from backmap.tui.widgets.details import Details

    forms = app.screen_stack[0].query(Details)
    typed = forms.first().typed() if forms else None
    if typed is not None:  # ctrl+s while typing in a field saves what the field shows
        edit_field(app, typed.node_id, typed.field, typed.text)
    try:
        written = store.save(app.workspace, force=force)
    except store.SaveError as exc:
        # Overwriting is offered only when it would help: every refusal is a change on disk.
        if not exc.conflicts or any(p.path not in exc.conflicts for p in exc.problems):
            app.notify(str(exc), title="Not saved", severity="error", timeout=10, markup=False)
            return

        _over_disk(app, exc.conflicts)
        return
    app.history.mark_saved()
    app.recovery.changed()  # nothing unsaved: the recovery file goes
    app.refresh_title()
    names = ", ".join(p.name for p in written) or "nothing changed"
    app.notify(f"Saved: {names}", timeout=2)


def _over_disk(app: BackmapApp, conflicts: list[Path]) -> None:
    """Saving met files changed on disk: merge when the disk's changes and the editor's touched
    different nodes, else ask, naming what overwriting would drop."""
    from backmap import mapmerge

    try:
        merge = mapmerge.merge(app.workspace, app.history.since_saved())
    except store.LoadError:  # the disk's version does not load: nothing to compare or merge
        merge = None
    if merge is not None and merge.merged is not None:
        history = app.history
        app.replace_workspace(merge.merged)
        app.history = history
        history.moved_to(merge.merged)
        theirs = ", ".join(mapmerge.named(c) for c in merge.theirs.nodes)
        save(app)
        if not history.dirty:
            said = f"Merged with changes made on disk: {theirs or 'comments and layout only'}"
            app.notify(said, timeout=6)
        return

    def answer(overwrite: bool | None) -> None:
        if overwrite:
            save(app, force=True)

    names = ", ".join(str(path) for path in conflicts)
    lost = "; ".join(mapmerge.told(c) for c in merge.theirs.nodes) if merge else ""
    dropped = f"Overwrite drops these changes made on disk: {lost}.\n" if lost else ""
    app.push_screen(
        Confirm(
            f"{names} changed on disk since it was opened (a git pull?).\n"
            f"{dropped}Overwrite it with your version?",
            yes="Overwrite",
            no="Cancel",
        ),
        answer,
    )


def edit_field(app: BackmapApp, node_id: str, field: str, text: str) -> None:
    """Apply one form field; a refusal is said beside the field, and what was typed stays."""
    from backmap.tui.widgets.details import Details

    try:
        edit = field_edit(app.workspace, node_id, field, text)
    except edits.EditError as exc:
        app.query_one(Details).refused(field, str(exc))
        return
    if not app.apply(lambda: edit, select=node_id):
        return
    if _rolls_up_done(app.workspace, edit):
        said = f"Progress of `{node_id}` stays as its items' roll-up: mark them done to reach 100%."
        app.notify(said, timeout=4)
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


def _rolls_up_done(ws: Workspace, edit: edits.Edit) -> bool:
    """Whether an edit marked a node done whose progress could not follow (it rolls up)."""
    step = edit.steps[0]
    return (
        isinstance(step, edits.Replace)
        and step.new.status is Status.DONE
        and step.old.status is not Status.DONE
        and not edits.done_changes(ws, step.new.id)
    )


def field_edit(ws: Workspace, node_id: str, field: str, text: str) -> edits.Edit:
    """The edit for one form field typed as text (empty clears the field); a refusal says
    why in words meant to stand beside that field."""
    try:
        return _field_edit(ws, node_id, field, text.strip())
    except ValidationError as exc:  # a metric's value: worded as the CLI words the file's
        worded = "; ".join(message_for(e, {}) for e in merge_unions(exc.errors()))
        raise edits.EditError(worded) from None
    except ValueError as exc:
        raise edits.EditError(str(exc).splitlines()[0]) from None


def _field_edit(ws: Workspace, node_id: str, field: str, text: str) -> edits.Edit:
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
    return edits.change(ws, node_id, **changes)
