"""Which nodes an export shows: a focus with its way up, the top levels, one outcome's part."""

from __future__ import annotations

from dataclasses import dataclass

from backmap.graph import MapGraph, reach
from backmap.model import Kind


@dataclass(frozen=True)
class Part:
    """One file of a split export: an outcome with everything beneath it, or the unattached."""

    name: str
    """File stem: 'outcome-<id>' or 'unattached'; no id starts another file's name."""
    title: str
    ids: frozenset[str]


def _within(start: str, edges: dict[str, list[str]], depth: int | None) -> set[str]:
    """`start` and the nodes reached from it along `edges` in at most `depth` steps."""
    return reach([start], edges, depth=depth) | {start}


def focus(graph: MapGraph, node_id: str, depth: int | None = None) -> set[str]:
    """The node, every node above it (its way up to the outcomes) and `depth` levels beneath."""
    return _within(node_id, graph.parents, None) | _within(node_id, graph.children, depth)


def top_levels(graph: MapGraph, max_depth: int) -> set[str]:
    """Nodes at most `max_depth` steps beneath an outcome (or beneath a root that has none)."""
    starts = sorted(i for i, ups in graph.parents.items() if not ups)
    starts += sorted(i for i in graph.cyclic if graph.node(i).kind is Kind.OUTCOME)
    shown: set[str] = set()
    for start in dict.fromkeys(starts):
        shown |= _within(start, graph.children, max_depth)
    # Nodes on a cycle with no root above them would vanish; show them rather than lose them.
    beneath = reach(shown, graph.children)
    return shown | {i for i in graph.cyclic if i not in beneath}


def parts(graph: MapGraph) -> list[Part]:
    """One part per outcome (in the order of the files, as `tree` lists them), then one for the
    nodes no outcome reaches, if any."""
    ws = graph.ws
    outcomes = [n.id for n in ws.nodes() if n.kind is Kind.OUTCOME]
    out = [
        Part(f"outcome-{o}", ws.node(o).title, frozenset(_within(o, graph.children, None)))
        for o in outcomes
    ]
    reached = set().union(*(p.ids for p in out))
    rest = frozenset(i for i in graph.parents if i not in reached)
    if rest:
        out.append(Part("unattached", "Not under any outcome", rest))
    return out
