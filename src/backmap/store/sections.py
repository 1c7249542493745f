"""Section headers: a comment above the first node of a run belongs to the run, not the node.

`# Goals` above the first goal introduces every goal after it, so removing that goal must not
remove the header: the header moves to the next node the file still has. A comment counts as
a header when its node begins a run of another kind than the node before it, or when a blank
line sets it apart from the node. The file's very first node needs no care: comments above it
are the file's own (`nodes` START).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from backmap.model import Kind, Node
from backmap.store.stored import Comments, Lines

SECTION = ("<section>",)
"""Where a node's comments keep the header of the section it begins."""


def split_headers(ids: Sequence[str], kinds: Sequence[Kind], found: Mapping[str, Comments]) -> None:
    """Move the section-header part of each node's leading comments under SECTION, in place;
    `ids` and `kinds` are the file's nodes in order, as loaded."""
    previous = None
    for node_id, kind in zip(ids, kinds, strict=True):
        begins = previous is not None and kind is not previous
        previous = kind
        table = found.get(node_id)
        if not table or () not in table:
            continue
        leading, trailing = table[()]
        cut = _cut(leading, begins)
        if cut:
            table[SECTION] = (leading[:cut], ())
            table[()] = (leading[cut:], trailing)


def _cut(leading: Lines, begins: bool) -> int:
    """How many leading lines are the header: up to the last blank line after a comment, or
    all of them when the node begins a run of its kind."""
    cut, commented = 0, False
    for index, line in enumerate(leading):
        if line.strip():
            commented = True
        elif commented:
            cut = index + 1
    if begins and not cut and commented:
        return len(leading)
    return cut


@dataclass
class Carry:
    """Headers of removed nodes, moved onto the next node the file still has."""

    tables: dict[str, Comments] = field(default_factory=dict)
    """New comment tables of the nodes that receive a header."""
    tail: Lines = ()
    """Headers with no node after them: kept at the end of the file."""
    removed: list[str] = field(default_factory=list)
    """Ids whose header moved."""


def carry(ids: list[str], nodes: list[Node], comments: Mapping[str, Comments]) -> Carry:
    """Where the headers of nodes gone from a file (loaded with `ids`) now belong."""
    result = Carry()
    present = {node.id for node in nodes}
    pending: list[str] = []
    for node_id in ids:
        table = comments.get(node_id) or {}
        if node_id not in present:
            header = table.get(SECTION)
            if header:
                pending.extend(header[0])
                result.removed.append(node_id)
            continue
        if pending:
            moved = dict(table)
            own = moved.get(SECTION, ((), ()))
            moved[SECTION] = ((*pending, *own[0]), own[1])
            result.tables[node_id] = moved
            pending = []
    result.tail = tuple(pending)
    return result
