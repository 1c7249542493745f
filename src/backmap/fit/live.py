"""A fit index kept current for an editor: the UI thread posts snapshots of what edits changed,
the worker thread that answers queries applies them first, so only the UI reads the map."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from backmap.fit.answer import fit
from backmap.fit.index import FitIndex
from backmap.fit.records import Fit, Item

if TYPE_CHECKING:
    from backmap.edits import Edit
    from backmap.model import Node, Workspace


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


def items_of(ws: Workspace) -> list[Item]:
    """Every node of a workspace as the fit engine sees it."""
    return [item_of(n) for n in ws.nodes()]


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


def changes(ws: Workspace, ids: Iterable[str]) -> dict[str, Item | None]:
    """These nodes as the fit engine sees them now; None for the ones the map no longer has."""
    out: dict[str, Item | None] = {}
    for node_id in sorted(set(ids)):
        node = ws.get(node_id)
        out[node_id] = None if node is None else item_of(node)
    return out


def refresh(index: FitIndex, changed: Mapping[str, Item | None]) -> None:
    """Bring the index in line with `changes(...)`: forget what is gone, re-read the rest
    (only changed texts are encoded again)."""
    for node_id, item in changed.items():
        if item is None:
            index.remove(node_id)
        else:
            index.update(item)


class LiveIndex:
    """The editor's fit index. `seed` and `changed` run on the UI thread and only post
    snapshots; `ask` runs on a worker thread, catches up on what was posted, then answers."""

    def __init__(self, build: Callable[[list[Item]], FitIndex] = FitIndex.build) -> None:
        self.index: FitIndex | None = None
        self._build = build
        self._posted: queue.SimpleQueue[list[Item] | dict[str, Item | None]] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._seeded = False

    def seed(self, ws: Workspace) -> None:
        """Post the whole map, to be indexed afresh (first use, a reload, restored work)."""
        self._seeded = True
        self._posted.put(items_of(ws))

    def ensure_seeded(self, ws: Workspace) -> None:
        """Seed unless the map is already posted (call before asking)."""
        if not self._seeded:
            self.seed(ws)

    def changed(self, ws: Workspace, edit: Edit | None) -> None:
        """Post what an applied, undone or redone edit changed (None: anything may have).
        Before the first question nothing is indexed, so nothing is posted either."""
        if not self._seeded:
            return
        if edit is None:
            self.seed(ws)
        else:
            self._posted.put(changes(ws, touched_by(edit)))

    def ask(self, text: str, top: int, cancelled: Callable[[], bool] = lambda: False) -> Fit | None:
        """Catch up, then rank `text`; None when cancelled meanwhile or nothing is seeded.
        Any failure drops the index, so the next question starts from a fresh seed."""
        with self._lock:
            try:
                self._catch_up()
                if self.index is None or cancelled():
                    return None
                return fit(self.index, text, top=top)
            except Exception:
                self.index = None
                self._seeded = False
                raise

    def _catch_up(self) -> None:
        items: list[Item] | None = None
        updates: dict[str, Item | None] = {}
        while True:
            try:
                posted = self._posted.get_nowait()
            except queue.Empty:
                break
            if isinstance(posted, list):
                items, updates = posted, {}  # a whole map supersedes what came before it
            else:
                updates.update(posted)
        if items is not None:
            self.index = self._build(items)
        if self.index is not None and updates:
            refresh(self.index, updates)
