"""Check-in values typed by a person are read by the one field reader `set` and the editor use:
the same text is the same number, and a refusal says the same thing, wherever it is typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import run_cli

from backmap import checkins

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
    metric:
      name: late pings
      current: 40
"""


def test_progress_typed_with_a_percent_sign_is_recorded_as_set_takes_it(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP)
    result = run_cli(
        "checkin", "quiet-hours", "--progress", "35%", "--date", "2026-11-30", "--map", str(path)
    )
    assert result.code == 0, result.err
    assert "      2026-11-30 progress=35\n" in path.read_text()


@pytest.mark.parametrize(
    ("option", "text", "reason"),
    [
        ("--progress", "nan", "'nan' is not a number from 0 to 100"),
        ("--progress", "lots", "'lots' is not a number from 0 to 100"),
        ("--current", "inf", "'inf' is not a number"),
    ],
)
def test_a_value_that_is_no_number_is_refused_as_set_refuses_it(
    tmp_path: Path, option: str, text: str, reason: str
) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP)
    checkin = run_cli("checkin", "quiet-hours", option, text, "--map", str(path))
    assert (checkin.code, checkin.err) == (2, f"backmap: error: {option}: {reason}\n")
    set_ = run_cli("set", "quiet-hours", option, text, "--map", str(path))
    assert (set_.code, set_.err) == (2, f"backmap: error: {option}: {reason}\n")
    assert path.read_text() == MAP


def test_the_range_checks_of_a_check_in_still_hold_for_typed_numbers() -> None:
    assert checkins.value_from_text("progress", " 40.0 ") == 40
    assert checkins.value_from_text("current", "-3.5") == -3.5
    with pytest.raises(ValueError, match="'101' is not a number from 0 to 100"):
        checkins.value_from_text("progress", "101")
    with pytest.raises(ValueError, match="out of range"):
        checkins.value_from_text("current", "1e20")
