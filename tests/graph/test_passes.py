"""The graph's linear passes and BM205 agree with plain searches on random maps with loops."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.strategies import examples

from backmap.checks import CheckConfig, check
from backmap.graph import MANY, MOVING_STATUSES, build
from backmap.model import Kind, MapFile, Node, Status, Workspace


def workspace(nodes: list[Node]) -> Workspace:
    path = Path("x.yaml")
    return Workspace(path, {path: MapFile(backmap=1, title="T", nodes=nodes)})


@st.composite
def maps(draw: st.DrawFn) -> Workspace:
    """Small maps with loops, self-links, repeated and unknown links, kinds in any order."""
    kinds = draw(st.lists(st.sampled_from(list(Kind)), min_size=1, max_size=14))
    ids = [f"n{i}" for i in range(len(kinds))]
    nodes = [
        Node(
            id=node_id,
            kind=kind,
            title="T",
            supports=draw(st.lists(st.sampled_from([*ids, "ghost"]), max_size=3)),
            status=draw(st.none() | st.sampled_from(list(Status))),
        )
        for node_id, kind in zip(ids, kinds, strict=True)
    ]
    return workspace(nodes)


def parents_of(ws: Workspace, node_id: str) -> set[str]:
    return {p for p in ws.node(node_id).supports if p in ws and p != node_id}


def search(start: str, step, avoid: frozenset[str] = frozenset()) -> set[str]:
    """Plain search, one step or more from `start`."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in step(todo.pop()) - seen - avoid:
            seen.add(nxt)
            todo.append(nxt)
    return seen


def outcomes_above(ws: Workspace, node_id: str) -> frozenset[str]:
    """Outcomes met first on the way up: an outcome is the top, whatever it supports."""

    def up(n: str) -> set[str]:
        return set() if ws.node(n).kind is Kind.OUTCOME else parents_of(ws, n)

    if ws.node(node_id).kind is Kind.OUTCOME:
        return frozenset({node_id})
    return frozenset(n for n in search(node_id, up) if ws.node(n).kind is Kind.OUTCOME)


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_passes_agree_with_plain_searches(ws: Workspace) -> None:
    graph = build(ws)
    # Dropped work covers nothing: a dropped node's links up do not carry what is beneath it.
    children = {
        n: {
            c
            for c in ws.by_id
            if n in parents_of(ws, c) and ws.node(c).status is not Status.DROPPED
        }
        for n in ws.by_id
    }
    for node_id in ws.by_id:
        assert graph.outcomes_above[node_id] == outcomes_above(ws, node_id), node_id
        beneath = search(node_id, children.__getitem__) - {node_id}
        initiatives = sorted(n for n in beneath if ws.node(n).kind is Kind.INITIATIVE)
        assert graph.initiative_below[node_id] == bool(initiatives)
        # Under way: active or done, or with no status and progress past 0%.
        moving = any(
            ws.node(n).status in MOVING_STATUSES
            or (ws.node(n).status is None and (ws.node(n).progress or 0) > 0)
            for n in initiatives
        )
        assert graph.moving_below[node_id] == moving
        only = initiatives[0] if len(initiatives) == 1 else MANY if initiatives else None
        assert graph.sole_initiative[node_id] == only


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_redundant_links_agree_with_plain_searches(ws: Workspace) -> None:
    found = {
        (f.node_id, f.message.split("the link to `")[1].removesuffix("` is redundant"))
        for f in check(ws, CheckConfig(select=("BM205",))).findings
    }
    expected = set()
    for node_id in ws.by_id:
        parents = parents_of(ws, node_id)
        for other in parents:
            # Redundant: another parent leads up to it without coming back through the node.
            step = lambda n: parents_of(ws, n)  # noqa: E731
            avoid = frozenset({node_id})
            if any(other in search(p, step, avoid) for p in parents - {other}):
                expected.add((node_id, other))
    assert found == expected


def test_a_loop_through_the_node_makes_no_link_redundant() -> None:
    ws = workspace(
        [
            Node(id="o", kind=Kind.OUTCOME, title="O"),
            Node(id="a", kind=Kind.GOAL, title="A", supports=["b", "o"]),
            Node(id="b", kind=Kind.GOAL, title="B", supports=["a"]),
        ]
    )
    assert check(ws, CheckConfig(select=("BM205",))).findings == []
