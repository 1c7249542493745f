"""`backmap report` through the real entry point: the files it writes, the charts really drawn."""

from __future__ import annotations

import re
import shutil
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tests.conftest import MAPS, run_cli

SVG = "{http://www.w3.org/2000/svg}"
TODAY = "2026-12-03"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    out = folder / "check-in"
    # A copy outside git: in this repository the report would read the example's own history,
    # and the README chart would change with every commit of the example.
    plan = shutil.copy(MAPS / "ideal-group.yaml", folder / "ideal-group.yaml")
    result = run_cli("report", "--map", str(plan), "-o", str(out), "--today", TODAY)
    assert result.code == 0, result.err
    assert result.out.startswith(f"wrote {out / 'report.md'} and 7 charts")
    return out


def series(svg: Path) -> list[str]:
    """The ids of the plotted series groups of a chart."""
    root = ET.parse(svg).getroot()
    ids = [g.get("id", "") for g in root.iter(f"{SVG}g")]
    return [i.removeprefix("series-") for i in ids if i.startswith("series-")]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_report_links_every_chart_it_drew(written: Path) -> None:
    markdown = (written / "report.md").read_text(encoding="utf-8")
    linked = re.findall(r"!\[[^\]]*\]\((charts/[^)]+\.svg)\)", markdown)
    drawn = sorted(p.relative_to(written).as_posix() for p in (written / "charts").glob("*.svg"))
    assert sorted(linked) == drawn
    assert len(drawn) == 7
    for section in ("Progress over time", "Metrics", "Health", "Slipping", "Stale"):
        assert f"\n## {section}\n" in markdown
    assert "## Biggest moves since 2026-11-03" in markdown


def test_a_progress_chart_draws_the_outcome_and_its_goals(written: Path) -> None:
    drawn = series(written / "charts" / "progress-happy.svg")
    assert sorted(drawn) == ["growth", "happy", "less-friction", "less-stress"]
    markdown = (written / "report.md").read_text(encoding="utf-8")
    section = markdown.split("### Employees are happy\n", 1)[1].split("\n### ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    assert len(rows) == 2 + 4  # head, rule, one row per series


def test_metric_and_health_charts(written: Path) -> None:
    assert series(written / "charts" / "metric-less-stress.svg") == ["less-stress"]
    text = (written / "charts" / "metric-less-stress.svg").read_text(encoding="utf-8")
    assert "target 15%" in text and "baseline 38%" in text
    bars = series(written / "charts" / "health.svg")
    assert {b.split(".")[0] for b in bars} == {"on-track", "at-risk", "off-track", "not reported"}
    assert len(bars) == 4 * 4  # four healths at four check-in dates


def test_the_png_twins_are_real_images(written: Path) -> None:
    for svg in (written / "charts").glob("*.svg"):
        width, height = png_size(svg.with_suffix(".png"))
        assert (width, height) == (1200, 630), svg.name


def test_the_same_map_gives_the_same_bytes(written: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    plan = written.parent / "ideal-group.yaml"
    result = run_cli("report", "--map", str(plan), "-o", str(again), "--today", TODAY)
    assert result.code == 0, result.err
    first = {p.relative_to(written): p.read_bytes() for p in written.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second


def test_an_owner_report_names_them(tmp_path: Path) -> None:
    out = tmp_path / "dana"
    result = run_cli(
        "report",
        "--map",
        str(MAPS / "ideal-group.yaml"),
        "--owner",
        "dana",
        "--charts",
        "0",
        "-o",
        str(out),
        "--today",
        TODAY,
    )
    assert result.code == 0, result.err
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert "items of dana and beneath them" in markdown
    assert "(`off-hours`)" in markdown  # dana's initiative, slipping
    assert "(`reading-group`)" not in markdown  # a big move, but nowhere beneath dana's items
    # --charts 0: no progress or metric chart, only the one of health
    assert [p.name for p in (out / "charts").glob("*.svg")] == ["health.svg"]


def test_refusals_exit_2_and_write_nothing(tmp_path: Path) -> None:
    a_file = tmp_path / "taken"
    a_file.write_text("x", encoding="utf-8")
    result = run_cli("report", "--map", str(MAPS / "ideal-group.yaml"), "-o", str(a_file))
    assert result.code == 2
    assert "is a file; -o takes a folder" in result.err

    result = run_cli(
        "report",
        "--map",
        str(MAPS / "ideal-group.yaml"),
        "--owner",
        "nobody",
        "-o",
        str(tmp_path / "x"),
    )
    assert result.code == 2
    assert "nobody called 'nobody' owns an item; owners: " in result.err
    assert not (tmp_path / "x").exists()


def test_a_bad_check_in_line_is_named_with_its_file_and_line(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(MAPS / "ideal-group.yaml", plan)
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("health=on-track", "helth=on-track", 1), encoding="utf-8")
    before = text.split("health=on-track", 1)[0]
    line = 1 + before.count("\n")
    column = len(before) - before.rfind("\n")  # where `helth=` starts
    result = run_cli("report", "--map", str(plan), "-o", str(tmp_path / "out"))
    assert result.code == 2
    assert f"{plan}:{line}:{column}: error:" in result.err
    assert "`helth` is not a check-in value" in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "out").exists()


def test_the_readme_chart_is_what_report_draws_today(written: Path) -> None:
    images = Path(__file__).resolve().parents[2] / "docs" / "images"
    drawn = written / "charts" / "progress-happy.svg"
    assert (images / "checkin-progress.svg").read_bytes() == drawn.read_bytes(), (
        "the README chart is out of date: run `backmap report --map maps/ideal-group.yaml "
        f"--today {TODAY} -o OUT` and copy OUT/charts/progress-happy.* to "
        "docs/images/checkin-progress.*"
    )


def test_health_stands_until_a_later_check_in_reports_another(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    assert run_cli("new", str(path)).code == 0
    for args in (
        ("outcome", "Customers trust us"),
        ("initiative", "A rota", "-s", "customers-trust-us"),
    ):
        assert run_cli("add", *args, "--map", str(path)).code == 0
    first = ("--progress", "30", "--health", "at-risk", "--date", "2026-11-02")
    assert run_cli("checkin", "a-rota", *first, "--map", str(path)).code == 0
    second = ("--progress", "35", "--date", "2026-11-30")
    assert run_cli("checkin", "a-rota", *second, "--map", str(path)).code == 0
    out = tmp_path / "report"
    result = run_cli("report", "-o", str(out), "--today", "2026-12-01", "--map", str(path))
    assert result.code == 0, result.err
    assert "1 at risk or off track" in result.err + result.out
