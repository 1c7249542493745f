"""The drawing lists outcomes and sibling goals top to bottom in the order tree, md and json do."""

from __future__ import annotations

import itertools
from pathlib import Path

from tests.conftest import run_cli

from backmap import store
from backmap.graph import build
from backmap.model import Kind

from . import geometry

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "maps" / "ideal-group.yaml"


def _fresh_map(folder: Path) -> Path:
    """A map made as a new user makes one: two outcomes, alpha first, each with goals."""
    path = folder / "backmap.yaml"
    assert run_cli("new", str(path)).code == 0
    steps = [
        ["outcome", "Alpha", "--id", "alpha"],
        ["outcome", "Beta", "--id", "beta"],
        ["goal", "Goal A one", "--id", "ga1", "-s", "alpha"],
        ["goal", "Goal A two", "--id", "ga2", "-s", "alpha"],
        ["goal", "Goal B", "--id", "gb", "-s", "beta"],
        ["initiative", "Init one", "--id", "i1", "-s", "ga1"],
        ["initiative", "Init two", "--id", "i2", "-s", "ga2"],
    ]
    for args in steps:
        done = run_cli("add", "--map", str(path), *args)
        assert done.code == 0, done.err
    return path


def _tops(svg: bytes) -> dict[str, float]:
    """Node id -> the top edge of its box (SVG y grows downwards)."""
    return {node_id: box[1] for node_id, box in geometry.read(svg).boxes.items()}


def _out_of_order(tops: dict[str, float], ids: list[str]) -> list[tuple[str, str]]:
    shown = [i for i in ids if i in tops]
    return [(a, b) for a, b in itertools.pairwise(shown) if tops[a] >= tops[b]]


def test_a_fresh_map_draws_its_first_outcome_on_top(tmp_path: Path) -> None:
    source = _fresh_map(tmp_path)
    tree = run_cli("tree", "--map", str(source))
    assert tree.out.index("Alpha") < tree.out.index("Beta")
    out = tmp_path / "two.svg"
    assert run_cli("export", "--map", str(source), "-o", str(out)).code == 0
    tops = _tops(out.read_bytes())
    assert _out_of_order(tops, ["alpha", "beta"]) == []
    assert _out_of_order(tops, ["ga1", "ga2"]) == []


def test_the_example_map_draws_outcomes_and_sibling_goals_in_id_order(tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    assert run_cli("export", "--map", str(EXAMPLE), "-o", str(out)).code == 0
    tops = _tops(out.read_bytes())
    graph = build(store.load(EXAMPLE))
    outcomes = sorted(i for i in graph.parents if graph.node(i).kind is Kind.OUTCOME)
    assert len(outcomes) >= 2 and _out_of_order(tops, outcomes) == []
    for parent in graph.parents:
        # Siblings laid out under this parent that have supporters of their own (leaves are
        # packed in rows beside it, read left to right).
        goals = sorted(
            c for c in graph.children[parent] if graph.parents[c][0] == parent and graph.children[c]
        )
        assert _out_of_order(tops, goals) == [], parent


def test_the_page_overview_draws_the_first_outcome_on_top(tmp_path: Path) -> None:
    source = _fresh_map(tmp_path)
    out = tmp_path / "pages"
    done = run_cli("export", "--map", str(source), "--page", "wiki", "-o", str(out))
    assert done.code == 0, done.err
    tops = _tops((out / "overview.svg").read_bytes())
    assert _out_of_order(tops, ["alpha", "beta"]) == []
