"""The details form: a field applies when you leave it, and a bad value stays in sight."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import MAPS

from backmap import store

from .screen import copy_map, drive, screen_text, type_text, until
from .test_app import goto


@pytest.fixture
def ideal_map(tmp_path: Path) -> Path:
    return copy_map(tmp_path)


def test_tab_out_of_a_field_applies_it(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        app.query_one("#field-owner").focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "maya", "tab")
        assert app.workspace.node("off-hours").owner == "maya"
        assert app.history.dirty
        await pilot.press("ctrl+s")

    drive(ideal_map, script)
    assert store.load(ideal_map).node("off-hours").owner == "maya"


def test_an_invalid_due_date_keeps_the_text_and_says_why(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        due = app.query_one("#field-due")
        due.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "2027-13-01", "tab")
        await pilot.pause()
        assert str(app.workspace.node("off-hours").due) == "2027-03-31"  # not applied
        assert due.value == "2027-13-01"
        shown = screen_text(app)
        assert "2027-13-01" in shown  # the text is still readable in the box
        assert "there is no month 13" in shown  # and the reason is beside it
        due.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "2027-12-01", "enter")
        assert str(app.workspace.node("off-hours").due) == "2027-12-01"
        assert "no month" not in screen_text(app)
        # Moving on with a bad value typed says what was not applied.
        due.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "2027-02-30", "tab")
        assert "2027-02-30 does not exist, February 2027" in screen_text(app)
        await goto(app, pilot, "less-stress")
        wanted = "Not applied to `off-hours`: due “2027-02-30”"
        await until(pilot, lambda: any(wanted in n.message for n in app._notifications))

    drive(ideal_map, script)


def test_escape_in_a_field_holding_a_refused_value_says_what_it_drops(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        due = app.query_one("#field-due")
        due.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "31/12/2027", "tab")  # refused, held with its reason
        assert "write 2027-12-31" in screen_text(app)
        due.focus()  # back into it, as shift+Tab does
        await pilot.press("escape")  # Escape cancels: the saved value again, and said so
        assert due.value == "2027-03-31"
        wanted = "Not applied to `off-hours`: due “31/12/2027”"
        await until(pilot, lambda: any(wanted in n.message for n in app._notifications))

    drive(ideal_map, script)


def test_setting_only_a_metric_unit_does_not_name_the_metric_after_it(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "no-spof")
        app.query_one("#field-metric--unit").focus()
        await type_text(pilot, "days", "tab")
        metric = app.workspace.node("no-spof").metric
        assert metric is None or metric.name != "days"
        assert "name the metric first" in screen_text(app).lower()
        app.query_one("#field-metric--name").focus()
        await type_text(pilot, "people who can carry each model", "tab")
        metric = app.workspace.node("no-spof").metric
        assert metric is not None and metric.name == "people who can carry each model"

    drive(ideal_map, script)


def test_parents_are_editable_and_the_description_takes_several_lines(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        supports = app.query_one("#field-supports")
        assert supports.value == "protect-time-off"
        supports.focus()
        await pilot.press("end")
        await type_text(pilot, ", focus", "tab")
        assert app.workspace.node("off-hours").supports == ["protect-time-off", "focus"]
        description = app.query_one("#field-description")
        assert type(description).__name__ == "TextArea"
        description.focus()
        description.move_cursor(description.document.end)
        await pilot.press("enter")
        await type_text(pilot, "Second line.", "tab")
        assert app.workspace.node("off-hours").description.endswith("Leads go first.\nSecond line.")
        await pilot.press("ctrl+s")

    drive(ideal_map, script)
    saved = store.load(ideal_map).node("off-hours")
    assert saved.supports == ["protect-time-off", "focus"]
    assert saved.description.endswith("\nSecond line.")


def test_save_applies_the_field_being_typed_in(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        app.query_one("#field-owner").focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "noa", "ctrl+s")
        assert app.workspace.node("off-hours").owner == "noa"
        assert not app.history.dirty

    drive(ideal_map, script)
    assert store.load(ideal_map).node("off-hours").owner == "noa"


def test_the_form_reads_fields_as_the_command_line_does(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        progress = app.query_one("#field-progress")
        progress.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "35%", "tab")
        assert app.workspace.node("off-hours").progress == 35
        progress.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "lots", "tab")
        assert "'lots' is not a number from 0 to 100" in screen_text(app)
        assert app.workspace.node("off-hours").progress == 35

    drive(ideal_map, script)


def test_marking_done_in_the_form_sets_progress_to_100_as_set_does(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        app.query_one("#field-status").value = "done"
        await pilot.pause()
        node = app.workspace.node("off-hours")
        assert (node.status.value, node.progress) == ("done", 100)
        await pilot.press("ctrl+z")  # one edit: both come back
        node = app.workspace.node("off-hours")
        assert (node.status.value, node.progress) == ("active", 40)
        await pilot.press("ctrl+y")
        # A goal's progress rolls up: done leaves it, and the editor says why.
        await goto(app, pilot, "less-stress")
        app.query_one("#field-status").value = "done"
        await pilot.pause()
        assert app.workspace.node("less-stress").status.value == "done"
        said = [n.message for n in app._notifications]
        assert any("stays as its items' roll-up" in m for m in said), said
        await pilot.press("ctrl+s")

    drive(ideal_map, script)
    saved = store.load(ideal_map)
    assert saved.node("off-hours").progress == 100
    assert saved.node("less-stress").progress is None


def test_owners_must_be_people_of_the_people_file_as_on_the_command_line(tmp_path: Path) -> None:
    org = Path(shutil.copytree(MAPS / "org", tmp_path / "org"))

    async def script(app, pilot) -> None:
        await goto(app, pilot, "eta-door-time")
        owner = app.query_one("#field-owner")
        owner.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "matoe", "tab")
        assert app.workspace.node("eta-door-time").owner == "mateo"  # not applied
        assert owner.value == "matoe"  # what was typed stays, with why beside it
        said = "↑ `matoe` is not in people.yaml: did you mean `mateo` (Mateo Rossi)?"
        assert str(app.query_one("#reason-owner").content) == said
        assert "is not in people.yaml: did you" in screen_text(app)
        assert not app.history.dirty
        # A name or a handle is the person: their id is written, as `set` does.
        sub = app.query_one("#field-sub-owner")
        sub.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "sofia-m", "tab")
        assert app.workspace.node("eta-door-time").sub_owner == "sofia"
        assert sub.value == "sofia"
        owner.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "Chloe Martin", "enter")
        assert app.workspace.node("eta-door-time").owner == "chloe"
        said = [n.message for n in app._notifications]
        assert any("“Chloe Martin” is `chloe`" in m for m in said), said
        assert "did you" not in screen_text(app)
        # Someone new is refused too, saying where people are listed; empty clears.
        sub.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "Zed Q", "enter")
        assert app.workspace.node("eta-door-time").sub_owner == "sofia"
        assert str(app.query_one("#reason-sub-owner").content).startswith(
            "↑ `Zed Q` is not in people.yaml: add someone new there first"
        )
        await pilot.press("ctrl+u", "enter")
        assert app.workspace.node("eta-door-time").sub_owner is None

    drive(org, script)


STEADY_MAP = """\
backmap: 1
title: Steady
nodes:
  - id: calm
    kind: outcome
    title: People are calm
  - id: short
    kind: goal
    title: Short
    supports: [calm]
    status: active
    owner: ana
  - id: longer
    kind: goal
    title: A much longer title than the one before it, wider than its box
    supports: [calm]
    status: active
    owner: bartholomew
    due: 2027-01-31
