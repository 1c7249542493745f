"""What a check can see: one file of a folder, checked alone, cannot see its folder's ids."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from backmap.model import Workspace


@dataclass(frozen=True)
class LoneFile:
    """A single map file checked on its own while other map files sit in its folder."""

    path: Path
    """The file that was checked."""
    others: tuple[Path, ...]
    """The map files beside it (and below its folder), not loaded."""
    unknown: tuple[str, ...]
    """Ids its nodes support but no node of the file has: the other files may define them."""
    bare: tuple[str, ...] = ()
    """Its goals and outcomes with nothing beneath them here: the other files may serve them."""

    @property
    def folder(self) -> Path:
        return self.path.parent


def lone_file(
    ws: Workspace,
    others: Sequence[Path],
    bare: Sequence[str] = (),
    irregular: Sequence[str] | None = None,
) -> LoneFile | None:
    """A LoneFile when `ws` is one file, `others` is not empty and some links lead outside it,
    or some of its goals (`bare`, found by the checks) have nothing beneath them.

    `irregular`: the nodes whose links may lead outside (a graph's `irregular`, in file
    order), when known; else every node is looked at."""
    if not others or len(ws.files) != 1:
        return None
    known = ws.by_id  # a dict: `in ws` would be a method call for every link
    nodes = ws.nodes() if irregular is None else map(ws.node, irregular)
    unknown = dict.fromkeys(t for n in nodes for t in n.supports if t not in known)
    if not unknown and not bare:
        return None
    return LoneFile(next(iter(ws.files)), tuple(others), tuple(unknown), tuple(bare))
