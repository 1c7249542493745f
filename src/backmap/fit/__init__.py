"""Where a new idea fits in a map: rank goals and outcomes, find look-alikes, spot gaps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from backmap.fit.answer import (
    DUPLICATE,
    LEXICAL_THRESHOLD,
    THRESHOLD,
    cuts_for,
    fit,
    nearby,
    paths_up,
    strength,
)
from backmap.fit.embed import cache_dir, default_encoder, minilm_encoder, static_encoder
from backmap.fit.index import FitIndex, Weights
from backmap.fit.live import LiveIndex, changes, item_of, items_of, refresh, touched_by
from backmap.fit.records import Fit, Item, Nearby, Place, Similar

if TYPE_CHECKING:
    from backmap.model import Workspace

__all__ = [
    "DUPLICATE",
    "LEXICAL_THRESHOLD",
    "THRESHOLD",
    "Fit",
    "FitIndex",
    "Item",
    "LiveIndex",
    "Nearby",
    "Place",
    "Similar",
    "Weights",
    "cache_dir",
    "changes",
    "cuts_for",
    "default_encoder",
    "fit",
    "index_workspace",
    "item_of",
    "items_of",
    "minilm_encoder",
    "nearby",
    "paths_up",
    "refresh",
    "static_encoder",
    "strength",
    "touched_by",
]


def index_workspace(ws: Workspace, **options: object) -> FitIndex:
    """Index every node of a workspace (options go to `FitIndex.build`)."""
    return FitIndex.build(items_of(ws), **options)  # type: ignore[arg-type]
