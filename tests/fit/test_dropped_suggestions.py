"""`backmap fit`: dropped work is never offered as something else to do there."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

MAP = """backmap: 1
title: Ramp
nodes:
  - id: on-time
    kind: outcome
    title: Every flight leaves on time and safely
  - id: no-incidents
    kind: goal
    title: No ramp safety incidents
    supports: [on-time]
  - id: paper-checklists
    kind: initiative
    title: Paper checklists for the ramp
    supports: [no-incidents]
    status: dropped
  - id: safety-walk
    kind: initiative
    title: Daily ramp safety walk
    supports: [no-incidents]
    status: active
  - id: wingtip-guards
    kind: initiative
    title: Wingtip guards for tug drivers
    supports: [no-incidents]
    status: planned
"""
IDEA = "reflective vests for ramp safety"


def test_what_else_could_be_done_leaves_dropped_work_out(tmp_path: Path) -> None:
    path = tmp_path / "ramp.yaml"
    path.write_text(MAP, encoding="utf-8")
    result = run_cli("fit", IDEA, "--map", str(path))
    assert result.code == 0, result.err
    assert "What else could be done there (no-incidents):" in result.out, result.out
    suggested = result.out.split("What else could be done there", 1)[1]
    assert "[safety-walk]" in suggested or "[wingtip-guards]" in suggested
    assert "paper-checklists" not in suggested
    near = json.loads(run_cli("fit", IDEA, "--map", str(path), "--json").out)["nearby"]
    assert [i["id"] for i in near["initiatives"]] == ["safety-walk", "wingtip-guards"]


def test_a_dropped_look_alike_is_still_shown_marked_dropped(tmp_path: Path) -> None:
    path = tmp_path / "ramp.yaml"
    path.write_text(MAP, encoding="utf-8")
    result = run_cli("fit", "paper checklists for the ramp crew", "--map", str(path))
    assert result.code == 0, result.err
    alike = result.out.split("You may already be doing this:", 1)[1].split("\n\n", 1)[0]
    assert "Paper checklists for the ramp [paper-checklists] (dropped)" in alike, result.out
