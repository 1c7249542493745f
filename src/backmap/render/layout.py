"""The drawing's shape: a tree under each node's first parent, with leaves packed beside it.

Each node is laid out under its first parent only (`Scene.first_parent`); links to its other
parents are drawn but take no part in ranking, so the tree itself has no crossings. The leaves
of a parent (supporters with nothing beneath them) are dealt row by row into a few columns
beside it, held in place by invisible links, instead of one long column: a goal with twenty
initiatives makes a block, not a picture twenty nodes tall.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from backmap.graph.walk import unfold
from backmap.render.scene import Scene

ROWS_PER_COLUMN = 3.0
"""A parent's leaves take about this many rows per column: a node is some four times wider than
tall, so a block of three rows a column is about as tall as wide, and three leaves stay in one."""
MAX_COLUMNS = 4
"""Leaves in more columns than this would be far from the parent their links come from."""


@dataclass(frozen=True)
class Tree:
    """Where the drawing puts each node, as Graphviz needs to be told."""

    order: list[str]
    """Depth first under first parents, siblings in the order of the files: the order nodes
    are written."""
    chains: list[tuple[str, str]]
    """Invisible links, left to right, that put a parent's leaves in rows beside it."""
    stack: list[tuple[str, str]]
    """Invisible links, each from a tree's root to the next one's, that take no part in ranking:
    they make the drawing one piece, so the trees stand top to bottom in `order`. Graphviz lays
    out the pieces of a drawing that is not one apart and stacks them in reverse, which drew the
    last outcome on top."""


def columns_for(leaves: int, most: int = MAX_COLUMNS) -> int:
    """Into how many columns (at most `most`) a parent's `leaves` are dealt."""
    return max(1, min(most, math.ceil(math.sqrt(leaves / ROWS_PER_COLUMN))))


def tree(scene: Scene) -> Tree:
    """The tree of first parents, and the chains that pack each parent's leaves."""
    # Siblings in the order of the files, as `tree` lists a node's supporters; trees in the
    # scene's order (outcomes first).
    place = {i: n for n, i in enumerate(scene.file_order or [n.id for n in scene.nodes])}
    drawn = {n.id: i for i, n in enumerate(scene.nodes)}
    kids: dict[str, list[str]] = {}
    for node in scene.nodes:
        parent = scene.first_parent.get(node.id)
        if parent is not None:
            kids.setdefault(parent, []).append(node.id)
    for ids in kids.values():
        ids.sort(key=place.__getitem__)
    roots = sorted((i for i in drawn if i not in scene.first_parent), key=drawn.__getitem__)
    # Nodes on a cycle of first parents have no root: they follow, from the smallest key.
    starts: list[str] = []
    order = _depth_first(roots + sorted(drawn, key=place.__getitem__), kids, starts)
    chains: list[tuple[str, str]] = []
    for ids in kids.values():
        leaves = [i for i in ids if i not in kids]
        k = columns_for(len(leaves), scene.leaf_columns or MAX_COLUMNS)
        chains += [(leaves[i], leaves[i + 1]) for i in range(len(leaves) - 1) if (i + 1) % k]
    return Tree(order, chains, list(itertools.pairwise(starts)))


def _depth_first(starts: list[str], kids: dict[str, list[str]], used: list[str]) -> list[str]:
    """Each node once, before what it leads to (graph.walk.unfold, which never recurses).

    The starts that began a tree are appended to `used`."""
    done: set[str] = set()
    order: list[str] = []
    for start in starts:
        if start in done:
            continue
        used.append(start)
        order += [visit.node_id for visit in unfold([start], kids, done) if not visit.repeat]
    return order
