"""Small things a user hits on the command line: one-line errors, options that would be ignored,
refusals worded once, readable undo messages, fit answers that list each thing once and stay
short on very deep maps."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from tests.cli.test_commands import SMALL, on
from tests.conftest import MAPS, run_cli


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL)
    return path


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("backmap: error:")]


def test_a_newline_in_an_argument_stays_on_the_error_line(small: Path) -> None:
    result = on(small, "set", "no\nsuch-id", "--status", "done")
    assert result.code == 2
    # One line: a tool (or a person) reading `backmap: error: ...` gets the whole message.
    assert result.err.count("\n") == 1
    assert error_lines(result.err) == ["backmap: error: no node `no\\nsuch-id` in this map"]


def test_a_newline_in_the_idea_to_attach_is_refused_on_one_line(small: Path) -> None:
    result = on(small, "fit", "quiet\nevenings", "--attach", "calm")
    assert result.code == 2
    assert result.err.splitlines() == [
        "backmap: error: a title is one line, without line breaks or tabs: put the rest in the "
        "description"
    ]
    assert small.read_text() == SMALL


@pytest.mark.parametrize(
    "option",
    [
        ("--status", "active"),
        ("--due", "2027-03-31"),
        ("--progress", "40"),
        ("--owner", "dana"),
        ("--sub-owner", "omer"),
        ("--kind", "goal"),
    ],
)
def test_fields_for_attach_without_attach_are_refused(small: Path, option: tuple[str, str]) -> None:
    result = run_cli("fit", "quiet evenings", *option, "--map", str(small))
    assert result.code == 2
    assert result.out == ""
    assert f"{option[0]} is for the item --attach adds" in result.err
    assert small.read_text() == SMALL


def test_add_refusing_a_kind_says_the_way_out_once(small: Path) -> None:
    outcome = on(small, "add", "outcome", "Calm minds", "-s", "calm")
    assert outcome.code == 2
    # The new node does not exist: no `backmap set` on it; the way out is said once.
    assert "backmap set" not in outcome.err
    assert outcome.err.count("goal") == 1, outcome.err
    assert "backmap add goal 'Calm minds' --supports calm" in outcome.err
    under = on(small, "add", "initiative", "Earplugs", "-s", "quiet")
    assert under.code == 2
    assert len(re.findall(r"makes? it a goal", under.err)) == 1, under.err
    assert "`backmap set quiet --kind goal` makes it a goal" in under.err
    assert small.read_text() == SMALL


def test_link_refusing_a_kind_says_the_way_out_once(small: Path) -> None:
    result = on(small, "link", "happy", "calm")
    assert result.code == 2
    assert len(re.findall(r"makes? it a goal", result.err)) == 1, result.err
    assert "`backmap set happy --kind goal` makes it a goal" in result.err


def test_undo_and_redo_messages_quote_the_edit_once(small: Path, tmp_path: Path) -> None:
    env = {"BACKMAP_STATE_DIR": str(tmp_path / "state")}
    assert run_cli("add", "goal", "Focus", "-s", "happy", "--map", str(small), env=env).code == 0
    small.write_text(small.read_text() + "# by hand\n")
    result = run_cli("undo", "--map", str(small), env=env)
    assert result.code == 2
    assert "``" not in result.err
    assert "cannot undo the last edit (add goal `focus`)" in result.err


def test_fit_lists_an_initiative_in_one_section_only(tmp_path: Path) -> None:
    path = tmp_path / "ideal.yaml"
    shutil.copy(MAPS / "ideal-group.yaml", path)
    result = run_cli(
        "fit", "respect off-hours in the evening", "--map", str(path),
        env={"BACKMAP_FIT_ENCODER": "lexical"},
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "You may already be doing this:" in result.out
    bullets = [line for line in result.out.splitlines() if line.startswith("  • ")]
    ids = [re.search(r"\[([^]]+)\]", line)[1] for line in bullets]  # type: ignore[index]
    assert "off-hours" in ids
    assert len(ids) == len(set(ids)), bullets


def write_chain(path: Path, depth: int) -> None:
    """An outcome with `depth` goals each beneath the previous; the deepest has its own title."""
    lines = ["backmap: 1\ntitle: Deep\nnodes:\n  - {id: top, kind: outcome, title: Top}\n"]
    for i in range(depth):
        up = "top" if i == 0 else f"g{i - 1}"
        title = "Quiet evenings for everyone" if i == depth - 1 else f"Goal {i}"
        lines.append(f"  - {{id: g{i}, kind: goal, title: {title}, supports: [{up}]}}\n")
    path.write_text("".join(lines))


def test_fit_shortens_the_way_up_a_very_deep_chain(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    write_chain(path, 2_000)
    result = run_cli(
        "fit", "quiet evenings", "--map", str(path), env={"BACKMAP_FIT_ENCODER": "lexical"}
    )
    assert result.code == 0, result.err
    way = next(line for line in result.out.splitlines() if "↑" in line)
    # The nearest steps and the outcome at the top stay; the middle is counted, not listed.
    assert way.startswith("      ↑ Goal 1998 → Goal 1997 → ")
    assert way.endswith(" → Goal 0 → Top")
    assert "… 1,995 more … → Goal 0" in way, way[:300]
    assert max(map(len, result.out.splitlines())) < 160
