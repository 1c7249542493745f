"""`set --progress/--current` on an item with check-ins records today's check-in, so `status`
(the fields) and `report` (the history) agree; `--status done` with another progress is refused."""

from __future__ import annotations

from datetime import date
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
    progress: 20
    metric:
      name: late pings
      current: 40
    checkins: |
      2026-10-31 progress=20 current=40 health=at-risk
  - id: plain
    kind: initiative
    title: No history
    supports: [calm]
    status: active
    progress: 10
    metric:
      name: pings
      current: 5
"""


def write(tmp_path: Path) -> Path:
    path = tmp_path / "map.yaml"
    path.write_text(MAP)
    return path


def test_set_progress_on_an_item_with_check_ins_records_todays_check_in(tmp_path: Path) -> None:
    path = write(tmp_path)
    by_set = run_cli(
        "set", "quiet-hours", "--progress", "45", "--current", "31", "--map", str(path)
    )
    assert by_set.code == 0, by_set.err
    assert "recorded as today's check-in" in by_set.err
    # Exactly what `backmap checkin quiet-hours --progress 45 --current 31` writes.
    other = tmp_path / "other"
    other.mkdir()
    twin = write(other)
    by_checkin = run_cli(
        "checkin", "quiet-hours", "--progress", "45", "--current", "31", "--map", str(twin)
    )
    assert by_checkin.code == 0, by_checkin.err
    assert path.read_text() == twin.read_text()
    ws = store.load(path)
    last = checkins.latest(ws, "quiet-hours")
    assert last is not None and (last.date, last.progress, last.current) == (date.today(), 45, 31)
    assert ws.node("quiet-hours").progress == 45


def test_set_with_other_fields_and_status_done_on_an_item_with_check_ins(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = run_cli(
        "set",
        "quiet-hours",
        "--status",
        "done",
        "--target",
        "0",
        "--title",
        "Quiet",
        "--map",
        str(path),
    )
    assert result.code == 0, result.err
    assert "recorded as today's check-in" in result.err
    ws = store.load(path)
    node = ws.node("quiet-hours")
    assert (node.status, node.title, node.progress) == ("done", "Quiet", 100)
    assert node.metric is not None and (node.metric.target, node.metric.current) == (0, 40)
    last = checkins.latest(ws, "quiet-hours")
    assert last is not None and (last.date, last.progress) == (date.today(), 100)
    again = run_cli("set", "quiet-hours", "--status", "done", "--map", str(path))
    assert (again.code, "nothing changed" in again.err) == (0, True)


def test_set_progress_on_an_item_without_check_ins_sets_the_field(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = run_cli("set", "plain", "--progress", "30", "--current", "7", "--map", str(path))
    assert result.code == 0, result.err
    assert "check-in" not in result.err
    ws = store.load(path)
    assert checkins.history(ws, "plain") == []
    node = ws.node("plain")
    assert node.progress == 30 and node.metric is not None and node.metric.current == 7


def test_clearing_progress_of_an_item_with_check_ins_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = run_cli("set", "quiet-hours", "--progress", "", "--map", str(path))
    assert result.code == 2
    assert "check-ins" in result.err
    assert path.read_text() == MAP


def test_status_done_with_another_progress_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path)
    for node_id in ("quiet-hours", "plain"):
        result = run_cli("set", node_id, "--status", "done", "--progress", "50", "--map", str(path))
        assert result.code == 2, result.err
        assert "--status done means progress 100" in result.err
        assert "--status active" in result.err
    assert path.read_text() == MAP
    done = run_cli("set", "plain", "--status", "done", "--progress", "100", "--map", str(path))
    assert done.code == 0, done.err


def test_done_over_a_latest_check_in_of_100_records_no_second_one(tmp_path: Path) -> None:
    # The progress `--status done` implies is already what the history says: a check-in of
    # the same value today would only add a line (and reset how stale the item looks).
    path = write(tmp_path)
    path.write_text(
        path.read_text()
        .replace(
            "      2026-10-31 progress=20 current=40 health=at-risk\n",
            "      2026-10-31 progress=20 current=40 health=at-risk\n"
            "      2026-11-30 progress=100 current=40\n",
        )
        .replace("    progress: 20\n", "    progress: 100\n", 1)
    )
    done = run_cli("set", "quiet-hours", "--status", "done", "--map", str(path))
    assert done.code == 0, done.err
    assert "check-in" not in done.err, done.err
    text = path.read_text()
    assert text.count("progress=100") == 1 and "status: done" in text
    again = run_cli("set", "quiet-hours", "--progress", "100", "--map", str(path))
    assert again.code == 0 and "nothing changed" in again.err + again.out, again.err
    assert path.read_text() == text
