"""Small things a person noticed in the editor: Escape, the form's words, the footer, kinds."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import OptionList

from backmap import edits, store
from backmap.tui.app import BackmapApp
from backmap.tui.widgets.map_tree import MapTree

from .screen import copy_map, drive, screen_text, type_text, until
from .test_app import goto


@pytest.fixture
def ideal_map(tmp_path: Path) -> Path:
    return copy_map(tmp_path)


def test_escape_in_a_field_puts_its_saved_value_back_and_an_outcome_supports_nothing(
    ideal_map: Path,
) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        owner = app.query_one("#field-owner")
        owner.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "zed", "escape")
        await pilot.pause()
        assert owner.value == "dana"
        assert app.workspace.node("off-hours").owner == "dana"
        assert not app.history.dirty
        assert app.focused is app.query_one(MapTree)
        # An outcome's form says it supports nothing, rather than asking for parents.
        await goto(app, pilot, "happy")
        shown = screen_text(app)
        assert "ids of the parents" not in shown
        assert "none: an outcome serves no other node" in shown
        await goto(app, pilot, "less-stress")  # a goal: the usual hint is back
        assert "ids of the parents" in app.query_one("#field-supports").placeholder

    drive(ideal_map, script)


def test_the_footer_shows_whole_keys_at_130_columns(ideal_map: Path) -> None:
    async def main() -> None:
        app = BackmapApp(store.load(ideal_map))
        async with app.run_test(size=(130, 36)) as pilot:

            def footer_line() -> str:
                return screen_text(app).rstrip("\n").splitlines()[-1]

            # A busy machine may draw the footer a few frames late: wait on it, not on time.
            await until(pilot, lambda: "? Help" in footer_line())
            footer = footer_line()
            for key in ("? Help", "q Quit", "^z Undo", "^s Save", "^p Palette"):
                assert key in footer, footer
            assert "▏" not in footer, footer  # nothing is drawn over the keys

    asyncio.run(main())


def test_a_metric_refusal_is_worded_for_a_person(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        name = app.query_one("#field-metric--name")
        name.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "msgs", "enter")
        current = app.query_one("#field-metric--current")
        current.focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "1e999", "enter")
        await pilot.pause()
        shown = screen_text(app)
        assert "validation error" not in shown
        assert "not a number" in shown
        assert current.value == "1e999"  # what was typed stays, to be corrected

    drive(ideal_map, script)


def test_a_sub_owner_without_an_owner_is_not_shown_as_the_owner(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        ws = app.workspace
        app.apply(lambda: edits.change(ws, "off-hours", owner=None, sub_owner="maya"))
        await goto(app, pilot, "off-hours")
        line = next(row for row in screen_text(app).splitlines() if "Respect off-hours" in row)
        assert "@(no owner)/maya" in line, line

    drive(ideal_map, script)


def test_the_kind_of_a_node_can_be_changed_unless_its_links_forbid_it(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "mlops-vendor")  # an initiative under a goal
        app.query_one(MapTree).focus()
        await pilot.press("K")
        await pilot.pause()
        assert "Make it:" in screen_text(app)
        assert "an outcome supports nothing" in _choices(app)  # why outcome is refused
        await pilot.press("escape")
        await goto(app, pilot, "less-toil")  # a goal that initiatives support
        app.query_one(MapTree).focus()
        await pilot.press("K")
        await pilot.pause()
        assert "nothing can support an initiative" in _choices(app)
        await pilot.press("escape")
        await goto(app, pilot, "mlops-vendor")
        app.query_one(MapTree).focus()
        await pilot.press("K", "down", "enter")  # the first pickable answer: goal
        await pilot.pause()
        assert app.workspace.node("mlops-vendor").kind.value == "goal"
        await pilot.press("ctrl+s")

    drive(ideal_map, script)
    assert store.load(ideal_map).node("mlops-vendor").kind.value == "goal"


def _choices(app: BackmapApp) -> str:
    """The answers the open dialog offers, with the reasons given beside refused ones."""
    options = app.screen.query_one(OptionList)
    return "\n".join(
        str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
    )
