"""The README's and the docs' example sessions are real: every `$ backmap ...` line in a text
block of README.md or docs/*.md is run from the project root and must print exactly what the
page shows beneath it."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from tests.conftest import ROOT, run_cli

from backmap.fit import default_encoder

DOCS = ROOT / "docs"


def sessions(page: Path) -> list[tuple[str, str]]:
    """(command, expected output) for each `$ backmap` line inside a text block of `page`."""
    found: list[tuple[str, str]] = []
    command: str | None = None
    shown: list[str] = []
    inside = False
    for line in page.read_text(encoding="utf-8").splitlines():
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


README = sessions(ROOT / "README.md")
ALL = [(page.name, *s) for page in sorted(DOCS.glob("*.md")) for s in sessions(page)]


def test_the_rules_page_has_a_session() -> None:
    assert any(page == "checks.md" for page, *_ in ALL)


@pytest.mark.parametrize(("page", "command", "expected"), ALL, ids=lambda v: str(v)[:48])
def test_docs_session_prints_what_it_shows(page: str, command: str, expected: str) -> None:
    result = run_cli(*shlex.split(command)[1:], cwd=ROOT)
    assert result.code in (0, 1), result.err
    assert result.out.strip("\n") == expected


def test_the_config_error_example_is_what_check_prints(tmp_path: Path) -> None:
    page = (DOCS / "checks.md").read_text(encoding="utf-8")
    shown = page.split("`backmap.toml:3:1: error:", 1)[1].split("...`", 1)[0]
    (tmp_path / "backmap.yaml").write_text("backmap: 1\ntitle: T\nnodes: []\n")
    (tmp_path / "backmap.toml").write_text('[check]\nselect = ["BM1"]\nmax-open = 3\n')
    result = run_cli("check", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("backmap.toml:3:1: error:" + shown)


def test_the_readme_has_sessions() -> None:
    assert len(README) >= 3


@pytest.mark.skipif(default_encoder() is None, reason="the README shows MiniLM scores")
@pytest.mark.parametrize(("command", "expected"), README, ids=lambda v: v[:48])
def test_readme_session_prints_what_it_shows(command: str, expected: str) -> None:
    result = run_cli(*shlex.split(command)[1:], cwd=ROOT)
    assert result.code in (0, 1), result.err
    assert result.out.strip("\n") == expected
