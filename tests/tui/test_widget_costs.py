"""The bar of keys and what the editor keeps at hand: cheap to draw, and nothing kept too long."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from backmap import store
from backmap.tui.screens.help import Help
from backmap.tui.widgets.keybar import KeyBar

from .screen import copy_map, drive, screen_text, until


@pytest.fixture
def ideal_map(tmp_path: Path) -> Path:
    return copy_map(tmp_path)


def bottom_line(app) -> str:
    return screen_text(app).rstrip("\n").splitlines()[-1]


def test_the_bar_follows_focus_and_is_drawn_again_only_when_its_keys_change(
    ideal_map: Path,
) -> None:
    async def script(app, pilot) -> None:
        bar = app.query_one(KeyBar)
        await until(pilot, lambda: "? Help" in bottom_line(app))
        assert "a Add child" in bottom_line(app)
        drawn = []
        original = bar.render
        bar.render = lambda: drawn.append(1) or original()  # type: ignore[method-assign]
        app.details.edit("owner")
        await until(pilot, lambda: "esc Back to the map" in bottom_line(app))
        # Typing goes to the field: letter keys are no commands there, and the bar says so.
        assert "a Add child" not in bottom_line(app)
        assert "^s Save" in bottom_line(app)
        drawn.clear()
        for field in ("#field-due", "#field-tags", "#field-title"):
            app.query_one(field).focus()
            await pilot.pause()
        assert drawn == []  # same keys in every field: the bar was left as it was
        app.query_one("#tree").focus()
        await until(pilot, lambda: "a Add child" in bottom_line(app))

    drive(ideal_map, script)


def test_a_click_on_a_key_does_what_the_key_does(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        bar = app.query_one(KeyBar)
        await until(pilot, lambda: bool(bar.keys))
        help_at = bottom_line(app).index("? Help")
        assert bar.key_at(help_at + 3).description == "Help"
        await pilot.click(KeyBar, offset=(help_at + 3, 0))
        await until(pilot, lambda: isinstance(app.screen, Help))

    drive(ideal_map, script)


def test_a_map_is_freed_without_the_cycle_collector(ideal_map: Path) -> None:
    """The editor keeps the map it starts with out of the cycle collector's passes
    (`BackmapApp.run`); a reload frees it all the same only if a map holds no reference
    cycles, so that its last reference going frees it."""
    gc.collect()
    gc.disable()
    try:
        ws = store.load(ideal_map)
        refs = [weakref.ref(ws), *(weakref.ref(node) for node in ws.nodes())]
        del ws
        assert [ref for ref in refs if ref() is not None] == []
    finally:
        gc.enable()
