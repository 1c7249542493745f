"""The command line's edges through the real entry point: kinds, confirmations, option order,
numeric options, wording."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import MAPS, Run, run_cli

from backmap import edits, store

SMALL = """\
backmap: 1
title: Small
nodes:
  - id: happy
    kind: outcome
    title: Employees are happy
  - id: healthy
    kind: outcome
    title: Employees are healthy
  - id: calm
    kind: goal
    title: Less stress
    supports: [happy]
  - id: quiet
    kind: initiative
    title: Quiet hours
    supports: [calm]
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL)
    return path


def on(path: Path, *args: str) -> Run:
    return run_cli(*args, "--map", str(path))


def on_terminal(path: Path, answer: str, *args: str) -> Run:
    """Run `backmap ARGS --map PATH` with a terminal as standard input, typing `answer`."""
    return run_cli(*args, "--map", str(path), input=answer + "\n", terminal=True)


# --- set --kind -------------------------------------------------------------------------------


def test_set_kind_turns_an_outcome_into_a_goal_that_can_then_be_moved(small: Path) -> None:
    refused = on(small, "mv", "healthy", "--supports", "happy")
    assert refused.code == 2
    # The refusal names the command that gets past it.
    assert "`backmap set healthy --kind goal` makes it a goal" in refused.err
    changed = on(small, "set", "healthy", "--kind", "goal")
    assert changed.code == 0, changed.err
    assert "kind: goal" in small.read_text()
    moved = on(small, "mv", "healthy", "--supports", "happy")
    assert moved.code == 0, moved.err
    assert store.load(small).node("healthy").supports == ["happy"]


def test_set_kind_to_outcome_refuses_while_it_supports_something(small: Path) -> None:
    result = on(small, "set", "calm", "--kind", "outcome")
    assert result.code == 2
    assert "an outcome supports nothing" in result.err
    assert "backmap unlink calm happy" in result.err
    assert small.read_text() == SMALL


def test_set_kind_to_initiative_refuses_while_something_supports_it(small: Path) -> None:
    result = on(small, "set", "calm", "--kind", "initiative")
    assert result.code == 2
    assert "nothing can support an initiative" in result.err
    assert "backmap unlink quiet calm" in result.err
    assert small.read_text() == SMALL
    # An initiative may become a goal, and then support another goal's work.
    assert on(small, "set", "quiet", "--kind", "goal").code == 0
    assert store.load(small).node("quiet").kind.value == "goal"


def test_set_kind_choices_come_from_the_model() -> None:
    usage = run_cli("set", "--help").out
    assert "--kind {outcome,goal,initiative}" in usage
    result = run_cli("set", "calm", "--kind", "task")
    assert result.code == 2 and "invalid choice: 'task'" in result.err


def test_a_kind_change_is_undone_by_the_history(small: Path) -> None:
    ws = store.load(small)
    history = edits.History(ws)
    history.do(edits.change(ws, "quiet", kind="goal"))
    store.save(ws)
    assert "kind: goal" in small.read_text()
    history.undo()
    store.save(ws)
    assert small.read_text() == SMALL


# --- rm ---------------------------------------------------------------------------------------


def test_rm_of_a_node_with_children_needs_yes_without_a_terminal(small: Path) -> None:
    result = on(small, "rm", "calm")
    assert result.code == 2
    assert "quiet" in result.err and "pass --yes" in result.err
    assert small.read_text() == SMALL
    done = on(small, "rm", "calm", "--yes")
    assert done.code == 0, done.err
    assert "calm" not in store.load(small).ids()


def test_rm_of_a_leaf_does_not_ask(small: Path) -> None:
    result = on(small, "rm", "quiet")
    assert result.code == 0, result.err
    assert "quiet" not in store.load(small).ids()


def test_rm_asks_on_a_terminal(small: Path) -> None:
    kept = on_terminal(small, "n", "rm", "calm")
    assert kept.code == 0
    assert "`quiet` supports it" in kept.err and "[y/N]" in kept.err
    assert "nothing removed" in kept.err
    assert small.read_text() == SMALL
    removed = on_terminal(small, "y", "rm", "calm")
    assert removed.code == 0, removed.err
    assert "calm" not in store.load(small).ids()


def test_rm_dry_run_says_what_would_happen_and_writes_nothing(small: Path) -> None:
    result = on(small, "rm", "calm", "--dry-run")
    assert result.code == 0, result.err
    assert "would remove `calm`" in result.out
    assert "quiet" in result.out  # it would lose its link, and support nothing
    assert small.read_text() == SMALL


