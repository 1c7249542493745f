"""`backmap report -o DIR` run again: the charts of an earlier run do not linger."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MAPS, run_cli


def test_a_second_report_removes_the_charts_the_first_drew_and_nothing_else(
    tmp_path: Path,
) -> None:
    out = tmp_path / "check-in"
    base = ["report", "--map", str(MAPS / "ideal-group.yaml"), "-o", str(out)]
    first = run_cli(*base, "--today", "2026-12-03", "--charts", "1")
    assert first.code == 0, first.err
    drawn = sorted(p.name for p in (out / "charts").iterdir())
    assert len(drawn) > 2
    mine = out / "charts" / "my-notes.svg"
    mine.write_text("<svg/>")
    (out / "charts" / "progress-old.txt").write_text("kept")
    again = run_cli(*base, "--today", "2026-12-03", "--charts", "0")
    assert again.code == 0, again.err
    left = sorted(p.name for p in (out / "charts").iterdir())
    assert left == ["health.png", "health.svg", "my-notes.svg", "progress-old.txt"]


def test_an_owner_report_heads_the_person_by_name_and_id(tmp_path: Path) -> None:
    out = tmp_path / "hannah"
    result = run_cli(
        "report", "--map", str(MAPS / "org"), "--owner", "Hannah", "--charts", "0", "-o", str(out)
    )
    assert result.code == 0, result.err
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert "items of Hannah Okafor (hannah) and beneath them" in markdown
