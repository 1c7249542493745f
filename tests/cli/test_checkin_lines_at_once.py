"""Every mistake of a map's check-in lines comes in one run: each value of a line, and check-in
lines beside the map's other mistakes, each at file:line:col."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

MAP = """\
backmap: 1
title: T
nodes:
  - id: top
    kind: outcome
    title: Top
    status: {status}
  - id: a
    kind: initiative
    title: A
    supports: [top]
    checkins: |
      2026-10-01 progres=30 health=fine
      2026-13-01 progress=10
"""


def test_each_bad_value_of_a_line_is_reported(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(MAP.format(status="active"), encoding="utf-8")
    run = run_cli("check", "--map", "plan.yaml", cwd=tmp_path)
    assert run.code == 2
    assert "plan.yaml:13:18: error: check-in of `a`: `progres` is not a check-in value" in run.err
    assert "plan.yaml:13:29: error: check-in of `a`: health is" in run.err
    assert "plan.yaml:14:7: error: check-in of `a`: `2026-13-01` is not a date" in run.err


def test_check_in_lines_come_with_the_maps_other_mistakes(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(MAP.format(status="doing"), encoding="utf-8")
    run = run_cli("check", "--map", "plan.yaml", cwd=tmp_path)
    assert run.code == 2
    assert "plan.yaml:7:13: error: node `top`: `status` must be one of" in run.err
    assert "plan.yaml:13:18: error: check-in of `a`: `progres` is not a check-in value" in run.err
    assert "plan.yaml:14:7: error: check-in of `a`: `2026-13-01` is not a date" in run.err
    assert "4 problems in the map" in run.err
