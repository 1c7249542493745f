"""`backmap report` on a map in git: a past date is rolled up on the map as it was then."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from tests.conftest import run_cli

HEAD = """backmap: 1
title: Calm evenings
nodes:
  - id: calm
    kind: outcome
    title: Evenings are calm
  - id: rota
    kind: goal
    title: Fair rota
    supports: [calm]
  - id: app
    kind: initiative
    title: Rota app
    supports: [rota]
    status: active
    progress: {progress}
    checkins: |
"""
MONTHS = {
    "2026-09-30": "      2026-09-30 progress=40\n",
    "2026-10-30": "      2026-10-30 progress=60\n",
    "2026-11-30": "      2026-11-30 progress=70\n",
}
LATE = """  - id: board
    kind: initiative
    title: Paper board
    supports: [rota]
    status: active
    progress: 20
    checkins: |
      2026-11-30 progress=20
"""


def commit(folder: Path, day: str) -> None:
    stamp = f"{day}T17:00:00+00:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
    }
    for args in (["add", "map.yaml"], ["commit", "-qm", day]):
        subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, env=env)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three monthly commits; the November one adds `board` beneath the goal."""
    folder = tmp_path_factory.mktemp("past")
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    lines = ""
    for day, line in MONTHS.items():
        lines += line
        head = HEAD.replace("{progress}", line.split("=")[1].strip())
        (folder / "map.yaml").write_text(head + lines + (LATE if day == "2026-11-30" else ""))
        commit(folder, day)
    return folder


def rows(markdown: str, node_id: str) -> list[str]:
    return [line for line in markdown.splitlines() if f"(`{node_id}`)" in line]


