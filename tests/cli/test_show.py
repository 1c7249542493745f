"""Metrics in the terminal views (`status`, `tree`) and `backmap show ID`: one item in full."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import MAPS, run_cli

MAP = """\
backmap: 1
title: Team
nodes:
  - id: happy
    kind: outcome
    title: Employees are happy
    metric:
      name: eNPS
      baseline: 20
      target: 40
      current: 32
  - id: calm
    kind: goal
    title: Calm weeks
    supports: [happy]
    owner: dana
    sub_owner: omer
    due: 2027-03-31
    metric:
      name: share answering often or always stressed in the survey
      unit: "%"
      baseline: 38
      target: 15
  - id: quiet-hours
    kind: initiative
    title: Quiet hours
    supports: [calm]
    owner: dana
    status: active
    progress: 40
    metric:
      name: late pings
      unit: msgs
      baseline: 120
      target: 10
      current: 60
    checkins: |
      2026-10-31 progress=20 current=90 health=at-risk note="Two teams not on board"
      2026-11-30 progress=40 current=60 health=on-track
  - id: plain
    kind: initiative
    title: No metric here
    supports: [calm]
    status: planned
"""


def write(tmp_path: Path) -> Path:
    path = tmp_path / "map.yaml"
    path.write_text(MAP)
    return path


def line_of(out: str, title: str) -> str:
    found = [line for line in out.splitlines() if title in line]
    assert len(found) == 1, out
    return found[0]


def test_status_shows_a_metric_where_one_is_set(tmp_path: Path) -> None:
    result = run_cli("status", "--map", str(write(tmp_path)), "--today", "2026-12-01")
    assert result.code == 0, result.err
    assert line_of(result.out, "Employees are happy").endswith(
        "◉ Employees are happy · eNPS 32 (target 40, from 20) · 1/1 goal covered, 1 moving"
    )
    # A long name is cut at a word, so the line stays short; a metric not measured says so.
    calm = line_of(result.out, "Calm weeks")
    assert "· share answering often or… not measured (target 15%, from 38%)" in calm
    assert "@dana/omer due 2027-03-31 · share answering" in calm  # its fields, then metric
    assert "late pings 60 msgs (target 10, from 120)" in line_of(result.out, "Quiet hours")
    assert "·" not in line_of(result.out, "No metric here")


def test_tree_shows_a_metric_as_a_token_and_import_reads_it_back(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = run_cli("tree", "--map", str(path))
    assert result.code == 0, result.err
    assert line_of(result.out, "Quiet hours").endswith(
        "active 40% @dana · late pings 60 msgs (target 10, from 120)"
    )
    # In the tree the whole name shows: it is the full listing.
    assert line_of(result.out, "Calm weeks").endswith(
        "due 2027-03-31 · share answering often or always stressed in the survey "
        "not measured (target 15%, from 38%)"
    )
    (tmp_path / "back").mkdir()
    (tmp_path / "back" / "plan.txt").write_text(result.out)
    back = run_cli("import", "plan.txt", cwd=tmp_path / "back")
    assert back.code == 0, back.err
    text = (tmp_path / "back" / "plan.yaml").read_text()
    assert "title: Quiet hours\n" in text
    assert "title: Calm weeks\n" in text
    assert "late pings" not in text.split("metric")[0]  # never part of a title


def test_a_title_with_a_middle_dot_is_not_taken_for_a_metric(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        "backmap: 1\ntitle: T\nnodes:\n  - id: q1\n    kind: outcome\n"
        "    title: Q1 · plan\n  - id: two\n    kind: goal\n    title: Fix [x] · twice\n"
        "    supports: [q1]\n"
    )
    shown = run_cli("tree", "--map", str(path))
    (tmp_path / "back").mkdir()
    (tmp_path / "back" / "plan.txt").write_text(shown.out)
    back = run_cli("import", "plan.txt", cwd=tmp_path / "back")
    assert back.code == 0, back.err
    text = (tmp_path / "back" / "plan.yaml").read_text()
    assert "title: Q1 · plan\n" in text
    assert 'title: "Fix [x] · twice"\n' in text


def test_show_prints_one_item_in_full(tmp_path: Path) -> None:
    result = run_cli("show", "quiet-hours", "--map", str(write(tmp_path)), "--color", "never")
    assert result.code == 0, result.err
    out = result.out
    assert out.startswith("▸ Quiet hours [quiet-hours]\n")
    for expected in (
        "kind         initiative",
        "status       active",
        "owner        dana",
        "progress     40%",
        "metric       late pings 60 msgs (target 10, from 120)",
        "supports     ◆ Calm weeks [calm]",
    ):
        assert expected in out, out
    history = out.split("check-ins, newest first\n")[1]
    assert history.index("2026-11-30") < history.index("2026-10-31")
    assert "2026-10-31  20%  current 90  at-risk  “Two teams not on board”" in history
    assert "2026-11-30  40% (+20)  current 60 (-30)  on-track" in history


def test_show_a_goal_tells_its_roll_up_children_and_findings(tmp_path: Path) -> None:
    result = run_cli("show", "calm", "--map", str(write(tmp_path)), "--today", "2026-12-01")
    assert result.code == 0, result.err
    out = result.out
    assert "owner        dana\nsub-owner    omer\n" in out
    assert "progress     20% rolled up from the 2 items beneath" in out
    assert "due          2027-03-31" in out
    assert "supported by" in out
    assert "▸ Quiet hours [quiet-hours]" in out
    assert "▸ No metric here [plain]" in out
    assert "no check-ins" in out


def test_show_json_has_every_part(tmp_path: Path) -> None:
    result = run_cli("show", "quiet-hours", "--json", "--map", str(write(tmp_path)))
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["id"] == "quiet-hours"
    assert data["kind"] == "initiative"
    assert data["progress"] == 40
    assert data["rolled_up_progress"] == 40
    assert data["metric"] == {
        "name": "late pings",
        "unit": "msgs",
        "baseline": 120,
        "target": 10,
        "current": 60,
    }
    assert [p["id"] for p in data["parents"]] == ["calm"]
    assert data["children"] == []
    assert [c["date"] for c in data["checkins"]] == ["2026-11-30", "2026-10-31"]
    assert data["checkins"][1]["note"] == "Two teams not on board"
    assert isinstance(data["findings"], list)
    assert data["path"].endswith("map.yaml") and data["line"] == 24


def test_the_documented_json_has_the_keys_show_prints() -> None:
    page = (MAPS.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    documented = json.loads(page.split("```json\n", 1)[1].split("```", 1)[0])
    result = run_cli("show", "off-hours", "--json", "--map", str(MAPS / "ideal-group.yaml"))
    assert result.code == 0, result.err
    shown = json.loads(result.out)
    assert list(documented) == list(shown)
    assert list(documented["checkins"][0]) == list(shown["checkins"][0])
    assert list(documented["findings"][0]) == list(shown["findings"][0])


def test_show_an_example_map_item_lists_its_findings() -> None:
    result = run_cli("show", "mlops-vendor", "--map", str(MAPS / "ideal-group.yaml"))
    assert result.code == 0, result.err
    assert "findings" in result.out


def test_show_an_unknown_id_says_what_to_do(tmp_path: Path) -> None:
    result = run_cli("show", "quiet-hour", "--map", str(write(tmp_path)))
    assert result.code == 2
    assert "quiet-hours" in result.err
    assert "Traceback" not in result.err


def test_any_metric_name_and_unit_stay_out_of_the_title_on_import(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        "backmap: 1\ntitle: T\nnodes:\n  - id: money\n    kind: outcome\n"
        "    title: Revenue · Q1 grows\n    metric:\n      name: net revenue [EU] · quarterly\n"
        "      unit: k€ (net)\n      target: 120\n"
    )
    shown = run_cli("tree", "--map", str(path))
    assert shown.out.splitlines()[1].endswith(
        "· net revenue [EU] · quarterly not measured (target 120 k€ (net))"
    )
    (tmp_path / "back").mkdir()
    (tmp_path / "back" / "plan.txt").write_text(shown.out)
    back = run_cli("import", "plan.txt", cwd=tmp_path / "back")
    assert back.code == 0, back.err
    assert "title: Revenue · Q1 grows\n" in (tmp_path / "back" / "plan.yaml").read_text()


def test_show_names_owners_as_the_people_file_does() -> None:
    result = run_cli("show", "on-time-orders", "--map", str(MAPS / "org"))
    assert result.code == 0, result.err
    assert "owner        hannah (Hannah Okafor)\nsub-owner    sofia (" in result.out


def test_show_says_progress_read_from_the_metric_as_status_shows_it(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "backmap: 1\ntitle: Reading\nnodes:\n"
        "  - {id: read, kind: outcome, title: Pupils read for pleasure}\n"
        "  - id: app\n    kind: initiative\n    title: Launch the reading app\n"
        "    supports: [read]\n    status: active\n"
        "    metric: {name: pupils using it, baseline: 0, target: 1000, current: 250}\n",
        encoding="utf-8",
    )
    status = run_cli("status", "--map", str(path)).out
    assert "25%   ▸ Launch the reading app" in status
    shown = run_cli("show", "app", "--map", str(path)).out
    assert "progress     25% from its metric\n" in shown, shown
