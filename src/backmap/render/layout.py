"""Columns for the drawing: one per level, and a tall level folded into several side by side.

Left to right, a level with hundreds of nodes makes a picture dozens of times taller than wide.
Folding such a level into k columns (nodes dealt round-robin, so neighbours stay close)
keeps the whole near square, like Graphviz's `unflatten -c`. Sizes are rough averages of a
wrapped node; they only decide k.
"""

from __future__ import annotations

from backmap.model import Node
from backmap.render.scene import Scene

NODE_HEIGHT = 60.0
"""Points a node takes in its column, with the gap to the next."""
COLUMN_WIDTH = 220.0
"""Points a column takes, with the gap to the next."""
TOO_TALL = 4.0
"""Fold only when the tallest level would be this many times the width of the drawing."""
MAX_FOLD = 16


def fold(count: int, levels: int) -> int:
    """Into how many columns a level of `count` nodes is folded, in a drawing of `levels` levels.

    The fewest that bring it under TOO_TALL: each extra column costs layout time, because every
    link that crosses a column is routed through it.
    """
    k = 1
    while k < MAX_FOLD and count * NODE_HEIGHT / k > TOO_TALL * (levels - 1 + k) * COLUMN_WIDTH:
        k += 1
    return k


def columns(scene: Scene) -> tuple[list[list[Node]], list[tuple[str, str]]]:
    """The columns left to right, and the invisible links that hold folded columns in order."""
    by_level: dict[int, list[Node]] = {}
    for node in scene.nodes:
        by_level.setdefault(scene.level[node.id], []).append(node)
    out: list[list[Node]] = []
    chains: list[tuple[str, str]] = []
    for level in sorted(by_level):
        nodes = by_level[level]
        k = fold(len(nodes), len(by_level))
        out += [nodes[i::k] for i in range(k)]
        # Each row of k nodes is chained left to right, which puts column j at rank j.
        chains += [(nodes[i].id, nodes[i + 1].id) for i in range(len(nodes) - 1) if (i + 1) % k]
    return out, chains
