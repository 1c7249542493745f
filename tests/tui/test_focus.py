"""Focus items in the editor: ◎ on the tree's lines in the periods holding the day, and whose
focus it is in the details pane."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from tests.conftest import MAPS

from backmap.checks import CheckConfig
from backmap.tui.widgets.map_tree import MapTree

from .screen import drive, screen_text
from .test_app import goto

IN_Q4 = CheckConfig(today=date(2026, 11, 22))
IN_Q1 = CheckConfig(today=date(2027, 2, 10))


@pytest.fixture
def org(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MAPS / "org", tmp_path / "org"))


def line_text(tree: MapTree, node_id: str) -> str:
    line = tree.cursor_node
    assert line is not None and line.data is not None and line.data.node_id == node_id
    return line.label.plain


def test_focus_items_of_this_period_are_marked_and_say_whose(org: Path) -> None:
    async def script(app, pilot) -> None:
        tree = app.query_one(MapTree)
        await goto(app, pilot, "eta-live-traffic")  # mateo's, 2026-Q4
        assert "◎" in line_text(tree, "eta-live-traffic")
        assert "◎ focus of mateo, 2026-Q4" in screen_text(app)
        # sofia's item of the next quarter is not in focus yet.
        await goto(app, pilot, "accurate-demand-forecast")
        assert "◎" not in line_text(tree, "accurate-demand-forecast")
        assert "focus of" not in screen_text(app)
        # A field edit redraws the line in place: the mark stays.
        await goto(app, pilot, "eta-live-traffic")
        app.query_one("#field-sub-owner").focus()  # (progress here records a check-in)
        await pilot.press("ctrl+u", "enter")
        assert app.workspace.node("eta-live-traffic").sub_owner is None
        assert "◎" in line_text(tree, "eta-live-traffic")

    drive(org, script, IN_Q4)


def test_a_team_focus_and_the_next_period_on_its_day(org: Path) -> None:
    async def script(app, pilot) -> None:
        tree = app.query_one(MapTree)
        await goto(app, pilot, "single-orchestrator")
        assert "◎" in line_text(tree, "single-orchestrator")
        assert "◎ focus of team platform, 2027-Q1" in screen_text(app)
        await goto(app, pilot, "eta-live-traffic")  # last quarter's
        assert "◎" not in line_text(tree, "eta-live-traffic")

    drive(org, script, IN_Q1)
