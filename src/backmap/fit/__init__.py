"""Where a new idea fits in a map: rank goals and outcomes, find look-alikes, spot gaps."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from backmap.fit.answer import DUPLICATE, LEXICAL_THRESHOLD, THRESHOLD, fit, nearby, paths_up
from backmap.fit.embed import cache_dir, default_encoder, minilm_encoder, static_encoder
from backmap.fit.index import FitIndex, Weights
from backmap.fit.records import Fit, Item, Nearby, Place, Similar

if TYPE_CHECKING:
    from backmap.edits import Edit
    from backmap.model import Node, Workspace

__all__ = [
    "DUPLICATE",
    "LEXICAL_THRESHOLD",
    "THRESHOLD",
    "Fit",
    "FitIndex",
    "Item",
    "Nearby",
    "Place",
    "Similar",
    "Weights",
    "cache_dir",
    "default_encoder",
    "fit",
    "index_workspace",
    "item_of",
    "minilm_encoder",
    "nearby",
    "paths_up",
    "refresh",
    "static_encoder",
    "touched_by",
]


def item_of(node: Node) -> Item:
    """The fit engine's view of one map node."""
    return Item(
        id=node.id,
        title=node.title,
        kind=node.kind.value,
        description=node.description or "",
        parents=tuple(node.supports),
        owner=node.owner,
        status=node.status.value if node.status else None,
    )


def index_workspace(ws: Workspace, **options: object) -> FitIndex:
    """Index every node of a workspace (options go to `FitIndex.build`)."""
    return FitIndex.build((item_of(n) for n in ws.nodes()), **options)  # type: ignore[arg-type]


def refresh(index: FitIndex, ws: Workspace, ids: Iterable[str]) -> None:
    """Bring the index entries of these nodes in line with the workspace: re-read the ones it
    has, forget the ones it no longer has (only changed texts are encoded again)."""
    for node_id in sorted(set(ids)):
        node = ws.get(node_id)
        if node is None:
            index.remove(node_id)
        else:
            index.update(item_of(node))


def touched_by(edit: Edit) -> set[str]:
    """Ids of the nodes an edit inserts, deletes or replaces (both ids of a rename)."""
    from backmap.edits import Delete, Insert, Replace

    ids: set[str] = set()
    for step in edit.steps:
        if isinstance(step, Insert | Delete):
            ids.add(step.node.id)
        elif isinstance(step, Replace):
            ids.update((step.old.id, step.new.id))
    return ids
