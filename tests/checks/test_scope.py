"""A file checked alone: the links it makes to ids it does not define, found from the graph's
irregular nodes as from every node."""

from __future__ import annotations

from pathlib import Path

from backmap import store
from backmap.checks.scope import lone_file
from backmap.graph import build

MAP = """\
backmap: 1
title: Team
nodes:
  - id: goal
    kind: goal
    title: Serve the group
    supports: [group-goal, goal]
  - id: work
    kind: initiative
    title: Do the work
    supports: [goal]
  - id: more
    kind: initiative
    title: Do more
    supports: [other-goal, goal, goal, group-goal]
"""


def test_the_irregular_nodes_name_the_same_unknown_ids(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    path.write_text(MAP, encoding="utf-8")
    others = [tmp_path / "group.yaml"]
    ws = store.load(path)
    irregular = build(ws).irregular
    assert irregular == ["goal", "more"]
    everywhere = lone_file(ws, others)
    assert everywhere is not None
    assert everywhere.unknown == ("group-goal", "other-goal")
    assert lone_file(ws, others, (), irregular) == everywhere
