"""Dialogs carry their own look: shown by an app without backmap's stylesheet, they still
sit in a bordered box in the middle of the screen."""

from __future__ import annotations

import asyncio

import pytest
from textual.app import App
from textual.screen import Screen
from textual.widget import Widget

from backmap.tui.screens.dialogs import Confirm, Prompt
from backmap.tui.screens.help import Help
from backmap.tui.screens.recovery import RestoreQuestion


@pytest.mark.parametrize(
    ("make", "width"),
    [
        (lambda: Confirm("Delete it?"), 70),
        (lambda: Prompt("New title"), 70),
        (lambda: RestoreQuestion.first("Unsaved work was found. Restore it?"), 76),
        (lambda: Help([]), 80),
    ],
)
def test_a_dialog_is_styled_without_the_app_stylesheet(make: object, width: int) -> None:
    async def main() -> None:
        app: App[None] = App()
        async with app.run_test(size=(120, 36)) as pilot:
            dialog: Screen[object] = make()  # type: ignore[operator]
            app.push_screen(dialog)
            await pilot.pause()
            box = dialog.query_one(".dialog", Widget)
            assert box.outer_size.width == width
            assert box.styles.border_top[0] == "thick"
            left = box.region.x
            assert abs(left - (120 - width) // 2) <= 1  # in the middle

    asyncio.run(main())
