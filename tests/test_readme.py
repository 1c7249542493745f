"""The README's example sessions are real: every `$ backmap ...` line in a text block is run and
must print exactly what the README shows beneath it."""

from __future__ import annotations

import shlex

import pytest
from tests.conftest import ROOT, run_cli

from backmap.fit import default_encoder


def sessions() -> list[tuple[str, str]]:
    """(command, expected output) for each `$ backmap` line inside a README text block."""
    found: list[tuple[str, str]] = []
    command: str | None = None
    shown: list[str] = []
    inside = False
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            if inside and command is not None:
                found.append((command, "\n".join(shown).strip("\n")))
            inside, command, shown = line == "```text", None, []
        elif inside and line.startswith("$ backmap "):
            if command is not None:
                found.append((command, "\n".join(shown).strip("\n")))
            command, shown = line[2:], []
        elif inside and command is not None:
            shown.append(line)
    return found


def test_the_readme_has_sessions() -> None:
    assert len(sessions()) >= 3


@pytest.mark.skipif(default_encoder() is None, reason="the README shows MiniLM scores")
@pytest.mark.parametrize(("command", "expected"), sessions(), ids=lambda v: v[:48])
def test_readme_session_prints_what_it_shows(command: str, expected: str) -> None:
    args = shlex.split(command)[1:]
    result = run_cli(*args, cwd=ROOT)
    assert result.code in (0, 1), result.err
    assert result.out.strip("\n") == expected
