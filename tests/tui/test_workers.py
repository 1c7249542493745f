"""Checks and exports run in workers on a copy of the map: an edit meanwhile cannot race them."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from pathlib import Path
from typing import Any

import pytest
from tests.tui.screen import copy_map, drive
from textual.worker import WorkerCancelled

from backmap import edits
from backmap.model import Workspace
from backmap.tui import app as app_module
from backmap.tui import checking

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


async def _finished(app: app_module.BackmapApp) -> None:
    """Wait for every worker; a check that a newer one replaced (the edit's) was cancelled."""
    for worker in list(app.workers):
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()


def test_a_check_reads_the_map_as_it_was_when_it_began(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = Held()
    real_check = checking.check
    path = copy_map(tmp_path)
    first = _first_outcome(path)

    def slow_check(ws: Workspace, config: Any) -> Any:
        if not held.started.is_set():
            held.run(ws, first)
        return real_check(ws, config)

    monkeypatch.setattr(checking, "check", slow_check)

    async def script(app: app_module.BackmapApp, pilot: Any) -> None:
        await _wait(held.started)
        before = app.workspace.node(first).title
        app.apply(lambda: edits.change(app.workspace, first, title="Renamed meanwhile"))
        held.release.set()
        await _wait(held.done)
        assert held.seen == [before]  # the check saw the map as it was, whole
        await _finished(app)
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


def test_comments_are_found_off_the_ui_thread_once_the_editor_is_idle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving needs the comments around each node, which take a slow walk of the file: on a
    big map that walk is done in a worker after the first check, not by the first save (nor
    the first edit's recovery write); it keeps nothing on disk."""
    from backmap import store
    from backmap.store import trivia

    from .waiting import checked

    path = copy_map(tmp_path)
    path.write_text(path.read_text().replace("nodes:", "nodes:   # spaced out", 1))
    walks: list[bool] = []
    real = trivia.comments_of

    def noted(*args: Any, **kwargs: Any) -> Any:
        walks.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(trivia, "comments_of", noted)

    async def script(app: app_module.BackmapApp, pilot: Any) -> None:
        await checked(app, pilot)
        await app.workers.wait_for_complete()
        assert walks == [False]  # found once, in a worker, before any save
        assert not store.recovery_path(path).exists()
        first = _first_outcome(path)
        app.apply(lambda: edits.change(app.workspace, first, title="Saved with its comments"))
        await pilot.press("ctrl+s")
        assert walks == [False]  # the save used what the worker found

    drive(path, script)
    assert "nodes:   # spaced out" in path.read_text()
    assert "Saved with its comments" in path.read_text()