"""


def test_a_cursor_move_fills_the_form_without_laying_out_the_screen(tmp_path: Path) -> None:
    """The boxes keep their size whatever they hold, so showing the next node redraws them in
    place: laying the whole screen out again on each move was most of a move's cost."""
    path = tmp_path / "steady.yaml"
    path.write_text(STEADY_MAP, encoding="utf-8")

    async def script(app, pilot) -> None:
        await goto(app, pilot, "short")
        await until(pilot, lambda: app.query_one("#field-title").value == "Short")
        # The editor's own start-up work (the first check, a moment after the first paint,
        # then the comment walk) redraws the findings when it ends: let it end first, so what
        # is counted is the move's alone.
        await until(pilot, lambda: app.result is not None)
        await app.workers.wait_for_complete()
        await pilot.pause()
        layouts: list[object] = []
        app.screen.screen_layout_refresh_signal.subscribe(app.screen, layouts.append)
        await pilot.press("down")
        title = app.query_one("#field-title")
        await until(pilot, lambda: title.value.startswith("A much longer"))
        assert app.query_one("#field-owner").value == "bartholomew"
        assert layouts == []
        # A long value still scrolls to where one types.
        title.focus()
        await pilot.press("end")
        assert title.scroll_x > 0
        await pilot.press("home")
        assert title.scroll_x == 0

    drive(path, script)


def test_a_long_id_stays_on_the_heading_cut_at_its_end(tmp_path: Path) -> None:
    """Generated and imported maps have ids of sixty letters: the heading's one line shows the
    kind and the start of the id, rather than wrapping the id out of sight."""
    long_id = "increase-churn-within-data-across-partners-managers-per-complia"
    path = tmp_path / "long.yaml"
    path.write_text(
        STEADY_MAP.replace("id: calm", f"id: {long_id}").replace("[calm]", f"[{long_id}]")
    )

    async def script(app, pilot) -> None:
        await until(pilot, lambda: app.query_one("#heading").content != "Nothing selected")
        line = next(row for row in screen_text(app).splitlines() if "outcome ·" in row)
        assert "outcome · increase-churn-within" in line, line

    drive(path, script)


def test_the_status_line_names_the_field_whose_menu_is_open(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        app.query_one("#field-status").focus()
        await pilot.press("enter")  # the menu opens: its list has the keys now
        await pilot.pause()
        assert "focus: Status field" in screen_text(app)
        assert "SelectOverlay" not in screen_text(app)
        await pilot.press("escape")

    drive(ideal_map, script)


def test_the_key_bar_leaves_out_keys_a_text_box_types(ideal_map: Path) -> None:
    from backmap.tui.widgets.keybar import KeyBar

    async def script(app, pilot) -> None:
        bar = app.query_one(KeyBar)
        assert "/" in {key.shown for key in bar.active_keys()}  # on the map, / finds
        await goto(app, pilot, "off-hours")
        app.query_one("#field-title").focus()
        await pilot.pause()
        shown = {key.shown for key in bar.active_keys()}
        assert "/" not in shown and "?" not in shown, shown  # in the box they are typed
        assert "esc" in shown or "escape" in shown or any("esc" in s for s in shown), shown

    drive(ideal_map, script)
