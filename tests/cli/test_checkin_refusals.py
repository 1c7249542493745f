"""`checkin` refusals that say what to run: a value for a metric that is not there, and progress
below 100 on a done item (which may still have its metric, health and notes checked in)."""

from __future__ import annotations

import shlex
from pathlib import Path

from tests.conftest import run_cli

from backmap import checkins, store

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
    progress: 30
  - id: shipped
    kind: initiative
    title: Shipped thing
    supports: [calm]
    status: done
    progress: 100
    metric:
      name: late pings
      current: 12
    checkins: |
      2026-10-31 progress=80 current=20
      2026-11-30 progress=100 current=12
"""


def write(tmp_path: Path) -> Path:
    path = tmp_path / "map.yaml"
    path.write_text(MAP)
    return path


def test_current_without_a_metric_gives_the_set_command_to_run_first(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = run_cli("checkin", "quiet-hours", "--current", "5", "--map", str(path))
    assert result.code == 2
    assert path.read_text() == MAP
    said = result.err
    assert "`quiet-hours` has no metric" in said
    command = f"backmap set quiet-hours --metric-name NAME --target N --map {path}"
    assert command in said, said
    # The command runs as given, once NAME and N are filled in; then the check-in goes through.
    filled = command.replace("NAME", '"late pings"').replace(" N ", " 0 ")
    done = run_cli(*shlex.split(filled)[1:])
    assert done.code == 0, done.err
    again = run_cli("checkin", "quiet-hours", "--current", "5", "--map", str(path))
    assert again.code == 0, again.err
    metric = store.load(path).node("quiet-hours").metric
    assert metric is not None and (metric.name, metric.target, metric.current) == (
        "late pings",
        0,
        5,
    )


def test_the_command_names_the_map_only_when_one_was_given(tmp_path: Path) -> None:
    (tmp_path / "backmap.yaml").write_text(MAP)
    result = run_cli("checkin", "quiet-hours", "--current", "5", cwd=tmp_path)
    assert result.code == 2
    assert "backmap set quiet-hours --metric-name NAME --target N`" in result.err


def test_a_done_item_takes_its_metric_health_and_note(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = run_cli(
        "checkin",
        "shipped",
        "--current",
        "9",
        "--health",
        "on-track",
        "--note",
        "Still falling",
        "--date",
        "2026-12-02",
        "--map",
        str(path),
    )
    assert result.code == 0, result.err
    ws = store.load(path)
    node = ws.node("shipped")
    assert (node.status, node.progress) == ("done", 100)
    assert node.metric is not None and node.metric.current == 9
    assert checkins.latest(ws, "shipped") is not None


def test_progress_below_100_on_a_done_item_is_refused_with_the_way_out(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = run_cli(
        "checkin", "shipped", "--progress", "60", "--date", "2026-12-02", "--map", str(path)
    )
    assert result.code == 2
    assert "`shipped` is done, so its progress is 100" in result.err
    assert f"backmap set shipped --status active --progress 60 --map {path}" in result.err
    assert path.read_text() == MAP
    # 100 says what done says: accepted.
    full = run_cli(
        "checkin", "shipped", "--progress", "100", "--date", "2026-12-02", "--map", str(path)
    )
    assert full.code == 0, full.err


def test_an_earlier_check_in_on_a_done_item_may_say_where_it_stood_then(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = run_cli(
        "checkin", "shipped", "--progress", "90", "--date", "2026-11-15", "--map", str(path)
    )
    assert result.code == 0, result.err
    node = store.load(path).node("shipped")
    assert node.progress == 100  # the latest check-in still says 100
    assert "2026-11-15 progress=90" in (node.checkins or "")


def test_set_progress_below_100_on_a_done_item_is_refused_too(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = run_cli("set", "shipped", "--progress", "60", "--map", str(path))
    assert result.code == 2
    assert "`shipped` is done, so its progress is 100" in result.err
    assert "--status active --progress 60" in result.err
    assert path.read_text() == MAP
    reopened = run_cli(
        "set", "shipped", "--status", "active", "--progress", "60", "--map", str(path)
    )
    assert reopened.code == 0, reopened.err


def test_add_and_fit_attach_refuse_done_with_progress_below_100(tmp_path: Path) -> None:
    path = write(tmp_path)
    added = run_cli(
        "add", "initiative", "Half there", "-s", "calm", "--status", "done", "--progress", "50",
        "--map", str(path),
    )  # fmt: skip
    assert added.code == 2
    assert "--status done means progress 100" in added.err
    attached = run_cli(
        "fit", "Half there", "--attach", "calm", "--yes", "--status", "done", "--progress", "50",
        "--map", str(path),
    )  # fmt: skip
    assert attached.code == 2
    assert "--status done means progress 100" in attached.err
    assert path.read_text() == MAP


def test_fit_attach_done_sets_progress_100_as_add_does(tmp_path: Path) -> None:
    path = write(tmp_path)
    done = run_cli(
        "fit", "Weekly retro on calm", "--attach", "calm", "--yes", "--status", "done",
        "--map", str(path),
    )  # fmt: skip
    assert done.code == 0, done.err
    node = store.load(path).node(done.out.split()[-1])
    assert (node.status, node.progress) == ("done", 100)
