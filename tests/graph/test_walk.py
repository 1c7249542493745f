"""The graph walks: what each one reaches, in which order, and that none of them recurses."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import examples

from backmap.graph import components, levels, paths, reach, reached_by, unfold

DEEP = 20_000  # far past Python's recursion limit


def chain(n: int) -> dict[str, list[str]]:
    return {f"n{i}": [f"n{i + 1}"] for i in range(n)}


edge_lists = st.integers(1, 9).flatmap(
    lambda n: st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n)
)


def as_edges(pairs: list[tuple[int, int]]) -> dict[str, list[str]]:
    edges: dict[str, list[str]] = {}
    for a, b in pairs:
        edges.setdefault(f"n{a}", []).append(f"n{b}")
    return edges


def as_networkx(edges: dict[str, list[str]]) -> nx.DiGraph:
    digraph = nx.DiGraph()
    for a, bs in edges.items():
        digraph.add_node(a)
        for b in bs:
            digraph.add_edge(a, b)
    return digraph


def test_walks_follow_a_chain_deeper_than_the_recursion_limit() -> None:
    edges = chain(DEEP)
    assert len(reach(["n0"], edges)) == DEEP
    assert levels(["n0"], edges)[f"n{DEEP}"] == DEEP
    assert [len(p) for p in paths("n0", edges, 4)] == [DEEP + 1]
    visits = list(unfold(["n0"], edges))
    assert [v.depth for v in visits[-2:]] == [DEEP - 1, DEEP]
    assert visits[-1].parent == f"n{DEEP - 1}"
    loop = {**edges, f"n{DEEP}": ["n0"]}
    assert len(components(["n0"], loop)) == 1


def test_reach_stops_at_depth_and_avoids() -> None:
    edges = {"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": ["a"]}
    assert reach(["a"], edges) == {"a", "b", "c", "d"}  # back to the start through a cycle
    assert reach(["a"], edges, depth=1) == {"b", "c"}
    assert reach(["a"], edges, avoid={"b"}) == {"a", "c", "d"}
    assert reach(["a"], lambda n: edges.get(n, []), depth=2) == {"b", "c", "d"}


def test_reached_by_names_the_nearest_two_starts() -> None:
    edges = {"a": ["x"], "b": ["y"], "y": ["x"], "c": ["a"]}
    found = reached_by(["a", "b", "c"], edges)
    assert found["x"] == ["a", "b"]
    assert found["a"] == ["c"]
    assert "b" not in found
    assert reached_by(["a", "b"], edges, avoid={"y"})["x"] == ["a"]


def test_paths_go_depth_first_and_never_loop() -> None:
    edges = {"a": ["b", "c"], "b": ["a", "d"], "c": [], "d": ["b"]}
    assert paths("a", edges, 10) == [("a", "b", "d"), ("a", "c")]
    assert paths("a", edges, 1) == [("a", "b", "d")]


def test_unfold_shows_repeats_and_cycles_once() -> None:
    edges = {"top": ["a", "b"], "a": ["c"], "b": ["c"], "c": ["a"]}
    seen = [(v.node_id, v.depth, v.parent, v.repeat, v.cycle) for v in unfold(["top"], edges)]
    assert seen == [
        ("top", 0, None, False, False),
        ("a", 1, "top", False, False),
        ("c", 2, "a", False, False),
        ("a", 3, "c", True, True),
        ("b", 1, "top", False, False),
        ("c", 2, "b", True, False),
    ]


@settings(max_examples=examples(150), deadline=None)
@given(edge_lists)
def test_reach_and_levels_agree_with_networkx(pairs: list[tuple[int, int]]) -> None:
    edges = as_edges(pairs)
    digraph = as_networkx(edges)
    for start in digraph.nodes:
        expected = {b for a, b in nx.bfs_edges(digraph, start)}
        if any(start in digraph[p] for p in nx.descendants(digraph, start) | {start}):
            expected.add(start)
        assert reach([start], edges) == expected
        assert levels([start], edges) == nx.single_source_shortest_path_length(digraph, start)


@settings(max_examples=examples(150), deadline=None)
@given(edge_lists)
def test_components_agree_with_networkx_and_come_bottom_up(pairs: list[tuple[int, int]]) -> None:
    edges = as_edges(pairs)
    digraph = as_networkx(edges)
    found = components(sorted(digraph.nodes), edges)
    assert sorted(map(sorted, found)) == sorted(
        sorted(c) for c in nx.strongly_connected_components(digraph)
    )
    # Every component comes after each component it leads to.
    place = {n: i for i, c in enumerate(found) for n in c}
    for a, b in digraph.edges:
        assert place[b] <= place[a]
