"""What `diff` may leave unchecked: the rules blind to check-ins find the same on both sides."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from tests.conftest import run_cli

from backmap import alike, checkins, edits, mapdiff, store
from backmap.checks import RULES, CheckConfig, Severity, blind_to, check
from backmap.checks.registry import INPUTS, rule
from backmap.model import Node, Workspace
from backmap.render import changes as render

MAPS = Path(__file__).parents[1] / "maps"

READ_CHECK_INS = {
    "BM301",  # unowned initiative: progress of its own puts one with no status under way
    *("BM403", "BM404"),  # timing: progress and metrics against the status
    *("BM411", "BM412", "BM413", "BM414"),  # cadence: the histories themselves
    "BM710",  # focus: progress made in a period
}
"""The rules whose `reads` name a check-in field; every other rule is blind to check-ins."""
BLIND = blind_to(alike.CHECK_IN_FIELDS)


def test_every_rule_says_whether_check_ins_move_it() -> None:
    assert not set(BLIND) & READ_CHECK_INS
    assert set(BLIND) | READ_CHECK_INS == set(RULES)
    # Near-duplicates read titles, the people rules the people file: not check-ins.
    assert {"BM601", "BM701", "BM711", "BM712", "BM713"} <= set(BLIND)


def test_a_rule_is_blind_only_to_what_it_does_not_read() -> None:
    assert "BM301" not in blind_to({"owner"})  # unowned initiative
    assert "BM301" in blind_to({"due"})
    assert "BM601" not in blind_to({"title"})
    assert "BM702" not in blind_to({"people"})
    assert blind_to({"status"}) == ()  # every rule reads the graph, which statuses shape


def test_a_rule_that_does_not_say_what_it_reads_is_never_left_out() -> None:
    register = rule("BM998", "unspoken", Severity.INFO, "never registered for good")
    register(lambda ctx: iter(()))
    try:
        assert RULES["BM998"][0].reads == INPUTS
        assert "BM998" not in blind_to({"checkins"})
    finally:
        del RULES["BM998"]


def test_a_rule_reads_only_inputs() -> None:
    with pytest.raises(ValueError, match="BM999 reads \\['colour'\\]"):
        rule("BM999", "colourful", Severity.INFO, "never registered", reads=("colour",))
    assert "BM999" not in RULES


def _checked_in(node: Node, month: int) -> Node:
    """The node after a check-in that moves every value a check-in can move."""
    progress = (int(node.progress or 0) + 37) % 101
    update: dict[str, object] = {
        "progress": progress,
        "checkins": (node.checkins or "")
        + f"2026-{month:02d}-28 progress={progress} health=at-risk\n",
    }
    if node.metric is not None:
        current = (node.metric.current or 0) + 11
        update["metric"] = node.metric.model_copy(update={"current": current})
    return node.model_copy(update=update)


def _month_later(ws: Workspace) -> Workspace:
    later = store.load(ws.root)
    for mapfile in later.files.values():
        mapfile.nodes = [_checked_in(node, 12) for node in mapfile.nodes]
    later.reindex()
    return later


LATE = """\
backmap: 1
title: Late
nodes:
  - id: calm
    kind: goal
    title: Calm weeks
    due: 2026-06-01
  - id: quiet-hours
    kind: initiative
    title: Quiet hours
    supports: [calm]
    status: active
    progress: 20
    due: 2026-07-01
  - id: rota
    kind: initiative
    title: Shared rota
    supports: [calm]
    owner: dana
    status: done
    progress: 100
"""
"""Overdue, due after its parent, unowned: what the example maps do not show at that date."""


@pytest.mark.parametrize("name", ["org", "ideal-group.yaml", "late.yaml"])
def test_rules_blind_to_check_ins_find_the_same_a_month_later(name: str, tmp_path: Path) -> None:
    (tmp_path / "late.yaml").write_text(LATE)
    ws = store.load(tmp_path / name if name == "late.yaml" else MAPS / name)
    later = _month_later(ws)
    assert alike.only_check_ins(ws, later) == BLIND
    today = date(2026, 12, 30)
    for code in BLIND:
        config = CheckConfig(select=(code,), today=today)
        found = [(f.code, f.node_id, f.message) for f in check(ws, config).findings]
        again = [(f.code, f.node_id, f.message) for f in check(later, config).findings]
        assert found == again, code
    # The others do see the month: otherwise this test would prove nothing.
    sighted = CheckConfig(select=("BM403", "BM404", "BM41", "BM71"), today=today)
    assert check(ws, sighted).findings != check(later, sighted).findings


def test_any_other_change_runs_every_rule() -> None:
    ws = store.load(MAPS / "ideal-group.yaml")
    for field, value in (("status", "done"), ("owner", "someone-else"), ("supports", [])):
        later = store.load(ws.root)
        mapfile = next(iter(later.files.values()))
        node = next(n for n in mapfile.nodes if n.kind.value == "initiative")
        mapfile.nodes = [
            n.model_copy(update={field: value}) if n is node else n for n in mapfile.nodes
        ]
        later.reindex()
        assert alike.only_check_ins(ws, later) == (), field
    people = store.load(MAPS / "org")
    assert people.people is not None
    unpeopled = store.load(MAPS / "org")
    unpeopled.people = None
    assert alike.only_check_ins(people, unpeopled) == ()


def test_diff_of_a_month_of_check_ins_reports_what_every_rule_would(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(MAPS / "org", old)
    shutil.copytree(MAPS / "org", new)
    ws = store.load(new)
    checkin = checkins.CheckIn(date(2026, 11, 30), progress=0, health="off-track")
    for node in list(ws.nodes()):
        if node.kind.value != "initiative" or node.metric is not None:
            continue
        if node.status is not None and node.status.value in ("active", "planned"):
            try:
                checkins.record(ws, node.id, checkin).apply(ws)
            except edits.EditError:  # its progress rolls up: nothing to record
                continue
    store.save(ws)
    before, after = store.load(old), store.load(new)
    assert alike.only_check_ins(before, after) == BLIND
    earlier, later = check(before), check(after)
    full = mapdiff.compare(before, after, earlier, later)
    # The month moved something rules see (slipping items reworded: paired, not new).
    assert full.nodes and set(earlier.active()) != set(later.active())
    result = run_cli("diff", str(old), str(new))
    assert result.code == 0, result.err
    assert result.out == render.to_text(full, str(old), str(new))
