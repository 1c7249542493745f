"""Saving a workspace: the text of each file (the old text of every node an edit left alone, or
the whole canonical form), and writing the files that changed."""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from backmap.model import Workspace
from backmap.store.digests import digest_of
from backmap.store.loading import stored
from backmap.store.outline import END
from backmap.store.sections import SECTION, Carry, carry
from backmap.store.stored import Comments, Lines, Origin, head_of

if TYPE_CHECKING:
    from backmap.store.writing import Change


def dumps(workspace: Workspace, path: Path) -> str:
    """The canonical text of one file of the workspace."""
    return _render(workspace, path)[0]


def _render(
    workspace: Workspace, path: Path, canonical: bool = True
) -> tuple[str, dict[str, int], Carry]:
    """A file's new text, the line of each node in it, and the headers moved off removed
    nodes; only the nodes that changed are written anew unless `canonical`."""
    from backmap.store.emit import dumps as _dumps  # only saving and fmt need the writer

    record = stored(workspace)
    origin = record.origins.get(path)
    newline, file_comments = (origin.newline, origin.comments) if origin else ("\n", {})
    mapfile = workspace.files[path]
    moved = Carry()
    node_comments: Mapping[str, Comments] = record.comments
    if origin is not None and record.comments:
        moved = carry(origin.ids, mapfile.nodes, record.comments)
        if moved.removed:
            node_comments = ChainMap(moved.tables, record.comments)
            file_comments = _with_tail(file_comments, moved.tail)
    if not canonical and origin is not None:
        from backmap.store.splice import spliced

        kept = spliced(path, origin, mapfile, file_comments, node_comments)
        if kept is not None:
            return (*kept, moved)
    text, lines = _dumps(mapfile, newline, file_comments, node_comments)
    return text, lines, moved


def _with_tail(comments: Comments, tail: Lines) -> Comments:
    """The file's comments with `tail` added at the very end."""
    if not tail:
        return comments
    leading, trailing = comments.get(END, ((), ()))
    return {**comments, END: ((*tail, *leading), trailing)}


def _settle(workspace: Workspace, moved: Carry) -> None:
    """Make moved headers part of the workspace, once they are on disk."""
    comments = stored(workspace).comments
    for node_id in moved.removed:
        table = comments.get(node_id)
        if table:
            comments[node_id] = {k: v for k, v in table.items() if k != SECTION}
    comments.update(moved.tables)


def pending(workspace: Workspace) -> list[Path]:
    """Files whose canonical text differs from what is on disk (what fmt would write)."""
    origins = stored(workspace).origins
    return [
        path
        for path in workspace.files
        if (o := origins.get(path)) is None or dumps(workspace, path) != o.text
    ]


def save(
    workspace: Workspace,
    *,
    force: bool = False,
    also: Sequence[Change] = (),
    canonical: bool = False,
) -> list[Path]:
    """Write every file whose text changed, all of them or none; returns the files written.

    A file keeps its own text for every node that did not change (see store.splice); with
    `canonical` every file is written whole in canonical form (what `backmap fmt` does).
    A byte order mark and CRLF line ends are kept. `also` are other files of the workspace
    written in the same go (the people file).

    Refuses (SaveError, nothing written) when any file changed on disk since it was loaded,
    unless `force` is set, and always when a file is read-only. Writers of one folder take
    turns (see store.lock); a symbolic link is written through, to the file it leads to.
    """
    from backmap.store.trivia import has_trivia
    from backmap.store.writing import Change, write_all

    origins = stored(workspace).origins
    plan: list[tuple[Change, str, dict[str, int], Carry]] = []
    for path in workspace.files:
        origin = origins.get(path)
        text, lines, moved = _render(workspace, path, canonical)
        if origin is None or text != origin.text:
            data = ("\ufeff" + text if origin and origin.bom else text).encode("utf-8")
            plan.append((Change(path, origin, data), text, lines, moved))
    if not plan and not also:
        return []
    write_all([*(change for change, *_ in plan), *also], force)
    for change, text, lines, moved in plan:
        old = change.origin
        _settle(workspace, moved)
        mapfile = workspace.files[change.path]
        nodes = mapfile.nodes
        comments = stored(workspace).comments
        origins[change.path] = Origin(
            text=text,
            digest=digest_of(change.data),
            newline=old.newline if old else "\n",
            own=_with_tail(old.comments, moved.tail) if old else {},
            ids=[node.id for node in nodes],
            known_lines=lines,
            kinds=[node.kind for node in nodes],
            # As written: the next save keeps the text of a node whose comments are still so.
            found={node.id: table for node in nodes if (table := comments.get(node.id))},
            trivia=has_trivia(text),  # as a load of this text would say
            nodes=list(nodes),
            head=head_of(mapfile),
            bom=old.bom if old else False,
        )
    return [*(change.path for change, *_ in plan), *(change.path for change in also)]
