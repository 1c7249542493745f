"""Structure rules (errors): links that point nowhere, cycles, kinds in the wrong order."""

from __future__ import annotations

from collections.abc import Iterator

from backmap.checks.findings import Severity
from backmap.checks.registry import Context, rule
from backmap.graph import MapGraph, find_cycles
from backmap.model import Kind
from backmap.suggest import Suggester


@rule("BM101", "unknown-link", Severity.ERROR, "`supports` names an id no node has", reads=())
def unknown_link(ctx: Context) -> Iterator[tuple[str, str]]:
    ws = ctx.graph.ws
    known = ws.by_id
    suggest: Suggester | None = None
    for node_id in ctx.graph.irregular:  # every other node links only to known ids
        for target in dict.fromkeys(known[node_id].supports):
            if target in known:
                continue
            suggest = suggest or Suggester(ws.ids())
            close = suggest(target)
            hint = f"; did you mean `{close}`?" if close else ""
            yield node_id, f"`{node_id}` supports `{target}`, which does not exist{hint}"


@rule("BM102", "cycle", Severity.ERROR, "nodes support each other in a loop", reads=())
def cycle(ctx: Context) -> Iterator[tuple[str, str]]:
    found = find_cycles(ctx.graph)
    depth = _depth_from_top(ctx.graph) if found else {}
    for path in found:
        path = _from_link_pointing_down(path, depth)
        yield path[0], "cycle: " + " -> ".join(path)


def _depth_from_top(graph: MapGraph) -> dict[str, int]:
    """Fewest links from a node nothing is above (an outcome, usually) down to each node."""
    depth = {node_id: 0 for node_id in graph.ws.by_id if not graph.parents.get(node_id)}
    level = list(depth)
    while level:
        below = []
        for node_id in level:
            for child in graph.children.get(node_id, ()):
                if child not in depth:
                    depth[child] = depth[node_id] + 1
                    below.append(child)
        level = below
    return depth


def _from_link_pointing_down(path: list[str], depth: dict[str, int]) -> list[str]:
    """The loop starting at the node whose link points away from the top: the link that made
    the loop, in the file that holds it. A loop nothing leads to keeps its first node."""
    loop = path[:-1]
    best, rise = None, 0
    for i, child in enumerate(loop):
        parent = path[i + 1]
        if child in depth and parent in depth and depth[parent] - depth[child] > rise:
            best, rise = i, depth[parent] - depth[child]
    if best is None:
        return path
    turned = loop[best:] + loop[:best]
    return [*turned, turned[0]]


@rule("BM103", "outcome-supports", Severity.ERROR, "an outcome supports something", reads=())
def outcome_supports(ctx: Context) -> Iterator[tuple[str, str]]:
    for node in ctx.graph.of_kind[Kind.OUTCOME]:
        if node.supports:
            targets = ", ".join(f"`{t}`" for t in dict.fromkeys(node.supports))
            yield (
                node.id,
                (
                    f"outcome `{node.id}` supports {targets}: outcomes are the top of "
                    "the map; make it a goal or remove the link"
                ),
            )


@rule("BM104", "supports-initiative", Severity.ERROR, "a node supports an initiative", reads=())
def supports_initiative(ctx: Context) -> Iterator[tuple[str, str]]:
    graph = ctx.graph
    known, children = graph.ws.by_id, graph.children
    initiatives = {node.id for node in graph.of_kind[Kind.INITIATIVE]}
    # Initiatives with something beneath are rare: found at C speed, their children are all.
    busy = list(filter(children.__getitem__, initiatives))
    supporters = {child for initiative in busy for child in children[initiative]}
    if not supporters:
        return
    # `parents` has every node in file order, with its known links but to itself, each once.
    for node_id, parents in graph.parents.items():
        if node_id not in supporters:
            continue
        kind = known[node_id].kind.value
        for target in parents:
            if target in initiatives:
                yield (
                    node_id,
                    (
                        f"{kind} `{node_id}` supports initiative `{target}`: "
                        "nothing can support an initiative; link it to a goal instead"
                    ),
                )


@rule("BM105", "self-link", Severity.ERROR, "a node supports itself", reads=())
def self_link(ctx: Context) -> Iterator[tuple[str, str]]:
    graph = ctx.graph
    for node in map(graph.ws.node, graph.irregular):
        if node.id in node.supports:
            yield node.id, f"`{node.id}` supports itself; remove `{node.id}` from its supports"


@rule("BM106", "duplicate-link", Severity.ERROR, "the same link is written twice", reads=())
def duplicate_link(ctx: Context) -> Iterator[tuple[str, str]]:
    graph = ctx.graph
    for node in map(graph.ws.node, graph.irregular):
        if len(node.supports) < 2 or len(set(node.supports)) == len(node.supports):
            continue
        seen: set[str] = set()
        for target in node.supports:
            if target in seen:
                yield node.id, f"`{node.id}` lists `{target}` twice in supports; remove one"
            seen.add(target)
