"""The question a fourth focus item asks: its notes come after the answer, for what is kept;
its wording says what to type; Ctrl-C says it cancelled."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_interrupt import _interrupt_after
from tests.conftest import run_cli
from tests.people.test_focus import _workspace


def _three(tmp_path: Path) -> tuple[str, ...]:
    _workspace(tmp_path)
    maya = ("focus", "2026-Q4", "--owner", "maya")
    assert run_cli(*maya, "hours", "blocks", "quiet", cwd=tmp_path).code == 0
    return maya


def test_a_note_on_an_item_comes_only_once_it_is_kept(tmp_path: Path) -> None:
    maya = _three(tmp_path)
    # `notes` is owned by dana: the note says so once it is added, not before the question.
    run = run_cli(*maya, "notes", cwd=tmp_path, input="blocks\n", terminal=True)
    assert run.code == 0, run.err
    asked = run.err.index("Which one to drop?")
    noted = run.err.index("`notes` is owned by `dana`")
    assert asked < noted
    assert "(type its id, or press Enter to change nothing)" in run.err
    run = run_cli(*maya, "fridays", cwd=tmp_path, input="fridays\n", terminal=True)
    assert run.code == 0, run.err
    assert "`fridays` is owned" not in run.err  # dropped again at once: nothing to note


def test_ctrl_c_at_which_one_to_drop_says_it_cancelled(tmp_path: Path) -> None:
    _three(tmp_path)
    before = (tmp_path / "focus.yaml").read_bytes()
    args = ["focus", "2026-Q4", "--owner", "maya", "notes", "--map", str(tmp_path)]
    code, _, err = _interrupt_after(args, [], b"nothing) ")
    assert code == 130, err
    assert err.endswith(b"\ncancelled; nothing changed\n"), err
    assert (tmp_path / "focus.yaml").read_bytes() == before
