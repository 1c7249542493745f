"""`backmap focus` and `backmap debrief`: periods, the limit of three, the focus file's errors
and comments, and where focus items and lessons show."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from tests.conftest import run_cli
from tests.workspaces import write_workspace

from backmap.people.focus import parse_period

MAP = """\
backmap: 1
title: Calm team
nodes:
  - id: calm
    kind: outcome
    title: A calm team
  - id: quiet
    kind: goal
    title: Quiet afternoons
    supports: [calm]
    owner: dana
  - id: hours
    kind: initiative
    title: Quiet hours
    supports: [quiet]
    owner: maya
    sub_owner: dana
    status: active
    progress: 30
    checkins: |
      2026-09-30 progress=10
      2026-11-20 progress=30
  - id: blocks
    kind: initiative
    title: Focus blocks
    supports: [quiet]
    owner: maya
    status: active
    progress: 20
    checkins: |
      2026-09-30 progress=20
      2026-11-20 progress=20
  - id: fridays
    kind: initiative
    title: Meeting-free Fridays
    supports: [quiet]
    owner: dana
    status: planned
  - id: notes
    kind: initiative
    title: Shared meeting notes
    supports: [quiet]
    owner: dana
"""

PEOPLE = """\
people:
  - id: dana
    name: Dana Lee
    team: leads
    handles:
      github: dana-l
  - id: maya
    name: Maya Kowalski
    team: platform
    manager: dana
"""


def _workspace(tmp_path: Path, focus: str | None = None) -> Path:
    return write_workspace(tmp_path, MAP, people=PEOPLE, focus=focus)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2027-01", date(2027, 1, 1), date(2027, 1, 31)),
        ("2027-Q1", date(2027, 1, 1), date(2027, 3, 31)),
        ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
        ("2028-02", date(2028, 2, 1), date(2028, 2, 29)),
        ("2026-12", date(2026, 12, 1), date(2026, 12, 31)),
    ],
)
def test_periods(text: str, start: date, end: date) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.key) == (start, end, text)


@pytest.mark.parametrize("text", ["2027-13", "2027-Q5", "2027", "Q1-2027", "2027-1", "27-Q1"])
def test_bad_period_is_refused_with_the_shapes(tmp_path: Path, text: str) -> None:
    _workspace(tmp_path)
    run = run_cli("focus", text, "--owner", "maya", "hours", cwd=tmp_path)
    assert run.code == 2
    assert f"{text!r} is not a period: write a month as YYYY-MM (2027-01)" in run.err
    assert not (tmp_path / "focus.yaml").exists()


def test_three_then_a_fourth_needs_drop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _workspace(tmp_path)
    run = run_cli("focus", "2026-Q4", "--owner", "Maya Kowalski", "hours", "blocks", cwd=tmp_path)
    assert (run.code, run.out) == (0, "maya focuses in 2026-Q4 on: hours, blocks\n")
    assert run_cli("focus", "2026-Q4", "fridays", "--owner", "maya", cwd=tmp_path).code == 0
    before = (tmp_path / "focus.yaml").read_text(encoding="utf-8")
    assert "      focus: [hours, blocks, fridays]\n" in before
    # No terminal to ask on: refused, naming the option, nothing written.
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    run = run_cli("focus", "2026-Q4", "--owner", "maya", "notes", cwd=tmp_path)
    assert run.code == 2
    assert "would hold 4 items: hours, blocks, fridays, notes" in run.err
    assert "pass --drop ID" in run.err
    assert (tmp_path / "focus.yaml").read_text(encoding="utf-8") == before
    # --drop says which one, for scripts.
    run = run_cli("focus", "2026-Q4", "--owner", "maya", "notes", "--drop", "blocks", cwd=tmp_path)
    assert (run.code, run.out) == (0, "maya focuses in 2026-Q4 on: hours, fridays, notes\n")
    # On a terminal, the fourth asks which one to drop.
    maya = ("focus", "2026-Q4", "--owner", "maya")
    run = run_cli(*maya, "blocks", cwd=tmp_path, input="fridays\n", terminal=True)
    assert "would hold 4 items: hours, fridays, notes, blocks. Which one to drop?" in run.err
    assert (run.code, run.out) == (0, "maya focuses in 2026-Q4 on: hours, notes, blocks\n")
    run = run_cli(*maya, "fridays", cwd=tmp_path, input="\n", terminal=True)
    assert run.code == 0 and "nothing changed" in run.err  # no answer: nothing changes
    text = (tmp_path / "focus.yaml").read_text(encoding="utf-8")
    assert "      focus: [hours, notes, blocks]\n" in text


def test_focus_refusals(tmp_path: Path) -> None:
    _workspace(tmp_path)
    run = run_cli("focus", "2026-Q4", "hours", cwd=tmp_path)
    assert run.code == 2 and "pass --owner NAME or --team TEAM" in run.err
    run = run_cli("focus", "2026-Q4", "--owner", "mya", "hours", cwd=tmp_path)
    assert run.code == 2 and "did you mean maya?" in run.err
    run = run_cli("focus", "2026-Q4", "--team", "platfrom", "hours", cwd=tmp_path)
    assert run.code == 2 and "did you mean platform?" in run.err
    run = run_cli("focus", "2026-Q4", "--owner", "maya", "hour", cwd=tmp_path)
    assert run.code == 2 and "hours" in run.err
    assert not (tmp_path / "focus.yaml").exists()


def test_showing_focus(tmp_path: Path) -> None:
    _workspace(tmp_path)
    run = run_cli("focus", "2026-Q4", cwd=tmp_path)
    assert run.code == 0 and run.out.startswith("no focus items in 2026-Q4")
    run_cli("focus", "2026-Q4", "--team", "platform", "hours", cwd=tmp_path)
    run_cli("focus", "2026-Q4", "--owner", "dana", "fridays", cwd=tmp_path)
    assert run_cli("focus", "2026-Q4", cwd=tmp_path).out == (
        "Focus for 2026-Q4 (2026-10-01 to 2026-12-31)\n"
        "Dana Lee (dana)\n"
        "  ▸ Meeting-free Fridays [fridays] planned\n"
        "team platform\n"
        "  ▸ Quiet hours [hours] active 30%\n"
    )
    assert run_cli("focus", "2027-01", cwd=tmp_path).out.startswith("no focus items in 2027-01")


FOCUS = """\
# Our focus.
2026-Q4:   # the last quarter
  people:
    # Maya first.
    maya:
      focus: [hours]  # the big one
      lessons:
        - text: Quiet needs a calendar
  # Teams below.
  teams:
    leads: {focus: [fridays]}

