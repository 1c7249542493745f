"""Check-in lines that do not read: `check`, `report` and `checkin` name every one of them at
once (file:line:col and what to write instead), exit 2, and change nothing."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

MAP = """\
backmap: 1
title: Team
nodes:
  - id: calm
    kind: goal
    title: Calm weeks
  - id: quiet-hours
    kind: initiative
    title: Quiet hours
    supports: [calm]
    owner: dana
    status: active
    progress: 40
    checkins: |
      2026-10-01 progress=20
      2026-13-01 progress=40
      # a comment line is fine
      2026-11-01 progress=abc health=on-track
  - id: rota
    kind: initiative
    title: A rota
    supports: [calm]
    owner: dana
    status: active
    checkins: |
        2026-11-01 helth=on-track
"""

# Line, column (1-based, in the file) and what each message says.
BROKEN = [
    ":16:7: error: check-in of `quiet-hours`: `2026-13-01` is not a date",
    ":18:18: error: check-in of `quiet-hours`: progress is a number, not `abc`",
    ":26:20: error: check-in of `rota`: `helth` is not a check-in value",
]


def write(tmp_path: Path) -> Path:
    path = tmp_path / "map.yaml"
    path.write_text(MAP)
    return path


def assert_every_line_named(err: str, path: Path, which: list[str] = BROKEN) -> None:
    named = [line for line in err.splitlines() if ": error: check-in of" in line]
    assert len(named) == len(which), err
    for line, expected in zip(named, which, strict=True):
        assert line.startswith(f"{path}{expected}"), err


def test_check_names_every_broken_check_in_line(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = run_cli("check", "--map", str(path))
    assert result.code == 2, result.out + result.err
    assert_every_line_named(result.err, path)
    assert "Traceback" not in result.err


def test_report_names_every_broken_check_in_line(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = run_cli("report", "-o", str(tmp_path / "out"), "--map", str(path))
    assert result.code == 2
    assert_every_line_named(result.err, path)
    assert not (tmp_path / "out").exists()


def test_checkin_names_every_broken_line_of_the_item(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = run_cli("checkin", "quiet-hours", "--progress", "50", "--map", str(path))
    assert result.code == 2
    assert_every_line_named(result.err, path, BROKEN[:2])
    assert path.read_text() == MAP


def test_a_round_names_every_broken_line_before_asking(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = run_cli("checkin", "--owner", "dana", "--map", str(path), input="50\n")
    assert result.code == 2
    assert_every_line_named(result.err, path)
    assert "[1/" not in result.out  # nothing asked
    assert path.read_text() == MAP
