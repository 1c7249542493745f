"""The cascade rules (BM704-BM708) each on a planted case, and personal goals kept out of the
business's coverage and progress."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from backmap import store
from backmap.checks import CheckConfig, check

TODAY = date(2026, 12, 1)
PEOPLE = """people:
  - id: vp
    name: Vera Park
  - id: dana
    name: Dana Lee
    manager: vp
  - id: maya
    name: Maya Kowalski
    manager: dana
    handles:
      github: maya-k
  - id: omer
    name: Omer Levi
    manager: dana
"""


def _node(node_id: str, kind: str, supports: str = "", **fields: object) -> str:
    lines = [f"  - id: {node_id}", f"    kind: {kind}", f"    title: {node_id.title()}"]
    if supports:
        lines.append(f"    supports: [{supports}]")
    lines += [f"    {key}: {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\n"


def _findings(
    tmp_path: Path, nodes: str, *, people: bool = True, **config: object
) -> list[tuple[str, str, str]]:
    (tmp_path / "map.yaml").write_text("backmap: 1\ntitle: T\nnodes:\n" + nodes, "utf-8")
    if people:
        (tmp_path / "people.yaml").write_text(PEOPLE, "utf-8")
    ws = store.load(tmp_path)
    result = check(ws, CheckConfig(today=TODAY, select=("BM7",), **config))  # type: ignore[arg-type]
    return [(f.code, f.node_id, f.message) for f in result.findings]


def _codes(found: list[tuple[str, str, str]], code: str) -> list[str]:
    return [node for c, node, _ in found if c == code]


def test_bm704_an_item_whose_owners_manager_is_on_nothing_above(tmp_path: Path) -> None:
    nodes = (
        _node("top", "outcome", owner="vp")
        + _node("dana-goal", "goal", "top", owner="dana", sub_owner="omer")
        + _node("aligned", "initiative", "dana-goal", owner="maya", sub_owner="omer")
        + _node("other-goal", "goal", "top", owner="vp", sub_owner="omer")
        # maya's manager dana is on nothing above: reported once, at the top of maya's chain.
        + _node("stray", "goal", "other-goal", owner="maya", sub_owner="omer")
        + _node("stray-work", "initiative", "stray", owner="maya", sub_owner="omer")
        # The manager as the item's own sub_owner knows of it.
        + _node("reviewed", "initiative", "other-goal", owner="omer", sub_owner="dana")
        + _node("dropped", "initiative", "other-goal", owner="omer", status="dropped")
    )
    found = _findings(tmp_path, nodes)
    assert _codes(found, "BM704") == ["stray"]
    message = next(m for c, _, m in found if c == "BM704")
    assert "whose manager dana (Dana Lee) is named on nothing above it" in message


def test_bm704_needs_a_people_file(tmp_path: Path) -> None:
    nodes = _node("top", "outcome") + _node("g", "goal", "top", owner="maya", sub_owner="omer")
    assert _codes(_findings(tmp_path, nodes, people=False), "BM704") == []


def test_bm705_a_personal_goal_standing_alone_is_info(tmp_path: Path) -> None:
    nodes = (
        _node("top", "outcome", owner="vp")
        + _node("biz", "goal", "top", owner="dana", sub_owner="vp")
        + _node("learn-rust", "goal", "biz", owner="dana", personal="true")
        + _node("give-talk", "goal", owner="maya", personal="true")
    )
    (tmp_path / "map.yaml").write_text("backmap: 1\ntitle: T\nnodes:\n" + nodes, "utf-8")
    result = check(store.load(tmp_path), CheckConfig(today=TODAY))
    mine = [(f.code, f.node_id, f.severity.label) for f in result.findings]
    assert ("BM705", "give-talk", "info") in mine
    assert not [m for m in mine if m[1] in ("give-talk", "learn-rust") and m[0] != "BM705"]
    assert all(node != "learn-rust" for _, node, _ in mine)


def test_personal_goals_count_in_neither_coverage_nor_progress(tmp_path: Path) -> None:
    nodes = (
        _node("top", "outcome")
        + _node("biz", "goal", "top")
        + _node("work", "initiative", "biz", status="active", progress=40)
        + _node("learn", "goal", "biz", owner="dana", personal="true", progress=90)
        + _node("alone", "goal", owner="dana", personal="true")
    )
    (tmp_path / "map.yaml").write_text("backmap: 1\ntitle: T\nnodes:\n" + nodes, "utf-8")
    result = check(store.load(tmp_path), CheckConfig(today=TODAY))
    assert (result.coverage.goals, result.coverage.covered) == (1, 1)
    assert result.progress["biz"] == 40.0  # the personal goal's 90% does not move it
    assert result.progress["learn"] == 90.0


def test_bm706_the_same_person_in_different_words(tmp_path: Path) -> None:
    nodes = (
        _node("top", "outcome", owner="vp")
        + _node("a", "goal", "top", owner="maya", sub_owner='"Maya Kowalski"')
        + _node("b", "goal", "top", owner="maya", sub_owner="maya-k")
        + _node("c", "goal", "top", owner="maya", sub_owner="maya")  # BM303's, not BM706's
        + _node("d", "goal", "top", owner="maya", sub_owner="omer")
    )
    found = _findings(tmp_path, nodes, max_sub_owned=99)
    assert _codes(found, "BM706") == ["a", "b"]
    assert "both maya (Maya Kowalski)" in next(m for c, _, m in found if c == "BM706")


def test_bm707_a_sub_owner_of_more_than_the_limit(tmp_path: Path) -> None:
    nodes = _node("top", "outcome", owner="vp") + "".join(
        _node(f"i{n}", "initiative", "top", owner="maya", sub_owner=who, status="active")
        for n, who in enumerate(["omer", "Omer", "omer", "dana", "omer", "omer"])
    )
    nodes += _node("done", "initiative", "top", owner="maya", sub_owner="omer", status="done")
    found = _findings(tmp_path, nodes, max_sub_owned=4)
    assert _codes(found, "BM707") == ["i0"]
    message = next(m for c, _, m in found if c == "BM707")
    assert "omer (Omer Levi) is sub_owner of 5 open items (more than 4)" in message
    assert _codes(_findings(tmp_path, nodes, max_sub_owned=5), "BM707") == []


def test_bm708_an_owner_nobody_stands_in_for(tmp_path: Path) -> None:
    nodes = (
        _node("top", "outcome")
        + _node("a", "initiative", "top", owner="Dana", status="active")
        + _node("b", "initiative", "top", owner="dana ", status="planned")
        + _node("c", "initiative", "top", owner="omer", status="active")
        + _node("d", "initiative", "top", owner="omer", sub_owner="maya", status="active")
        + _node("e", "initiative", "top", owner="maya", status="done")
        + _node("f", "goal", "top", owner="vp", personal="true")
        # One open item without a backup: BM302 says so, and BM708 does not say it again.
        + _node("g", "initiative", "top", owner="ravi", status="active")
    )
    found = _findings(tmp_path, nodes, people=False)
    assert _codes(found, "BM708") == ["a"]
    assert "neither of the 2 open items Dana owns (`a`, `b`) has a sub_owner" in found[0][2]


def test_bm704_walks_up_through_a_cycle(tmp_path: Path) -> None:
    nodes = (
        _node("top", "outcome", owner="vp")
        + _node("loop-a", "goal", "top, loop-b", owner="dana", sub_owner="vp")
        + _node("loop-b", "goal", "loop-a", owner="omer", sub_owner="dana")
        + _node("beneath", "initiative", "loop-b", owner="maya", sub_owner="omer")
        + _node("stray", "initiative", "loop-b", owner="vp")
    )
    found = _findings(tmp_path, nodes)
    assert _codes(found, "BM704") == []  # dana is named above `beneath`, around the loop
    nodes = nodes.replace("owner: dana\n    sub_owner: vp", "owner: vp")
    nodes = nodes.replace("owner: omer\n    sub_owner: dana", "owner: omer")
    assert _codes(_findings(tmp_path, nodes), "BM704") == ["loop-b", "beneath"]