# The end.
"""


def test_edits_keep_comments_and_change_only_their_lines(tmp_path: Path) -> None:
    _workspace(tmp_path, FOCUS)
    assert run_cli("focus", "2026-Q4", "--owner", "maya", "blocks", cwd=tmp_path).code == 0
    run = run_cli(
        "debrief", "2026-Q4", "--owner", "maya", "Blocks: need a shared rule", cwd=tmp_path
    )
    assert run.code == 0
    assert run_cli("focus", "2026-Q4", "--team", "leads", "notes", cwd=tmp_path).code == 0
    assert run_cli("debrief", "2027-01", "--owner", "dana", "Start small", cwd=tmp_path).code == 0
    assert (tmp_path / "focus.yaml").read_text(encoding="utf-8") == (
        "# Our focus.\n"
        "2026-Q4:   # the last quarter\n"
        "  people:\n"
        "    # Maya first.\n"
        "    maya:\n"
        "      focus: [hours, blocks]  # the big one\n"
        "      lessons:\n"
        "        - text: Quiet needs a calendar\n"
        '        - text: "Blocks: need a shared rule"\n'
        "  # Teams below.\n"
        "  teams:\n"
        "    leads:\n"
        "      focus: [fridays, notes]\n"
        "\n"
        "2027-01:\n"
        "  people:\n"
        "    dana:\n"
        "      lessons:\n"
        "        - text: Start small\n"
        "\n"
        "# The end.\n"
    )
    assert run_cli("check", "--select", "BM105", cwd=tmp_path).code == 0  # it loads back


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("2026-Q5:\n  people: {}\n", "1:1", "'2026-Q5' is not a period"),
        (
            "2026-Q4:\n  people:\n    maya:\n      focus: [hours, Blocks]\n",
            "4:22",
            "`Blocks` in 2026-Q4 > people > maya > focus is not a node id",
        ),
        (
            "2026-Q4:\n  people:\n    maya:\n      focus: [hours, blocks, fridays, notes]\n",
            "4:39",
            "`maya` has 4 focus items in 2026-Q4; keep at most 3",
        ),
        (
            "2026-Q4:\n  people:\n    maya:\n      focs: [hours]\n",
            "4:7",
            "unknown key `focs` in 2026-Q4 > people > maya: an entry holds `focus:`",
        ),
        ("2026-Q4:\n  folks: {}\n", "2:3", "unknown key `folks` in 2026-Q4: a period holds"),
        (
            "2026-Q4:\n  people:\n    maya:\n      lessons:\n        - nodes: [hours]\n",
            "5:11",
            "a lesson in 2026-Q4 > people > maya > lessons has no `text`",
        ),
        ("2026-Q4:\n  people:\n    maya: [hours]\n", "3:11", "must be a mapping of keys"),
        ("2026-Q4:\n  people: {maya: {focus: [a}\n", "2:", "focus.yaml:2:"),
    ],
)
def test_focus_file_errors_name_file_line_and_column(
    tmp_path: Path, text: str, where: str, message: str
) -> None:
    _workspace(tmp_path, text)
    run = run_cli("status", cwd=tmp_path)
    assert run.code == 2
    assert f"focus.yaml:{where}" in run.err
    assert message in run.err
    assert "Traceback" not in run.err


def test_debrief_records_three_lessons_and_lists_them(tmp_path: Path) -> None:
    _workspace(tmp_path)
    for n in range(3):
        run = run_cli(
            "debrief", "2026-Q3", "--owner", "maya", f"Lesson {n}", "--node", "hours", cwd=tmp_path
        )
        assert run.code == 0, run.err
    run = run_cli("debrief", "2026-Q3", "--owner", "maya", "One more", cwd=tmp_path)
    assert run.code == 2 and "already has 3 lessons for 2026-Q3" in run.err
    run_cli("debrief", "2026-Q4", "--team", "leads", "Say no early", cwd=tmp_path)
    assert run_cli("debrief", cwd=tmp_path).out == (
        "Lessons of 2026-Q3\n"
        "  Maya Kowalski (maya)\n"
        "    - Lesson 0\n"
        "      ▸ Quiet hours [hours] active 30%\n"
        "    - Lesson 1\n"
        "      ▸ Quiet hours [hours] active 30%\n"
        "    - Lesson 2\n"
        "      ▸ Quiet hours [hours] active 30%\n"
        "\n"
        "Lessons of 2026-Q4\n"
        "  team leads\n"
        "    - Say no early\n"
    )
    assert run_cli("debrief", "2026-Q4", cwd=tmp_path).out.startswith("Lessons of 2026-Q4\n")
    run = run_cli("debrief", "2027-Q1", "--owner", "dana", cwd=tmp_path)
    assert run.out.startswith("no lessons of dana in 2027-Q1")
    run = run_cli("debrief", "2026-Q4", "--owner", "dana", "x", "--node", "nope", cwd=tmp_path)
    assert run.code == 2


def test_focus_shows_in_status_plan_and_people(tmp_path: Path) -> None:
    _workspace(tmp_path, "2026-Q4:\n  people:\n    maya:\n      focus: [blocks]\n")
    status = run_cli("status", "--today", "2026-12-03", cwd=tmp_path).out
    assert "▸ Focus blocks @maya ◎ focus" in status
    assert "▸ Quiet hours @maya/dana\n" in status
    assert "◎" not in run_cli("status", "--today", "2027-01-03", cwd=tmp_path).out
    plan = run_cli("plan", "maya", "--today", "2026-12-03", cwd=tmp_path).out
    assert "focus in 2026-Q4\n  ◎ ▸ Focus blocks [blocks] active 20%\n" in plan
    people = run_cli("people", "--today", "2026-12-03", cwd=tmp_path).out
    assert people.endswith("focus items (2026-Q4)\n  maya  blocks\n")
    doc = json.loads(
        run_cli("people", "--format", "json", "--today", "2026-12-03", cwd=tmp_path).out
    )
    assert doc["focus"] == [{"period": "2026-Q4", "person": "maya", "items": ["blocks"]}]


def test_bm710_flags_a_focus_item_without_progress(tmp_path: Path) -> None:
    focus = "2026-Q4:\n  people:\n    maya:\n      focus: [hours, blocks]\n"
    focus += "  teams:\n    leads:\n      focus: [quiet, notes]\n"
    _workspace(tmp_path, focus)
    run = run_cli("check", "--select", "BM710", "--today", "2026-12-03", cwd=tmp_path)
    found = [line.split()[-1] for line in run.out.splitlines() if "BM710" in line]
    # hours moved (10 -> 30) and quiet has hours beneath it; blocks stayed at 20, notes has none.
    assert (
        "`blocks` is a focus item of maya for 2026-Q4, but no check-in since 2026-10-01" in run.out
    )
    assert "`notes` is a focus item of team leads for 2026-Q4" in run.out
    assert "`hours`" not in run.out and "`quiet`" not in run.out and found
    # Too early in the period to ask, and long after it: nothing.
    for day in ("2026-10-20", "2027-03-01"):
        run = run_cli("check", "--select", "BM710", "--today", day, cwd=tmp_path)
        assert "BM710" not in run.out


def test_codeowners_and_bm711(tmp_path: Path) -> None:
    _workspace(tmp_path)
    text = (tmp_path / "backmap.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    owner: maya\n    sub_owner: dana\n",
        "    owner: maya\n    sub_owner: dana\n    paths: [src/quiet/, docs/quiet hours.md]\n",
    ).replace(
        "    owner: maya\n    status: active\n    progress: 20\n",
        "    owner: maya\n    status: active\n    progress: 20\n    paths: [src/]\n",
    )
    (tmp_path / "backmap.yaml").write_text(text, encoding="utf-8")
    run = run_cli("export", "-f", "codeowners", cwd=tmp_path)
    assert run.code == 0
    assert run.out == (
        "# CODEOWNERS for Calm team, written by `backmap export -f codeowners`.\n"
        "# Each path an initiative lists under `paths:` is owned by the initiative's owner and\n"
        "# sub-owner (their handles in the people file), so both review every change to it.\n"
        "# Do not edit by hand: change `paths:`, owners or handles in the map and export again.\n"
        "\n"
        "# hours\n"
        "docs/quiet\\ hours.md @dana-l\n"
        "\n"
        "# blocks\n"
        "# src/  (no handle for its owner or sub-owner)\n"
        "\n"
        "# hours\n"
        "src/quiet/ @dana-l\n"
    )
    run_cli("export", "-o", str(tmp_path / "CODEOWNERS"), cwd=tmp_path)
    assert (tmp_path / "CODEOWNERS").read_text(encoding="utf-8") == run.out
    run = run_cli("check", "--select", "BM711", cwd=tmp_path)
    assert "`blocks` lists paths (src/) but people.yaml gives no github or gitlab handle" in run.out
    assert "`hours`" not in run.out
    # The paths survive a save: set another field and read them back.
    assert run_cli("set", "blocks", "--progress", "25", cwd=tmp_path).code == 0
    assert "    paths: [src/]\n" in (tmp_path / "backmap.yaml").read_text(encoding="utf-8")
    assert run_cli("set", "blocks", "--paths", "lib/, src/", cwd=tmp_path).code == 0
    assert "    paths: [lib/, src/]\n" in (tmp_path / "backmap.yaml").read_text(encoding="utf-8")


def test_lessons_near_an_idea(tmp_path: Path) -> None:
    from backmap import store
    from backmap.fit import index_workspace
    from backmap.fit.lessons import lessons_near

    focus = (
        "2026-Q3:\n  people:\n    maya:\n      lessons:\n"
        "        - text: Quiet hours only hold when managers keep them too\n"
        "        - text: Budget reviews need a week of notice\n"
        "        - text: Start with one team\n          nodes: [blocks]\n"
    )
    _workspace(tmp_path, focus)
    ws = store.load(tmp_path / "backmap.yaml")
    index = index_workspace(ws, encoder=None)  # words only: fast, and the same contract
    found = lessons_near(ws, index, "managers protect quiet hours")
    assert [n.lesson.text for n in found] == ["Quiet hours only hold when managers keep them too"]
    # Tied to a node that matches the idea: near through the node.
    found = lessons_near(ws, index, "focus blocks in the calendar")
    assert [(n.lesson.text, n.via) for n in found] == [("Start with one team", "blocks")]
    assert lessons_near(ws, index, "budget reviews notice")[0].lesson.text.startswith("Budget")
    (tmp_path / "focus.yaml").unlink()
    assert lessons_near(store.load(tmp_path / "backmap.yaml"), index, "quiet hours") == []


def test_fit_shows_lessons_near_the_idea_on_the_org_map() -> None:
    from tests.conftest import MAPS

    run = run_cli("fit", "backfill weather history for the forecast", "--map", str(MAPS / "org"))
    assert run.code == 0
    assert (
        "\nlessons near this idea\n  2026-Q3 Sofia Marin (sofia): Weather features paid off only "
        "once two years of history were backfilled (about weather-features)\n" in run.out
    )
    run = run_cli("fit", "pair new engineers with a mentor", "--map", str(MAPS / "org"))
    assert "lessons near" not in run.out


def test_focus_shows_in_people_markdown_and_the_report(tmp_path: Path) -> None:
    _workspace(tmp_path, "2026-Q4:\n  teams:\n    platform:\n      focus: [blocks, hours]\n")
    md = run_cli("people", "--format", "md", "--today", "2026-12-03", cwd=tmp_path).out
    assert md.endswith("\n## Focus items (2026-Q4)\n\n- team platform: `blocks`, `hours`\n")
    out = tmp_path / "report"
    run = run_cli("report", "-o", str(out), "--today", "2026-12-03", "--charts", "0", cwd=tmp_path)
    assert run.code == 0, run.err
    assert (
        (out / "report.md")
        .read_text(encoding="utf-8")
        .endswith(
            "\n## Focus (2026-Q4)\n\n- **team platform**: ▸ Focus blocks \\[blocks\\] active 20%; "
            "▸ Quiet hours \\[hours\\] active 30%\n"
        )
    )


def test_bm712_flags_focus_and_lessons_naming_unknown_nodes(tmp_path: Path) -> None:
    focus = (
        "2026-Q4:\n  people:\n    maya:\n      focus: [hours, quiet-hours]\n"
        "      lessons:\n        - text: Start small\n          nodes: [gone, blocks]\n"
    )
    _workspace(tmp_path, focus)
    run = run_cli("check", "--select", "BM712", cwd=tmp_path)
    assert "focus.yaml: the focus of maya for 2026-Q4 names `quiet-hours`, which is not" in run.out
    assert "focus.yaml: a lesson of maya for 2026-Q4 is tied to `gone`" in run.out
    assert run.out.count("BM712") == 2
    shown = run_cli("focus", "2026-Q4", cwd=tmp_path).out
    assert "  ? quiet-hours (not in the map)\n" in shown


def test_drop_takes_out_an_id_the_map_no_longer_has(tmp_path: Path) -> None:
    _workspace(tmp_path, "2026-Q4:\n  people:\n    maya:\n      focus: [hours, quiet-hours]\n")
    run = run_cli("focus", "2026-Q4", "--owner", "maya", "--drop", "quiet-hours", cwd=tmp_path)
    assert (run.code, run.out) == (0, "maya focuses in 2026-Q4 on: hours\n")
    run = run_cli("focus", "2026-Q4", "--owner", "maya", "--drop", "blocks", cwd=tmp_path)
    assert run.code == 2 and "`blocks` is not in the focus of maya for 2026-Q4" in run.err
