"""The Fit tab's side of the app: rank an idea in a worker, add it where the user picks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from backmap import edits
from backmap.model import Kind
from backmap.tui import actions
from backmap.tui.widgets.fit_panel import FitPanel
from backmap.tui.widgets.map_tree import MapTree

if TYPE_CHECKING:
    from backmap.tui.app import BackmapApp


def asked(app: BackmapApp, text: str) -> None:
    """The idea changed: rank it again (the index is made on first use: it imports numpy)."""
    if app.fit_live is None:
        from backmap.fit import LiveIndex

        app.fit_live = LiveIndex()
    # Snapshots of the map are taken here, on the UI thread; the worker never reads it.
    app.fit_live.ensure_seeded(app.workspace)
    if app.fit_live.index is None and text.strip():
        app.query_one(FitPanel).reading()
    app.run_worker(
        lambda: _rank(app, text),
        name="fit",
        group="fit",
        thread=True,
        exclusive=True,
        exit_on_error=False,
    )


def _rank(app: BackmapApp, text: str) -> None:
    worker = get_current_worker()
    panel = app.query_one(FitPanel)
    if not text.strip():
        app.call_from_thread(panel.show, None)
        return
    try:
        answer = app.fit_live.ask(text, top=8, cancelled=lambda: worker.is_cancelled)
    except Exception as exc:  # the index is dropped; the next keystroke seeds it again
        app.log.error(f"fit failed: {exc!r}")
        return
    if answer is not None and not worker.is_cancelled:
        app.call_from_thread(panel.show, answer)


def attach(app: BackmapApp, text: str, place_id: str) -> None:
    """Add the idea as an initiative under `place_id`; a twin already in the map is shown."""
    if place_id not in app.workspace:
        return

    def build() -> edits.Edit:
        return edits.add(app.workspace, Kind.INITIATIVE, text, supports=[place_id])

    try:
        edit = build()
    except edits.TwinError as exc:
        # Show the one the map has rather than add a second; linking it is a key away.
        app.query_one(MapTree).reveal(exc.twin.id)
        said = actions.twin_notice(exc, place_id)
        app.notify(said, title="Not changed", severity="warning")
        return
    except edits.EditError:
        app.apply(build)  # says why
        return
    if app.apply(lambda: edit):
        app.query_one(FitPanel).added()
