"""The editor's filter (F, the palette, Escape clears) and its people panel (w)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from tests.conftest import MAPS

from backmap.filters import Filter, select
from backmap.model import Status
from backmap.people.load import loads
from backmap.tui.widgets.map_tree import MapTree
from backmap.tui.widgets.people_panel import PeoplePanel

from .screen import copy_map, drive, screen_text, type_text, until
from .test_app import goto


@pytest.fixture
def ideal_map(tmp_path: Path) -> Path:
    return copy_map(tmp_path)


@pytest.fixture
def org(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MAPS / "org", tmp_path / "org"))


def lines(tree: MapTree) -> list[tuple[str, bool]]:
    """Every line the tree has built: its node, and whether it is drawn dim (context)."""
    found, todo = [], list(tree.root.children)
    while todo:
        line = todo.pop(0)
        whole = [(s.start, s.end, s.style) for s in line.label.spans]
        found.append((line.data.node_id, (0, len(line.label), "dim") in whole))
        todo.extend(line.children)
    return found


def test_a_status_filter_shows_matches_and_the_way_up_dim_until_escape(ideal_map: Path) -> None:
    async def script(app, pilot) -> None:
        tree = app.query_one(MapTree)
        await pilot.press("F", "down", "enter")  # owner, status (no people file: no team)
        await pilot.press("down", "down", "down", "enter")  # idea, planned, active, done
        assert app.map_filter == Filter(statuses=(Status.DONE,))
        wanted = select(app.workspace, app.map_filter)
        shown = lines(tree)
        assert {node for node, _ in shown} == wanted.matches | wanted.context
        assert all(dim == (node in wanted.context) for node, dim in shown)
        assert "filter: status done · 2 matches · Esc clears" in screen_text(app)
        # An edit under the filter is judged again: an item no longer done leaves the view.
        gone = sorted(wanted.matches)[0]
        await goto(app, pilot, gone)
        # The form shows the item first: a value set before would go to the one before it.
        title = app.workspace.node(gone).title
        await until(pilot, lambda: app.query_one("#field-title").value == title)
        app.query_one("#field-status").value = "active"
        # The change, the edit and the filter judged again take a few turns of the loop.
        await until(pilot, lambda: gone not in {node for node, _ in lines(tree)})
        assert "1 match ·" in screen_text(app)
        tree.focus()
        await pilot.press("escape")
        assert not app.map_filter
        assert "filter:" not in screen_text(app)
        assert len(tree.root.children) == 3  # every outcome again

    drive(ideal_map, script)


def test_the_palette_filters_by_team_through_the_people_file(org: Path) -> None:
    async def script(app, pilot) -> None:
        await pilot.press("ctrl+p")
        await type_text(pilot, "by team", "enter")
        await pilot.press("enter")  # the first team of the people file: leadership
        assert app.map_filter == Filter(teams=("leadership",))
        leaders = {p.id for p in app.workspace.people.people if p.team == "leadership"}
        matches = select(app.workspace, app.map_filter).matches
        assert matches
        for node_id in matches:
            node = app.workspace.node(node_id)
            assert {node.owner, node.sub_owner} & leaders
        assert "filter: team leadership" in screen_text(app)

    drive(org, script)


def test_the_people_panel_counts_as_backmap_people_and_a_row_filters(org: Path) -> None:
    async def script(app, pilot) -> None:
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.query_one(PeoplePanel)
        expected = loads(app.workspace, date.today())
        assert table.row_count == len(expected.people)
        sofia = next(r for r in expected.people if r.key == "sofia")
        numbers = [sofia.owned, sofia.sub_owned, sofia.open, sofia.overdue, sofia.at_risk]
        assert table.get_row("sofia") == ["sofia", *(str(len(n)) for n in numbers), "data-ml"]
        await pilot.press("down", "down", "down", "down", "enter")  # the fifth row: sofia
        assert app.map_filter == Filter(owners=("sofia",))
        assert app.focused is app.query_one(MapTree)
        shown = {node for node, dim in lines(app.query_one(MapTree)) if not dim}
        assert shown == set(sofia.owned) | set(sofia.sub_owned)

    drive(org, script)


def test_find_and_next_match_keep_to_what_the_filter_shows(org: Path) -> None:
    async def script(app, pilot) -> None:
        tree = app.query_one(MapTree)
        app.map_filter = Filter(owners=("chloe",))
        await pilot.pause()
        # promo-feed (amara's) says "forecast" too, but the filter hides it.
        assert "promo-feed" not in {node for node, _ in lines(tree)}
        await pilot.press("slash")
        await type_text(pilot, "promo-feed")
        await pilot.pause()
        assert "No match for “promo-feed”" in screen_text(app)
        await pilot.press("ctrl+u")
        await type_text(pilot, "forecast", "enter")
        await pilot.pause()
        assert tree.current_id() == "accurate-demand-forecast"  # shown dim: the way up
        seen = []
        for _ in range(5):
            await pilot.press("n")
            await pilot.pause()
            seen.append(tree.current_id())
        assert seen == [
            "fresh-produce-forecast",
            "forecast-knows-calendar",
            "weather-features",
            "hierarchical-forecast",  # over promo-feed
            "accurate-demand-forecast",  # wrapped round
        ]
        await goto(app, pilot, "hierarchical-forecast")
        await pilot.press("N")
        await pilot.pause()
        assert tree.current_id() == "weather-features"
        # Nothing shown matches: said so, and the cursor stays.
        tree.find("promo-feed")
        await pilot.press("n")
        await pilot.pause()
        assert tree.current_id() == "weather-features"
        said = [n.message for n in app._notifications]
        assert any("No match for “promo-feed” in the filtered map" in m for m in said), said

    drive(org, script)


def test_clearing_a_filter_opens_the_map_as_it_was_before(ideal_map: Path) -> None:
    def opened(tree: MapTree) -> set[str]:
        found, todo = set(), list(tree.root.children)
        while todo:
            line = todo.pop(0)
            if line.is_expanded:
                found.add(line.data.node_id)
                todo.extend(line.children)
        return found

    async def script(app, pilot) -> None:
        tree = app.query_one(MapTree)
        tree.focus()
        await pilot.press("plus")  # every line open
        await pilot.pause()
        before = opened(tree)
        await pilot.press("F", "down", "enter")
        await pilot.press("down", "down", "down", "enter")  # status done
        assert app.map_filter
        tree.focus()
        await pilot.press("escape")
        await pilot.pause()
        assert opened(tree) == before

    drive(ideal_map, script)


def test_escape_leaves_the_people_panel_for_the_map(org: Path) -> None:
    async def script(app, pilot) -> None:
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen.focused, PeoplePanel)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen.focused, MapTree)
        assert "focus: map" in screen_text(app)

    drive(org, script)
