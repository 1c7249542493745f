"""What every edit keeps: the node named exists, values are valid, kinds keep their order
(an outcome supports nothing, nothing supports an initiative) and no link closes a cycle."""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from pydantic import ValidationError

from backmap.edits.errors import EditError, KindOrderError
from backmap.graph import reach
from backmap.model import Kind, Node, Workspace
from backmap.plural import listed, noun
from backmap.store.messages import merge_unions, message_for
from backmap.suggest import did_you_mean


def require(ws: Workspace, node_id: str) -> Node:
    """The node with this id, or EditError with a "did you mean"."""
    node = ws.get(node_id)
    if node is None:
        raise EditError(f"no node `{node_id}` in this map{_did_you_mean(ws, node_id)}")
    return node


def _did_you_mean(ws: Workspace, node_id: str) -> str:
    close = did_you_mean(node_id, ws.ids())
    return f"; did you mean `{close}`?" if close else ""


_NOT_ONE_LINE = re.compile("[\t\n\r\u2028\u2029\x85]")


def check_title(title: object) -> None:
    """Refuse a blank title, and one that is not one line."""
    # The model takes any non-empty text; a title of spaces alone says nothing.
    if isinstance(title, str) and not title.strip():
        raise EditError("the title is blank: write a few words that say what the node is")
    # Every view shows a title on one line, each in its own way (joined, <br/>, a raw tab).
    if isinstance(title, str) and _NOT_ONE_LINE.search(title.strip()):
        raise EditError(
            "a title is one line, without line breaks or tabs: put the rest in the description"
        )


def validated(node: Node, **changes: Any) -> Node:
    """`node` with `changes` (None drops a field), checked by the model; EditError says why not."""
    if "title" in changes:
        check_title(changes["title"])
    data = node.model_dump(exclude_defaults=True)
    data.update(changes)
    data = {k: v for k, v in data.items() if v is not None}
    return build_node(data)


def build_node(data: dict[str, Any]) -> Node:
    """A node from its fields, checked by the model; EditError words what it refuses."""
    try:
        return Node.model_validate(data)
    except ValidationError as exc:
        raise EditError("; ".join(message_for(e, {}) for e in merge_unions(exc.errors()))) from None


def _supports(ws: Workspace, node_id: str) -> list[str]:
    node = ws.get(node_id)
    return node.supports if node is not None else []


def check_link(ws: Workspace, child: Node, parent_id: str) -> None:
    """Refuse a link that names an unknown node, breaks kind order or closes a cycle."""
    parent = require(ws, parent_id)
    if parent.id == child.id:
        raise EditError(f"`{child.id}` cannot support itself")
    if child.kind is Kind.OUTCOME:
        raise KindOrderError(
            f"`{child.id}` is an outcome: outcomes are the top of the map and "
            "support nothing (make it a goal first)",
            child.id,
            Kind.GOAL,
        )
    if parent.kind is Kind.INITIATIVE:
        raise KindOrderError(
            f"`{parent.id}` is an initiative: nothing can support an initiative "
            "(link to the goal it serves instead, or make it a goal)",
            parent.id,
            Kind.GOAL,
        )
    if child.id in reach([parent.id], partial(_supports, ws)):
        raise EditError(
            f"linking `{child.id}` to `{parent.id}` would make a cycle: "
            f"`{parent.id}` already supports `{child.id}`"
        )


def id_refusal(node_id: str) -> str:
    """Why `node_id` is not a valid id, in the model's words."""
    try:
        Node.model_validate({"id": node_id, "kind": "goal", "title": "x"})
    except ValidationError as exc:
        return message_for(exc.errors()[0], {})
    return f"`{node_id}` is not a valid id"


def check_new_kind(ws: Workspace, node: Node, kind: Kind) -> None:
    """Refuse a kind the node's links forbid (the same order as check_link and BM103/BM104)."""
    if kind is Kind.OUTCOME and node.supports:
        parents = list(dict.fromkeys(node.supports))
        raise KindOrderError(
            f"`{node.id}` supports {listed(parents)}: an outcome supports nothing; unlink it first",
            node.id,
            links=[(node.id, p) for p in parents],
        )
    if kind is Kind.INITIATIVE:
        children = [n.id for n in ws.nodes() if node.id in n.supports and n.id != node.id]
        if children:
            verb = noun(len(children), "supports", "support")
            raise KindOrderError(
                f"{listed(children)} {verb} `{node.id}`: nothing can support an "
                "initiative; unlink or move them first",
                node.id,
                links=[(c, node.id) for c in children],
            )
