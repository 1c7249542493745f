"""`status --since DATE` on check-ins committed after their dates: the day's values are those
the check-ins made by then say, on the map of the last commit before it (as `report` has it)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import run_cli
from tests.review.test_report_late_commit import START
from tests.review.test_report_past import commit


def _checkin(path: Path, day: str, value: int) -> None:
    run = run_cli("checkin", "booking", "--progress", str(value), "--date", day, "--map", str(path))
    assert run.code == 0, run.err


def _booking_line(out: str) -> str:
    return next(line for line in out.splitlines() if "booking" in line)


def test_check_ins_committed_late_count_on_their_dates(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    path = tmp_path / "map.yaml"
    path.write_text(START, encoding="utf-8")
    commit(tmp_path, "2026-09-01")
    # Three months of check-ins recorded, and committed only in November.
    _checkin(path, "2026-09-30", 20)
    _checkin(path, "2026-10-31", 35)
    _checkin(path, "2026-11-15", 55)
    commit(tmp_path, "2026-11-20")
    _checkin(path, "2026-12-01", 60)
    # Since November 1st: from the 35% of October's check-in, not the September commit's 10%.
    run = run_cli("status", "--since", "2026-11-01", "--map", str(path), "--today", "2026-12-02")
    assert run.code == 0, run.err
    assert "+25%" in _booking_line(run.out), run.out
    # After the last commit: that commit's map, as it stood that day.
    run = run_cli("status", "--since", "2026-11-25", "--map", str(path), "--today", "2026-12-02")
    assert run.code == 0, run.err
    assert "+5%" in _booking_line(run.out), run.out


def test_before_the_first_commit_the_later_check_ins_count_too(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    path = tmp_path / "map.yaml"
    path.write_text(START, encoding="utf-8")
    _checkin(path, "2026-09-30", 20)
    commit(tmp_path, "2026-10-01")
    _checkin(path, "2026-08-31", 15)  # a check-in of August, recorded late
    _checkin(path, "2026-10-31", 35)
    run = run_cli("status", "--since", "2026-09-01", "--map", str(path), "--today", "2026-11-01")
    assert run.code == 0, run.err
    assert "+20%" in _booking_line(run.out), run.out
