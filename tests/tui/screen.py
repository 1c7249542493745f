"""Pilot test helpers: a map to edit, the real app run on it, and the screen as plain text."""

from __future__ import annotations

import asyncio
import io
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

from rich.console import Console
from tests.conftest import MAPS
from textual import events
from textual.keys import _character_to_key

from backmap import store
from backmap.checks import CheckConfig
from backmap.tui.app import BackmapApp

SIZE = (120, 36)


def screen_text(app: BackmapApp) -> str:
    """The current screen rendered for real (a markup error would raise here), as text."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=[]))
    return console.export_text()


def copy_map(tmp_path: Path) -> Path:
    """A writable copy of the example map."""
    path = tmp_path / "ideal.yaml"
    shutil.copy(MAPS / "ideal-group.yaml", path)
    return path


async def until(pilot: object, condition: Callable[[], bool], tries: int = 200) -> None:
    """Let the app run until `condition` holds: on a busy machine the messages that update the
    screen may take several turns of the loop. Fails after `tries` short pauses."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    raise AssertionError("the app never reached the expected state")


async def drained(pilot: object, tries: int = 200) -> None:
    """Pause until neither the app nor any widget on its screen has a message waiting: what a
    burst of keys set off (each field change, and what it bubbles up to the app, such as the
    fit question a change asks) has all been handled. Fails after `tries` pauses."""
    app = pilot.app  # type: ignore[attr-defined]
    for _ in range(tries):
        await pilot.pause()  # type: ignore[attr-defined]
        pumps = [app, *app.screen.walk_children(with_self=True)]
        if all(pump.message_queue_size == 0 for pump in pumps):
            return
    raise AssertionError("the app never handled the messages waiting for it")


async def type_text(pilot: object, text: str, *then: str) -> None:
    """Type `text` into what has focus as a fast typist does, then press the keys `then`.

    Each character is its own key event, all sent at once, the way a terminal hands over a
    burst of typing: the app takes them in order and the wait comes once at the end, where
    Pilot's `press` waits for the app to go idle after every key (at least 40 ms each)."""
    app = pilot.app  # type: ignore[attr-defined]
    for char in text:
        key = events.Key(_character_to_key(char), char)
        key.set_sender(app)
        app.post_message(key)
    await drained(pilot)
    if then:
        await pilot.press(*then)  # type: ignore[attr-defined]


def drive(
    path: Path,
    script: Callable[[BackmapApp, object], Awaitable[None]],
    config: CheckConfig | None = None,
) -> BackmapApp:
    """Run the real app headless on the map at `path` and play `script` against it; leaving
    the block neither quits nor saves, as a crash would. `config` sets the day (`today`)."""
    app = BackmapApp(store.load(path), config)

    async def main() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await script(app, pilot)
            await pilot.pause()

    asyncio.run(main())
    return app
