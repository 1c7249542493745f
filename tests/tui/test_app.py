"""The editor driven by Pilot: every action checked on the workspace and on the file on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import MAPS

from backmap import store
from backmap.tui.app import BackmapApp
from backmap.tui.widgets.fit_panel import FitPanel
from backmap.tui.widgets.map_tree import MapTree

from .screen import copy_map, drive, type_text, until
from .waiting import checked


@pytest.fixture
def map_path(tmp_path: Path) -> Path:
    return copy_map(tmp_path)


async def goto(app: BackmapApp, pilot, node_id: str) -> None:
    assert app.query_one(MapTree).reveal(node_id)
    await pilot.pause()


def test_opens_with_outcomes_and_details_and_a_refused_edit_changes_nothing(
    map_path: Path,
) -> None:
    async def script(app, pilot) -> None:
        tree = app.query_one(MapTree)
        assert [c.data.node_id for c in tree.root.children][:3] == [
            "happy",
            "full-potential",
            "business-impact",
        ]
        heading = app.query_one("#heading")
        await until(pilot, lambda: heading.content != "Nothing selected")
        assert heading.content == "outcome · happy"  # cursor starts on top
        await pilot.press("down")  # the tree opens at the goal level
        await until(pilot, lambda: heading.content != "outcome · happy")
        assert heading.content == "goal · less-stress"  # details follow
        # A refused edit is reported and changes nothing.
        await goto(app, pilot, "off-hours")
        await pilot.press("a")  # nothing can support an initiative
        assert app.screen is app.screen_stack[0]
        assert not app.history.dirty

    drive(map_path, script)
    assert map_path.read_text() == (MAPS / "ideal-group.yaml").read_text()


def test_add_child_then_save_writes_the_file(map_path: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "less-stress")
        await pilot.press("a")
        await type_text(pilot, "Quiet hours", "enter")
        assert app.workspace.node("quiet-hours").supports == ["less-stress"]
        assert app.workspace.node("quiet-hours").kind.value == "initiative"
        assert app.history.dirty and app.title.startswith("● ")
        await pilot.press("ctrl+s")
        assert not app.history.dirty

    drive(map_path, script)
    saved = store.load(map_path)
    assert saved.node("quiet-hours").supports == ["less-stress"]


def test_rename_undo_redo(map_path: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        await pilot.press("r", "ctrl+u")
        await type_text(pilot, "Quiet evenings", "enter")
        assert app.workspace.node("off-hours").title == "Quiet evenings"
        await pilot.press("ctrl+z")
        assert app.workspace.node("off-hours").title == "Respect off-hours"
        assert not app.history.dirty
        await pilot.press("ctrl+y")
        assert app.workspace.node("off-hours").title == "Quiet evenings"
        await pilot.press("ctrl+s")

    drive(map_path, script)
    assert "title: Quiet evenings" in map_path.read_text()


def test_delete_asks_and_says_what_is_orphaned(map_path: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "leadership-paths")
        await pilot.press("d")
        question = app.screen.query_one(".question").content
        assert "Promote project leads to team leads" in str(question)
        await pilot.press("n")
        assert "leadership-paths" in app.workspace
        await pilot.press("d", "y")
        assert "leadership-paths" not in app.workspace
        assert app.workspace.node("promote-leads").supports == []
        await pilot.press("ctrl+s")

    drive(map_path, script)
    assert "leadership-paths" not in map_path.read_text()


def test_link_with_picker_and_unlink(map_path: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "reading-group")
        before = list(app.workspace.node("reading-group").supports)
        assert "focus" not in before
        await pilot.press("p")
        await type_text(pilot, "focus on what", "enter")
        assert app.workspace.node("reading-group").supports == [*before, "focus"]
        await pilot.press("P")  # unlink from the parent the cursor line sits under
        after = app.workspace.node("reading-group").supports
        assert len(after) == len(before)

    drive(map_path, script)


def test_edit_field_in_details(map_path: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        app.query_one("#field-owner").focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "maya", "enter")
        assert app.workspace.node("off-hours").owner == "maya"
        app.query_one("#field-progress").focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "140", "enter")  # refused by validation
        assert app.workspace.node("off-hours").progress == 40
        await pilot.press("ctrl+s")

    drive(map_path, script)
    assert "    owner: maya\n" in map_path.read_text()


def test_quit_with_unsaved_changes_asks(map_path: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        await pilot.press("r", "ctrl+u", *"X", "enter", "q")
        assert "unsaved changes" in str(app.screen.query_one(".question").content)
        await pilot.press("n")
        assert app.is_running

    drive(map_path, script)
    assert map_path.read_text() == (MAPS / "ideal-group.yaml").read_text()


def test_findings_tab_lists_check_results(tmp_path: Path) -> None:
    shutil.copytree(MAPS / "org", tmp_path / "org")

    async def script(app, pilot) -> None:
        await checked(app, pilot)
        findings = app.query_one("#findings")
        texts = [str(findings.get_option_at_index(i).prompt) for i in range(findings.option_count)]
        assert any("smart-markdowns" in t for t in texts)
        assert "coverage" in app.sub_title

    drive(tmp_path / "org", script)


def test_recovery_file_restores_work_after_a_crash(map_path: Path) -> None:
    async def crash(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        await pilot.press("r", "ctrl+u")
        await type_text(pilot, "Quiet evenings", "enter")
        await app.workers.wait_for_complete()  # the recovery file is written off the UI thread
        assert store.recovery_path(map_path).exists()

    crashed = drive(map_path, crash)
    crashed.history = type(crashed.history)(crashed.workspace)  # the crash: nothing saved
    assert "Quiet evenings" not in map_path.read_text()

    async def restore(app, pilot) -> None:
        asked = str(app.screen.query_one(".question").content)
        assert "Restore it?" in asked
        assert ": 1 node changed (off-hours)." in asked, asked  # what a restore brings back
        await pilot.press("r")
        assert app.workspace.node("off-hours").title == "Quiet evenings"
        assert app.history.dirty
        await pilot.press("ctrl+s")

    drive(map_path, restore)
    assert "title: Quiet evenings" in map_path.read_text()
    assert not store.recovery_path(map_path).exists()


def test_file_changed_on_disk_offers_reload(map_path: Path) -> None:
    async def script(app, pilot) -> None:
        text = map_path.read_text().replace("title: Respect off-hours", "title: Pulled title")
        map_path.write_text(text)  # a git pull while the editor is open
        app.watch_disk()
        await pilot.pause()
        assert "changed on disk" in str(app.screen.query_one(".question").content)
        await pilot.press("y")
        assert app.workspace.node("off-hours").title == "Pulled title"

    drive(map_path, script)


def test_a_file_changed_on_disk_that_does_not_load_is_said_and_no_reload_offered(
    map_path: Path,
) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        await pilot.press("r", "ctrl+u")
        await type_text(pilot, "Quiet evenings", "enter")
        text = map_path.read_text()
        map_path.write_text(text.replace("nodes:\n", "nodes:\n<<<<<<< HEAD\n", 1))
        app.watch_disk()
        await pilot.pause()
        assert len(app.screen_stack) == 1  # no question whose one answer would fail
        said = [n.message for n in app._notifications]
        assert any("does not load now" in m and "merge conflict" in m for m in said), said
        assert app.workspace.node("off-hours").title == "Quiet evenings"
        # Fixed, with a change of its own: now a reload can be offered.
        map_path.write_text(text.replace("title: Reduce stress", "title: Less stress"))
        app.watch_disk()
        await pilot.pause()
        assert "changed on disk" in str(app.screen.query_one(".question").content)

    drive(map_path, script)


def test_keep_mine_then_save_asks_before_overwriting(map_path: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        await pilot.press("r", "ctrl+u")
        await type_text(pilot, "Mine", "enter")
        # The same node changed on disk: the two edits meet, so saving asks.
        map_path.write_text(map_path.read_text().replace("Respect off-hours", "Theirs"))
        app.watch_disk()
        await pilot.pause()
        await pilot.press("n")  # keep mine
        await pilot.press("ctrl+s")
        asked = str(app.screen.query_one(".question").content)
        assert "drops these changes made on disk: `off-hours` title Theirs." in asked
        assert "Overwrite it with your version?" in asked
        await pilot.press("y")

    drive(map_path, script)
    text = map_path.read_text()
    assert "title: Mine" in text and "Theirs" not in text


def test_fit_tab_ranks_as_you_type_and_attaches(map_path: Path) -> None:
    async def script(app, pilot) -> None:
        await pilot.press("f")
        await type_text(pilot, "late messages next morning")
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.query_one("#fit-results")
        first = results.get_option_at_index(results.highlighted)
        assert first.id in ("protect-time-off", "less-stress")
        # A strength in words, not a raw score, leads each line.
        assert str(first.prompt).split()[0] in ("strong", "plausible"), first.prompt
        await pilot.press("enter")
        new = app.workspace.node("late-messages-next-morning")
        assert new.supports == [first.id] and new.kind.value == "initiative"
        assert app.query_one("#fit-input").value == ""  # cleared for the next idea
        # The same idea again: it is in the map now, so no twin is added.
        count = len(list(app.workspace.nodes()))
        app.query_one("#fit-input").focus()
        app.query_one("#fit-input").value = "late messages next morning"
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert len(list(app.workspace.nodes())) == count
        said = [n.message for n in app._notifications]
        assert any("[late-messages-next-morning] is already in the map" in m for m in said), said
        assert app.query_one(MapTree).current_id() == "late-messages-next-morning"
        assert "late-messages-next-morning-2" not in app.workspace
        await pilot.press("ctrl+s")

    drive(map_path, script)
    text = map_path.read_text()
    assert "id: late-messages-next-morning" in text
    assert "late-messages-next-morning-2" not in text


def test_fit_index_follows_edits_and_undo_without_a_rebuild(map_path: Path) -> None:
    from backmap import edits

    async def ask(app, pilot, text: str) -> list[str]:
        app.query_one(FitPanel).post_message(FitPanel.Asked(text))  # what a keystroke sends
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        return [pid for pid, _ in app.fit_live.index.rank(text)]

    async def script(app, pilot) -> None:
        await pilot.press("f")
        query = "a weekly sauna for the whole team"
        await ask(app, pilot, query)
        index = app.fit_live.index
        assert "sauna-on-fridays" not in index.items
        app.apply(lambda: edits.add(app.workspace, "goal", "Sauna on Fridays", supports=["happy"]))
        ranked = await ask(app, pilot, query)
        assert app.fit_live.index is index  # updated in place, not built again
        assert ranked[0] == "sauna-on-fridays"
        await pilot.press("escape")
        await pilot.press("ctrl+z")
        ranked = await ask(app, pilot, query)
        assert app.fit_live.index is index
        assert "sauna-on-fridays" not in ranked and "sauna-on-fridays" not in index.items

    drive(map_path, script)


def test_fit_tab_says_it_is_reading_the_map_on_the_first_question(map_path: Path) -> None:
    import threading

    from backmap.fit import FitIndex, LiveIndex

    release = threading.Event()

    def slow(items):
        release.wait(10)  # a big map being encoded for the first time
        return FitIndex.build(items)

    async def script(app, pilot) -> None:
        app.fit_live = LiveIndex(build=slow)
        await pilot.press("f")
        await type_text(pilot, "mentor")
        await pilot.pause()
        results = app.query_one("#fit-results")
        assert str(results.get_option_at_index(0).prompt) == "Reading the map…"
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert results.get_option_at_index(results.highlighted).id is not None

    drive(map_path, script)


def test_export_dialog_writes_an_svg(map_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.svg"

    async def script(app, pilot) -> None:
        await pilot.press("x", "ctrl+u")
        await type_text(pilot, str(target), "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()

    drive(map_path, script)
    assert target.read_bytes().startswith(b"<?xml") or b"<svg" in target.read_bytes()[:400]


def test_export_dialog_offers_every_format_and_enter_takes_the_default(map_path: Path) -> None:
    async def script(app, pilot) -> None:
        await pilot.press("x")
        asked = str(app.screen.query_one(".question").content)
        assert all(f".{kind} " in f"{asked[:-1]} " for kind in ("svg", "pdf", "html", "csv"))
        await pilot.press("enter")  # the name shown, as it is
        await app.workers.wait_for_complete()
        await pilot.pause()

    drive(map_path, script)
    assert (map_path.parent / f"{map_path.stem}.svg").exists()


def test_edit_metric_fields(map_path: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "offline-vacations")
        app.query_one("#field-metric--name").focus()
        await type_text(pilot, "days fully offline", "enter")
        app.query_one("#field-metric--unit").focus()
        await pilot.press("ctrl+u")
        await type_text(pilot, "days", "enter")
        app.query_one("#field-metric--baseline").focus()
        await pilot.press("ctrl+u", *"3", "enter")
        metric = app.workspace.node("offline-vacations").metric
        assert metric is not None
        assert (metric.name, metric.unit, metric.baseline) == ("days fully offline", "days", 3)
        await pilot.press("ctrl+s")

    drive(map_path, script)
    assert "      unit: days\n" in map_path.read_text()


@pytest.mark.parametrize(
    "name",
    ["cycle.yaml", "self-support.yaml", "unknown-link.yaml", "goal-supports-initiative.yaml"],
)
def test_broken_maps_open_with_their_problems_listed(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    shutil.copy(Path(__file__).parents[1] / "data" / "graph" / name, path)

    async def script(app, pilot) -> None:
        await checked(app, pilot)
        findings = app.query_one("#findings")
        texts = [str(findings.get_option_at_index(i).prompt) for i in range(findings.option_count)]
        assert any("error" in t for t in texts), texts
        await pilot.press("l", "down", "l")  # moving around a broken map never crashes

    drive(path, script)


def test_enter_on_a_line_edits_it(map_path: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        await pilot.press("enter")
        assert app.focused is app.query_one("#field-title")
        await pilot.press("ctrl+u")
        await type_text(pilot, "Quiet evenings", "enter")
        assert app.workspace.node("off-hours").title == "Quiet evenings"

    drive(map_path, script)


def test_add_sibling_change_id_move_and_find(map_path: Path) -> None:
    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        await pilot.press("A")
        await type_text(pilot, "Quiet Fridays", "enter")  # a sibling under the same parent
        sibling = app.workspace.node("quiet-fridays")
        assert sibling.kind.value == "initiative" and sibling.supports == ["protect-time-off"]
        await goto(app, pilot, "quiet-fridays")
        await pilot.press("R", "ctrl+u")
        await type_text(pilot, "fridays-off", "enter")  # change the id
        assert "fridays-off" in app.workspace and "quiet-fridays" not in app.workspace
        await goto(app, pilot, "fridays-off")
        await pilot.press("m")
        await type_text(pilot, "focus on what", "enter")  # move under another goal
        assert app.workspace.node("fridays-off").supports == ["focus"]
        await pilot.press("slash")
        await type_text(pilot, "runbook", "enter")  # find
        await pilot.pause()
        assert app.query_one(MapTree).current_id() == "model-runbooks"
        await pilot.press("c")  # check again on demand
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+s")

    drive(map_path, script)
    saved = store.load(map_path)
    assert saved.node("fridays-off").supports == ["focus"]


def test_a_reload_question_that_pops_up_mid_typing_drops_nothing_on_a_stray_y(
    map_path: Path,
) -> None:
    # The disk check asks on its own timer, so the question can appear while the user types:
    # with unsaved work, a plain letter must not answer "reload and drop my changes".
    async def script(app, pilot) -> None:
        await goto(app, pilot, "off-hours")
        await pilot.press("r", "ctrl+u")
        await type_text(pilot, "Mine", "enter")
        map_path.write_text(map_path.read_text().replace("Reduce stress", "Theirs"))
        app.watch_disk()
        await pilot.pause()
        await pilot.press("m", "y", "space", "d", "a", "y")
        assert app.workspace.node("off-hours").title == "Mine"
        assert "changed on disk" in str(app.screen.query_one(".question").content)
        await pilot.press("ctrl+r")  # the deliberate answer still reloads
        assert app.workspace.node("off-hours").title != "Mine"
        assert "Theirs" in app.workspace.node("less-stress").title

    drive(map_path, script)


def test_the_header_shows_the_workspace_title(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    shutil.copytree(MAPS / "org", folder)

    async def script(app, pilot) -> None:
        assert app.title == "Greenbasket plan for 2027"

    drive(folder, script)


def test_an_empty_map_says_how_to_start_it(tmp_path: Path) -> None:
    path = tmp_path / "backmap.yaml"
    path.write_text("backmap: 1\ntitle: New\nnodes: []\n", encoding="utf-8")

    async def script(app, pilot) -> None:
        assert app.query_one("#heading").content == "Empty map: press a to add an outcome"
        await pilot.press("a")
        await type_text(pilot, "Patients are safe", "enter")
        assert str(app.query_one("#heading").content) == "outcome · patients-are-safe"

    drive(path, script)