def test_a_past_date_rolls_up_on_the_map_of_that_date(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "r"
    args = ("report", "--map", str(repo / "map.yaml"), "-o", str(out), "--today", "2026-12-03")
    result = run_cli(*args, "--since", "2026-11-01")
    assert result.code == 0, result.err
    markdown = (out / "report.md").read_text(encoding="utf-8")
    # `board` came in November: September and October had only the app beneath the goal.
    assert rows(markdown, "rota")[0].endswith("| 40% | 60% | 45% | +5% |"), markdown
    assert "| Fair rota (`rota`) | goal | 60% | 45% | -15% |" in markdown
    assert "recomputed on today's map" not in markdown
    since = run_cli("status", "--since", "2026-11-01", "--map", str(repo / "map.yaml"))
    assert "-15%" in next(line for line in since.out.splitlines() if "Fair rota" in line)


def test_outside_git_the_report_says_past_values_use_todays_map(repo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "map.yaml"
    copy.write_text((repo / "map.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "r"
    result = run_cli("report", "--map", str(copy), "-o", str(out), "--today", "2026-12-03")
    assert result.code == 0, result.err
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert rows(markdown, "rota")[0].endswith("| 30% | 40% | 45% | +15% |"), markdown
    assert "recomputed on today's map" in markdown


ROUNDING = """backmap: 1
title: Rounding
nodes:
  - id: goal
    kind: goal
    title: Goal
  - id: a
    kind: initiative
    title: A
    supports: [goal]
    status: active
    progress: 50
    checkins: |
      2026-10-30 progress=45
      2026-11-30 progress=50
  - id: b
    kind: initiative
    title: B
    supports: [goal]
    status: active
    progress: 57
    checkins: |
      2026-10-30 progress=52
      2026-11-30 progress=57
"""


def test_a_move_is_between_the_percents_shown(tmp_path: Path) -> None:
    """48.5% -> 53.5% shows as 48% -> 54%: the move says +6%, as `status --since` does."""
    path = tmp_path / "map.yaml"
    path.write_text(ROUNDING, encoding="utf-8")
    out = tmp_path / "r"
    args = ("--map", str(path), "-o", str(out), "--today", "2026-12-03", "--since", "2026-11-01")
    assert run_cli("report", *args).code == 0
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert rows(markdown, "goal")[0].endswith("| 48% | 54% | +6% |"), markdown
    assert "| Goal (`goal`) | goal | 48% | 54% | +6% |" in markdown


NOBODY = """backmap: 1
title: Two owners
nodes:
  - id: busy
    kind: goal
    title: Busy goal
    owner: dana
  - id: a
    kind: initiative
    title: A
    supports: [busy]
    status: active
    progress: 50
    checkins: |
      2026-11-30 progress=50
  - id: quiet
    kind: goal
    title: Quiet goal
    owner: oskar
  - id: b
    kind: initiative
    title: B
    supports: [quiet]
    status: active
"""


def test_a_person_without_check_ins_gets_words_not_an_empty_chart(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(NOBODY, encoding="utf-8")
    out = tmp_path / "r"
    args = ("--map", str(path), "-o", str(out), "--today", "2026-12-03", "--owner", "oskar")
    result = run_cli("report", *args)
    assert result.code == 0, result.err
    assert not list((out / "charts").glob("progress-*")), result.out
    markdown = (out / "report.md").read_text(encoding="utf-8")
    section = markdown.split("## Progress over time", 1)[1].split("\n## ", 1)[0]
    assert "### Quiet goal\n\nNo check-ins yet beneath it" in section, section
    assert "| \u2013" not in section  # no row of dashes


CLOSE = """backmap: 1
title: Close dates
nodes:
  - id: bags
    kind: outcome
    title: Bags
  - id: a-goal-whose-title-is-long-enough-to-need-room
    kind: goal
    supports: [bags]
    title: Bags reach the belt within twenty minutes of the aircraft parking
    metric:
      name: first bag to belt
      unit: min
      baseline: 28
      target: 20
    checkins: |
      2026-09-30 current=27
      2026-10-30 current=25
      2026-11-30 current=24
      2026-12-02 current=23
  - id: a
    kind: initiative
    title: A
    supports: [a-goal-whose-title-is-long-enough-to-need-room]
    status: active
    progress: 40
    checkins: |
      2026-09-30 progress=10
      2026-10-30 progress=20
      2026-11-30 progress=30
      2026-12-02 progress=40
"""


def texts(svg: Path) -> list[str]:
    """The texts drawn in an SVG chart (the report keeps them as text, not glyph outlines)."""
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg.read_text(encoding="utf-8"))


def test_chart_date_labels_do_not_run_into_each_other(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(CLOSE, encoding="utf-8")
    out = tmp_path / "r"
    assert run_cli("report", "--map", str(path), "-o", str(out), "--today", "2026-12-03").code == 0
    slug = "a-goal-whose-title-is-long-enough-to-need-room"
    for chart in ("progress-bags.svg", f"metric-{slug}.svg"):
        drawn = texts(out / "charts" / chart)
        assert "Dec 2" in drawn, (chart, drawn)
        assert "Nov 30" not in drawn, (chart, drawn)  # two days before Dec 2: no room
        assert "Oct 30" in drawn, (chart, drawn)


def test_a_metric_chart_title_is_whole_when_there_is_room(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(CLOSE, encoding="utf-8")
    out = tmp_path / "r"
    assert run_cli("report", "--map", str(path), "-o", str(out), "--today", "2026-12-03").code == 0
    drawn = texts(out / "charts" / "metric-a-goal-whose-title-is-long-enough-to-need-room.svg")
    title = "first bag to belt: Bags reach the belt within twenty minutes of the aircraft parking"
    assert title in drawn, drawn


def test_commits_that_hold_the_same_map_are_shaped_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backmap.cli import report_past

    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    path = tmp_path / "map.yaml"
    text = HEAD.replace("{progress}", "40") + MONTHS["2026-09-30"]
    path.write_text(text, encoding="utf-8")
    commit(tmp_path, "2026-09-30")
    text += MONTHS["2026-10-30"]
    path.write_text(text, encoding="utf-8")
    commit(tmp_path, "2026-10-30")
    stamp = "2026-11-15T17:00:00+00:00"  # a commit of other work: the same map
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    author = ["-c", "user.name=t", "-c", "user.email=t@example.com"]
    other = ["git", *author, "commit", "-q", "--allow-empty", "-m", "other work"]
    subprocess.run(other, cwd=tmp_path, check=True, env=env)
    path.write_text(text + MONTHS["2026-11-30"], encoding="utf-8")  # recorded since
    log = subprocess.run(["git", "log", "--format=%H"], cwd=tmp_path, capture_output=True)
    commits = log.stdout.decode().split()  # newest first, as `report` asks
    today = [path.read_text(encoding="utf-8")]
    shaped: list[list[str | None]] = []
    real = report_past.shape

    def counted(texts: list[str | None]) -> str | None:
        shaped.append(texts)
        return real(texts)

    monkeypatch.setattr(report_past, "shape", counted)
    now, found = report_past.shapes(tmp_path, ".", ["map.yaml"], commits, today)
    assert len(shaped) == 3  # today, the other work (= October's map), September
    assert found[commits[0]] == found[commits[1]] == now  # only check-ins differ
    assert set(found) == set(commits)
