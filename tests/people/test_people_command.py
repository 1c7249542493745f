"""`backmap people`: each person's and team's load, computed on planted cases and printed by the
real command as text, JSON and Markdown."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.conftest import MAPS, run_cli
from tests.workspaces import write_workspace

MAP = """\
backmap: 1
title: Calm team
nodes:
  - id: calm
    kind: outcome
    title: A calm team
    owner: dana
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
    due: 2027-02-01
  - id: focus
    kind: initiative
    title: Focus blocks
    supports: [quiet]
    owner: maya
    sub_owner: lee
    status: active
    progress: 10
    due: 2027-03-20
  - id: shipped
    kind: initiative
    title: Meeting-free Fridays
    supports: [quiet]
    owner: Zed
    status: done
"""

PEOPLE = """\
people:
  - id: dana
    name: Dana Lee
    team: leadership
  - id: maya
    name: Maya Kowalski
    team: platform
    manager: dana
  - id: lee
    name: Lee Park
    team: platform
    manager: maya
"""

TODAY = date(2027, 3, 1)


def _workspace(tmp_path: Path, people: bool = True) -> Path:
    return write_workspace(tmp_path, MAP, people=PEOPLE if people else None)


def _loads(root: Path):  # type: ignore[no-untyped-def]
    from backmap import store
    from backmap.people.load import loads

    return loads(store.load(root), TODAY)


def test_each_person_s_load_on_planted_cases(tmp_path: Path) -> None:
    result = _loads(_workspace(tmp_path))
    rows = {r.key: r for r in result.people}
    assert list(rows) == ["dana", "maya", "lee", "Zed"]
    dana, maya, lee, zed = rows.values()
    assert (dana.owned, dana.sub_owned, dana.open) == (
        ["calm", "quiet"],
        ["hours"],
        ["calm", "quiet"],
    )
    # Nobody but Dana is named on calm or quiet, or above them: both hang on her.
    assert dana.no_sub_owner == dana.bus_factor == ["calm", "quiet"]
    assert (maya.overdue, maya.at_risk, maya.no_sub_owner, maya.bus_factor) == (
        ["hours"],
        ["focus"],
        [],
        [],
    )
    assert maya.progress == 5.0  # hours 0, focus 10
    assert (lee.owned, lee.sub_owned) == ([], ["focus"])
    assert (zed.known, zed.owned, zed.open) == (False, ["shipped"], [])


def test_an_item_a_check_in_calls_at_risk_counts_as_at_risk_and_so_does_the_goal_above(
    tmp_path: Path,
) -> None:
    # Not due for months, well under way: only the check-in's health says it is at risk.
    text = MAP.replace(
        "    progress: 10\n    due: 2027-03-20\n",
        "    due: 2027-12-20\n    checkins: |\n      2027-02-20 progress=60 health=at-risk\n",
    )
    (tmp_path / "backmap.yaml").write_text(text)
    rows = {r.key: r for r in _loads(tmp_path).people}
    assert rows["maya"].at_risk == ["focus"]
    assert rows["dana"].at_risk == ["calm", "quiet"]  # at risk by what lies beneath, as shown


def test_teams_roll_up_their_people(tmp_path: Path) -> None:
    teams = {t.key: t for t in _loads(_workspace(tmp_path)).teams}
    assert list(teams) == ["leadership", "platform"]
    platform = teams["platform"]
    assert (platform.members, platform.owned, platform.sub_owned) == (
        2,
        ["hours", "focus"],
        ["focus"],
    )
    assert (platform.overdue, platform.at_risk, platform.progress) == (["hours"], ["focus"], 5.0)


def test_without_a_people_file_names_are_people_whatever_their_case(tmp_path: Path) -> None:
    (tmp_path / "backmap.yaml").write_text(
        MAP.replace("owner: maya\n    sub_owner: lee", "owner: Maya\n    sub_owner: lee")
    )
    result = _loads(tmp_path)
    assert result.teams == []
    assert [(r.key, r.owned) for r in result.people] == [
        ("dana", ["calm", "quiet"]),
        ("lee", []),
        ("maya", ["hours", "focus"]),
        ("Zed", ["shipped"]),
    ]


def test_the_command_prints_people_and_teams(tmp_path: Path) -> None:
    result = run_cli("people", "--today", "2027-03-01", cwd=_workspace(tmp_path))
    assert result.code == 0, result.err
    assert result.out == (
        "person  team        owned  sub  open  progress  overdue  at risk  no sub  bus  personal\n"
        "dana    leadership      2    1     2       37%        0        0       2    2         0\n"
        "maya    platform        2    0     2        5%        1        1       0    0         0\n"
        "lee     platform        0    1     0       n/a        0        0       0    0         0\n"
        "Zed?    -               1    0     0      100%        0        0       0    0         0\n"
        "\n"
        "team        people  owned  sub  open  progress  overdue  at risk  no sub  bus  personal\n"
        "leadership       1      2    1     2       37%        0        0       2    2         0\n"
        "platform         2      2    1     2        5%        1        1       0    0         0\n"
        "\n"
        "? not in the people file: see backmap check (BM701)\n"
    )


def test_json_and_markdown(tmp_path: Path) -> None:
    _workspace(tmp_path)
    doc = json.loads(
        run_cli("people", "--format", "json", "--today", "2027-03-01", cwd=tmp_path).out
    )
    assert doc["version"] == 1 and doc["people_file"] is True
    assert doc["people"][1] == {
        "id": "maya",
        "name": "Maya Kowalski",
        "team": "platform",
        "known": True,
        "owned": ["hours", "focus"],
        "sub_owned": [],
        "open": ["hours", "focus"],
        "progress": 5.0,
        "overdue": ["hours"],
        "at_risk": ["focus"],
        "no_sub_owner": [],
        "bus_factor": [],
        "personal": [],
    }
    assert doc["teams"][1]["team"] == "platform" and doc["teams"][1]["people"] == 2
    md = run_cli("people", "--format", "md", "--map", str(MAPS / "org")).out
    assert md.startswith("| Person | Name | Team | Owned | Sub | Open | Progress |")
    assert "| `mateo` | Mateo Rossi | insights | 5 | 6 | 5 |" in md
    assert "| insights | 4 | 18 | 18 | 16 |" in md


def test_a_map_nobody_owns_says_how_to_set_an_owner_with_a_command_that_works(
    tmp_path: Path,
) -> None:
    (tmp_path / "backmap.yaml").write_text(
        "backmap: 1\ntitle: Calm\nnodes:\n  - id: calm\n    kind: outcome\n    title: Calm\n",
        encoding="utf-8",
    )
    shown = run_cli("people", cwd=tmp_path)
    assert shown.code == 0, shown.err
    hint = "Nobody owns anything yet: set owners with "
    assert shown.out.startswith(hint), shown.out
    command = shown.out.removeprefix(hint).split()
    assert command[:2] == ["backmap", "set"]
    filled = [{"ID": "calm", "NAME": "dana"}.get(word, word) for word in command[1:]]
    assert run_cli(*filled, cwd=tmp_path).code == 0
    assert run_cli("people", cwd=tmp_path).out.splitlines()[1].split()[:2] == ["dana", "1"]
