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
from backmap.fit.embed import default_encoder
from backmap.fit.encoder import Encoder, Notice
from backmap.fit.index import DEFAULT, FitIndex
from backmap.fit.live import LiveIndex, changes, item_of, items_of, refresh, touched_by
from backmap.fit.minilm import minilm_encoder
from backmap.fit.records import Fit, Item, Nearby, Place, Similar
from backmap.fit.static import static_encoder
from backmap.fit.vector_cache import cache_dir
from backmap.fit.weights import Weights

if TYPE_CHECKING:
    from backmap.model import Workspace

__all__ = [
    "DUPLICATE",
    "LEXICAL_THRESHOLD",
    "THRESHOLD",
    "Encoder",
    "Fit",
    "FitIndex",
    "Item",
    "LiveIndex",
    "Nearby",
    "Notice",
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


def index_workspace(
    ws: Workspace,
    encoder: Encoder | None = DEFAULT,
    weights: Weights | None = None,
    notice: Notice | None = None,
) -> FitIndex:
    """Index every node of a workspace (`FitIndex.build`: the default encoder unless given,
    None for words only; `notice` hears of a long first encoding)."""
    return FitIndex.build(items_of(ws), encoder, weights, notice)
