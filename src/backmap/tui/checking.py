"""Checks in a worker: once edits pause, on a copy of the map; the result fills the findings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.timer import Timer
from textual.widgets import TabbedContent
from textual.worker import get_current_worker

from backmap.checks import CheckResult, Finding, check
from backmap.model import Workspace
from backmap.tui import people_tab, showing
from backmap.tui.widgets.findings import Findings

if TYPE_CHECKING:
    from backmap.tui.app import BackmapApp


class Checking:
    """The app's live check: one at a time, started a moment after the last change."""

    DELAY = 0.4
    """After an edit: a check on a big map should not stall typing."""
    FIRST_DELAY = 0.3
    """After the first screen is drawn, form and all: a check competes with drawing for the
    interpreter."""

    def __init__(self, app: BackmapApp) -> None:
        self.app = app
        self._timer: Timer | None = None

    def soon(self, delay: float | None = None) -> None:
        """Check again once edits pause (a newer request puts the check off again)."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.app.set_timer(self.DELAY if delay is None else delay, self.start)

    def start(self) -> None:
        """Check a copy of the map in a worker, so edits made meanwhile cannot race it."""
        snapshot = self.app.workspace.copy()
        self.app.run_worker(
            lambda: self._run(snapshot),
            name="check",
            group="check",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def _run(self, snapshot: Workspace) -> None:
        worker = get_current_worker()
        result = check(snapshot, self.app.config)
        ordered = Findings.order(result)
        if not worker.is_cancelled:  # a newer check is on its way
            self.app.call_from_thread(self.show, result, ordered)

    def show(self, result: CheckResult, ordered: list[Finding] | None = None) -> None:
        app = self.app
        first = app.result is None
        app.result = result
        app.query_one(Findings).show(Findings.order(result) if ordered is None else ordered)
        app.refresh_title()
        node_id = app.details.node_id
        app.details.rolled_up(showing.rolled(app, app.workspace.get(node_id) if node_id else None))
        if app.query_one(TabbedContent).active == "people-tab":
            people_tab.recount(app)
        if first:  # the editor is idle now, most likely: do the rest of the start-up work
            app.recovery.warm()
