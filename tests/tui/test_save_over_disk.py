"""Saving over a map changed on disk: edits to different nodes are merged, overlapping ones
ask, naming what overwriting would drop."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import run_cli

from backmap import store
from backmap.tui.app import BackmapApp
from backmap.tui.widgets.map_tree import MapTree

from .screen import copy_map, drive, type_text


@pytest.fixture
def map_path(tmp_path: Path) -> Path:
    return copy_map(tmp_path)


def question(app: BackmapApp) -> str:
    return str(app.screen.query_one(".question").content)


async def keep_mine_after(app: BackmapApp, pilot, *shell: str) -> None:
    """Run a backmap command as a shell beside the editor would, then answer "Keep mine"."""
    assert run_cli(*shell).code == 0
    app.watch_disk()
    await pilot.pause()
    assert "changed on disk" in question(app)
    await pilot.press("n")  # keep mine


def test_a_new_goal_and_a_due_date_set_in_a_shell_are_both_saved(map_path: Path) -> None:
    async def script(app, pilot) -> None:
        assert app.query_one(MapTree).reveal("protect-time-off")
        await pilot.pause()
        await pilot.press("A")
        await type_text(pilot, "Quiet Fridays", "enter")  # a goal beside it
        assert "quiet-fridays" in app.workspace
        await keep_mine_after(
            app, pilot, "set", "less-stress", "--due", "2027-05-31", "-m", str(map_path)
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.screen.query(".question")  # nothing to ask: the two edits do not meet
        said = [str(n.message) for n in app._notifications]
        assert "Merged with changes made on disk: less-stress (due)" in said, said
        assert not app.history.dirty
        await pilot.press("ctrl+z")  # the merged edit is still undoable
        assert "quiet-fridays" not in app.workspace
        assert str(app.workspace.node("less-stress").due) == "2027-05-31"

    drive(map_path, script)
    saved = store.load(map_path)
    assert saved.node("quiet-fridays").supports == ["less-stress"]
    assert str(saved.node("less-stress").due) == "2027-05-31"


def test_a_title_and_a_due_date_of_one_goal_are_both_saved(map_path: Path) -> None:
    async def script(app, pilot) -> None:
        assert app.query_one(MapTree).reveal("less-stress")
        await pilot.pause()
        await pilot.press("r", "ctrl+u")
        await type_text(pilot, "Calmer days", "enter")
        shell = ("set", "less-stress", "--due", "2027-05-31")
        await keep_mine_after(app, pilot, *shell, "-m", str(map_path))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.screen.query(".question")
        await pilot.press("ctrl+z")  # undoing the title keeps the due date from disk
        assert app.workspace.node("less-stress").title == "Reduce stress"
        assert str(app.workspace.node("less-stress").due) == "2027-05-31"

    drive(map_path, script)
    saved = store.load(map_path)
    assert saved.node("less-stress").title == "Calmer days"
    assert str(saved.node("less-stress").due) == "2027-05-31"


def test_a_field_changed_on_both_sides_asks_and_names_what_would_be_dropped(
    map_path: Path,
) -> None:
    async def script(app, pilot) -> None:
        assert app.query_one(MapTree).reveal("less-stress")
        await pilot.pause()
        await pilot.press("r", "ctrl+u")
        await type_text(pilot, "Calmer days", "enter")
        shell = ("set", "less-stress", "--title", "Less stress", "--due", "2027-05-31")
        await keep_mine_after(app, pilot, *shell, "-m", str(map_path))
        await pilot.press("ctrl+s")
        await pilot.pause()
        asked = question(app)
        dropped = "`less-stress` title Less stress; due 2027-05-31."
        assert f"Overwrite drops these changes made on disk: {dropped}" in asked
        assert "Overwrite it with your version?" in asked
        await pilot.press("y")

    drive(map_path, script)
    saved = store.load(map_path)
    assert saved.node("less-stress").title == "Calmer days"
    assert saved.node("less-stress").due is None


def test_a_goal_added_in_a_shell_under_a_goal_the_editor_deleted_is_not_merged(
    map_path: Path,
) -> None:
    async def script(app, pilot) -> None:
        assert app.query_one(MapTree).reveal("protect-time-off")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")  # yes, delete it
        assert "protect-time-off" not in app.workspace
        shell = ("add", "initiative", "Late-message bot", "-s", "protect-time-off")
        await keep_mine_after(app, pilot, *shell, "-m", str(map_path))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "`late-message-bot` added" in question(app)  # merging would orphan it: asked
        await pilot.press("n")
        assert app.history.dirty

    drive(map_path, script)
    assert "late-message-bot" in store.load(map_path)
