"""How `backmap edit` starts: what it loads stays out of the cycle collector's passes."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from backmap import store
from backmap.cli import main
from backmap.tui.app import BackmapApp
from backmap.tui.checking import Checking
from backmap.tui.widgets.details import Details

from .screen import copy_map, drive
from .waiting import checked


def test_the_map_is_frozen_out_of_the_collector_before_the_editor_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loading runs with the collector off and the editor runs with it on, the map frozen
    out of its sight: no pass walks the map on the way to the first screen."""
    path = copy_map(tmp_path)
    seen: dict[str, object] = {}
    load = store.load

    def loading(*args: object, **kwargs: object) -> object:
        seen["collecting while loading"] = gc.isenabled()
        return load(*args, **kwargs)  # type: ignore[arg-type]

    def run(app: BackmapApp, **options: object) -> None:
        seen["collecting while running"] = gc.isenabled()
        collected = {id(obj) for obj in gc.get_objects()}  # frozen objects are not listed
        nodes = list(app.workspace.nodes())
        seen["map frozen"] = bool(nodes) and not any(id(node) in collected for node in nodes)

    monkeypatch.setattr(store, "load", loading)
    monkeypatch.setattr(BackmapApp, "run", run)
    assert gc.get_freeze_count() == 0
    try:
        assert main(["-m", str(path), "edit"]) == 0
    finally:
        gc.unfreeze()  # give this test process its collector back
    assert seen == {
        "collecting while loading": False,
        "collecting while running": True,
        "map frozen": True,
    }


def test_the_first_check_waits_for_the_whole_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check, which competes with drawing, starts once the form is complete (even with almost
    no delay at all and a form built a field at a time), never in the middle of it."""
    monkeypatch.setattr(Checking, "FIRST_DELAY", 0.001)
    monkeypatch.setattr(Details, "IN_SIGHT", 2)
    form_at_check: list[bool] = []
    start = Checking.start

    def starting(checking: Checking) -> None:
        details = checking.app.details
        form_at_check.append(not details._pending and "links" in details._boxes)
        start(checking)

    monkeypatch.setattr(Checking, "start", starting)

    async def script(app: BackmapApp, pilot: object) -> None:
        await checked(app, pilot)

    drive(copy_map(tmp_path), script)
    assert form_at_check == [True]
