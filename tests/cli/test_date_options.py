"""Every date option reads a date the same way and words a day that does not exist the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import run_cli

MAP = (
    "backmap: 1\ntitle: Plan\nnodes:\n"
    "  - {id: top, kind: outcome, title: Top}\n"
    "  - {id: leaf, kind: initiative, title: Leaf, supports: [top]}\n"
)
REASON = "2026-02-30 does not exist, February 2026 has 28 days"


@pytest.mark.parametrize(
    "command",
    [
        ["status", "--since", "2026-02-30"],
        ["set", "leaf", "--due", "2026-02-30"],
        ["checkin", "leaf", "--progress", "10", "--date", "2026-02-30"],
        ["report", "-o", "out", "--since", "2026-02-30"],
    ],
)
def test_a_day_that_does_not_exist_is_explained(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "plan.yaml").write_text(MAP, encoding="utf-8")
    result = run_cli(*command, "--map", "plan.yaml", cwd=tmp_path)
    assert result.code == 2, result.err
    assert f"{command[-2]}: {REASON}" in result.err
    assert (tmp_path / "plan.yaml").read_text(encoding="utf-8") == MAP
