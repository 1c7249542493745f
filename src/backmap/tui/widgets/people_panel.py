"""One row per person (as `backmap people`): items owned and sub-owned, open, overdue, at risk;
Enter on a row filters the map to that person."""

from __future__ import annotations

from datetime import date

from textual import work
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable
from textual.worker import get_current_worker

from backmap.model import Workspace
from backmap.people.load import Loads, loads

COLUMNS = ("person", "owned", "sub", "open", "overdue", "at risk", "team")
"""The team comes last: in a narrow pane the numbers are what should stay in sight."""


class PeoplePanel(DataTable[str]):
    """Who carries what; the numbers come from people.load, as the command's table."""

    DEFAULT_CSS = """
    PeoplePanel { height: 1fr; }
    """
    # As in the Fit panel: Escape leaves the table for the map (the app's Escape would only
    # clear a filter, and leave the keys here).
    BINDINGS = [Binding("escape", "app.focus('tree')", "Back to the map", id="people.leave")]

    class Chosen(Message):
        """Show only what this person owns or sub-owns."""

        def __init__(self, person: str) -> None:
            super().__init__()
            self.person = person

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.add_columns(*COLUMNS)

    @work(thread=True, exclusive=True, exit_on_error=False, group="people")
    def count(self, snapshot: Workspace) -> None:
        """Count each person's items on a copy of the map (`backmap people`'s numbers)."""
        found = loads(snapshot, date.today())
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, found)

    def show(self, counted: Loads) -> None:
        """Fill the table, keeping the cursor on the same person when they are still listed."""
        at = self.cursor_row
        chosen = self.ordered_rows[at].key.value if self.row_count and at >= 0 else None
        self.clear()
        for row in counted.people:
            numbers = (row.owned, row.sub_owned, row.open, row.overdue, row.at_risk)
            name = row.key if row.known or not counted.has_people_file else f"{row.key}?"
            cells = [name, *(str(len(n)) for n in numbers), row.team or "-"]
            self.add_row(*cells, key=row.key)
        if chosen is not None and chosen in self.rows:
            self.move_cursor(row=self.get_row_index(chosen))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Chosen(event.row_key.value))
