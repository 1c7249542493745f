"""A refused edit's reason in the command line's words, with the commands that get past it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from backmap.plural import plural

if TYPE_CHECKING:
    from backmap.model import Workspace


def refusal(exc: Exception, ws: Workspace | None = None) -> str:
    """A refused edit's reason, with the commands that get past it when the core names them."""
    from backmap.edits import KindOrderError, TwinError

    if isinstance(exc, TwinError) and ws is not None:
        return twin_refusal(ws, exc)
    text = str(exc)
    if not isinstance(exc, KindOrderError):
        return text
    if exc.kind is not None and ws is not None and exc.node_id in ws:
        return _kind_in_the_way(ws, exc.node_id, exc.kind.value)
    if exc.links:
        shown = [f"backmap unlink {child} {parent}" for child, parent in exc.links[:3]]
        more = len(exc.links) - len(shown)
        text += ": " + "; ".join(shown) + (f" (and {plural(more, 'more link')})" if more else "")
    if exc.kind is not None:
        kind = exc.kind.value
        text += f"; `backmap set {exc.node_id} --kind {kind}` makes it a {kind}"
    return text


def twin_refusal(ws: Workspace, exc: Any) -> str:
    """`add` or `fit --attach` refused a twin: where the node with that title is, and the
    `backmap link` commands that make it serve the parents asked for."""
    from backmap.store import line_of

    twin = exc.twin
    path, line = line_of(ws, twin.id)
    what = f"{path}:{line}: " if line else f"{path}: "
    what += f"`{twin.id}` is already this {twin.kind.value}"
    if not exc.missing:
        under = f" under {', '.join(twin.supports)}" if twin.supports else ""
        return f"{what}{under}; nothing added"
    links = "; ".join(f"backmap link {twin.id} {parent}" for parent in exc.missing)
    return f"{what}; nothing added. To make it serve {', '.join(exc.missing)} too: {links}"


def _kind_in_the_way(ws: Workspace, node_id: str, kind: str) -> str:
    """A node's kind refused a link, and another kind would allow it: say so, and the command."""
    from backmap.vocabulary import Kind

    way_out = f"`backmap set {node_id} --kind {kind}` makes it a {kind}"
    if ws.node(node_id).kind is Kind.OUTCOME:
        return f"`{node_id}` is an outcome, and an outcome supports nothing: {way_out}"
    return (
        f"`{node_id}` is an initiative, and nothing can support an initiative: name a goal "
        f"instead, or {way_out}"
    )


def map_option(args: Any) -> str:
    """' --map PATH' when the command was given one, so a suggested command runs as shown."""
    import shlex

    where = getattr(args, "map", None)
    return f" --map {shlex.quote(str(where))}" if where else ""


def no_metric(node_id: str, args: Any) -> str:
    """A current value for an item without a metric: the command that gives it one."""
    return (
        f"`{node_id}` has no metric, so a current value has nothing to measure: give it one "
        f"first with `backmap set {node_id} --metric-name NAME --target N{map_option(args)}`"
        " (--baseline and --unit too, if you know them), then check in again"
    )


DONE_MEANS_100 = (
    "--status done means progress 100: drop --progress, or say --status active to keep it going"
)
"""`add`, `set` and `fit --attach` given --status done with progress below 100."""


def done_below_100(node_id: str, progress: float, args: Any) -> str:
    """Progress below 100 on a done item: the command that reopens it at that progress."""
    return (
        f"`{node_id}` is done, so its progress is 100; if work goes on, reopen it: "
        f"`backmap set {node_id} --status active --progress {progress:g}{map_option(args)}`"
        " (its metric, health and notes can be checked in while it is done)"
    )
