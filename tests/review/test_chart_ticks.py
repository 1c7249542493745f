"""A metric chart's axis reads as people write numbers: 1.5M, 250k, never 1e6 over the axis."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli
from tests.review.test_report_past import texts

MAP = """backmap: 1
title: Food bank
nodes:
  - id: fed
    kind: outcome
    title: No family in town goes hungry
  - id: meals
    kind: goal
    title: Meals served each year
    supports: [fed]
    metric:
      name: meals
      baseline: 1000000
      target: 2500000
      current: {current}
    checkins: |
      2026-09-30 current=1200000
      2026-10-31 current=1450000
      2026-11-30 current={current}
"""


def test_large_values_are_written_in_thousands_and_millions(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP.format(current=1750000), encoding="utf-8")
    out = tmp_path / "r"
    run = run_cli("report", "--map", str(path), "-o", str(out), "--today", "2026-12-03")
    assert run.code == 0, run.err
    drawn = texts(out / "charts" / "metric-meals.svg")
    assert not any(t.startswith("1e") for t in drawn), drawn  # no offset over the axis
    assert "2M" in drawn and any(t.endswith("M") and "." in t for t in drawn), drawn
    assert "target 2500000" in drawn  # the legend keeps the whole number, as status writes it


def test_small_values_keep_their_digits(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    text = MAP.format(current=1750).replace("000000", "000").replace("0000", "0")
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "r"
    assert run_cli("report", "--map", str(path), "-o", str(out), "--today", "2026-12-03").code == 0
    drawn = texts(out / "charts" / "metric-meals.svg")
    assert "1750" in drawn or "1500" in drawn, drawn
    assert not any(t.endswith("k") for t in drawn), drawn


def test_tick_words() -> None:
    from backmap.review.charts import ticks

    assert ticks([0.1, 0.2, 0.1 + 0.2]) == ["0.1", "0.2", "0.3"]
    assert ticks([0, 2500, 5000, 7500]) == ["0", "2500", "5000", "7500"]
    assert ticks([0, 250_000, 500_000]) == ["0", "250k", "500k"]
    assert ticks([1_000_000, 1_250_000, 1_500_000]) == ["1M", "1.25M", "1.5M"]
    assert ticks([-20_000, 0, 20_000]) == ["-20k", "0", "20k"]
    assert ticks([1e9, 2e9]) == ["1B", "2B"]
    # Ticks two decimals of a million cannot tell apart are written whole.
    assert ticks([1_000_000.2, 1_000_000.4]) == ["1000000.2", "1000000.4"]
