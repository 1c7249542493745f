"""The editor's check-in round (key i): choose whose, then each open item in the side pane;
every check-in given is applied as an edit (ctrl+z undoes it) and saved as ctrl+s saves, unless
other edits wait unsaved: a save writes them too, so then the round leaves saving to ctrl+s."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from backmap import checkins, edits, store
from backmap.checkins import rounds
from backmap.tui import saving
from backmap.tui.screens.dialogs import Choose
from backmap.tui.widgets.checkin_pane import CheckinPane, Round
from backmap.tui.widgets.map_tree import MapTree

if TYPE_CHECKING:
    from backmap.tui.app import BackmapApp


def choose_owner(app: BackmapApp) -> None:
    """Ask whose round: the owner of the selected item comes first, so Enter takes it."""
    found = rounds.owners(app.workspace)
    if not found:
        app.notify("Nobody owns an open item: set owners first (Owner field).", severity="warning")
        return
    node_id = app.current()
    mine = app.workspace.node(node_id).owner if node_id else None
    found.sort(key=lambda pair: pair[0] != mine)  # stable: the rest stay in map order
    labels = {
        f"{owner} · {count} open item{'s' * (count != 1)}"
        + (" · owner of the selected item" if owner == mine else ""): owner
        for owner, count in found
    }

    async def answer(label: str | None) -> None:
        if label:
            await start(app, labels[label])

    app.push_screen(Choose("Whose check-in round?", [(label, None) for label in labels]), answer)


def pane(app: BackmapApp) -> CheckinPane:
    return app.query_one(CheckinPane)


async def start(app: BackmapApp, owner: str) -> None:
    """Begin `owner`'s round in the side pane (made on first use: a faster first screen)."""
    items = [n.id for n in checkins.open_items(app.workspace, owner)]
    if not app.query(CheckinPane):
        await app.query_one("#side").mount(CheckinPane(id="checkin"), before=app.details)
    checkin = pane(app)
    checkin.round = Round(owner, items)
    app.query_one("#side").add_class("-checkin")
    checkin.add_class("-on")
    _tell_if_unsaved(app, checkin.round)
    ask_next(app)


def _tell_if_unsaved(app: BackmapApp, current: Round) -> bool:
    """Whether other edits wait unsaved; said once a round, since saving would write them too."""
    if not app.history.dirty:
        return False
    if not current.told_unsaved:
        current.told_unsaved = True
        app.notify(
            "Other changes are unsaved, so check-ins are not saved as they are recorded: "
            "ctrl+s saves them all",
            severity="warning",
            timeout=6,
        )
    return True


def ask_next(app: BackmapApp) -> None:
    """Show the round's next item still in the map, or end the round after the last."""
    checkin = pane(app)
    current = checkin.round
    if current is None:
        return
    while current.at < len(current.ids):
        node_id = current.ids[current.at]
        if node_id in app.workspace:
            try:
                item = rounds.item(app.workspace, node_id, date.today())
            except store.LoadError as exc:
                app.notify(str(exc), title="Skipped", severity="error", markup=False)
            else:
                app.query_one(MapTree).reveal(node_id)
                checkin.ask(item)
                return
        current.at += 1
    end(app)


def answered(app: BackmapApp, message: CheckinPane.Answered) -> None:
    """Record the answers as a check-in edit, save, and go on to the next item."""
    current = pane(app).round
    if current is None:
        return
    node_id = message.item.node.id
    try:
        checkin = rounds.answer(message.item, message.typed, date.today())
    except ValueError as exc:
        app.notify(str(exc), title="Not recorded", severity="error")
        return
    others_unsaved = _tell_if_unsaved(app, current)
    if checkin is None:
        app.notify(f"Nothing to record for `{node_id}`", timeout=2)
    elif _record(app, node_id, checkin):
        current.recorded += 1
        if not others_unsaved:
            saving.save(app)
    current.at += 1
    ask_next(app)


def _record(app: BackmapApp, node_id: str, checkin: checkins.CheckIn) -> bool:
    try:
        edit = checkins.record(app.workspace, node_id, checkin)
    except edits.NothingChanged:
        app.notify(f"`{node_id}` already has this check-in", timeout=2)
        return False
    except edits.EditError:
        return app.apply(lambda: checkins.record(app.workspace, node_id, checkin))  # says why
    return app.apply(lambda: edit, select=node_id)


def skipped(app: BackmapApp) -> None:
    current = pane(app).round
    if current is not None:
        current.skipped += 1
        current.at += 1
        ask_next(app)


def end(app: BackmapApp) -> None:
    """Leave check-in mode: the form comes back and the map has the keys."""
    checkin = pane(app)
    current, checkin.round, checkin.item = checkin.round, None, None
    checkin.remove_class("-on")
    app.query_one("#side").remove_class("-checkin")
    app.query_one(MapTree).focus()
    if current is not None:
        left = len(current.ids) - current.at
        said = f"Check-in of {current.owner}: {current.recorded} recorded"
        said += f", {current.skipped} skipped" if current.skipped else ""
        said += f", {left} not reached" if left > 0 else ""
        app.notify(said, timeout=4)
