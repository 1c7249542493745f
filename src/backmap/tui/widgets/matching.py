"""What a search typed in the editor matches: every word of it, anywhere in a title or id."""

from __future__ import annotations

from collections.abc import Callable

from backmap import hierarchy
from backmap.model import Workspace


def words(query: str) -> list[str]:
    return query.casefold().split()


def score(query: str, text: str) -> int | None:
    """How well `text` matches (higher is better), or None when some word of `query` is
    missing: a search never offers titles that merely share scattered letters."""
    found = text.casefold()
    wanted = words(query)
    if not wanted:
        return 0
    places = [found.find(word) for word in wanted]
    if min(places) < 0:
        return None
    whole = " ".join(wanted)
    bonus = 1000 if whole in found else 0  # the words together, as typed
    return bonus - min(places) - len(found) // 10


def spans(query: str, text: str) -> list[tuple[int, int]]:
    """Where each word of `query` occurs in `text`, to highlight them."""
    found = text.casefold()
    if len(found) != len(text):  # casefold changed lengths (ß -> ss): highlight nothing
        return []
    result = []
    for word in words(query):
        start = found.find(word)
        while start >= 0:
            result.append((start, start + len(word)))
            start = found.find(word, start + len(word))
    return result


def next_match(
    ws: Workspace,
    search: str,
    current: str | None,
    step: int,
    shown: Callable[[str], bool] | None = None,
) -> str | None:
    """The next (step 1) or previous (-1) node in tree order matching `search`, wrapping
    round; None when nothing matches. With `shown` (a filter's), nodes it hides are passed
    over: the cursor cannot land on a line the tree does not have."""
    order = list(dict.fromkeys(row.node.id for row in hierarchy.rows(ws)))
    if shown is not None:
        order = [node_id for node_id in order if shown(node_id)]
    hits = [i for i, node_id in enumerate(order) if _hit(ws, search, node_id)]
    if not hits:
        return None
    at = order.index(current) if current in order else -1
    if step > 0:
        return order[next((i for i in hits if i > at), hits[0])]
    return order[next((i for i in reversed(hits) if i < at), hits[-1])]


def _hit(ws: Workspace, search: str, node_id: str) -> bool:
    return score(search, f"{ws.node(node_id).title}  [{node_id}]") is not None
