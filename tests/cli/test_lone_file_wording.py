"""The note after checking one file of a folder counts in words that agree."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

GROUP = (
    "backmap: 1\ntitle: Group\nnodes:\n  - {id: top, kind: outcome, title: Top}\n"
    "  - {id: g, kind: goal, title: Goal here, supports: [top]}\n"
)
TEAM = (
    "backmap: 1\ntitle: Team\nnodes:\n  - {id: i, kind: initiative, title: Init, supports: [g]}\n"
)


def test_one_node_with_nothing_beneath_it(tmp_path: Path) -> None:
    (tmp_path / "group.yaml").write_text(GROUP, encoding="utf-8")
    (tmp_path / "team.yaml").write_text(TEAM, encoding="utf-8")
    run = run_cli("check", "--map", "group.yaml", cwd=tmp_path)
    assert "What supports the 1 node with nothing beneath it here (g)" in run.err, run.err
