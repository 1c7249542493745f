"""`set` and `add` for monthly scripts: metric fields, done is 100%, no change is no error."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

from backmap import store

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
    progress: 35
"""


def write(tmp_path: Path) -> Path:
    path = tmp_path / "map.yaml"
    path.write_text(MAP)
    return path


def test_progress_of_a_goal_with_items_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = run_cli("set", "calm", "--progress", "30", "--map", str(path))
    assert result.code == 2
    assert "progress rolls up from theirs: set progress on those items instead" in result.err
    assert path.read_text() == MAP


def test_status_done_sets_progress_100(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = run_cli("set", "quiet-hours", "--status", "done", "--map", str(path))
    assert result.code == 0, result.err
    node = store.load(path).node("quiet-hours")
    assert (node.status, node.progress) == ("done", 100)


def test_status_done_on_a_goal_says_why_progress_stays(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = run_cli("set", "calm", "--status", "done", "--map", str(path))
    assert result.code == 0, result.err
    assert "progress of `calm` stays as its items' roll-up" in result.err
    assert store.load(path).node("calm").progress is None


def test_setting_what_is_already_set_exits_0(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = run_cli("set", "quiet-hours", "--progress", "35", "--map", str(path))
    assert (result.code, result.err.strip()) == (
        0,
        "nothing changed: `quiet-hours` already has those values",
    )


def test_metric_fields(tmp_path: Path) -> None:
    path = write(tmp_path)
    args = ("set", "quiet-hours", "--metric-name", "late pings", "--baseline", "50")
    assert run_cli(*args, "--target", "5", "--unit", "per week", "--map", str(path)).code == 0
    assert run_cli("set", "quiet-hours", "--current", "31.5", "--map", str(path)).code == 0
    metric = store.load(path).node("quiet-hours").metric
    assert metric is not None
    assert (metric.name, metric.unit, metric.baseline, metric.target, metric.current) == (
        "late pings",
        "per week",
        50,
        5,
        31.5,
    )
    bad = run_cli("set", "calm", "--current", "3", "--map", str(path))
    assert (bad.code, "has no metric yet: name it with --metric-name" in bad.err) == (2, True)
    bad = run_cli("set", "quiet-hours", "--target", "lots", "--map", str(path))
    assert (bad.code, "--target must be a number" in bad.err) == (2, True)
    assert run_cli("set", "quiet-hours", "--metric-name", "", "--map", str(path)).code == 0
    assert store.load(path).node("quiet-hours").metric is None


def test_add_takes_progress_due_and_status(tmp_path: Path) -> None:
    path = write(tmp_path)
    args = ("add", "initiative", "Quiet Fridays", "-s", "calm", "--progress", "10")
    result = run_cli(*args, "--due", "2027-01-31", "--status", "active", "--map", str(path))
    assert result.code == 0, result.err
    node = store.load(path).node("quiet-fridays")
    assert (node.progress, str(node.due), node.status) == (10, "2027-01-31", "active")
    done = run_cli(
        "add", "initiative", "Done already", "-s", "calm", "--status", "done", "--map", str(path)
    )
    assert store.load(path).node(done.out.strip()).progress == 100
