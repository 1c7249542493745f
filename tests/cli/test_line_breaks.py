"""A title may hold line breaks; every line of output still shows it on one line."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

MAP = """\
backmap: 1
title: Team
nodes:
  - id: calm
    kind: outcome
    title: "A calm\\nteam"
  - id: quiet
    kind: goal
    title: "Quiet\\nafternoons"
    supports: [calm]
  - id: no-meetings
    kind: initiative
    title: "No meetings\\nafter three"
    supports: [quiet]
    owner: maya
    status: active
"""


def test_fit_and_checkin_show_a_title_with_a_line_break_on_one_line(tmp_path: Path) -> None:
    (tmp_path / "backmap.yaml").write_text(MAP, encoding="utf-8")
    fit = run_cli("fit", "no meetings after three in the afternoon", cwd=tmp_path)
    assert fit.code == 0, fit.err
    assert "Quiet afternoons" in fit.out, fit.out
    assert "No meetings after three" in fit.out, fit.out
    assert "Quiet\n" not in fit.out and "A calm\n" not in fit.out, fit.out
    shown = run_cli("checkin", "no-meetings", cwd=tmp_path)
    assert shown.code == 0, shown.err
    assert "No meetings after three" in shown.out, shown.out
    round_ = run_cli("checkin", "--owner", "maya", "--date", "2026-11-05", cwd=tmp_path)
    assert "No meetings after three" in round_.out + round_.err, round_.out
