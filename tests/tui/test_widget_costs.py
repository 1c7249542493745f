"""What the editor redraws and keeps: only what changed is drawn again, nothing kept too long."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest
from rich.style import Style

from backmap import store
from backmap.tui.screens.help import Help
from backmap.tui.widgets.details import Details
from backmap.tui.widgets.keybar import KeyBar
from backmap.tui.widgets.map_tree import MapTree

from .screen import copy_map, drive, screen_text, until
from .test_app import goto


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
    (`backmap edit` freezes it); a reload frees it all the same only if a map holds no reference
    cycles, so that its last reference going frees it."""
    gc.disable()
    try:
        ws = store.load(ideal_map)
        refs = [weakref.ref(ws), *(weakref.ref(node) for node in ws.nodes())]
        del ws
        assert [ref for ref in refs if ref() is not None] == []
    finally:
        gc.enable()


def test_focus_moving_between_tree_and_form_leaves_the_tree_lines_listed(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        tree = app.query_one(MapTree)
        await until(pilot, lambda: app.details.node_id is not None)
        listed = []
        original = tree._build
        tree._build = lambda: listed.append(1) or original()  # type: ignore[method-assign]
        app.details.edit("owner")
        await until(pilot, lambda: app.focused is app.query_one("#field-owner"))
        tree.focus()
        await until(pilot, lambda: app.focused is tree)
        await pilot.pause()
        assert listed == []  # the lines were drawn again in their new colours, not listed again
        await pilot.press("l")  # a fold opening does list them again
        await pilot.pause()
        assert listed

    drive(ideal_map, script)


def test_the_tree_measures_its_lines_as_drawn(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        tree = app.query_one(MapTree)
        await pilot.press("down", "l")
        await pilot.pause()
        lines = [tree.get_node_at_line(i) for i in range(tree.last_line + 1)]
        assert any(line.is_expanded for line in lines) and any(
            line.allow_expand and not line.is_expanded for line in lines
        )
        for line in lines:
            drawn = tree.render_label(line, Style(), Style()).cell_len
            assert tree.get_label_width(line) == drawn, line.label

    drive(ideal_map, script)


def test_the_form_mounts_the_fields_in_sight_first_then_the_rest_filled_too(
    ideal_map: Path,
) -> None:
    mounted: list[list[str]] = []
    original = Details.mount_all

    def mount_all(self, widgets, *args, **kwargs):  # type: ignore[no-untyped-def]
        widgets = list(widgets)
        fields = [w.id for w in widgets if w.id and w.id.startswith("field-")]
        if fields:
            mounted.append(fields)
        return original(self, widgets, *args, **kwargs)

    async def script(app, pilot) -> None:
        await goto(app, pilot, "parental-leave")
        await until(pilot, lambda: app.query("#field-tags"))
        assert mounted[0][:2] == ["field-status", "field-title"]
        assert "field-progress" in mounted[0] and "field-tags" not in mounted[0]
        assert "field-tags" in mounted[1]
        node = app.workspace.node("parental-leave")
        await until(pilot, lambda: app.query_one("#field-tags").value == ", ".join(node.tags))
        assert node.tags  # the map gives it tags to show

    Details.mount_all = mount_all  # type: ignore[method-assign]
    try:
        drive(ideal_map, script)
    finally:
        Details.mount_all = original  # type: ignore[method-assign]
