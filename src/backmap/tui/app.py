"""The editor app: owns the workspace and the edit history; widgets ask, `apply` does."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, TabbedContent, TabPane
from textual.worker import Worker, WorkerState

from backmap import edits
from backmap.checks import CheckConfig, CheckResult
from backmap.filters import Filter
from backmap.model import Workspace
from backmap.people.focus import Holder, focused
from backmap.tui import (
    checking,
    commands,
    disk_watch,
    exporting,
    filtering,
    fitting,
    form_edits,
    keys,
    people_tab,
    safety,
    showing,
)
from backmap.tui.app_keys import KeyActions
from backmap.tui.widgets.details import Details
from backmap.tui.widgets.findings import Findings
from backmap.tui.widgets.fit_panel import FitPanel
from backmap.tui.widgets.keybar import KeyBar
from backmap.tui.widgets.map_tree import MapTree
from backmap.tui.widgets.status import StatusLine

if TYPE_CHECKING:  # check-in mode and the People tab are imported when first used
    from backmap.tui.widgets.checkin_pane import CheckinPane
    from backmap.tui.widgets.people_panel import PeoplePanel

WORDS_FOR_FAILURE = {
    "check": "The check stopped",
    "export": "The export stopped",
    "people": "Counting people's items stopped",
}


class BackmapApp(KeyActions):
    """Browse and reshape a backwards map from the keyboard; never lose work."""

    CSS_PATH = "app.tcss"
    TITLE = "backmap"
    BINDINGS = list[BindingType](keys.APP)

    map_filter: reactive[Filter] = reactive(Filter(), init=False)
    """What the tree shows: everything, or a filter's matches and the way up to them."""

    def __init__(self, workspace: Workspace, config: CheckConfig | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.config = config or CheckConfig()
        self.history = edits.History(workspace)
        self.result: CheckResult | None = None
        """The last check's, shown in the findings and the title (None until the first)."""
        self.fit_live: Any = None  # the fit index, made on first use (imports numpy)
        self.checking = checking.Checking(self)
        self.recovery = safety.Recovery(self)
        self.disk = disk_watch.DiskWatch(self)
        self.details = Details(id="details")  # kept at hand: every cursor move fills it
        self.in_focus = self.focus_of(workspace)

    def focus_of(self, workspace: Workspace) -> dict[str, list[Holder]]:
        """Node id -> whose focus item it is, in the periods holding the day: worked out once
        per load (edits leave the focus file alone), never per line drawn."""
        return focused(workspace, self.config.today or date.today())

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield MapTree(self.workspace, self.in_focus.keys(), id="tree")
            with Vertical(id="side"):
                yield self.details
                with TabbedContent(id="tabs"):
                    with TabPane("Findings", id="findings-tab"):
                        yield Findings(id="findings")
                    with TabPane("Fit", id="fit-tab"):
                        yield FitPanel(id="fit")
                    yield TabPane("People", id="people-tab")  # its table is made when shown
        yield StatusLine(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(MapTree).focus()
        self.refresh_title()
        self.set_interval(self.DISK_EVERY, self.watch_disk)
        self.recovery.offer()

    DISK_EVERY = 2.0

    def watch_disk(self) -> None:
        """Notice map files changed on disk (a git pull) and offer reload or keep-mine."""
        self.disk.check()

    def replace_workspace(self, workspace: Workspace) -> None:
        """Show a freshly loaded workspace (after a reload); the history starts again."""
        self.workspace = workspace
        self.history = edits.History(workspace)
        self.in_focus = self.focus_of(workspace)
        tree = self.query_one(MapTree)
        tree.workspace, tree.in_focus = workspace, self.in_focus.keys()
        self.after_change(tree.current_id())

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notices quote titles and ids as typed, so they are plain text unless asked."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # --- the one place edits are applied -------------------------------------------------

    def apply(self, build: Callable[[], edits.Edit], select: str | None = None) -> bool:
        """Build and apply an edit through the history; a refusal is shown, nothing changes."""
        try:
            edit = self.history.do(build())
        except edits.EditError as exc:
            self.notify(str(exc), title="Not changed", severity="error")
            return False
        self.after_change(select or edit.node_id, edit)
        if not showing.fields_only(edit):
            self.notify(edit.summary, timeout=2)  # field changes show in place; no toast
        return True

    def after_change(
        self,
        select: str | None = None,
        edit: edits.Edit | None = None,
        *,
        touched: edits.Edit | None = None,
    ) -> None:
        """Show the workspace after a change: `edit` (just applied) or `touched` (undone or
        redone) say which nodes changed; neither means anything may have."""
        showing.after_change(self, select, edit or touched, applied=edit is not None)

    def refresh_title(self) -> None:
        showing.title(self)

    def show_details(self, node_id: str | None) -> None:
        if self.details.is_attached:  # not while the app closes
            node = self.workspace.get(node_id) if node_id else None
            focus = self.in_focus.get(node_id, ()) if node_id else ()
            self.details.show(node, focus, showing.rolled(self, node))

    # --- the filter and the people panel ------------------------------------------------------

    def watch_map_filter(self, flt: Filter) -> None:
        tree = self.query_one(MapTree)
        tree.show_only(filtering.select(self.workspace, flt) if flt else None)
        filtering.show_indicator(self)

    def action_filter(self) -> None:
        filtering.ask(self)

    def action_clear_filter(self) -> None:
        if self.map_filter:
            self.map_filter = Filter()
            self.notify("Showing the whole map", timeout=2)

    async def action_people(self) -> None:
        (await people_tab.panel(self)).focus()

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "people-tab":
            await people_tab.panel(self)
            people_tab.recount(self)

    def on_people_panel_chosen(self, message: PeoplePanel.Chosen) -> None:
        self.map_filter = Filter(owners=(message.person,))
        self.query_one(MapTree).focus()

    # --- fit, export and what workers say -------------------------------------------------

    def on_fit_panel_asked(self, message: FitPanel.Asked) -> None:
        fitting.asked(self, message.text)

    def on_fit_panel_attach_requested(self, message: FitPanel.AttachRequested) -> None:
        fitting.attach(self, message.text, message.place_id)

    def action_export(self) -> None:
        exporting.ask(self)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed says so, rather than leave the findings or the export silent."""
        if event.state is WorkerState.ERROR and event.worker.group in WORDS_FOR_FAILURE:
            said = f"{WORDS_FOR_FAILURE[event.worker.group]}: {event.worker.error!r}"
            self.notify(said, title="Something went wrong", severity="error", timeout=10)

    def action_fit(self) -> None:
        self.query_one(TabbedContent).active = "fit-tab"
        self.query_one("#fit-input").focus()

    # --- messages from widgets -------------------------------------------------------------

    def on_tree_node_selected(self, message: object) -> None:
        # Enter on a tree line edits the node (space or l folds and unfolds).
        self.action_edit()

    def on_details_built(self, message: Details.Built) -> None:
        # The first screen first: a check on a big map competes with drawing for the
        # interpreter, and the form is the last of the first screen to be drawn.
        self.call_after_refresh(self.checking.soon, self.checking.FIRST_DELAY)

    def on_map_tree_moved(self, message: MapTree.Moved) -> None:
        self.show_details(message.node_id)

    def on_details_field_edited(self, message: Details.FieldEdited) -> None:
        form_edits.edit_field(self, message.node_id, message.field, message.text)

    def on_checkin_pane_answered(self, message: CheckinPane.Answered) -> None:
        from backmap.tui import checkin_mode

        checkin_mode.answered(self, message)

    def on_checkin_pane_skipped(self, message: CheckinPane.Skipped) -> None:
        from backmap.tui import checkin_mode

        checkin_mode.skipped(self)

    def on_checkin_pane_ended(self, message: CheckinPane.Ended) -> None:
        from backmap.tui import checkin_mode

        checkin_mode.end(self)

    def on_findings_chosen(self, message: Findings.Chosen) -> None:
        tree = self.query_one(MapTree)
        if tree.reveal(message.node_id):
            tree.focus()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from commands.of(self)
