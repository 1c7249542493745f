"""Unsaved work kept after every edit, offered back to its own workspace, never over disk edits."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tests.conftest import MAPS
from tests.store.harness import another_editor

from backmap import edits, store
from backmap.store.recovery import process_started
from backmap.tui.app import BackmapApp
from backmap.tui.widgets.map_tree import MapTree

from .screen import copy_map, drive, type_text, until

ORIGINAL = (MAPS / "ideal-group.yaml").read_text()
PULLED = "  - id: pulled\n    kind: goal\n    title: Pulled from git\n    supports: [happy]\n"


@pytest.fixture
def map_path(tmp_path: Path) -> Path:
    return copy_map(tmp_path)


async def settled(app: BackmapApp, pilot) -> None:
    """Let the recovery writer (a worker thread) finish what the last change asked of it."""
    await app.workers.wait_for_complete()
    await pilot.pause()


async def rename_top(app: BackmapApp, pilot, title: str = "Calm") -> None:
    app.query_one(MapTree).focus()
    await pilot.press("r", "ctrl+u")
    await type_text(pilot, title, "enter")
    assert app.workspace.node("happy").title == title


def question(app: BackmapApp) -> str:
    return str(app.screen.query_one(".question").content)


def crashed_with_title(path: Path, title: str) -> None:
    """What a session that renamed the first outcome left behind when it was killed."""
    ws = store.load(path)
    edits.History(ws).do(edits.change(ws, "happy", title=title))
    assert store.write_recovery(store.snapshot(ws)) == store.recovery_path(path)


def test_each_edit_is_kept_at_once_and_undoing_to_the_saved_state_forgets_it(
    map_path: Path,
) -> None:
    recovery = store.recovery_path(map_path)

    async def script(app, pilot) -> None:
        await rename_top(app, pilot)
        await settled(app, pilot)
        assert "title: Calm\\n" in recovery.read_text(encoding="utf-8")
        await pilot.press("ctrl+z")
        await settled(app, pilot)
        assert not recovery.exists()  # a later launch must not bring the undone change back
        await pilot.press("ctrl+q")  # nothing unsaved: leaves at once
        await pilot.pause()
        assert not app.is_running

    drive(map_path, script)
    assert not recovery.exists()
    assert map_path.read_text() == ORIGINAL


def test_restoring_over_a_file_changed_on_disk_asks_first(map_path: Path) -> None:
    crashed_with_title(map_path, "Calm")
    map_path.write_text(map_path.read_text() + PULLED)  # a git pull after the crash

    async def keep_disk(app, pilot) -> None:
        assert "found for ideal.yaml" in question(app)
        await pilot.press("r")
        assert "ideal.yaml changed on disk since then" in question(app)
        await pilot.press("escape")  # back: nothing decided yet
        assert "Restore it?" in question(app)
        await pilot.press("r", "k")
        await settled(app, pilot)
        assert "pulled" in app.workspace and app.workspace.node("happy").title != "Calm"
        assert not app.history.dirty

    drive(map_path, keep_disk)
    assert not store.recovery_path(map_path).exists()
    assert "Pulled from git" in map_path.read_text()

    crashed_with_title(map_path, "Calm")
    map_path.write_text(map_path.read_text().replace("Pulled from git", "Pulled again"))

    async def mine_over(app, pilot) -> None:
        await pilot.press("r", "o")
        assert app.workspace.node("happy").title == "Calm"
        assert app.history.dirty
        await pilot.press("ctrl+s")  # chosen knowingly: no second question
        await settled(app, pilot)

    drive(map_path, mine_over)
    assert "title: Calm\n" in map_path.read_text()
    assert not store.recovery_path(map_path).exists()


def test_the_work_belongs_to_its_workspace_however_it_is_opened(
    map_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other.yaml"
    shutil.copy(MAPS / "ideal-group.yaml", other)
    monkeypatch.chdir(tmp_path)

    async def crash(app, pilot) -> None:
        await rename_top(app, pilot)
        await settled(app, pilot)

    drive(Path("ideal.yaml"), crash)  # opened by a relative path

    async def nothing_offered(app, pilot) -> None:
        assert len(app.screen_stack) == 1, "another map's work was offered"

    drive(other, nothing_offered)
    assert store.recovery_path(map_path).exists()

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)

    async def restore(app, pilot) -> None:
        assert "found for ideal.yaml" in question(app)
        await pilot.press("r")
        assert app.workspace.node("happy").title == "Calm"
        await pilot.press("ctrl+s")
        await settled(app, pilot)

    drive(map_path, restore)  # the same map, by its absolute path
    assert "title: Calm\n" in map_path.read_text()
    assert not store.recovery_path(map_path).exists()


def test_the_writer_renders_again_only_what_changed_and_still_writes_the_truth(
    tmp_path: Path,
) -> None:
    shutil.copytree(MAPS / "org", tmp_path / "org")
    ws = store.load(tmp_path / "org")
    history = edits.History(ws)
    writer = store.RecoveryWriter()
    first, second = list(ws.files)[:2]
    node_a = ws.files[first].nodes[0].id
    node_b = ws.files[second].nodes[-1].id
    steps = [
        lambda: history.do(edits.change(ws, node_a, title="Changed once")),
        lambda: history.do(edits.rename(ws, node_b, "renamed-node")),
        history.undo,
        history.undo,
    ]
    for step in steps:
        step()
        kept = writer.write(store.snapshot(ws))
        # What a session's writer keeps is what saving would write now, file by file.
        expected = {str(path.resolve()): store.dumps(ws, path) for path in store.pending(ws)}
        assert (_texts(kept.read_text(encoding="utf-8")) if kept else {}) == expected
    assert not store.recovery_path(tmp_path / "org").exists()


def _texts(raw: str | None) -> dict[str, str]:
    assert raw is not None
    return {path: entry["text"] for path, entry in json.loads(raw)["files"].items()}


def test_a_recovery_file_that_cannot_be_written_is_said_once(map_path: Path) -> None:
    store.recovery_path(map_path).mkdir()  # in the way: writing the file there fails

    async def script(app, pilot) -> None:
        await rename_top(app, pilot, "Calm")
        await settled(app, pilot)
        await rename_top(app, pilot, "Calmer")
        await settled(app, pilot)
        said = [n.message for n in app._notifications if "Cannot keep unsaved work" in n.message]
        assert len(said) == 1
        assert app.is_running and app.workspace.node("happy").title == "Calmer"

    drive(map_path, script)


def test_saving_over_a_changed_file_names_it_and_a_read_only_one_is_no_overwrite_question(
    map_path: Path,
) -> None:
    async def script(app, pilot) -> None:
        await rename_top(app, pilot, "Mine")
        # A git pull that renamed the same node: the two edits meet, so saving asks.
        map_path.write_text(map_path.read_text().replace("Employees are happy", "Pulled"))
        app.watch_disk()  # now, not on its timer: the test knows which question is open
        await pilot.pause()
        await pilot.press("n")  # keep mine
        await pilot.press("ctrl+s")
        assert "ideal.yaml changed on disk" in question(app)
        assert "Overwrite it with your version?" in question(app)
        await pilot.press("n")
        map_path.chmod(0o444)
        try:
            await pilot.press("ctrl+s")
            await pilot.pause()
            # Overwriting would not help: the reason is shown, and no question offers it.
            assert not app.screen.query(".question")
            shown = [str(n.message) for n in app._notifications]
            assert any("read-only" in m for m in shown), shown
        finally:
            map_path.chmod(0o644)

    drive(map_path, script)


def test_a_second_editor_on_the_same_map_leaves_the_first_ones_work_alone(
    map_path: Path,
) -> None:
    crashed_with_title(map_path, "Theirs")
    recovery = store.recovery_path(map_path)

    async def script(app, pilot) -> None:
        assert not app.screen.query(".question")  # its work is not offered here
        shown = [str(n.message) for n in app._notifications]
        assert any(f"another backmap editor (pid {pid})" in m for m in shown), shown
        await rename_top(app, pilot, "Mine")
        await settled(app, pilot)
        await pilot.press("ctrl+z")
        await settled(app, pilot)

    with another_editor() as pid:
        data = json.loads(recovery.read_text())
        data["pid"], data["started"] = pid, process_started(pid)  # the first editor, still open
        recovery.write_text(json.dumps(data))
        theirs = recovery.read_bytes()
        drive(map_path, script)
    assert recovery.read_bytes() == theirs


def test_a_recovery_write_that_lands_after_a_save_offers_nothing_next_time(
    map_path: Path,
) -> None:
    # The writer thread took its snapshot before the save and wrote after it; then the editor
    # was killed before the next write could remove the file.
    ws = store.load(map_path)
    edits.History(ws).do(edits.change(ws, "happy", title="Calm"))
    late = store.snapshot(ws)
    store.save(ws)
    assert store.write_recovery(late) == store.recovery_path(map_path)

    async def script(app, pilot) -> None:
        assert not app.screen.query(".question")  # nothing unsaved: nothing to ask
        assert app.workspace.node("happy").title == "Calm"

    drive(map_path, script)
    assert not store.recovery_path(map_path).exists()


def test_quitting_says_when_the_unsaved_work_could_not_be_kept(map_path: Path) -> None:
    crashed_with_title(map_path, "Theirs")
    recovery = store.recovery_path(map_path)

    async def script(app, pilot) -> None:
        await rename_top(app, pilot, "Mine")
        await settled(app, pilot)
        await pilot.press("q")
        assert "unsaved changes" in question(app)
        assert "offered back" not in question(app)
        assert "quitting loses them" in question(app)
        await pilot.press("n")

    with another_editor() as pid:
        data = json.loads(recovery.read_text())
        data["pid"], data["started"] = (
            pid,
            process_started(pid),
        )  # the first editor, still open, keeps the recovery file
        recovery.write_text(json.dumps(data))
        drive(map_path, script)


def test_keys_typed_fast_after_an_answer_do_not_answer_twice(map_path: Path) -> None:
    # Typing on, as if the editor were already open, sends keys that reach the question while
    # it closes: only the first answer counts, and the editor keeps running.
    from textual import events

    from backmap.tui.screens.recovery import RestoreQuestion

    crashed_with_title(map_path, "Calm")

    async def type_on(app, pilot) -> None:
        assert isinstance(app.screen, RestoreQuestion)
        for key in "Draw":
            app.post_message(events.Key(key, key))
        await settled(app, pilot)
        assert not isinstance(app.screen, RestoreQuestion)
        assert app.workspace.node("happy").title != "Calm"  # "D" answered: discarded
        assert app.is_running

    drive(map_path, type_on)
    assert not store.recovery_path(map_path).exists()


def test_a_d_typed_by_habit_discards_nothing(map_path: Path) -> None:
    """`d` is the map's Delete key: on the restore question it must not throw the work away."""
    from textual import events

    from backmap.tui.screens.recovery import RestoreQuestion

    crashed_with_title(map_path, "Calm")

    async def press_d(app, pilot) -> None:
        assert isinstance(app.screen, RestoreQuestion)
        app.post_message(events.Key("d", "d"))
        await settled(app, pilot)
        assert isinstance(app.screen, RestoreQuestion)  # still asking
        await pilot.press("r")
        await settled(app, pilot)
        assert app.workspace.node("happy").title == "Calm"  # the kept work came back

    drive(map_path, press_d)


def test_a_restored_small_map_opens_in_full_as_it_would_from_its_file(tmp_path: Path) -> None:
    path = tmp_path / "backmap.yaml"
    path.write_text("backmap: 1\ntitle: New\nnodes: []\n", encoding="utf-8")
    ws = store.load(path)
    history = edits.History(ws)
    history.do(edits.add(ws, "outcome", "Safe"))
    history.do(edits.add(ws, "goal", "Fewer falls", supports=["safe"]))
    history.do(edits.add(ws, "initiative", "Bed alarms", supports=["fewer-falls"]))
    assert store.write_recovery(store.snapshot(ws)) == store.recovery_path(path)

    async def script(app, pilot) -> None:
        assert "3 nodes added" in question(app)
        await pilot.press("r")
        await pilot.pause()
        tree = app.query_one(MapTree)
        await until(pilot, lambda: tree.root.children and tree.root.children[0].is_expanded)
        goal = tree.root.children[0].children[0]
        assert goal.is_expanded and goal.children[0].data.node_id == "bed-alarms"

    drive(path, script)
