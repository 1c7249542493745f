"""The People tab: its table is made (and its module imported) the first time it is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import TabbedContent

if TYPE_CHECKING:
    from backmap.tui.app import BackmapApp
    from backmap.tui.widgets.people_panel import PeoplePanel


async def panel(app: BackmapApp) -> PeoplePanel:
    """Show the People tab, making its table on first use."""
    from backmap.tui.widgets.people_panel import PeoplePanel

    app.query_one(TabbedContent).active = "people-tab"
    found = app.query(PeoplePanel)
    if found:
        return found.first()
    table = PeoplePanel(id="people")
    await app.query_one("#people-tab").mount(table)
    return table


def recount(app: BackmapApp) -> None:
    """Count each person's items again, on a copy of the map as it is now."""
    from backmap.tui.widgets.people_panel import PeoplePanel

    found = app.query(PeoplePanel)
    if found:
        found.first().count(app.workspace.copy())
