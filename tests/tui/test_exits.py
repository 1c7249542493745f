"""Every way out of the editor asks the same question when work is unsaved, and keeps it safe."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import MAPS
from textual.widgets import OptionList

from backmap import store
from backmap.tui.app import BackmapApp
from backmap.tui.widgets.map_tree import MapTree

from .screen import copy_map, drive, type_text
from .waiting import PATIENCE, STEP


@pytest.fixture
def map_path(tmp_path: Path) -> Path:
    return copy_map(tmp_path)


async def rename_top(app: BackmapApp, pilot) -> None:
    """One unsaved change: the first outcome gets a new title."""
    app.query_one(MapTree).focus()
    await pilot.press("r", "ctrl+u")
    await type_text(pilot, "Calm", "enter")
    assert app.history.dirty


async def palette_offers(app: BackmapApp, pilot, help_text: str) -> None:
    """Wait until the command palette highlights the command with this help text."""
    options = app.screen.query_one(OptionList)
    for _ in range(PATIENCE):
        index = options.highlighted
        if index is not None and help_text in str(options.get_option_at_index(index).prompt):
            return
        await pilot.pause(STEP)
    raise AssertionError(f"the palette never highlighted {help_text!r}")


def question(app: BackmapApp) -> str:
    return str(app.screen.query_one(".question").content)


def recovered(path: Path) -> str:
    """The recovery file's texts, as written (JSON-escaped)."""
    return store.recovery_path(path).read_text(encoding="utf-8")


def test_every_quit_key_asks_when_work_is_unsaved(map_path: Path) -> None:
    async def script(app, pilot) -> None:
        await rename_top(app, pilot)
        for key in ("ctrl+q", "ctrl+c", "q"):
            await pilot.press(key)
            assert "unsaved changes" in question(app), key
            # Asking already made the work safe: a crash now loses nothing.
            assert "title: Calm\\n" in recovered(map_path), key
            await pilot.press("n")
            assert app.is_running and app.history.dirty

    drive(map_path, script)
    assert map_path.read_text() == (MAPS / "ideal-group.yaml").read_text()


def test_the_palette_quit_command_asks_too_and_quitting_anyway_keeps_the_work(
    map_path: Path,
) -> None:
    async def script(app, pilot) -> None:
        await rename_top(app, pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "quit")
        await palette_offers(app, pilot, "Quit the application as soon as possible")
        await pilot.press("enter")
        await pilot.pause()
        assert "unsaved changes" in question(app)
        assert app.is_running
        await pilot.press("y")
        await pilot.pause()
        assert not app.is_running

    drive(map_path, script)
    assert map_path.read_text() == (MAPS / "ideal-group.yaml").read_text()
    assert "title: Calm\\n" in recovered(map_path)  # offered when the map is opened again
