"""Check-in mode (key i): an owner's round in the side pane, each check-in saved and undoable."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from backmap import checkins, edits, store
from backmap.tui.screens.dialogs import Confirm

from .screen import copy_map, drive, screen_text, type_text
from .test_app import goto


@pytest.fixture
def ideal_map(tmp_path: Path) -> Path:
    return copy_map(tmp_path)


def test_a_round_records_keeps_skips_and_ends_with_escape(ideal_map: Path) -> None:
    today = date.today()

    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")  # owned by dana: her round is the one offered first
        await pilot.press("i", "enter")
        shown = screen_text(app)
        assert "Check-in · dana · item 1/6" in shown
        assert "last check-in: 2026-11-30  current 29" in shown
        assert "stressed, %) [29]" in shown  # the metric's value, kept by Enter
        assert app.query_one("#checkin-progress").has_class("-hidden")  # a goal's rolls up
        assert app.query_one("#heading").content == "goal · less-stress"  # the tree follows
        # Enter keeps 29, "at" is at-risk, an empty note records none.
        await pilot.press("enter", "a", "t", "enter", "enter")
        assert "item 2/6" in screen_text(app)
        assert not app.history.dirty  # saved as it was recorded
        await pilot.press("s")  # skips protect-time-off
        assert "item 3/6" in screen_text(app)
        await pilot.press("escape")
        said = [n.message for n in app._notifications]
        assert "Check-in of dana: 1 recorded, 1 skipped, 4 not reached" in said
        assert app.focused is app.query_one("#tree")
        assert "Check-in ·" not in screen_text(app)  # the form is back
        await pilot.press("ctrl+z")  # a check-in is an edit like any other
        assert checkins.latest(app.workspace, "less-stress").date < today

    drive(ideal_map, script)
    saved = store.load(ideal_map)
    last = checkins.latest(saved, "less-stress")
    assert (last.date, last.current, last.health.value, last.note) == (today, 29, "at-risk", None)
    assert checkins.latest(saved, "protect-time-off") is None


def test_a_bad_value_is_said_and_the_item_waits(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        await pilot.press("i", "enter", "s", "s", "s")  # to off-hours, the first initiative
        shown = screen_text(app)
        assert "Respect off-hours  [off-hours]" in shown
        assert "progress [40]" in shown
        await type_text(pilot, "140", "enter")
        assert "'140' is not a number from 0 to 100" in screen_text(app)
        await pilot.press("ctrl+u", *"55", "enter", "enter", "enter")
        await type_text(pilot, "Pilot done", "enter")
        assert app.workspace.node("off-hours").progress == 55
        assert "item 5/6" in screen_text(app)

    drive(ideal_map, script)
    last = checkins.latest(store.load(ideal_map), "off-hours")
    assert (last.progress, last.current, last.health.value, last.note) == (
        55,
        60,
        "on-track",
        "Pilot done",
    )


def test_a_save_conflict_loses_no_check_in(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        await pilot.press("i", "enter")
        app.disk.check = lambda: None  # the pull lands between two looks at the disk
        # A pull that changed the same node: the two edits meet, so saving asks.
        pulled = "2026-11-30 current=29\n      2026-12-01 current=28 note=pulled"
        ideal_map.write_text(ideal_map.read_text().replace("2026-11-30 current=29", pulled))
        await pilot.press("enter", "o", "n", "enter", "enter")
        assert isinstance(app.screen, Confirm)  # overwrite? asked, as ctrl+s asks
        await pilot.press("n")
        assert app.history.dirty
        assert checkins.latest(app.workspace, "less-stress").date == date.today()

    drive(ideal_map, script)
    assert "note=pulled" in ideal_map.read_text()  # not overwritten


def test_a_round_started_over_unsaved_edits_does_not_save_them_unasked(ideal_map: Path) -> None:
    # Saving a check-in writes the whole map: with other edits pending, that would save them
    # too without a word. The round then records without saving and says so; ctrl+s saves all.
    before = ideal_map.read_text()

    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        app.apply(lambda: edits.change(app.workspace, "off-hours", title="Quiet evenings"))
        assert app.history.dirty
        await pilot.press("i", "enter")
        said = [n.message for n in app._notifications]
        assert any("not saved as they are recorded" in m for m in said), said
        await pilot.press("enter", "a", "t", "enter", "enter")  # less-stress: at risk
        assert "item 2/6" in screen_text(app)
        assert app.history.dirty
        assert ideal_map.read_text() == before  # neither the title nor the check-in
        assert checkins.latest(app.workspace, "less-stress").date == date.today()
        await pilot.press("escape")
        await pilot.press("ctrl+s")
        assert not app.history.dirty

    drive(ideal_map, script)
    saved = store.load(ideal_map)
    assert saved.node("off-hours").title == "Quiet evenings"
    assert checkins.latest(saved, "less-stress").date == date.today()
