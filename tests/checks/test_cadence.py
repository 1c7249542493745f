"""The check-in rules: stale (BM411), slipping (BM412), metric moving away (BM413), fields out
of step with the latest check-in (BM414)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.conftest import run_cli

from backmap import store
from backmap.checks import CheckConfig, check

MAP = """\
backmap: 1
title: Check-ins
nodes:
  - id: calm
    kind: outcome
    title: A calm team
  - id: quiet
    kind: goal
    title: Quiet evenings
    supports: [calm]
    metric: {name: late messages a week, baseline: 120, target: 10, current: 70}
    checkins: |
      2026-10-31 current=60
      2026-11-30 current=70
  - id: rota
    kind: initiative
    title: A rota
    supports: [quiet]
    status: active
    progress: 60
    due: 2027-01-31
    checkins: |
      2026-09-30 progress=10
      2026-11-30 progress=60
  - id: hours
    kind: initiative
    title: Quiet hours
    supports: [quiet]
    status: active
    progress: 30
    due: 2027-01-31
    checkins: |
      2026-09-30 progress=10
      2026-11-30 progress=30
  - id: old
    kind: initiative
    title: An old habit
    supports: [quiet]
    status: active
    progress: 30
    checkins: |
      2026-10-20 progress=30
  - id: closed
    kind: initiative
    title: Finished long ago
    supports: [quiet]
    status: done
    progress: 100
    checkins: |
      2026-01-31 progress=100
  - id: never
    kind: initiative
    title: Never checked in
    supports: [quiet]
    status: active
"""


def findings(tmp_path: Path, today: date, **config: object) -> list[tuple[str, str]]:
    path = tmp_path / "plan.yaml"
    path.write_text(MAP, encoding="utf-8")
    result = check(store.load(path), CheckConfig(select=("BM41",), today=today, **config))  # type: ignore[arg-type]
    return [(f.code, f.node_id) for f in result.findings]


def test_stale_slipping_and_moving_away(tmp_path: Path) -> None:
    assert findings(tmp_path, date(2026, 12, 3)) == [
        ("BM413", "quiet"),  # 70 is further from 10 than 60 was
        ("BM412", "hours"),  # 20 points in 61 days; 70 left in 62
        ("BM411", "old"),  # 44 days without a check-in
    ]


def test_stale_days_is_a_setting(tmp_path: Path) -> None:
    assert ("BM411", "old") not in findings(tmp_path, date(2026, 12, 3), stale_days=60)
    later = findings(tmp_path, date(2027, 1, 10))
    # Everything open and checked in is stale by then; the closed item and the one never
    # checked in are left alone.
    assert sorted(n for c, n in later if c == "BM411") == ["hours", "old", "quiet", "rota"]


def test_the_messages_say_what_and_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(MAP, encoding="utf-8")
    (tmp_path / "backmap.toml").write_text("[check]\nstale-days = 40\n", encoding="utf-8")
    result = run_cli("check", "--map", str(path), "--select", "BM41", "--today", "2026-12-03")
    assert result.code == 0, result.err
    assert (
        "`old` was last checked in on 2026-10-20 (44 days ago, more than 40): check it in "
        "(`backmap checkin old`), or mark it done or dropped"
    ) in result.out
    assert (
        "`hours` went from 10% to 30% between 2026-09-30 and 2026-11-30; at that pace it would "
        "finish on 2027-07-02, after its due date 2027-01-31"
    ) in result.out
    assert (
        '`quiet`: metric "late messages a week" went from 60 to 70 on 2026-11-30, away from '
        "its target of 10"
    ) in result.out


def test_a_bad_stale_days_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(MAP, encoding="utf-8")
    (tmp_path / "backmap.toml").write_text("[check]\n\nstale-days = 0\n", encoding="utf-8")
    result = run_cli("check", "--map", str(path))
    assert result.code == 2
    assert "backmap.toml:3:1: error: `stale-days`: must be a whole number of at least 1" in (
        result.err
    )


def test_fields_out_of_step_with_the_latest_check_in_are_reported(tmp_path: Path) -> None:
    # Lines added by hand (or by a merge) without the fields `backmap checkin` would set.
    text = MAP.replace(
        "      2026-11-30 current=70\n",
        "      2026-11-30 current=70\n      2026-12-01 current=55\n",
    ).replace(
        "      2026-11-30 progress=60\n",
        "      2026-11-30 progress=60\n      2026-12-01 progress=70\n",
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("check", "--map", str(path), "--select", "BM414", "--today", "2026-12-03")
    assert result.code == 0, result.err
    assert (
        "`rota`'s progress is 60%, but its latest check-in (2026-12-01) says 70%: write "
        "`progress: 70`, or check in today's value (`backmap checkin rota --progress N`)"
    ) in result.out
    assert (
        "`quiet`'s metric's current value is 70, but its latest check-in (2026-12-01) says 55: "
        "write `current: 55` in its metric"
    ) in result.out
    assert result.out.count("BM414") == 2  # the fields that agree are not reported
    # Checked as of a day before those lines, the fields are not today's: nothing to say.
    earlier = run_cli("check", "--map", str(path), "--select", "BM414", "--today", "2026-11-30")
    assert "BM414" not in earlier.out
