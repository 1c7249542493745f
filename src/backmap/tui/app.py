"""The editor app: owns the workspace and the edit history; widgets ask, `apply` does."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, TabbedContent, TabPane
from textual.worker import Worker, WorkerState, get_current_worker

from backmap import edits
from backmap.checks import CheckConfig, CheckResult, Finding, check
from backmap.filters import Filter
from backmap.model import Kind, Workspace
from backmap.people.focus import Holder, focused
from backmap.tui import actions, checkin_mode, filtering, people_tab, safety
from backmap.tui.screens.help import Help
from backmap.tui.widgets.checkin_pane import CheckinPane
from backmap.tui.widgets.details import Details
from backmap.tui.widgets.findings import Findings
from backmap.tui.widgets.fit_panel import FitPanel
from backmap.tui.widgets.map_tree import MapTree
from backmap.tui.widgets.status import StatusLine

if TYPE_CHECKING:  # the People tab's table is imported when it is first shown
    from backmap.tui.widgets.people_panel import PeoplePanel

WORDS_FOR_FAILURE = {
    "check": "The check stopped",
    "export": "The export stopped",
    "people": "Counting people's items stopped",
}


class BackmapApp(App[None]):
    """Browse and reshape a backwards map from the keyboard; never lose work."""

    CSS_PATH = "app.tcss"
    TITLE = "backmap"
    # Help and Quit come first so the footer keeps them in sight on a narrow terminal.
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("q", "quit_app", "Quit", id="app.quit"),
        Binding("a", "add_child", "Add child", id="node.add_child"),
        Binding("A", "add_sibling", "Add sibling", show=False, id="node.add_sibling"),
        Binding("e", "edit", "Edit", id="node.edit"),
        Binding("r", "rename", "Rename", show=False, id="node.rename"),
        Binding("R", "rename_id", "Change id", show=False, id="node.rename_id"),
        Binding("K", "change_kind", "Change kind", show=False, id="node.kind"),
        Binding("d", "delete", "Delete", id="node.delete"),
        Binding("p", "link", "Link parent", id="node.link"),
        Binding("P", "unlink", "Unlink", show=False, id="node.unlink"),
        Binding("m", "move", "Move", show=False, id="node.move"),
        Binding("slash", "find", "Find", key_display="/", id="map.find"),
        Binding("c", "recheck", "Check", show=False, id="map.check"),
        Binding("f", "fit", "Fit idea", id="map.fit"),
        Binding("i", "checkin", "Check-in round", show=False, id="map.checkin"),
        Binding("F", "filter", "Filter", show=False, id="map.filter"),
        Binding("escape", "clear_filter", "Clear the filter", show=False, id="map.unfilter"),
        Binding("w", "people", "People", show=False, id="map.people"),
        Binding("x", "export", "Export", show=False, id="map.export"),
        Binding("ctrl+z", "undo", "Undo", id="history.undo"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="history.redo"),
        Binding("ctrl+s", "save", "Save", id="file.save"),
        # The footer's own palette key sits over the others when they do not fit: one of them.
        Binding("ctrl+p", "command_palette", "Palette", id="app.palette"),
    ]

    map_filter: reactive[Filter] = reactive(Filter(), init=False)
    """What the tree shows: everything, or a filter's matches and the way up to them."""

    def __init__(self, workspace: Workspace, config: CheckConfig | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.config = config or CheckConfig()
        self.history = edits.History(workspace)
        self.result: CheckResult | None = None
        self.fit_live: Any = None  # the fit index, made on first use (imports numpy)
        self._check_timer: Timer | None = None
        self.recovery = safety.Recovery(self)
        self.disk = safety.DiskWatch(self)
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
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(MapTree).focus()
        self.refresh_title()
        # First paint first: a check on a big map competes with drawing for the interpreter.
        self.call_after_refresh(self.recheck, self.FIRST_CHECK_DELAY)
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
        if not _fields_only(edit):
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
        if self.fit_live is not None:
            self.fit_live.changed(self.workspace, edit or touched)
        tree = self.query_one(MapTree)
        if self.map_filter:  # a change may bring a node into the filter or take it out
            tree.selection = filtering.select(self.workspace, self.map_filter)
            tree.rebuild(select=select if select in self.workspace else None)
            filtering.show_indicator(self)
        elif edit is not None and _fields_only(edit):
            tree.relabel({step.new.id for step in edit.steps if isinstance(step, edits.Replace)})
        else:
            tree.rebuild(select=select if select in self.workspace else None)
        self.show_details(select if select in self.workspace else tree.current_id())
        self.refresh_title()
        self.recovery.changed()
        self.recheck()

    def refresh_title(self) -> None:
        self.title = ("● " if self.history.dirty else "") + self.workspace.name()
        self.query_one(StatusLine).show(self.workspace, self.history.dirty)
        if self.result is not None:
            cov = self.result.coverage.ratio
            progress = self.result.overall_progress
            self.sub_title = (
                f"coverage {'n/a' if cov is None else f'{cov:.0%}'} · progress "
                f"{'n/a' if progress is None else f'{progress:.0f}%'}"
            )

    def show_details(self, node_id: str | None) -> None:
        if self.details.is_attached:  # not while the app closes
            node = self.workspace.get(node_id) if node_id else None
            self.details.show(node, self.in_focus.get(node_id, ()) if node_id else ())

    # --- checks in a worker ----------------------------------------------------------------

    CHECK_DELAY = 0.4
    FIRST_CHECK_DELAY = 0.3

    def recheck(self, delay: float | None = None) -> None:
        """Check again once edits pause: a check on a big map should not stall typing."""
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(
            self.CHECK_DELAY if delay is None else delay, self.start_check
        )

    def start_check(self) -> None:
        """Check a copy of the map in a worker, so edits made meanwhile cannot race it."""
        self.run_check(self.workspace.copy())

    @work(thread=True, exclusive=True, exit_on_error=False, group="check")
    def run_check(self, snapshot: Workspace) -> None:
        worker = get_current_worker()
        result = check(snapshot, self.config)
        ordered = Findings.order(result)
        if not worker.is_cancelled:  # a newer check is on its way
            self.call_from_thread(self.show_result, result, ordered)

    def show_result(self, result: CheckResult, ordered: list[Finding] | None = None) -> None:
        self.result = result
        self.query_one(Findings).show(Findings.order(result) if ordered is None else ordered)
        self.refresh_title()
        if self.query_one(TabbedContent).active == "people-tab":
            people_tab.recount(self)

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

    # --- fit in a worker ---------------------------------------------------------------------

    def on_fit_panel_asked(self, message: FitPanel.Asked) -> None:
        if self.fit_live is None:
            from backmap.fit import LiveIndex

            self.fit_live = LiveIndex()
        # Snapshots of the map are taken here, on the UI thread; the worker never reads it.
        self.fit_live.ensure_seeded(self.workspace)
        if self.fit_live.index is None and message.text.strip():
            self.query_one(FitPanel).reading()
        self.run_fit(message.text)

    @work(thread=True, exclusive=True, exit_on_error=False, group="fit")
    def run_fit(self, text: str) -> None:
        worker = get_current_worker()
        if not text.strip():
            self.call_from_thread(self.query_one(FitPanel).show, None)
            return
        try:
            answer = self.fit_live.ask(text, top=8, cancelled=lambda: worker.is_cancelled)
        except Exception as exc:  # the index is dropped; the next keystroke seeds it again
            self.log.error(f"fit failed: {exc!r}")
            return
        if answer is not None and not worker.is_cancelled:
            self.call_from_thread(self.query_one(FitPanel).show, answer)

    def on_fit_panel_attach_requested(self, message: FitPanel.AttachRequested) -> None:
        if message.place_id not in self.workspace:
            return

        def build() -> edits.Edit:
            return edits.add(
                self.workspace, Kind.INITIATIVE, message.text, supports=[message.place_id]
            )

        try:
            edit = build()
        except edits.TwinError as exc:
            # Show the one the map has rather than add a second; linking it is a key away.
            self.query_one(MapTree).reveal(exc.twin.id)
            said = actions.twin_notice(exc, message.place_id)
            self.notify(said, title="Not changed", severity="warning")
            return
        except edits.EditError:
            self.apply(build)  # says why
            return
        if self.apply(lambda: edit):
            self.query_one(FitPanel).added()

    def action_export(self) -> None:
        actions.export(self)

    def start_export(self, target: Path) -> None:
        """Export a copy of the map as it is now, in a worker: editing can go on meanwhile."""
        self.run_export(target, self.workspace.copy(), self.result)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def run_export(self, target: Path, snapshot: Workspace, result: CheckResult | None) -> None:
        from backmap.render import export

        try:
            data = export.export(
                snapshot, export.format_for(target), export.ExportOptions(), result
            )
            target.write_bytes(data)
        except (export.ExportError, OSError) as exc:
            self.call_from_thread(self.notify, str(exc), title="Not exported", severity="error")
            return
        self.call_from_thread(self.notify, f"Exported {target}")

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

    def on_map_tree_moved(self, message: MapTree.Moved) -> None:
        self.show_details(message.node_id)

    def on_details_field_edited(self, message: Details.FieldEdited) -> None:
        actions.edit_field(self, message.node_id, message.field, message.text)

    def on_checkin_pane_answered(self, message: CheckinPane.Answered) -> None:
        checkin_mode.answered(self, message)

    def on_checkin_pane_skipped(self, message: CheckinPane.Skipped) -> None:
        checkin_mode.skipped(self)

    def on_checkin_pane_ended(self, message: CheckinPane.Ended) -> None:
        checkin_mode.end(self)

    def on_findings_chosen(self, message: Findings.Chosen) -> None:
        tree = self.query_one(MapTree)
        if tree.reveal(message.node_id):
            tree.focus()

    # --- actions -----------------------------------------------------------------------------

    def current(self) -> str | None:
        return self.query_one(MapTree).current_id()

    def action_add_child(self) -> None:
        actions.add_child(self, self.current())

    def action_add_sibling(self) -> None:
        tree = self.query_one(MapTree)
        actions.add_sibling(self, tree.current_id(), tree.current_parent())

    def action_edit(self) -> None:
        if self.current() is not None:
            self.query_one(Details).edit()

    def action_rename(self) -> None:
        actions.rename_title(self, self.current())

    def action_rename_id(self) -> None:
        actions.rename_id(self, self.current())

    def action_change_kind(self) -> None:
        actions.change_kind(self, self.current())

    def action_delete(self) -> None:
        actions.delete(self, self.current())

    def action_link(self) -> None:
        actions.link(self, self.current())

    def action_unlink(self) -> None:
        tree = self.query_one(MapTree)
        actions.unlink(self, tree.current_id(), tree.current_parent())

    def action_move(self) -> None:
        actions.move(self, self.current())

    def action_find(self) -> None:
        actions.find(self)

    def action_checkin(self) -> None:
        checkin_mode.choose_owner(self)

    def action_recheck(self) -> None:
        self.recheck()
        self.notify("Checking the map", timeout=1)

    def action_undo(self) -> None:
        edit = self.history.undo()
        if edit is None:
            self.notify("Nothing to undo", timeout=2)
            return
        self.after_change(edit.node_id, touched=edit)
        self.notify(f"Undid: {edit.summary}", timeout=2)

    def action_redo(self) -> None:
        edit = self.history.redo()
        if edit is None:
            self.notify("Nothing to redo", timeout=2)
            return
        self.after_change(edit.node_id, touched=edit)
        self.notify(f"Redid: {edit.summary}", timeout=2)

    def action_save(self) -> None:
        actions.save(self)

    def action_help(self) -> None:
        self.push_screen(Help(list(self.BINDINGS)))  # type: ignore[arg-type]

    # q, ctrl+q, ctrl+c and the palette's Quit all leave the same way: asking about unsaved work.
    def action_quit_app(self) -> None:
        safety.leave(self)

    async def action_quit(self) -> None:
        safety.leave(self)

    def action_help_quit(self) -> None:
        safety.leave(self)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and binding.description and binding.key != "ctrl+p":
                action = binding.action
                yield SystemCommand(
                    binding.description,
                    f"{binding.description} ({self.get_key_display(binding)})",
                    lambda a=action: self.run_action(a),
                )
        yield SystemCommand("Jump to node", "Find a node by title or id", self.action_find)
        for name in filtering.CRITERIA:
            yield SystemCommand(
                f"Filter by {name}",
                f"Show only the items of one {name}, with the way up to the outcomes (F)",
                lambda n=name: filtering.ask(self, n),
            )


def _fields_only(edit: edits.Edit) -> bool:
    """Whether an edit only changed fields shown on a node's line (same id, same links)."""
    return all(
        isinstance(step, edits.Replace)
        and step.old.id == step.new.id
        and step.old.supports == step.new.supports
        and step.old.kind == step.new.kind
        for step in edit.steps
    )
