"""A goal at risk by its own check-in still names the item beneath that is at risk or worse:
the view says which child, whatever else the goal says of itself."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

MAP = """\
backmap: 1
title: Fuel
nodes:
  - id: ready
    kind: goal
    title: Fuel arrives when the aircraft is ready
    checkins: |
      2026-10-30 health=at-risk note="Waiting on the hydrant pit decision"
  - id: dispatch
    kind: initiative
    title: Fuel truck dispatch from the flight schedule
    supports: [ready]
    status: active
    checkins: |
      2026-10-30 progress=45 health=off-track
  - id: calm
    kind: goal
    title: Calm ramp
    checkins: |
      2026-10-30 health=at-risk
"""


def test_status_and_show_name_the_child_beneath_a_goal_at_risk_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP, encoding="utf-8")
    status = run_cli("status", "--map", str(path))
    goal = next(line for line in status.out.splitlines() if "Fuel arrives" in line)
    assert "at risk" in goal and "dispatch off track" in goal, goal
    calm = next(line for line in status.out.splitlines() if "Calm ramp" in line)
    assert "at risk" in calm and "beneath" not in calm, calm  # nothing beneath to name
    show = run_cli("show", "ready", "--map", str(path))
    assert "dispatch beneath is off track" in show.out, show.out


def test_a_goal_at_risk_from_beneath_names_the_item_once_in_plain_words(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        "backmap: 1\ntitle: Help\nnodes:\n"
        "  - {id: answers, kind: goal, title: Fast answers}\n"
        "  - id: bot\n    kind: initiative\n    title: Chat bot\n    supports: [answers]\n"
        "    status: active\n"
        "    checkins: |\n      2026-10-30 progress=20 health=at-risk\n",
        encoding="utf-8",
    )
    goal = next(
        line for line in run_cli("status", "--map", str(path)).out.splitlines() if "Fast" in line
    )
    assert goal.endswith("at risk: bot"), goal  # not "at risk: bot at-risk"


def test_a_risk_counts_every_open_item_beneath_once_and_no_done_one(tmp_path: Path) -> None:
    item = (
        "  - id: {0}\n    kind: initiative\n    title: {0} work\n    supports: [{1}]\n"
        "    status: {2}\n    checkins: |\n      2026-11-30 progress=20 health={3}\n"
    )
    path = tmp_path / "map.yaml"
    path.write_text(
        "backmap: 1\ntitle: Help\nnodes:\n"
        "  - {id: fast, kind: outcome, title: Answers fast}\n"
        "  - {id: hour, kind: goal, title: Within the hour, supports: [fast]}\n"
        "  - {id: day, kind: goal, title: Within the day, supports: [fast]}\n"
        + item.format("rota", "hour, day", "active", "at-risk")
        + item.format("kb", "hour", "active", "at-risk")
        + item.format("macros", "day", "done", "off-track"),
        encoding="utf-8",
    )
    lines = run_cli("status", "--map", str(path)).out.splitlines()
    said = {name: next(line for line in lines if name in line) for name in ("Answers", "day")}
    assert said["Answers"].endswith("at risk: rota and 1 more"), said  # rota once, not twice
    assert said["day"].endswith("at risk: rota"), said  # macros is done
    show = run_cli("show", "fast", "--map", str(path)).out
    assert "at risk, as rota beneath is (and 1 other item beneath at risk or off track)" in show
