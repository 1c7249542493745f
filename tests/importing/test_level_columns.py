"""A spreadsheet laid out as the tree itself: an Outcome, a Goal and an Initiative column, one
row per path, the owner and dates of the item at the row's end."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from tests.conftest import run_cli

from backmap import store

ROWS = [
    ["Outcome", "Goal", "Initiative", "Owner", "Backup", "Due", "Status"],
    ["Customers trust our numbers", "Reports are right first time", "Automated reconciliation",
     "lena", "omar", "2027-03-31", "active"],
    ["Customers trust our numbers", "Reports are right first time",
     "Four-eyes review of month-end", "omar", "lena", "", "planned"],
    ["Customers trust our numbers", "Questions answered within a day", "Shared finance inbox",
     "lena", "", "2027-01-15", ""],
    # The same initiative serves a second goal: one node, two parents.
    ["Team is not overloaded", "Close the month in 5 days", "Automated reconciliation",
     "", "", "", ""],
    ["Team is not overloaded", "Close the month in 5 days", "", "kai", "", "2027-06-30", ""],
]  # fmt: skip


def _sheet(folder: Path, suffix: str) -> Path:
    path = folder / f"plan.{suffix}"
    if suffix == "csv":
        with path.open("w", newline="", encoding="utf-8") as out:
            csv.writer(out).writerows(ROWS)
    else:
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        for row in ROWS:
            book.active.append(row)
        book.save(path)
    return path


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_sheet_of_level_columns_imports_as_its_tree(tmp_path: Path, suffix: str) -> None:
    sheet = _sheet(tmp_path, suffix)
    run = run_cli("import", str(sheet), "-o", str(tmp_path / "map.yaml"))
    assert run.code == 0, run.err
    ws = store.load(tmp_path / "map.yaml")
    by_title = {n.title: n for n in ws.nodes()}
    assert len(by_title) == len(list(ws.nodes())) == 8  # each title once
    kinds = {t: n.kind.value for t, n in by_title.items()}
    assert kinds["Customers trust our numbers"] == "outcome"
    assert kinds["Reports are right first time"] == "goal"
    assert kinds["Automated reconciliation"] == "initiative"
    reconciliation = by_title["Automated reconciliation"]
    parents = {ws.node(p).title for p in reconciliation.supports}
    assert parents == {"Reports are right first time", "Close the month in 5 days"}
    # The row's fields are its last item's: the initiative's, or the goal's on a goal's row.
    assert (reconciliation.owner, reconciliation.sub_owner) == ("lena", "omar")
    assert str(reconciliation.due) == "2027-03-31"
    assert reconciliation.status is not None and reconciliation.status.value == "active"
    assert by_title["Close the month in 5 days"].owner == "kai"
    assert by_title["Customers trust our numbers"].owner is None
    goal = by_title["Questions answered within a day"]
    assert [ws.node(p).title for p in goal.supports] == ["Customers trust our numbers"]


def test_a_title_at_two_levels_is_refused_with_both_places(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(
        "Outcome,Goal,Initiative\nHappy staff,Less stress,Quiet hours\nHappy staff,Quiet hours,\n",
        encoding="utf-8",
    )
    run = run_cli("import", str(path), "-o", str(tmp_path / "map.yaml"))
    assert run.code == 2
    assert "plan.csv:3: error: 'Quiet hours' is a goal here and an initiative at" in run.err
    assert not (tmp_path / "map.yaml").exists()


def test_level_columns_of_other_names_map_with_columns(tmp_path: Path) -> None:
    path = tmp_path / "okr.csv"
    path.write_text(
        "Area,Objective,Project,Lead\nGrowth,More repeat buyers,Loyalty card,sam\n",
        encoding="utf-8",
    )
    levels = "Area=outcome,Objective=goal,Project=initiative,Lead=owner"
    run = run_cli("import", str(path), "--columns", levels, "-o", str(tmp_path / "map.yaml"))
    assert run.code == 0, run.err
    ws = store.load(tmp_path / "map.yaml")
    card = ws.node("loyalty-card")
    assert (card.kind.value, card.owner, card.supports) == (
        "initiative",
        "sam",
        ["more-repeat-buyers"],
    )
    wrong = run_cli("import", str(path), "--columns", "Area=level", "-o", str(tmp_path / "x.yaml"))
    assert wrong.code == 2 and "(or a level: outcome, goal, initiative)" in wrong.err, wrong.err


def test_levels_come_from_the_column_names_whatever_their_order(tmp_path: Path) -> None:
    path = tmp_path / "team.csv"
    path.write_text(
        "Initiative,Owner,Owner (backup),Progress,Due,Goal,Outcome,Notes\n"
        "Hire two agents,ana,ben,40%,2027-03-31,Reply within an hour,"
        "Customers get answers fast,x\n",
        encoding="utf-8",
    )
    run = run_cli("import", str(path), "-o", str(tmp_path / "map.yaml"))
    assert run.code == 0, run.err
    ws = store.load(tmp_path / "map.yaml")
    hire, reply = ws.node("hire-two-agents"), ws.node("reply-within-an-hour")
    assert (hire.kind.value, hire.supports, hire.owner) == ("initiative", [reply.id], "ana")
    assert (reply.kind.value, reply.supports) == ("goal", ["customers-get-answers-fast"])
    assert ws.node("customers-get-answers-fast").kind.value == "outcome"


def test_a_sub_goal_column_is_under_the_goal_column_before_or_after_it(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(
        "Sub-goal,Initiative,Goal,Outcome\nQuick replies,Chat rota,Answers fast,Happy users\n",
        encoding="utf-8",
    )
    run = run_cli("import", str(path), "-o", str(tmp_path / "map.yaml"))
    assert run.code == 0, run.err
    ws = store.load(tmp_path / "map.yaml")
    assert ws.node("chat-rota").supports == ["quick-replies"]
    assert ws.node("quick-replies").supports == ["answers-fast"]
    assert ws.node("quick-replies").kind.value == "goal"
    assert ws.node("answers-fast").supports == ["happy-users"]


def test_blank_level_cells_take_the_row_above_up_to_the_row_s_deepest_item(
    tmp_path: Path,
) -> None:
    path = tmp_path / "support.csv"
    path.write_text(
        "Outcome;Goal;Initiative;Owner;Progress;Due\n"
        "Customers get answers fast;Reply within an hour;Hire two agents;ana;40%;2027-03-31\n"
        ";;Weekend rota;dora;0%;2027-02-28\n"
        ";Self service;Rewrite articles;ben;25%;2027-06-30\n"
        ";Fewer tickets;;kai;;\n"  # a goal's row: its blank initiative is not filled
        "Staff stay;;Exit interviews;lea;;\n",  # a new outcome starts new goals
        encoding="utf-8",
    )
    run = run_cli("import", str(path), "-o", str(tmp_path / "map.yaml"))
    assert run.code == 0, run.err
    ws = store.load(tmp_path / "map.yaml")
    assert ws.node("weekend-rota").supports == ["reply-within-an-hour"]
    assert ws.node("self-service").supports == ["customers-get-answers-fast"]
    assert ws.node("rewrite-articles").supports == ["self-service"]
    fewer = ws.node("fewer-tickets")
    assert (fewer.kind.value, fewer.owner, fewer.supports) == (
        "goal",
        "kai",
        ["customers-get-answers-fast"],
    )
    assert ws.node("exit-interviews").supports == ["staff-stay"]
    assert len(list(ws.nodes())) == 9
