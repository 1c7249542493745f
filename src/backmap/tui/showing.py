"""After a change, the views follow: the tree (one line when only fields changed), the form,
the title and status line; the check and the recovery file are brought in step after."""

from __future__ import annotations

from typing import TYPE_CHECKING

from backmap import edits
from backmap.graph import has_children
from backmap.model import Kind, Node
from backmap.tui import filtering
from backmap.tui.widgets.map_tree import MapTree
from backmap.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from backmap.tui.app import BackmapApp


def after_change(
    app: BackmapApp, select: str | None, edit: edits.Edit | None, applied: bool = True
) -> None:
    """Show the workspace after `edit` (applied, or undone or redone when not `applied`);
    with no edit, anything may have changed."""
    ws = app.workspace
    if app.fit_live is not None:
        app.fit_live.changed(ws, edit)
    tree = app.query_one(MapTree)
    if app.map_filter:  # a change may bring a node into the filter or take it out
        tree.selection = filtering.select(ws, app.map_filter)
        tree.rebuild(select=select if select in ws else None)
        filtering.show_indicator(app)
    elif applied and edit is not None and fields_only(edit):
        tree.relabel({step.new.id for step in edit.steps if isinstance(step, edits.Replace)})
    else:
        tree.rebuild(select=select if select in ws else None)
    app.show_details(select if select in ws else tree.current_id())
    title(app)
    # The recovery file is written once the change is drawn: its writer, a thread, would
    # compete with drawing for the interpreter.
    app.call_after_refresh(app.recovery.changed)
    app.checking.soon()


def rolled(app: BackmapApp, node: Node | None) -> float | bool | None:
    """The roll-up progress the form shows for `node` when its progress rolls up (an
    outcome's always; a goal's with items under it), as of the last check (None: not known
    yet); False when the node's progress is its own."""
    if node is None or not (node.kind is Kind.OUTCOME or has_children(app.workspace, node.id)):
        return False
    return app.result.progress.get(node.id) if app.result is not None else None


def title(app: BackmapApp) -> None:
    """The header (unsaved mark, coverage and progress) and the status line."""
    app.title = ("● " if app.history.dirty else "") + app.workspace.name()
    app.query_one(StatusLine).show(app.workspace, app.history.dirty)
    if app.result is not None:
        cov = app.result.coverage.ratio
        progress = app.result.overall_progress
        app.sub_title = (
            f"coverage {'n/a' if cov is None else f'{cov:.0%}'} · progress "
            f"{'n/a' if progress is None else f'{progress:.0f}%'}"
        )


def step_back(app: BackmapApp) -> None:
    """Undo the last edit and show what it changed back."""
    edit = app.history.undo()
    if edit is None:
        app.notify("Nothing to undo", timeout=2)
        return
    after_change(app, edit.node_id, edit, applied=False)
    app.notify(f"Undid: {edit.summary}", timeout=2)


def step_forward(app: BackmapApp) -> None:
    """Redo the last undone edit."""
    edit = app.history.redo()
    if edit is None:
        app.notify("Nothing to redo", timeout=2)
        return
    after_change(app, edit.node_id, edit, applied=False)
    app.notify(f"Redid: {edit.summary}", timeout=2)


def fields_only(edit: edits.Edit) -> bool:
    """Whether an edit only changed fields shown on a node's line (same id, same links)."""
    return all(
        isinstance(step, edits.Replace)
        and step.old.id == step.new.id
        and step.old.supports == step.new.supports
        and step.old.kind == step.new.kind
        for step in edit.steps
    )
