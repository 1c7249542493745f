"""Waiting in Pilot tests for what the editor does on its own timers (the first check)."""

from __future__ import annotations

from backmap.tui.app import BackmapApp

STEP = 0.05
PATIENCE = 400
"""Steps before giving up: 20 s, far above the first check's delay on any machine."""


async def checked(app: BackmapApp, pilot) -> None:
    """Return once the editor has shown a check result; fail if it never does.

    The first check starts on a timer after first paint, so waiting for running workers alone
    can return before it has begun."""
    for _ in range(PATIENCE):
        await app.workers.wait_for_complete()
        if app.result is not None:
            await pilot.pause()
            return
        await pilot.pause(STEP)
    raise AssertionError("the editor never showed a check result")
