"""Snapshots of the editor's main screens at a fixed size (pytest-textual-snapshot)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.conftest import MAPS

from backmap import store
from backmap.checks import CheckConfig
from backmap.tui.app import BackmapApp

from .screen import type_text
from .waiting import checked

SIZE = (120, 36)
TODAY = date(2026, 11, 22)


def app_for(path: Path) -> BackmapApp:
    return BackmapApp(store.load(path), CheckConfig(today=TODAY))


async def settled(pilot) -> None:
    await checked(pilot.app, pilot)


def test_main_screen(snap_compare) -> None:
    assert snap_compare(
        app_for(MAPS / "ideal-group.yaml"),
        terminal_size=SIZE,
        press=["down", "l", "down"],
        run_before=settled,
    )


def test_help_screen(snap_compare) -> None:
    assert snap_compare(
        app_for(MAPS / "ideal-group.yaml"), terminal_size=SIZE, press=["?"], run_before=settled
    )


def test_delete_dialog(snap_compare) -> None:
    async def before(pilot) -> None:
        await settled(pilot)
        pilot.app.query_one("#tree").reveal("leadership-paths")
        await pilot.pause()

    assert snap_compare(
        app_for(MAPS / "ideal-group.yaml"), terminal_size=SIZE, press=["d"], run_before=before
    )


def test_findings_tab(snap_compare) -> None:
    async def before(pilot) -> None:
        await settled(pilot)
        pilot.app.query_one("#findings").focus()
        await pilot.pause()

    assert snap_compare(app_for(MAPS / "org"), terminal_size=SIZE, run_before=before)


def test_fit_tab(snap_compare) -> None:
    async def before(pilot) -> None:
        await settled(pilot)
        await pilot.press("f")
        # The cursor stays drawn, as just after a key: on a busy machine the picture could be
        # taken half a second after the last key, with the blinking cursor off.
        pilot.app.query_one("#fit-input").cursor_blink = False
        # Typed as one burst of keys (each character still its own key event and question).
        await type_text(pilot, "late messages next morning")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app_for(MAPS / "ideal-group.yaml"), terminal_size=SIZE, run_before=before)
