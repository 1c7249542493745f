"""One line under the map: which files, how many nodes, saved or not, and where the keys go."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Static

from backmap.model import Workspace
from backmap.plural import plural
from backmap.tui.widgets.form_fields import FIELDS

PLACES = {
    "tree": "map",
    "field-status": "Status field",
    "fit-input": "Fit idea box",
    "fit-results": "Fit goal list",
    "findings": "findings",
    "checkin-progress": "check-in progress",
    "checkin-current": "check-in current value",
    "checkin-health": "check-in health",
    "checkin-note": "check-in note",
}
FIELD_NAMES = {"field-" + f.replace(".", "--").replace("_", "-"): name for f, name, _ in FIELDS}


def place_of(widget: Widget | None) -> str:
    """What has the keys, in the words the editor uses elsewhere: a part of a field (the
    Status menu's list) is named by the field it belongs to."""
    if widget is None:
        return "nothing"
    for part in (widget, *widget.ancestors_with_self[1:]):
        if part.id in FIELD_NAMES:
            return f"{FIELD_NAMES[part.id]} field"
        if part.id in PLACES:
            return PLACES[part.id]
    return widget.id or type(widget).__name__


class StatusLine(Static):
    """File, node count, unsaved state and focus; the app says when the map changed."""

    DEFAULT_CSS = """
    StatusLine { height: 1; width: 1fr; padding: 0 1; background: $panel; color: $text-muted; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", markup=False, **kwargs)  # type: ignore[arg-type]
        self._map = ""
        self._focus = "map"

    def on_mount(self) -> None:
        self.watch(self.screen, "focused", self._focused, init=False)

    def show(self, workspace: Workspace, dirty: bool) -> None:
        files = [p.name for p in workspace.files]
        where = files[0] if len(files) == 1 else f"{len(files)} files"
        count = len(workspace.by_id)
        state = "unsaved changes (ctrl+s saves)" if dirty else "saved"
        self._map = f"{where} · {plural(count, 'node')} · {state}"
        self._draw()

    def _focused(self, widget: Widget | None) -> None:
        self._focus = place_of(widget)
        self._draw()

    def _draw(self) -> None:
        self.update(f"{self._map} · focus: {self._focus}", layout=False)  # always one line
