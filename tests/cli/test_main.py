"""The real `backmap` entry point: every command, its exit codes and what it writes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from tests.conftest import MAPS, run_cli

from backmap import store

COMMANDS = [
    "new",
    "add",
    "set",
    "link",
    "unlink",
    "mv",
    "rm",
    "rename",
    "undo",
    "redo",
    "tree",
    "fmt",
    "schema",
    "edit",
    "check",
    "status",
    "fit",
    "export",
]


def test_version_and_help() -> None:
    assert re.fullmatch(r"backmap \d+\.\d+\.\d+\n", run_cli("--version").out)
    result = run_cli("--help")
    assert result.code == 0
    for command in COMMANDS:
        assert f"    {command}" in result.out
    assert "examples:" in result.out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run_cli(command, "--help")
    assert result.code == 0
    assert re.search(rf"examples?:\n  backmap {command} ", result.out)
    # Only the commands that open a map offer --map.
    assert ("--map PATH" in result.out) == (command not in ("new", "schema"))


def test_quickstart_tree_on_example_map() -> None:
    result = run_cli("tree", "--map", str(MAPS / "ideal-group.yaml"))
    assert result.code == 0, result.err
    assert result.out.startswith("The ideal data-science group\n")
    assert "◉ Employees are happy [happy]" in result.out
    assert "▸ Respect off-hours [off-hours] active 40% @dana/lior" in result.out
    assert "⇈ 2 parents" in result.out
    assert "\x1b[" not in result.out  # no colour when not a terminal


def test_tree_of_folder_workspace_and_root() -> None:
    result = run_cli("tree", "--map", str(MAPS / "org"))
    assert result.code == 0, result.err
    assert result.out.count("◉") >= 3
    rooted = run_cli("--map", str(MAPS / "org"), "tree", "--root", "cheaper-fulfilment")
    assert rooted.code == 0
    assert rooted.out.splitlines()[1].startswith("◆ Lower fulfilment cost per order")
    missing = run_cli("tree", "--map", str(MAPS / "org"), "--root", "cheaper-fulfilmen")
    assert missing.code == 2 and "did you mean `cheaper-fulfilment`?" in missing.err


def test_status_of_a_part_says_its_footer_is_the_whole_maps() -> None:
    whole = run_cli("status", "--map", str(MAPS / "org")).out.splitlines()[-1]
    assert whole.startswith("coverage ")
    for narrowed in (["--root", "cheaper-fulfilment"], ["--owner", "hannah"]):
        part = run_cli("status", "--map", str(MAPS / "org"), *narrowed).out.splitlines()[-1]
        assert part == f"whole map: {whole}", narrowed


def test_tree_colour_always() -> None:
    result = run_cli("tree", "--map", str(MAPS / "ideal-group.yaml"), "--color", "always")
    assert "\x1b[" in result.out


def test_workspace_found_from_env_and_cwd(tmp_path: Path) -> None:
    shutil.copy(MAPS / "ideal-group.yaml", tmp_path / "backmap.yaml")
    assert run_cli("tree", cwd=tmp_path).code == 0
    other = tmp_path / "elsewhere"
    other.mkdir()
    assert run_cli("tree", cwd=other).code == 2
    assert "backmap new" in run_cli("tree", cwd=other).err
    found = run_cli("tree", cwd=other, env={"BACKMAP_MAP": str(tmp_path / "backmap.yaml")})
    assert found.code == 0


def test_build_a_map_from_scratch(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    assert run_cli("new", str(path), "--title", "Team Atlas").code == 0
    assert run_cli("new", str(path)).code == 2  # never overwrites

    def add(*args: str) -> str:
        result = run_cli("add", *args, "--map", str(path))
        assert result.code == 0, result.err
        return result.out.strip()

    assert add("outcome", "Employees are happy") == "employees-are-happy"
    assert add("goal", "Reduce stress", "--supports", "employees-are-happy") == "reduce-stress"
    initiative = add(
        "initiative",
        "Respect off-hours",
        "-s",
        "reduce-stress",
        "--owner",
        "dana",
        "--sub-owner",
        "lior",
        "--status",
        "active",
    )
    assert initiative == "respect-off-hours"
    assert run_cli("rename", "respect-off-hours", "off-hours", "--map", str(path)).code == 0
    assert add("goal", "Focus", "--supports", "employees-are-happy") == "focus"
    assert run_cli("link", "off-hours", "focus", "--map", str(path)).code == 0
    assert run_cli("unlink", "off-hours", "reduce-stress", "--map", str(path)).code == 0
    assert (
        run_cli("mv", "off-hours", "--supports", "reduce-stress", "focus", "--map", str(path)).code
        == 0
    )
    assert (
        path.read_text()
        == """\
