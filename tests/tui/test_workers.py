"""Checks and exports run in workers on a copy of the map: an edit meanwhile cannot race them."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest
from tests.tui.screen import copy_map, drive

from backmap import edits
from backmap.model import Workspace
from backmap.tui import app as app_module

WAIT = 20.0  # seconds a worker may take to get going on a busy machine


class Held:
    """Stands in for a slow piece of work: says when it starts, runs when released, and notes
    the title the map gave the first outcome while it ran."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self.done = threading.Event()
        self.seen: list[str] = []

    def run(self, ws: Workspace, node_id: str) -> None:
        self.started.set()
        self.release.wait(WAIT)
        self.seen.append(ws.node(node_id).title)
        self.done.set()


async def _wait(event: threading.Event) -> None:
    assert await asyncio.to_thread(event.wait, WAIT)


def test_a_check_reads_the_map_as_it_was_when_it_began(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = Held()
    real_check = app_module.check
    path = copy_map(tmp_path)
    first = _first_outcome(path)

    def slow_check(ws: Workspace, config: Any) -> Any:
        if not held.started.is_set():
            held.run(ws, first)
        return real_check(ws, config)

    monkeypatch.setattr(app_module, "check", slow_check)

    async def script(app: app_module.BackmapApp, pilot: Any) -> None:
        await _wait(held.started)
        before = app.workspace.node(first).title
        app.apply(lambda: edits.change(app.workspace, first, title="Renamed meanwhile"))
        held.release.set()
        await _wait(held.done)
        assert held.seen == [before]  # the check saw the map as it was, whole
        await app.workers.wait_for_complete()
        await pilot.pause()

    drive(path, script)


def test_an_export_writes_the_map_as_it_was_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backmap.render import export

    held = Held()
    real_export = export.export
    path = copy_map(tmp_path)
    first = _first_outcome(path)
    target = tmp_path / "out.md"

    def slow_export(ws: Workspace, *args: Any, **kwargs: Any) -> bytes:
        held.run(ws, first)
        return real_export(ws, *args, **kwargs)

    monkeypatch.setattr(export, "export", slow_export)

    async def script(app: app_module.BackmapApp, pilot: Any) -> None:
        before = app.workspace.node(first).title
        await pilot.press("x")
        app.screen.query_one("#answer").value = str(target)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await _wait(held.started)
        app.apply(lambda: edits.change(app.workspace, first, title="Renamed meanwhile"))
        held.release.set()
        await _wait(held.done)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert held.seen == [before]
        assert before in target.read_text()
        assert "Renamed meanwhile" not in target.read_text()

    drive(path, script)


def _first_outcome(path: Path) -> str:
    from backmap import store
    from backmap.model import Kind

    ws = store.load(path)
    return next(n.id for n in ws.nodes() if n.kind is Kind.OUTCOME)
