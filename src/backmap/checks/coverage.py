"""Coverage rules (warnings): everything traces up to an outcome and down to an initiative."""

from __future__ import annotations

from collections.abc import Iterator

from backmap.checks.findings import Severity
from backmap.checks.registry import Context, rule
from backmap.graph import reached_by
from backmap.model import Kind, Node


@rule(
    "BM201",
    "orphan-initiative",
    Severity.WARNING,
    "an initiative does not trace up to any outcome",
    reads=(),
)
def orphan_initiative(ctx: Context) -> Iterator[tuple[str, str]]:
    graph = ctx.graph
    for node in graph.of_kind[Kind.INITIATIVE]:
        if not graph.outcomes_above.get(node.id):
            if _links_unknown(node, ctx):
                continue
            if not graph.parents[node.id]:
                yield (
                    node.id,
                    (
                        f"initiative `{node.id}` supports nothing: link it to the goal "
                        "it serves, or drop it"
                    ),
                )
            else:
                yield (
                    node.id,
                    (
                        f"initiative `{node.id}` does not reach any outcome: the goals "
                        "it supports lead nowhere"
                    ),
                )


def _links_unknown(node: Node, ctx: Context) -> bool:
    """A link to an unknown id is BM101's finding; the target often lives in another file (a team
    file checked alone), so "supports nothing, link it" would contradict what the file says."""
    return any(target not in ctx.graph.ws for target in node.supports)


@rule(
    "BM202",
    "unsupported-goal",
    Severity.WARNING,
    "a goal has no initiative beneath it",
    reads=("personal",),
)
def unsupported_goal(ctx: Context) -> Iterator[tuple[str, str]]:
    graph = ctx.graph
    for node in graph.of_kind[Kind.GOAL]:
        # A personal goal is not the business's to cover (BM705 looks after them).
        if not graph.initiative_below.get(node.id) and not node.personal:
            yield (
                node.id,
                (
                    f"goal `{node.id}` has no initiative beneath it: nothing concrete "
                    "brings it about yet"
                ),
            )


@rule("BM203", "empty-outcome", Severity.WARNING, "an outcome has nothing beneath it", reads=())
def empty_outcome(ctx: Context) -> Iterator[tuple[str, str]]:
    graph = ctx.graph
    for node in graph.of_kind[Kind.OUTCOME]:
        if not graph.children.get(node.id):
            yield (
                node.id,
                f"outcome `{node.id}` has nothing beneath it: add the goals that lead there",
            )


@rule(
    "BM204",
    "floating-goal",
    Severity.WARNING,
    "a goal does not lead up to any outcome",
    reads=("personal",),
)
def floating_goal(ctx: Context) -> Iterator[tuple[str, str]]:
    graph = ctx.graph
    for node in graph.of_kind[Kind.GOAL]:
        if not graph.outcomes_above.get(node.id) and not node.personal:
            if _links_unknown(node, ctx):
                continue
            yield (
                node.id,
                (f"goal `{node.id}` leads to no outcome: link it to the outcome or goal it serves"),
            )


@rule(
    "BM205",
    "redundant-link",
    Severity.WARNING,
    "a node supports both a goal and something above that goal",
    reads=(),
)
def redundant_link(ctx: Context) -> Iterator[tuple[str, str]]:
    graph = ctx.graph
    parents_of = graph.parents
    above = graph.outcomes_above
    # A parent reached through another parent has its outcomes among that one's, as long as
    # going up stops at the outcomes (none supports anything): the sets tell most nodes apart
    # at C speed, and only the others need the walk.
    tops = (n.id for n in graph.of_kind[Kind.OUTCOME])
    sets_decide = not any(parents_of.get(top) for top in tops)
    # `parents` has every node, in file order.
    for node_id, parents in parents_of.items():
        if len(parents) < 2:
            continue
        if sets_decide and not any(
            above[other] <= above[p] for other in parents for p in parents if p != other
        ):
            continue
        # A way up that comes back through the node itself (a cycle) makes no link redundant.
        reached = reached_by(parents, graph.parents, avoid={node_id})
        for other in parents:
            through = [p for p in reached.get(other, ()) if p != other]
            if through:
                yield (
                    node_id,
                    (
                        f"`{node_id}` supports `{other}` directly and through "
                        f"`{through[0]}`; the link to `{other}` is redundant"
                    ),
                )
