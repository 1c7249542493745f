"""A mistyped option or value is reported by the command it was given to, with what was meant."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import MAPS, run_cli

ORG = str(MAPS / "org")


@pytest.mark.parametrize(
    ("args", "usage", "message"),
    [
        (
            ["export", "--formt", "png"],
            "usage: backmap export ",
            "backmap export: error: unknown option --formt; did you mean --format?",
        ),
        (
            ["tree", "--ownr", "x"],
            "usage: backmap tree ",
            "backmap tree: error: unknown option --ownr; did you mean --owner?",
        ),
        (
            ["person", "add", "someone", "--nme", "x"],
            "usage: backmap person ",
            "backmap person: error: unknown option --nme; did you mean --name?",
        ),
    ],
)
def test_a_mistyped_option_gets_the_commands_usage_and_a_suggestion(
    args: list[str], usage: str, message: str
) -> None:
    run = run_cli(*args, "--map", ORG)
    assert run.code == 2
    assert run.err.startswith(usage), run.err
    assert message in run.err
    assert "COMMAND ..." not in run.err  # not the top-level usage


def test_an_unexpected_word_is_named_by_its_command(tmp_path: Path) -> None:
    run = run_cli("tree", "stray", "--map", ORG)
    assert run.code == 2
    assert run.err.startswith("usage: backmap tree ")
    assert "backmap tree: error: unexpected argument 'stray'" in run.err


def test_options_given_before_the_command_still_work() -> None:
    run = run_cli("--map", ORG, "tree", "--owner", "sofia")
    assert run.code == 0, run.err


def test_a_mistyped_command_gets_a_suggestion() -> None:
    run = run_cli("expor", "--map", ORG)
    assert run.code == 2
    assert "invalid choice: 'expor'; did you mean export?" in run.err


def test_a_value_its_reader_refuses_is_explained_without_the_usage() -> None:
    run = run_cli("check", "--map", ORG, "--today", "2026-02-30")
    assert run.code == 2
    assert run.err == (
        "backmap check: error: --today: 2026-02-30 does not exist, February 2026 has 28 days\n"
    )
