"""Saving from the editor: the field being typed first; disk changes merged, or asked about."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from backmap import store
from backmap.tui.form_edits import edit_field
from backmap.tui.screens.dialogs import Confirm

if TYPE_CHECKING:
    from backmap.tui.app import BackmapApp


def save(app: BackmapApp, force: bool = False) -> None:
    from backmap.tui.widgets.details import Details

    forms = app.screen_stack[0].query(Details)
    typed = forms.first().typed() if forms else None
    if typed is not None:  # ctrl+s while typing in a field saves what the field shows
        edit_field(app, typed.node_id, typed.field, typed.text)
    # Text the form refused stays in its field, beside why: the save names it, so that
    # nobody takes it for saved.
    refused = forms.first().refused_texts() if forms else {}
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
    if refused:
        left = "; ".join(f"{field} “{text}”" for field, text in refused.items())
        said = f"Saved: {names}. Not saved: {left}, refused (why is beside it; Esc there "
        said += "takes it back)"
        app.notify(said, severity="warning", timeout=6)
        return
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
