"""The focus file follows the map: rename and rm change it in the same save, check names
entries for people or teams the people file does not list, and focus/debrief say when a
choice looks wrong."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli
from tests.people.test_focus import _workspace

FOCUS = """\
# picked in the planning meeting
2026-Q4:
  people:
    maya:
      focus: [hours, blocks]   # hours first
      lessons:
        - text: Start small
          nodes: [blocks, hours]
  teams:
    platform: {focus: [hours]}
"""


def test_rename_changes_the_focus_file_in_the_same_save(tmp_path: Path) -> None:
    _workspace(tmp_path, FOCUS)
    journal = {"BACKMAP_STATE_DIR": str(tmp_path / "state")}
    run = run_cli("rename", "hours", "quiet-hours", cwd=tmp_path, env=journal)
    assert run.code == 0, run.err
    assert "focus.yaml" in run.err
    assert (tmp_path / "focus.yaml").read_text(encoding="utf-8") == FOCUS.replace(
        "hours", "quiet-hours"
    ).replace("# quiet-hours first", "# hours first")
    assert "BM712" not in run_cli("check", cwd=tmp_path).out
    run = run_cli("undo", cwd=tmp_path, env=journal)
    assert run.code == 0, run.err
    assert (tmp_path / "focus.yaml").read_text(encoding="utf-8") == FOCUS


def test_rm_takes_the_id_out_of_focus_items_and_lessons(tmp_path: Path) -> None:
    _workspace(tmp_path, FOCUS)
    run = run_cli("rm", "hours", "--dry-run", cwd=tmp_path)
    assert "  and be taken out of focus.yaml: the focus of maya for 2026-Q4, " in run.out
    assert (tmp_path / "focus.yaml").read_text(encoding="utf-8") == FOCUS
    run = run_cli("rm", "hours", "--yes", cwd=tmp_path)
    assert run.code == 0, run.err
    assert (
        "took `hours` out of focus.yaml: the focus of maya for 2026-Q4, a lesson of maya for "
        "2026-Q4, the focus of team platform for 2026-Q4" in run.err
    )
    text = (tmp_path / "focus.yaml").read_text(encoding="utf-8")
    assert "hours" not in text.replace("# hours first", "")
    assert "      focus: [blocks]  # hours first\n" in text
    assert "          nodes: [blocks]\n" in text
    assert "    platform: {}\n" in text
    assert "BM712" not in run_cli("check", cwd=tmp_path).out


def test_rename_that_is_refused_leaves_the_focus_file(tmp_path: Path) -> None:
    _workspace(tmp_path, FOCUS)
    run = run_cli("rename", "hours", "blocks", cwd=tmp_path)
    assert run.code == 2
    assert (tmp_path / "focus.yaml").read_text(encoding="utf-8") == FOCUS


def test_bm713_names_entries_for_unknown_people_and_teams(tmp_path: Path) -> None:
    focus = "2026-Q4:\n  people:\n    mya:\n      focus: [hours]\n  teams:\n    platfrom: {}\n"
    _workspace(tmp_path, focus)
    run = run_cli("check", "--select", "BM713", cwd=tmp_path)
    assert f"{tmp_path / 'focus.yaml'}" in run.out or "focus.yaml\n" in run.out
    assert (
        "     3  warning  BM713  2026-Q4 has an entry for `mya`, who is not in people.yaml: "
        "did you mean `maya`?" in run.out
    )
    assert (
        "     6  warning  BM713  2026-Q4 has an entry for team `platfrom`, which no one in "
        "people.yaml belongs to: did you mean `platform`?" in run.out
    )


def test_an_empty_focus_file_counts_as_none_and_focus_fills_it(tmp_path: Path) -> None:
    _workspace(tmp_path, "# focus items, period by period\n")
    run = run_cli("check", cwd=tmp_path)
    assert run.code == 0 and "focus.yaml" not in run.out + run.err
    run = run_cli("focus", "2026-Q4", "--owner", "maya", "hours", cwd=tmp_path)
    assert run.code == 0, run.err
    assert (
        (tmp_path / "focus.yaml")
        .read_text(encoding="utf-8")
        .startswith("# focus items, period by period\n")
    )


def test_a_focus_file_error_is_counted_in_that_file(tmp_path: Path) -> None:
    _workspace(tmp_path, "2026-Q4: 3\n")
    run = run_cli("check", cwd=tmp_path)
    assert run.code == 2
    assert run.err.endswith(
        "focus.yaml:1:10: error: 2026-Q4 must be a mapping of keys, not `3`\n"
        "1 problem in focus.yaml\n"
    )


def test_codeowners_leaves_out_dropped_initiatives(tmp_path: Path) -> None:
    _workspace(tmp_path)
    path = tmp_path / "backmap.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "    owner: maya\n    sub_owner: dana\n",
        "    owner: maya\n    sub_owner: dana\n    paths: [src/quiet/]\n",
    )
    text = text.replace(
        "    owner: dana\n    status: planned\n",
        "    owner: dana\n    status: dropped\n    paths: [src/fridays/]\n",
    )
    path.write_text(text, encoding="utf-8")
    run = run_cli("export", "-f", "codeowners", cwd=tmp_path)
    assert run.code == 0, run.err
    assert "src/quiet/ @dana-l\n" in run.out
    assert "fridays" not in run.out
    assert run.err == ""


def test_codeowners_without_paths_says_what_fills_it(tmp_path: Path) -> None:
    _workspace(tmp_path)
    run = run_cli("export", "-f", "codeowners", cwd=tmp_path)
    assert run.code == 0
    assert run.out.startswith("# CODEOWNERS for Calm team")
    assert run.err.startswith("no initiative lists paths: add `paths: [src/billing/]` to an")


def test_focus_refuses_a_dropped_item_and_notes_someone_else_s(tmp_path: Path) -> None:
    _workspace(tmp_path)
    path = tmp_path / "backmap.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: planned", "status: dropped"),
        encoding="utf-8",
    )
    run = run_cli("focus", "2026-Q4", "--owner", "maya", "fridays", cwd=tmp_path)
    assert run.code == 2 and "`fridays` is dropped" in run.err
    assert not (tmp_path / "focus.yaml").exists()
    run = run_cli("focus", "2026-Q4", "--owner", "maya", "notes", "hours", cwd=tmp_path)
    assert run.code == 0, run.err
    assert "note: `notes` is owned by `dana`; added to the focus of maya all the same\n" in run.err
    assert "`hours`" not in run.err  # maya owns it
    run = run_cli("focus", "2026-Q4", "--team", "platform", "blocks", cwd=tmp_path)
    assert run.code == 0 and "note:" not in run.err  # maya, of platform, owns it
    run = run_cli("focus", "2026-Q4", "--team", "leads", "blocks", cwd=tmp_path)
    assert "note: `blocks` is owned by `maya`; added to the focus of team leads" in run.err


def test_debrief_before_the_period_starts_warns(tmp_path: Path) -> None:
    _workspace(tmp_path)
    run = run_cli("debrief", "2099-Q1", "--owner", "maya", "Too early", cwd=tmp_path)
    assert run.code == 0, run.err
    assert run.err.startswith("note: 2099-Q1 has not started yet (it starts 2099-01-01)")
    run = run_cli("debrief", "2020-Q1", "--owner", "maya", "In time", cwd=tmp_path)
    assert run.code == 0 and "note:" not in run.err