def test_the_format_promises_an_undo_the_command_line_has() -> None:
    text = " ".join((MAPS.parent / "docs" / "format.md").read_text().split())
    assert "`backmap undo` for an edit made on the command line" in text
    # What the page promises must exist (tests/cli/test_undo.py shows it works).
    assert run_cli("undo", "--help").code == 0


# --- numeric options --------------------------------------------------------------------------


def test_a_negative_depth_is_refused(small: Path) -> None:
    result = on(small, "status", "--depth", "-1")
    assert result.code == 2
    assert result.err == "backmap status: error: --depth: must be 0 or more, not -1\n"
    assert result.out == ""


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("export", "-f", "dot", "--max-depth", "-1"), "--max-depth"),
        (("export", "-f", "dot", "--focus", "calm", "--depth", "-2"), "--depth"),
        (("fit", "quiet evenings", "--top", "0"), "--top"),
        (("fit", "quiet evenings", "--top", "-3"), "--top"),
        (("status", "--depth", "two"), "--depth"),
    ],
)
def test_other_bad_numbers_are_refused(small: Path, args: tuple[str, ...], option: str) -> None:
    # Refused by the parser, before anything loads: in-process is the same code, only faster.
    result = run_cli(*args, "--map", str(small))
    assert result.code == 2
    assert f"error: {option}:" in result.err and "usage:" not in result.err
    assert result.out == ""


def test_depth_zero_shows_the_top_only(small: Path) -> None:
    result = on(small, "status", "--depth", "0")
    assert result.code == 0, result.err
    assert "Employees are happy" in result.out and "Less stress" not in result.out


# --- set --status -----------------------------------------------------------------------------


def test_set_status_help_lists_the_statuses_and_an_empty_value_clears(small: Path) -> None:
    usage = run_cli("set", "--help").out
    assert "--status {idea,planned,active,done,dropped}" in usage
    assert "dropped,}" not in usage
    assert on(small, "set", "quiet", "--status", "active").code == 0
    assert store.load(small).node("quiet").status == "active"
    assert on(small, "set", "quiet", "--status", "").code == 0
    assert store.load(small).node("quiet").status is None
    wrong = run_cli("set", "quiet", "--status", "doing", "--map", str(small))
    assert wrong.code == 2
    assert "idea, planned, active, done, dropped" in wrong.err


# --- wording ----------------------------------------------------------------------------------


def test_counts_of_one_are_singular(small: Path) -> None:
    result = on(small, "check", "--leverage")
    assert "1 outcome " in result.out or result.out.rstrip().endswith("1 outcome")
    assert "1 outcomes" not in result.out and "1 goals" not in result.out
    assert "1 initiatives" not in result.out


# --- fit --attach and the order of options -----------------------------------------------------


def ideal(tmp_path: Path) -> Path:
    path = tmp_path / "ideal.yaml"
    shutil.copy(MAPS / "ideal-group.yaml", path)
    return path


def test_fit_attach_before_the_idea_attaches_the_idea(tmp_path: Path) -> None:
    path = ideal(tmp_path)
    result = on(path, "fit", "--attach", "Schedule late messages for the next morning", "--yes")
    assert result.code == 0, result.err
    new_id = result.out.strip().splitlines()[-1]
    node = store.load(path).node(new_id)
    assert node.title == "Schedule late messages for the next morning"
    assert node.kind.value == "initiative" and node.supports


def test_fit_attach_goals_then_the_idea(tmp_path: Path) -> None:
    path = ideal(tmp_path)
    result = on(path, "fit", "--attach", "less-stress", "Quiet hours after six", "--yes")
    assert result.code == 0, result.err
    assert store.load(path).node("quiet-hours-after-six").supports == ["less-stress"]


def test_fit_without_an_idea_says_which_order_works(tmp_path: Path) -> None:
    path = ideal(tmp_path)
    before = path.read_text()
    result = on(path, "fit", "--attach", "less-stress", "focus", "--yes")
    assert result.code == 2
    assert 'backmap fit "IDEA" --attach' in result.err
    assert path.read_text() == before


# --- one file of a folder workspace ------------------------------------------------------------


def test_checking_one_team_file_says_where_the_missing_ids_may_be(tmp_path: Path) -> None:
    folder = tmp_path / "org"
    shutil.copytree(MAPS / "org", folder)
    result = run_cli("check", "--map", "org/team-platform.yaml", cwd=tmp_path)
    assert result.code == 1
    assert "BM101" in result.out
    assert "may live in the rest of the workspace" in result.err
    assert "backmap check --map org" in result.err
    whole = run_cli("check", "--map", "org", cwd=tmp_path)
    assert "may live in the rest of the workspace" not in whole.err


