"""The editor's edges: mouse, Escape, help, dialogs on a small terminal, the view after a delete."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from backmap import store
from backmap.tui.app import BackmapApp
from backmap.tui.widgets.map_tree import MapTree

from .screen import copy_map, drive, screen_text
from .test_app import goto


@pytest.fixture
def ideal_map(tmp_path: Path) -> Path:
    return copy_map(tmp_path)


def test_a_click_selects_and_a_double_click_edits(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        tree = app.query_one(MapTree)
        top = tree.root.children[0]
        await pilot.click(MapTree, offset=(8, 1 + top.line))  # the border is row 0
        await pilot.pause()
        assert app.focused is tree
        assert tree.current_id() == top.data.node_id
        second = tree.get_node_at_line(1)
        await pilot.click(MapTree, offset=(8, 2))
        await pilot.pause()
        assert app.focused is tree, "a single click must not move focus into the form"
        assert tree.current_id() == second.data.node_id
        assert app.query_one("#heading").content.endswith(second.data.node_id)
        await pilot.double_click(MapTree, offset=(8, 2))
        await pilot.pause()
        assert app.focused is app.query_one("#field-title")

    drive(ideal_map, script)


def test_escape_returns_to_the_tree_and_help_explains_it(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        tree = app.query_one(MapTree)
        await goto(app, pilot, "off-hours")
        await pilot.press("enter")  # into the form
        assert app.focused is app.query_one("#field-title")
        await pilot.press("tab", "escape")
        assert app.focused is tree
        await pilot.press("f")
        assert app.focused is app.query_one("#fit-input")
        await pilot.press("escape")
        assert app.focused is tree
        await pilot.press("r")
        assert app.screen is not app.screen_stack[0]
        await pilot.press("escape")
        assert app.screen is app.screen_stack[0] and app.focused is tree
        assert not app.history.dirty
        await pilot.press("question_mark")
        shown = screen_text(app)  # the part about moving around comes first, in sight
        assert "Moving around" in shown
        for words in ("shift+Tab", "Tab ", "Escape", "click", "double-click"):
            assert words in shown, words

    drive(ideal_map, script)


def test_dialogs_wrap_their_text_and_fit_a_small_terminal(ideal_map: Path) -> None:
    app = BackmapApp(store.load(ideal_map))

    async def main() -> None:
        async with app.run_test(size=(60, 20)) as pilot:
            await pilot.pause()
            await goto(app, pilot, "leadership-paths")
            await pilot.press("d")
            await pilot.pause()
            dialog = app.screen.query_one(".dialog")
            assert app.screen.region.contains_region(dialog.region), dialog.region
            shown = " ".join(screen_text(app).split())
            question = str(app.screen.query_one(".question").content)
            for word in re.findall(r"[\w-]+", question):
                assert re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", shown), word
            buttons = app.screen.query_one("#yes")
            assert app.screen.region.contains_region(buttons.region)
            await pilot.press("escape")
            await pilot.press("p")
            await pilot.pause()
            dialog = app.screen.query_one(".dialog")
            assert app.screen.region.contains_region(dialog.region), dialog.region
            choices = app.screen.query_one("#choices")
            assert dialog.region.contains_region(choices.region), choices.region  # not cut off

    asyncio.run(main())


def test_after_a_delete_the_form_shows_the_node_now_highlighted(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "leadership-paths")
        await pilot.press("d", "y")
        await pilot.pause()
        tree = app.query_one(MapTree)
        now = tree.current_id()
        assert now is not None and now != "leadership-paths"
        assert app.query_one("#heading").content.endswith(f"· {now}")

    drive(ideal_map, script)
