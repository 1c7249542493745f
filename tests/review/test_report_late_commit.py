"""`backmap report` on check-ins committed after their dates: each past date still counts the
check-ins made by then, on the map as it was then."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import run_cli
from tests.review.test_report_past import commit, rows

START = """backmap: 1
title: Clinic
nodes:
  - id: trust
    kind: outcome
    title: Patients trust us
  - id: waits
    kind: goal
    title: Short waits
    supports: [trust]
  - id: booking
    kind: initiative
    title: Online booking
    supports: [waits]
    status: active
    progress: 10
"""


def test_check_ins_committed_late_count_on_their_dates(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    path = tmp_path / "map.yaml"
    path.write_text(START, encoding="utf-8")
    commit(tmp_path, "2026-09-01")
    # Three months of check-ins, and a metric on the goal, committed together in December.
    for day, value in (("2026-09-30", 20), ("2026-10-31", 35), ("2026-11-30", 55)):
        run = run_cli("checkin", "booking", "--progress", str(value), "--date", day,
                      "--map", str(path))  # fmt: skip
        assert run.code == 0, run.err
    assert run_cli("set", "waits", "--metric-name", "minutes to a slot", "--target", "60",
                   "--map", str(path)).code == 0  # fmt: skip
    commit(tmp_path, "2026-12-04")
    out = tmp_path / "r"
    result = run_cli("report", "--map", str(path), "-o", str(out), "--today", "2026-12-04")
    assert result.code == 0, result.err
    markdown = (out / "report.md").read_text(encoding="utf-8")
    # Each date on the September map (the last commit before it), with the check-ins of that
    # date: not the September map's own 10% three times over.
    assert rows(markdown, "waits")[0].endswith("| 20% | 35% | 55% | +35% |"), markdown


def _since_november(tmp_path: Path, start: str, checkins: dict[str, int]) -> tuple[str, str]:
    """The map `start` committed in September, `checkins` of booking recorded and committed on
    November 21st; what `status --since 2026-11-01` and the report's biggest moves say of it."""
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    path = tmp_path / "map.yaml"
    path.write_text(start, encoding="utf-8")
    commit(tmp_path, "2026-09-01")
    for day, value in checkins.items():
        run = run_cli("checkin", "booking", "--progress", str(value), "--date", day,
                      "--map", str(path))  # fmt: skip
        assert run.code == 0, run.err
    commit(tmp_path, "2026-11-21")
    since = ["--since", "2026-11-01", "--today", "2026-11-25", "--map", str(path)]
    status = run_cli("status", *since)
    assert status.code == 0, status.err
    out = tmp_path / "r"
    assert run_cli("report", *since, "-o", str(out)).code == 0
    moves = (out / "report.md").read_text(encoding="utf-8").split("## Biggest moves", 1)[1]
    return (
        next(line for line in status.out.splitlines() if "Online booking" in line),
        next(line for line in moves.splitlines() if "(`booking`)" in line),
    )


def test_an_item_the_commit_held_unplanned_moves_from_its_check_ins_as_in_status(
    tmp_path: Path,
) -> None:
    # Committed before anyone planned it: no status, no progress.
    unplanned = START.replace("    status: active\n    progress: 10\n", "")
    status, move = _since_november(tmp_path, unplanned, {"2026-10-15": 45, "2026-11-20": 50})
    assert "+5%" in status
    assert move.endswith("| 45% | 50% | +5% |"), move


def test_the_moves_start_where_status_since_starts_on_the_day_itself(tmp_path: Path) -> None:
    checkins = {"2026-10-15": 30, "2026-11-01": 40, "2026-11-20": 50}
    status, move = _since_november(tmp_path, START, checkins)
    assert "+10%" in status
    assert move.endswith("| 40% | 50% | +10% |"), move