def test_a_lone_file_with_a_typo_gets_no_workspace_hint(small: Path) -> None:
    text = SMALL.replace("supports: [calm]", "supports: [clam]")
    small.write_text(text)
    result = on(small, "check")
    assert result.code == 1 and "BM101" in result.out
    assert "rest of the workspace" not in result.err


def test_add_with_supports_before_the_title(small: Path) -> None:
    result = on(small, "add", "goal", "--supports", "happy", "Reduce stress")
    assert result.code == 0, result.err
    assert result.out.strip() == "reduce-stress"
    assert store.load(small).node("reduce-stress").supports == ["happy"]
    unclear = on(small, "add", "goal", "--supports", "happy", "calm")
    assert unclear.code == 2
    assert 'backmap add goal "TITLE" -s ID' in unclear.err


def test_a_map_named_otherwise_is_pointed_to_when_none_is_found(tmp_path: Path) -> None:
    """After `backmap new team.yaml`, a bare `backmap tree` says how to open team.yaml."""
    assert run_cli("new", "team.yaml", cwd=tmp_path).code == 0
    (tmp_path / "compose.yaml").write_text("services: {}\n", encoding="utf-8")
    result = run_cli("tree", cwd=tmp_path)
    assert result.code == 2
    assert "this folder holds team.yaml: pass --map team.yaml" in result.err, result.err
    assert "compose.yaml" not in result.err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "Start one with `backmap new backmap.yaml`" in run_cli("tree", cwd=empty).err


def test_checking_the_group_file_alone_says_its_initiatives_may_be_in_the_team_files(
    tmp_path: Path,
) -> None:
    # The group's goals are served by initiatives in the team files: checked alone, the group
    # file warns that nothing is beneath them, and must say why and how to see the whole.
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "group.yaml").write_text(
        "backmap: 1\ntitle: Data group\nnodes:\n"
        "  - id: trusted-data\n    kind: outcome\n    title: Decisions use trusted data\n"
        "  - id: fewer-incidents\n    kind: goal\n    title: Fewer data incidents\n"
        "    supports: [trusted-data]\n"
    )
    (folder / "team.yaml").write_text(
        "backmap: 1\ntitle: Team Atlas\nnodes:\n"
        "  - id: schema-checks\n    kind: initiative\n    title: Schema checks\n"
        "    supports: [fewer-incidents]\n"
    )
    alone = run_cli("check", "--map", "maps/group.yaml", cwd=tmp_path)
    assert "BM202" in alone.out
    assert "maps/group.yaml was checked alone" in alone.err
    assert "backmap check --map maps" in alone.err
    whole = run_cli("check", "--map", "maps", cwd=tmp_path)
    assert "BM202" not in whole.out and "checked alone" not in whole.err


def test_fit_attach_with_no_terminal_asks_in_plain_words(tmp_path: Path) -> None:
    path = ideal(tmp_path)
    before = path.read_text()
    result = on(path, "fit", "Quiet hours after six", "--attach", "less-stress")
    assert result.code == 2
    assert "as an initiative under" in result.err
    assert "pass --yes to attach" in result.err
    goal = on(path, "fit", "Quiet hours after six", "--attach", "happy", "--kind", "goal")
    assert "as a goal under" in goal.err
    assert path.read_text() == before


def test_a_folder_of_several_maps_is_pointed_to_as_a_folder(tmp_path: Path) -> None:
    for name in ("academy.yaml", "club.yaml"):
        assert run_cli("new", name, cwd=tmp_path).code == 0
    result = run_cli("tree", cwd=tmp_path)
    assert result.code == 2
    assert "this folder holds academy.yaml, club.yaml: pass --map . to open them together" in (
        result.err
    )
    assert "or --map academy.yaml for one alone" in result.err


def test_under_names_the_parents_as_supports_does(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        "backmap: 1\ntitle: T\nnodes:\n  - id: happy\n    kind: outcome\n    title: Happy\n"
        "  - id: calm\n    kind: outcome\n    title: Calm\n",
        encoding="utf-8",
    )
    assert run_cli("add", "goal", "Less stress", "--under", "happy", "--map", str(path)).code == 0
    assert store.load(path).node("less-stress").supports == ["happy"]
    assert run_cli("mv", "less-stress", "--under", "calm", "--map", str(path)).code == 0
    assert store.load(path).node("less-stress").supports == ["calm"]
