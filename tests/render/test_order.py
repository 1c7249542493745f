"""Every view lists outcomes and sibling goals in the order of the map's files, as `tree` does."""

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


def test_the_example_map_draws_outcomes_and_sibling_goals_in_file_order(tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    assert run_cli("export", "--map", str(EXAMPLE), "-o", str(out)).code == 0
    tops = _tops(out.read_bytes())
    graph = build(store.load(EXAMPLE))
    outcomes = [i for i in graph.parents if graph.node(i).kind is Kind.OUTCOME]  # file order
    assert len(outcomes) >= 2 and _out_of_order(tops, outcomes) == []
    for parent in graph.parents:
        # Siblings laid out under this parent that have supporters of their own (leaves are
        # packed in rows beside it, read left to right).
        goals = [
            c for c in graph.children[parent] if graph.parents[c][0] == parent and graph.children[c]
        ]
        assert _out_of_order(tops, goals) == [], parent


def test_the_page_overview_draws_the_first_outcome_on_top(tmp_path: Path) -> None:
    source = _fresh_map(tmp_path)
    out = tmp_path / "pages"
    done = run_cli("export", "--map", str(source), "--page", "wiki", "-o", str(out))
    assert done.code == 0, done.err
    tops = _tops((out / "overview.svg").read_bytes())
    assert _out_of_order(tops, ["alpha", "beta"]) == []


ORDER_MAP = """\
backmap: 1
title: Order
nodes:
  - id: zeta
    kind: outcome
    title: Zeta outcome
  - id: alpha
    kind: outcome
    title: Alpha outcome
  - id: zz-goal
    kind: goal
    title: Zz goal
    supports: [zeta]
  - id: z-init
    kind: initiative
    title: Z init
    supports: [zz-goal]
  - id: aa-goal
    kind: goal
    title: Aa goal
    supports: [zeta]
  - id: a-init
    kind: initiative
    title: A init
    supports: [zz-goal]
  - id: b-goal
    kind: goal
    title: B goal
    supports: [alpha]
"""
FILE_ORDER = ["zeta", "zz-goal", "z-init", "a-init", "aa-goal", "alpha", "b-goal"]
"""Depth first from the outcomes, each node's supporters in the order the file gives them."""
TITLES = {
    "zeta": "Zeta outcome",
    "alpha": "Alpha outcome",
    "zz-goal": "Zz goal",
    "aa-goal": "Aa goal",
    "z-init": "Z init",
    "a-init": "A init",
    "b-goal": "B goal",
}


def _in_order(text: str, needles: dict[str, str]) -> list[str]:
    """The ids in the order their needle first appears in `text`."""
    return sorted(needles, key=lambda i: text.index(needles[i]))


def test_every_view_orders_outcomes_and_siblings_as_the_map_file_does(tmp_path: Path) -> None:
    import json

    path = tmp_path / "order.yaml"
    path.write_text(ORDER_MAP)

    def out(*args: str) -> str:
        done = run_cli(*args, "--map", str(path))
        assert done.code in (0, 1), done.err
        return done.out

    by_id = {i: f"[{i}]" for i in TITLES}
    assert _in_order(out("tree"), by_id) == FILE_ORDER
    assert _in_order(out("status"), TITLES) == FILE_ORDER
    assert _in_order(out("export", "-f", "md"), TITLES) == FILE_ORDER
    mermaid = out("export", "-f", "mermaid")
    assert _in_order(mermaid, {i: f'{i.replace("-", "_")}["' for i in TITLES}) == FILE_ORDER
    data = json.loads(out("export", "-f", "json"))
    assert [n["id"] for n in data["nodes"]] == FILE_ORDER
    assert [o["id"] for o in data["coverage"]["outcomes"]] == ["zeta", "alpha"]
    dot = out("export", "-f", "dot")
    assert _in_order(
        dot, {i: f"\t{json.dumps(i)} [" if "-" in i else f"\t{i} [" for i in TITLES}
    ) == (FILE_ORDER)
    split = tmp_path / "split"
    done = run_cli("export", "--map", str(path), "--split", "-f", "md", "-o", str(split))
    assert done.code in (0, 1), done.err
    index = (split / "index.md").read_text()
    assert index.index("outcome-zeta.md") < index.index("outcome-alpha.md")
    svg = tmp_path / "order.svg"
    assert run_cli("export", "--map", str(path), "-o", str(svg)).code in (0, 1)
    tops = _tops(svg.read_bytes())
    assert _out_of_order(tops, ["zeta", "alpha"]) == []
    assert _out_of_order(tops, ["zz-goal", "aa-goal"]) == []