backmap: 1
title: Team Atlas
nodes:
  - id: employees-are-happy
    kind: outcome
    title: Employees are happy
  - id: reduce-stress
    kind: goal
    title: Reduce stress
    supports: [employees-are-happy]
  - id: focus
    kind: goal
    title: Focus
    supports: [employees-are-happy]
  - id: off-hours
    kind: initiative
    title: Respect off-hours
    supports: [reduce-stress, focus]
    owner: dana
    sub_owner: lior
    status: active
"""
    )
    removed = run_cli("rm", "reduce-stress", "--yes", "--map", str(path))
    assert removed.code == 0
    assert "reduce-stress" not in path.read_text()
    assert store.load(path).node("off-hours").supports == ["focus"]


def test_refused_edit_exits_2_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    shutil.copy(MAPS / "ideal-group.yaml", path)
    before = path.read_bytes()
    result = run_cli("link", "happy", "less-stress", "--map", str(path))
    assert result.code == 2
    assert result.err.startswith("backmap: error: `happy` is an outcome")
    assert "Traceback" not in result.err
    assert path.read_bytes() == before


def test_add_refuses_a_blank_title(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    shutil.copy(MAPS / "ideal-group.yaml", path)
    before = path.read_bytes()
    result = run_cli("add", "goal", "   ", "--map", str(path))
    assert result.code == 2
    assert "title is blank" in result.err
    assert path.read_bytes() == before


def test_tree_counts_parents_other_than_the_node_itself(tmp_path: Path) -> None:
    # A self-link is a finding (BM105), not a second parent: the node has one way up.
    path = tmp_path / "m.yaml"
    path.write_text(
        "backmap: 1\ntitle: T\nnodes:\n"
        "  - {id: top, kind: outcome, title: Top}\n"
        "  - {id: loop, kind: goal, title: Loop, supports: [loop, top]}\n"
    )
    result = run_cli("tree", "--map", str(path))
    assert result.code == 0, result.err
    assert "Loop [loop]" in result.out
    assert "parents" not in result.out


def test_rm_reports_orphans(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    shutil.copy(MAPS / "ideal-group.yaml", path)
    result = run_cli("rm", "leadership-paths", "--yes", "--map", str(path))
    assert result.code == 0
    assert "now supporting nothing: promote-leads" in result.err


def test_fmt_check_diff_and_fix(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("backmap: 1\ntitle: T\nnodes:\n- {id: a, kind: goal, title: A}  # hi\n")
    check = run_cli("fmt", "--check", "--diff", "--map", str(path))
    assert check.code == 1
    assert f"would reformat {path}" in check.out and "+    title: A  # hi" in check.out
    assert run_cli("fmt", "--map", str(path)).code == 0
    assert (
        path.read_text()
        == "backmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: goal\n    title: A  # hi\n"
    )
    assert run_cli("fmt", "--check", "--map", str(path)).code == 0


def test_example_maps_pass_fmt_check() -> None:
    result = run_cli("fmt", "--check", "--map", str(MAPS))
    assert result.code == 0, result.out


def test_schema_command_matches_shipped_file() -> None:
    from backmap.schema import SCHEMA_FILE

    result = run_cli("schema")
    assert result.code == 0
    assert result.out == SCHEMA_FILE.read_text(), "regenerate with: backmap schema > " + str(
        SCHEMA_FILE
    )


def test_usage_error_exits_2() -> None:
    result = run_cli("add", "project", "X")
    assert result.code == 2
    assert "invalid choice" in result.err


def test_main_called_by_a_program_leaves_its_garbage_collector_alone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A one-shot command freezes its map out of collections; a caller's process goes on."""
    import gc

    from backmap.cli import main

    before = gc.isenabled(), gc.get_freeze_count()
    assert main(["check", "--map", str(MAPS / "org")]) == 0
    assert main(["status", "--map", str(MAPS / "ideal-group.yaml")]) == 0
    assert (gc.isenabled(), gc.get_freeze_count()) == before
    assert capsys.readouterr().out


def test_an_initiative_with_progress_and_no_status_counts_as_moving(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "backmap: 1\ntitle: Help\nnodes:\n"
        "  - {id: happy, kind: outcome, title: Customers happy}\n"
        "  - {id: fast, kind: goal, title: Fast answers, supports: [happy]}\n"
        "  - {id: calm, kind: goal, title: Calm queue, supports: [happy]}\n"
        "  - {id: bot, kind: initiative, title: Chat bot, supports: [fast], progress: 20}\n"
        "  - {id: rota, kind: initiative, title: Rota, supports: [calm], status: planned}\n",
        encoding="utf-8",
    )
    out = run_cli("status", "--map", str(path)).out
    assert "(2/2 goals have initiatives, 1 moving)" in out, out  # the bot, not the planned rota
