"""No movement is invented: before an item's first check-in its value is that check-in's,
carried back. The report's burn-up and biggest moves, `status --since DATE` and `diff` agree."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

PLAN = """\
backmap: 1
title: Burn
nodes:
  - id: o
    kind: outcome
    title: Outcome
  - id: g
    kind: goal
    title: Goal
    supports: [o]
  - id: x
    kind: initiative
    title: X
    supports: [g]
    status: active
    progress: 80
    checkins: |
      2026-11-01 progress=80
  - id: y
    kind: initiative
    title: Y
    supports: [g]
    status: active
    progress: 60
    checkins: |
      2026-10-01 progress=40
      2026-11-01 progress=60
  - id: z
    kind: initiative
    title: Z
    supports: [g]
    status: active
    progress: 30
"""


def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN)
    return path


def rows(markdown: str, heading: str) -> dict[str, list[str]]:
    """The table under `heading`: each row's cells by its first cell."""
    section = markdown.split(heading, 1)[1].split("\n#", 1)[0]
    found = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if line.startswith("|") and not set(cells[0]) <= {"-"} and cells[0] != "Item":
            found[cells[0]] = cells[1:]
    return found


def test_the_report_moves_only_what_its_check_ins_moved(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ("--today", "2026-11-02", "--since", "2026-10-15", "--map", str(plan(tmp_path)))
    result = run_cli("report", "-o", str(out), *args)
    assert result.code == 0, result.err
    markdown = (out / "report.md").read_text(encoding="utf-8")
    moves = rows(markdown, "## Biggest moves since 2026-10-15")
    # Only y moved (40 -> 60); the goal is the mean of x (80), y and z (30, never checked in).
    assert moves == {
        "Y (`y`)": ["initiative", "40%", "60%", "+20%"],
        "Goal (`g`)": ["goal", "50%", "57%", "+7%"],
        "Outcome (`o`)": ["outcome", "50%", "57%", "+7%"],
    }
    burn = rows(markdown, "### Outcome\n")
    assert burn["Goal (`g`)"] == ["50%", "57%", "+7%"]  # was 23% on Oct 1: x counted 0


def test_status_since_a_date_moves_only_what_its_check_ins_moved(tmp_path: Path) -> None:
    result = run_cli("status", "--since", "2026-10-15", "--map", str(plan(tmp_path)))
    assert result.code == 0, result.err
    line = {ln.split()[-1]: ln for ln in result.out.splitlines() if "%" in ln}
    assert "+" not in line["X"] and "+" not in line["Z"]
    assert "+20%" in line["Y"]
    assert "+7%" in line["Goal"]
