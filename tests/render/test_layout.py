"""The drawing reads like the plan: a tree under first parents, leaves packed, few crossings."""

from __future__ import annotations

import importlib.util
import re
import struct
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import run_cli

from backmap import store
from backmap.render.export import ExportOptions, export

from . import geometry
from .conftest import SMALL, TODAY, workspace

ROOT = Path(__file__).resolve().parents[2]
PURE = ExportOptions(today=TODAY, engine="pure")


def _generate(n: int, path: Path) -> Path:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("generate", module)
    spec.loader.exec_module(module)
    module.write_workspace(module.generate(n, seed=0), path)
    return path


def _contrast(colour: str) -> float:
    """WCAG contrast ratio of `colour` against white."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    lum = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (lum + 0.05)


def test_the_example_map_draws_with_no_crossing_and_no_link_through_a_box(tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    done = run_cli("export", "--map", str(ROOT / "maps" / "ideal-group.yaml"), "-o", str(out))
    assert done.code == 0, done.err
    drawing = geometry.read(out.read_bytes())
    assert len(drawing.boxes) == 38
    assert geometry.crossings(drawing) == 0
    assert geometry.through_boxes(drawing) == []
    assert 1 / 3 <= drawing.width / drawing.height <= 3


def test_a_generated_map_of_150_nodes_is_near_square_and_barely_crosses(tmp_path: Path) -> None:
    source = _generate(150, tmp_path / "map.yaml")
    out = tmp_path / "map.svg"
    assert run_cli("export", "--map", str(source), "-o", str(out)).code == 0
    drawing = geometry.read(out.read_bytes())
    assert len(drawing.boxes) == 150
    assert geometry.crossings(drawing) <= 0.05 * len(drawing.links)
    assert geometry.through_boxes(drawing) == []
    assert 1 / 3 <= drawing.width / drawing.height <= 3


def _edge(dot: str, parent: str, child: str) -> str | None:
    ends = rf'"?{re.escape(parent)}"? -> "?{re.escape(child)}"?'
    found = re.search(rf"^\t{ends} \[(.*)\]$", dot, re.M)
    return None if found is None else found.group(1)


def test_the_first_parent_steers_the_layout_and_the_others_are_named_on_the_node() -> None:
    dot = export(workspace(SMALL), "dot", PURE).decode()
    # rota supports [no-spof, time-off]: laid out under no-spof; time-off, a sibling of
    # no-spof elsewhere in the tree, is named on the node rather than linked across it.
    assert "constraint" not in (_edge(dot, "no-spof", "rota") or "constraint")
    assert _edge(dot, "time-off", "rota") is None
    assert "also serves → Time off is really off" in dot
    swapped = [
        {**n, "supports": ["time-off", "no-spof"]} if n["id"] == "rota" else n for n in SMALL
    ]
    dot = export(workspace(swapped), "dot", PURE).decode()
    assert "constraint" not in (_edge(dot, "time-off", "rota") or "constraint")
    assert "also serves → No single points of failure" in dot
    assert dot.index('\t"time-off" [') < dot.index("\trota [")


def test_a_link_to_a_near_second_parent_is_dashed_free_and_visible() -> None:
    nodes: list[dict[str, Any]] = [
        {"id": "o", "kind": "outcome", "title": "Outcome"},
        {"id": "g", "kind": "goal", "title": "Goal", "supports": ["o"]},
        {"id": "sub", "kind": "goal", "title": "Sub-goal", "supports": ["g"]},
        {"id": "i", "kind": "initiative", "title": "Work", "supports": ["sub", "g"]},
    ]
    attrs = _edge(export(workspace(nodes), "dot", PURE).decode(), "g", "i")
    assert attrs is not None
    assert "constraint=false" in attrs and "style=dashed" in attrs
    colour = re.search(r'color="(#[0-9a-f]{6})"', attrs)
    assert colour is not None and _contrast(colour.group(1)) >= 3
    main = re.search(
        r'edge \[.*color="(#[0-9a-f]{6})"', export(workspace(nodes), "dot", PURE).decode()
    )
    assert main is not None and _contrast(main.group(1)) >= 3


def test_a_goals_initiatives_are_packed_in_columns_beside_it(tmp_path: Path) -> None:
    nodes: list[dict[str, Any]] = [
        {"id": "o", "kind": "outcome", "title": "Outcome"},
        {"id": "g", "kind": "goal", "title": "Goal", "supports": ["o"]},
    ]
    nodes += [
        {"id": f"i{k:02d}", "kind": "initiative", "title": f"Work item {k}", "supports": ["g"]}
        for k in range(12)
    ]
    drawing = geometry.read(export(workspace(nodes), "svg", PURE))
    goal = drawing.boxes["g"]
    lefts = {round(drawing.boxes[f"i{k:02d}"][0]) for k in range(12)}
    assert len(lefts) >= 2  # more than one column
    assert all(x > goal[2] for x in lefts)  # all to the right of their goal
    assert 1 / 3 <= drawing.width / drawing.height <= 3
    assert geometry.through_boxes(drawing) == []


def test_metric_progress_and_due_are_on_the_node() -> None:
    ws = store.load(ROOT / "maps" / "ideal-group.yaml")
    dot = export(ws, "dot", PURE).decode()
    assert "after-hours messages per week 60 msgs (target 10, from 120)" in dot
    assert "40% · due 2027-03-31" in dot
    assert "share answering often or always stressed 29% (target 15%, from 38%)" in dot


def test_titles_are_at_least_11_pt_and_the_legend_shows_every_kind_and_state() -> None:
    data = export(store.load(ROOT / "maps" / "ideal-group.yaml"), "svg", PURE)
    drawing = geometry.read(data)
    assert min(sizes[0] for sizes in drawing.font.values()) >= 11
    legend = data.decode()
    for sample in ("outcome", "goal", "initiative", "idea", "planned", "active", "done"):
        assert f">{sample}" in legend or f"{sample}<" in legend or f" {sample} " in legend
    assert "dropped" in legend and "also serves" in legend


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_layout_follows_the_order_of_nodes_in_the_file(seed: int) -> None:
    shuffled = workspace(SMALL, shuffle=seed, shuffle_supports=False)
    svg = export(shuffled, "svg", PURE)
    assert export(shuffled, "svg", PURE) == svg  # same files, same bytes
    tops = {i: box[1] for i, box in geometry.read(svg).boxes.items()}
    outcomes = [n.id for n in shuffled.nodes() if n.kind.value == "outcome"]
    assert sorted(outcomes, key=tops.__getitem__) == outcomes


def test_a_png_too_big_to_draw_is_drawn_at_a_lower_resolution(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from backmap.render import export as module

    def size(png: bytes) -> tuple[int, int]:
        # The IHDR chunk comes first: width and height, 4 bytes each, after the signature.
        width, height = struct.unpack(">II", png[16:24])
        return width, height

    full = size(export(workspace(SMALL), "png", PURE))
    assert full[0] * full[1] > 200_000
    monkeypatch.setattr(module, "SURELY_SMALL", 0)
    monkeypatch.setattr(module, "MAX_PIXELS", 200_000)
    small = size(export(workspace(SMALL), "png", PURE))
    assert small[0] * small[1] <= 200_000 * 1.02
    assert abs(small[0] / small[1] - full[0] / full[1]) < 0.05


def test_a_long_also_serves_title_keeps_its_start_and_its_end() -> None:
    stem = "Goal number 4 about mentoring for all young people in the"
    nodes: list[dict[str, Any]] = [
        {"id": "o", "kind": "outcome", "title": "Outcome"},
        {"id": "north", "kind": "goal", "title": f"{stem} north", "supports": ["o"]},
        {"id": "south", "kind": "goal", "title": f"{stem} south", "supports": ["o"]},
        {"id": "a", "kind": "initiative", "title": "Work", "supports": ["o", "north"]},
        {"id": "b", "kind": "initiative", "title": "Play", "supports": ["o", "south"]},
    ]
    svg = export(workspace(nodes), "svg", PURE).decode()
    lines = {
        node: re.findall(r">(also serves → [^<]*)<", svg[svg.index(f'id="{node}"') :])[0]
        for node in ("a", "b")
    }
    assert lines["a"] != lines["b"]
    for node, end in (("a", "north"), ("b", "south")):
        text = lines[node].removeprefix("also serves → ").replace("&#160;", " ")
        assert text.startswith("Goal number") and text.endswith(f"in the {end}"), text
        assert "…" in text and len(text) <= 40


def _dashes(svg: str) -> dict[tuple[str, str], str]:
    """(parent, child) -> the stroke-dasharray of the link drawn between them ('' when solid)."""
    found = {}
    for edge in re.finditer(r'<g id="bm:edge:([^"]*)" class="edge">(.*?)</g>', svg, re.S):
        parent, child = edge.group(1).replace("&#45;", "-").split(":")
        dash = re.search(r'<path[^>]*stroke-dasharray="([^"]*)"', edge.group(2))
        found[(parent, child)] = dash.group(1) if dash else ""
    return found


def test_only_also_serves_links_are_dashed_and_a_dropped_items_link_says_why() -> None:
    nodes = [*SMALL, {"id": "extra", "kind": "goal", "title": "Extra", "supports": ["happy"]}]
    nodes += [
        {
            "id": "late",
            "kind": "initiative",
            "title": "Late work",
            "supports": ["extra", "happy"],
            "status": "dropped",
        }
    ]
    svg = export(workspace(nodes), "svg", PURE).decode()
    dashes = _dashes(svg)
    dashed = {link for link, dash in dashes.items() if dash == "5,2"}
    assert dashed == {("happy", "late")}  # the one link to a parent besides the first
    dropped = dashes[("less-stress", "standup")]
    assert dropped and dropped != "5,2"  # the dropped item's only link: another pattern
    assert dashes[("extra", "late")] == dropped
    assert "dotted: dropped" in svg  # and the legend says what it means
