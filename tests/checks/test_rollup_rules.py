"""Roll-up a manager believes: dropped work left out, ideas counted apart, health that rolls up."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from backmap import store
from backmap.checks import CheckConfig, check
from backmap.model import Workspace
from backmap.vocabulary import Health

# g1 and g2 both serve `top`; `shared` serves both goals (a DAG, not a tree).
MAP = """\
backmap: 1
title: Roll-up
nodes:
  - id: top
    kind: outcome
    title: Top
  - id: g1
    kind: goal
    title: Goal one
    supports: [top]
  - id: g2
    kind: goal
    title: Goal two
    supports: [top]
  - id: shared
    kind: initiative
    title: Shared
    supports: [g1, g2]
    status: active
    progress: 60
    checkins: |
      2026-10-31 progress=50 health=off-track
      2026-11-30 progress=60 note="Better, no health given"
  - id: a
    kind: initiative
    title: A
    supports: [g1]
    status: active
    progress: 20
    checkins: |
      2026-11-30 progress=20 health=on-track
  - id: dropped-one
    kind: initiative
    title: Dropped at 20 percent
    supports: [g1]
    status: dropped
    progress: 20
    checkins: |
      2026-11-30 progress=20 health=off-track
  - id: idea-one
    kind: initiative
    title: An idea
    supports: [g1, g2]
    status: idea
  - id: unplanned
    kind: initiative
    title: Nobody planned it
    supports: [g2]
  - id: planned
    kind: initiative
    title: Planned, not started
    supports: [g2]
    status: planned
"""


def result(tmp_path: Path, text: str = MAP):  # type: ignore[no-untyped-def]
    path = tmp_path / "map.yaml"
    path.write_text(text)
    return check(store.load(path), CheckConfig(select=("BM0",)))


def test_dropped_work_and_ideas_are_left_out_of_progress(tmp_path: Path) -> None:
    got = result(tmp_path)
    assert got.progress["g1"] == pytest.approx(40)  # shared 60, a 20; not the dropped 20
    assert got.progress["g2"] == pytest.approx(30)  # shared 60, planned 0; not the ideas
    assert got.progress["top"] == pytest.approx(35)
    assert got.progress["dropped-one"] is None and got.progress["idea-one"] is None
    assert got.ideas == {"g1": 1, "g2": 2, "top": 2}  # idea-one counted once under top


def test_removing_dropped_work_or_adding_an_idea_moves_nothing(tmp_path: Path) -> None:
    before = result(tmp_path).progress
    without = MAP.replace("    supports: [g1]\n    status: dropped", "    status: dropped")
    more_ideas = (
        MAP
        + "  - id: idea-two\n    kind: initiative\n    title: Two\n"
        + "    supports: [g1]\n    status: idea\n"
    )
    assert result(tmp_path, without).progress["g1"] == before["g1"]
    assert result(tmp_path, more_ideas).progress["g1"] == before["g1"]


def test_dropped_work_covers_nothing(tmp_path: Path) -> None:
    text = MAP + (
        "  - id: g3\n    kind: goal\n    title: Three\n    supports: [top]\n"
        "  - id: gone\n    kind: initiative\n    title: Gone\n    supports: [g3]\n"
        "    status: dropped\n"
    )
    cov = result(tmp_path, text).coverage
    assert (cov.goals, cov.covered) == (3, 2)


def test_health_rolls_up_and_names_the_item(tmp_path: Path) -> None:
    health = result(tmp_path).health
    # shared's latest check-in gave no health: the one before it (off-track) still holds.
    assert health["shared"].health is Health.OFF_TRACK
    assert health["a"].health is Health.ON_TRACK
    for goal in ("g1", "g2", "top"):
        assert health[goal].health is Health.AT_RISK
        assert health[goal].source == "shared"
    assert "dropped-one" not in {h.source for h in health.values()}


def test_a_dropped_items_risk_does_not_count(tmp_path: Path) -> None:
    text = MAP.replace(
        "health=off-track\n      2026-11-30 progress=60",
        "health=on-track\n      2026-11-30 progress=60",
    )
    health = result(tmp_path, text).health
    assert health["dropped-one"].health is Health.OFF_TRACK  # its own, still shown
    assert "g1" not in health  # nothing at risk beneath, no health of its own


def brute_progress(ws: Workspace, node_id: str) -> float | None:
    """Progress by the documented rules, recursively (small maps only)."""
    node = ws.node(node_id)
    if node.status is not None and node.status.value in ("dropped", "idea"):
        return None
    children = [n.id for n in ws.nodes() if node_id in n.supports]
    if node.kind.value == "initiative":
        if node.status is None and node.progress is None:
            return None
        if node.progress is not None:
            return float(node.progress)
        return 100.0 if node.status is not None and node.status.value == "done" else 0.0
    values = [v for c in children if (v := brute_progress(ws, c)) is not None]
    return sum(values) / len(values) if values else None


@pytest.mark.parametrize("seed", range(20))
def test_progress_matches_brute_force_on_random_dags(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    lines = ["backmap: 1", "title: Random", "nodes:"]
    goals = [f"g{i}" for i in range(rng.randint(2, 5))]
    lines += ["  - id: top", "    kind: outcome", "    title: Top"]
    for i, goal in enumerate(goals):
        above = ["top", *goals[:i]]
        parents = sorted(set(rng.sample(above, rng.randint(1, min(2, len(above))))))
        lines += [f"  - id: {goal}", "    kind: goal", f"    title: {goal}"]
        lines.append(f"    supports: [{', '.join(parents)}]")
        if rng.random() < 0.2:
            lines.append(f"    status: {rng.choice(['dropped', 'idea'])}")
    for i in range(rng.randint(3, 9)):
        parents = sorted(set(rng.sample(goals, rng.randint(1, 2))))
        lines += [f"  - id: i{i}", "    kind: initiative", f"    title: i{i}"]
        lines.append(f"    supports: [{', '.join(parents)}]")
        status = rng.choice([None, "idea", "planned", "active", "done", "dropped"])
        if status:
            lines.append(f"    status: {status}")
        if rng.random() < 0.5:
            lines.append(f"    progress: {rng.randint(0, 100)}")
    got = result(tmp_path, "\n".join(lines) + "\n")
    ws = got.graph.ws
    for node_id in itertools.chain(["top"], goals):
        expected = brute_progress(ws, node_id)
        assert got.progress[node_id] == (pytest.approx(expected) if expected is not None else None)
