"""The tree and what surrounds it: folds, jumps, matches, the footer, the status line, pickers."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from backmap import store
from backmap.tui.app import BackmapApp
from backmap.tui.widgets.map_tree import MapTree

from .screen import copy_map, drive, screen_text, type_text, until
from .test_app import goto


@pytest.fixture
def ideal_map(tmp_path: Path) -> Path:
    return copy_map(tmp_path)


def visible_ids(tree: MapTree) -> list[str]:
    return [tree.get_node_at_line(i).data.node_id for i in range(tree.last_line + 1)]


def test_footer_keeps_help_and_quit_at_80_columns_and_the_palette_shows_keys(
    ideal_map: Path,
) -> None:
    app = BackmapApp(store.load(ideal_map))

    async def main() -> None:
        async with app.run_test(size=(80, 24)) as pilot:

            def footer_line() -> str:
                return screen_text(app).rstrip("\n").splitlines()[-1]

            # A busy machine may draw the footer a few frames late: wait on it, not on time.
            await until(pilot, lambda: "? Help" in footer_line())
            footer = footer_line()
            assert "? Help" in footer and "q Quit" in footer, footer
            helps = [c.help for c in app.get_system_commands(app.screen)]
            assert any("(/)" in h for h in helps) and any("(?)" in h for h in helps), helps
            assert not any("slash" in h or "question_mark" in h for h in helps), helps

    asyncio.run(main())


def test_tree_opens_at_the_goal_level_folds_and_jumps(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        tree = app.query_one(MapTree)
        shown = visible_ids(tree)
        assert shown[:2] == ["happy", "less-stress"]  # goals in sight, initiatives folded
        assert "off-hours" not in shown
        await pilot.press("minus")  # collapse all
        assert visible_ids(tree) == ["happy", "full-potential", "business-impact"]
        await pilot.press("plus")  # expand all
        assert "off-hours" in visible_ids(tree)
        await pilot.press("G")
        assert tree.cursor_line == tree.last_line
        await pilot.press("g")
        assert tree.cursor_line == 0

    drive(ideal_map, script)


def test_a_small_map_opens_in_full(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text(
        "backmap: 1\ntitle: Food bank\nnodes:\n"
        "  - {id: stay, kind: outcome, title: Volunteers stay}\n"
        "  - {id: welcome, kind: goal, title: Volunteers feel welcome, supports: [stay]}\n"
        "  - {id: buddy, kind: initiative, title: Buddy system, supports: [welcome]}\n"
        "  - {id: pack, kind: initiative, title: Welcome pack, supports: [welcome, stay]}\n"
    )

    async def script(app, pilot) -> None:
        tree = app.query_one(MapTree)
        await until(pilot, lambda: tree.last_line >= 0)
        # Every line, the initiatives too: nothing of a one-screen map is folded away.
        assert visible_ids(tree) == ["stay", "welcome", "buddy", "pack", "pack"]

    drive(path, script)


def test_find_then_next_and_previous_match_with_matches_highlighted(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        tree = app.query_one(MapTree)
        await pilot.press("slash")
        await type_text(pilot, "zqxj")
        await pilot.pause()
        assert "No match" in screen_text(app)  # never an unrelated title
        await pilot.press("ctrl+u")
        await type_text(pilot, "reduce", "enter")
        await pilot.pause()
        assert tree.current_id() == "less-stress"
        await pilot.press("n")
        await pilot.pause()
        assert tree.current_id() == "less-friction"
        await pilot.press("n")  # wraps round to the first match
        await pilot.pause()
        assert tree.current_id() == "less-stress"
        await pilot.press("N")
        await pilot.pause()
        assert tree.current_id() == "less-friction"
        label = tree.cursor_node.label
        assert any(label.plain[s.start : s.end].lower() == "reduce" for s in label.spans)

    drive(ideal_map, script)


def test_the_link_picker_leaves_out_cycles_and_the_fit_box_moves_the_highlight(
    ideal_map: Path,
) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "less-stress")
        await pilot.press("p")
        await pilot.pause()
        options = app.screen.query_one("#choices")
        offered = {options.get_option_at_index(i).id for i in range(options.option_count)}
        assert "protect-time-off" not in offered  # it supports less-stress already
        assert "focus" in offered or "less-friction" in offered
        await pilot.press("escape")
        # Up and down in the fit box move the goal highlight.
        await pilot.press("f")
        await type_text(pilot, "late messages")
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.query_one("#fit-results")
        first = results.highlighted
        await pilot.press("down")
        assert results.highlighted == first + 1
        assert app.focused is app.query_one("#fit-input")
        await pilot.press("up")
        assert results.highlighted == first

    drive(ideal_map, script)


def test_adding_a_title_the_map_has_asks_first(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "protect-time-off")
        count = len(list(app.workspace.nodes()))
        await pilot.press("a")
        await type_text(pilot, "respect off-hours", "enter")
        await pilot.pause()
        question = str(app.screen.query_one(".question").content)
        assert "“Respect off-hours” [off-hours] is already in the map" in question
        await pilot.press("n")
        assert len(list(app.workspace.nodes())) == count
        await pilot.press("a")
        await type_text(pilot, "respect off-hours", "enter", "y")
        assert len(list(app.workspace.nodes())) == count + 1

    drive(ideal_map, script)


def test_status_line_names_file_size_state_and_focus(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        status = str(app.query_one("#status").render())
        assert "ideal.yaml" in status and "38 nodes" in status and "saved" in status
        assert "focus: map" in status
        await pilot.press("enter")
        await pilot.pause()
        assert "focus: Title field" in str(app.query_one("#status").render())
        await pilot.press("ctrl+u")
        await type_text(pilot, "Happy people", "enter")
        await pilot.pause()
        assert "unsaved" in str(app.query_one("#status").render())

    drive(ideal_map, script)
