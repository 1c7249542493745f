"""A revision that differs from the files only in check-ins is read from today's map (the
other nodes shared), and says exactly what the same revision read in full says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.cli.test_changes import git
from tests.conftest import run_cli

from backmap import store
from backmap.store import revision

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
    status: active
    progress: 20
    metric:
      name: pings after 6pm
      baseline: 40
      target: 5
      current: 30
    checkins: |
      2026-10-31 progress=20 current=30 health=off-track
  - id: rota
    kind: initiative
    title: Shared rota
    supports: [calm]
    progress: 40
  - id: buddy
    kind: initiative
    title: Onboarding buddy
    supports: [calm]
    checkins: |
      2026-10-31 health=at-risk note="Waiting on HR"
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Two commits: the map, then a month of check-ins recorded with `backmap checkin`."""
    (tmp_path / "map.yaml").write_text(MAP)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "map.yaml")
    git(tmp_path, "commit", "-qm", "october")
    folder = ["--map", str(tmp_path / "map.yaml")]
    for args in (
        ["quiet-hours", "--progress", "45", "--current", "12", "--health", "on-track"],
        ["buddy", "--progress", "10", "--note", "Started"],
    ):
        result = run_cli("checkin", *args, "--date", "2026-11-30", *folder)
        assert result.code == 0, result.err
    git(tmp_path, "commit", "-qam", "november")
    return tmp_path


def test_a_month_back_is_made_from_today_sharing_what_did_not_move(repo: Path) -> None:
    today = store.load(repo / "map.yaml")
    then = revision.load_at(repo / "map.yaml", revision.resolve(repo, "HEAD~1"), today)
    (now,), (was,) = today.files.values(), then.files.values()
    # Shared, not parsed again: the node no check-in touched is today's very object.
    assert was.nodes[2] is now.nodes[2]
    full, _ = store.parse.parse(repo / "map.yaml", MAP, "")
    assert was == full
    for node, want in zip(was.nodes, full.nodes, strict=True):
        assert node.model_fields_set == want.model_fields_set
    assert was.nodes[1].progress == 20 and was.nodes[1].metric.current == 30
    assert was.nodes[3].progress is None and "progress" not in was.nodes[3].model_fields_set


def _without_files(value: object) -> object:
    """A JSON value without the file names findings sit in (a revision's and a path's differ)."""
    if isinstance(value, dict):
        return {
            k: _without_files(v) for k, v in value.items() if k not in ("file", "before", "after")
        }
    if isinstance(value, list):
        return [_without_files(v) for v in value]
    return value


def test_diff_and_status_say_what_a_full_read_says(repo: Path) -> None:
    (repo / "october.yaml").write_text(MAP)
    revisions = run_cli("diff", "HEAD~1", "HEAD", "-f", "json", "--map", str(repo / "map.yaml"))
    files = run_cli("diff", str(repo / "october.yaml"), str(repo / "map.yaml"), "-f", "json")
    assert revisions.code == files.code == 0, revisions.err + files.err
    told = json.loads(revisions.out)
    assert told["nodes"]  # progress, metric and check-in lines moved
    assert _without_files(told) == _without_files(json.loads(files.out))
    status = run_cli("status", "--since", "HEAD~1", "--map", str(repo / "map.yaml"))
    assert status.code == 0, status.err
    assert "+25%" in status.out  # quiet-hours, 20% to 45%
