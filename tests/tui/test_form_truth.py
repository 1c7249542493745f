"""The form tells the truth: what it shows after a save, what a roll-up field is, and how
a progress typed there is recorded."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from backmap import checkins, store
from backmap.checks import CheckConfig

from .screen import copy_map, drive, screen_text, type_text
from .test_app import goto
from .waiting import checked

TODAY = date(2026, 12, 3)


@pytest.fixture
def ideal_map(tmp_path: Path) -> Path:
    return copy_map(tmp_path)


def test_a_refused_value_saved_over_stays_with_its_reason_and_a_notice(ideal_map: Path) -> None:
    """ctrl+s with an invalid date typed (in the field, or left there for the map): the map
    is saved without it, and the form does not pass the typed text off as saved: the reason
    stays beside it and the save says what it left out."""

    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        due = app.query_one("#field-due")
        due.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "2027-13-01", "ctrl+s")
        await pilot.pause()
        shown = screen_text(app)
        assert due.value == "2027-13-01" and "there is no month 13" in shown
        said = [n.message for n in app._notifications]
        assert any("Not saved: due “2027-13-01”" in m for m in said), said
        assert "Saved: nothing changed" not in said  # not a plain "saved"
        app._notifications.clear()
        # Left in the field for the map, then saved from there: the same.
        await pilot.press("escape")  # escape takes the field back to its saved value
        assert due.value == "2027-03-31"
        due.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "2027-13-01", "tab")
        app.query_one("#tree").focus()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert due.value == "2027-13-01" and "there is no month 13" in screen_text(app)
        said = [n.message for n in app._notifications]
        assert any("Not saved: due “2027-13-01”" in m for m in said), said

    drive(ideal_map, script)
    assert str(store.load(ideal_map).node("off-hours").due) == "2027-03-31"


def test_a_rolled_up_progress_shows_its_roll_up_and_cannot_be_typed_over(ideal_map: Path) -> None:
    """An outcome's progress, like a goal's with items under it, is the roll-up of those
    items: the form shows that value, says so, and takes no typing there."""

    async def script(app, pilot) -> None:
        await checked(app, pilot)
        progress = app.query_one("#field-progress")
        for node_id in ("happy", "less-stress"):
            await goto(app, pilot, node_id)
            rolled = app.result.progress[node_id]
            assert rolled is not None
            assert progress.value == f"{rolled:.0f}"
            assert "Progress % (roll-up of its items)" in screen_text(app)
            progress.focus()
            await type_text(pilot, "5", "enter")
            assert progress.value == f"{rolled:.0f}"
            assert "↑ its progress rolls up" in screen_text(app)  # beside the field
            assert app.workspace.node(node_id).progress is None
            await pilot.press("escape")
        await goto(app, pilot, "off-hours")  # an initiative's own progress: typed as ever
        assert progress.value == "40"
        assert "Progress % (roll-up" not in screen_text(app)

    drive(ideal_map, script)


def test_progress_typed_on_an_item_with_check_ins_is_recorded_as_today_s_check_in(
    ideal_map: Path,
) -> None:
    """As `backmap set` does: the form records today's check-in (the node's fields follow
    it), says so beside the fields and once applied, and refuses clearing the value."""

    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        assert "Progress % (today's check-in)" in screen_text(app)
        progress = app.query_one("#field-progress")
        progress.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "45", "enter")
        latest = checkins.latest(app.workspace, "off-hours")
        assert latest is not None and (latest.date, latest.progress) == (TODAY, 45)
        assert app.workspace.node("off-hours").progress == 45
        said = [n.message for n in app._notifications]
        assert any("progress 45 recorded as today's check-in" in m for m in said), said
        current = app.query_one("#field-metric--current")
        current.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "50", "enter")
        latest = checkins.latest(app.workspace, "off-hours")
        assert latest is not None and (latest.progress, latest.current) == (45, 50)
        assert len(checkins.history(app.workspace, "off-hours")) == 5  # one line for today
        progress.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "", "enter")
        assert "↑ `off-hours` has check-ins" in screen_text(app)  # beside the field, saying
        assert "record a new value instead of clearing it" in app.details._reasons["progress"]
        assert app.workspace.node("off-hours").progress == 45
        await pilot.press("escape", "ctrl+s")

    drive(ideal_map, script, CheckConfig(today=TODAY))
    latest = checkins.latest(store.load(ideal_map), "off-hours")
    assert latest is not None and (latest.progress, latest.current) == (45, 50)


def test_marking_a_goal_done_names_the_open_initiatives_its_roll_up_waits_for(
    ideal_map: Path,
) -> None:
    """Done on a goal leaves its progress to the roll-up: the notice names the initiatives
    still open beneath it, and there is none when every one is done."""

    async def script(app, pilot) -> None:
        await goto(app, pilot, "less-stress")
        app.query_one("#field-status").value = "done"
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("stays as its items' roll-up" in m and "`off-hours`" in m for m in said), said
        app._notifications.clear()
        await goto(app, pilot, "mlops-vendor")  # the one initiative under less-toil
        app.query_one("#field-status").value = "done"
        await pilot.pause()
        await goto(app, pilot, "less-toil")
        app.query_one("#field-status").value = "done"
        await pilot.pause()
        assert app.workspace.node("less-toil").status.value == "done"
        said = [n.message for n in app._notifications]
        assert not any("roll-up" in m for m in said), said

    drive(ideal_map, script)
