"""The only code that reads and writes map files: load a workspace, save it back, format it."""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from backmap import collector
from backmap.model import MapFile, Workspace
from backmap.store.disk import discover, find_root, neighbours, remove_temps, walk
from backmap.store.outline import END, Outline, outline
from backmap.store.parse import Origin, _Problems, digest_of, parse, read_text
from backmap.store.problems import LoadError, NoWorkspace, Problem, SaveError
from backmap.store.recovery import (
    Recovered,
    RecoveryBusy,
    RecoveryWriter,
    Snapshot,
    changed_on_disk,
    clear_recovery,
    digest_on_disk,
    read_recovery,
    recovery_owner,
    recovery_path,
    snapshot,
    write_recovery,
)
from backmap.store.sections import SECTION, Carry, carry, split_headers

__all__ = [
    "LoadError",
    "NoWorkspace",
    "Origin",
    "Problem",
    "Recovered",
    "RecoveryBusy",
    "RecoveryWriter",
    "SaveError",
    "Snapshot",
    "changed_on_disk",
    "clear_recovery",
    "digest_on_disk",
    "discover",
    "dumps",
    "find_root",
    "line_of",
    "load",
    "neighbours",
    "new_file",
    "pending",
    "read_recovery",
    "recovery_owner",
    "recovery_path",
    "restore",
    "save",
    "snapshot",
    "write_recovery",
]


def load(root: Path) -> Workspace:
    """Read every map file of a workspace; raise LoadError with all problems of all files."""
    root = Path(root)
    if not root.exists():
        raise LoadError([Problem(root, 1, 1, "no such file or folder")])
    paths, leftovers = walk(root)
    if leftovers:
        remove_temps(leftovers)
    if not paths:
        problem = Problem(root, 1, 1, "no map files (*.yaml, *.yml) in this folder")
        raise LoadError([problem], empty_folder=root)
    problems: list[Problem] = []
    files: dict[Path, MapFile] = {}
    origins: dict[Path, Origin] = {}
    comments: dict[str, Any] = {}
    with collector.paused():
        for path in paths:
            try:
                text, digest = read_text(path)
                files[path], origins[path], found = parse(path, text, digest)
            except _Problems as exc:
                problems.extend(exc.problems)
            else:
                if found:
                    split_headers(files[path].nodes, found)
                comments.update(found)
        problems.extend(_duplicate_ids(files, origins))
        if problems:
            raise LoadError(problems)
        workspace = Workspace(root, files)
        workspace.origins = origins
        workspace.comments = comments
    return workspace


def _duplicate_ids(files: dict[Path, MapFile], origins: dict[Path, Origin]) -> list[Problem]:
    """Every place an id is defined more than once, each naming the first definition."""
    first: dict[str, tuple[Path, int]] = {}
    repeats: list[tuple[str, Path, int]] = []
    for path in files:
        for index, node_id in enumerate(origins[path].ids):
            if node_id in first:
                repeats.append((node_id, path, index))
            else:
                first[node_id] = (path, index)
    problems = []
    shapes: dict[Path, Outline] = {}  # one outline per file, however many repeats it holds

    def place(path: Path, index: int) -> tuple[int, int]:
        if path not in shapes:
            shapes[path] = outline(origins[path].text)
        return shapes[path].values.get(("nodes", index, "id"), (1, 1))

    for node_id, path, index in repeats:
        where, at = first[node_id]
        line, col = place(path, index)
        first_line, first_col = place(where, at)
        problems.append(
            Problem(
                path,
                line,
                col,
                f"duplicate id `{node_id}`: already defined "
                f"at {where}:{first_line}; rename one of them",
            )
        )
        if where != path:
            problems.append(
                Problem(
                    where,
                    first_line,
                    first_col,
                    f"duplicate id `{node_id}`: also defined at {path}:{line}; rename one of them",
                )
            )
    return problems


def line_of(workspace: Workspace, node_id: str) -> tuple[Path, int]:
    """The file and line where a node is written (line 0 when it is not yet saved)."""
    path = workspace.file_of(node_id)
    origin = workspace.origins.get(path)
    return path, (origin.lines.get(node_id, 0) if origin else 0)


def dumps(workspace: Workspace, path: Path) -> str:
    """The canonical text of one file of the workspace."""
    return _render(workspace, path)[0]


def _render(workspace: Workspace, path: Path) -> tuple[str, dict[str, int], Carry]:
    from backmap.store.emit import dumps as _dumps  # only saving and fmt need the writer

    origin = workspace.origins.get(path)
    newline, file_comments = (origin.newline, origin.comments) if origin else ("\n", {})
    mapfile = workspace.files[path]
    moved = Carry()
    node_comments: Mapping[str, Any] = workspace.comments
    if origin is not None and workspace.comments:
        moved = carry(origin.ids, mapfile.nodes, workspace.comments)
        if moved.removed:
            node_comments = ChainMap(moved.tables, workspace.comments)
            file_comments = _with_tail(file_comments, moved.tail)
    text, lines = _dumps(mapfile, newline, file_comments, node_comments)
    return text, lines, moved


def _with_tail(comments: dict[tuple[str, ...], Any], tail: tuple[str, ...]) -> dict[Any, Any]:
    """The file's comments with `tail` added at the very end."""
    if not tail:
        return comments
    leading, trailing = comments.get(END, ((), ()))
    return {**comments, END: ((*tail, *leading), trailing)}


def _settle(workspace: Workspace, moved: Carry) -> None:
    """Make moved headers part of the workspace, once they are on disk."""
    for node_id in moved.removed:
        table = workspace.comments.get(node_id)
        if table:
            workspace.comments[node_id] = {k: v for k, v in table.items() if k != SECTION}
    workspace.comments.update(moved.tables)


def pending(workspace: Workspace) -> list[Path]:
    """Files whose canonical text differs from what is on disk (what save or fmt would write)."""
    return [
        path
        for path in workspace.files
        if (o := workspace.origins.get(path)) is None or dumps(workspace, path) != o.text
    ]


def restore(workspace: Workspace, texts: dict[Path, str]) -> list[Path]:
    """Put recovered texts back into a loaded workspace as unsaved changes; returns files used.

    Texts are matched to the workspace's files by absolute path, however it was opened. Each
    file keeps its on-disk origin, so saving afterwards is an ordinary, checked save. A
    recovered text that no longer loads is skipped rather than trusted.
    """
    ours = {path.resolve(): path for path in workspace.files}
    used = []
    for given, text in texts.items():
        path = ours.get(Path(given).resolve())
        if path is None:
            continue
        try:
            mapfile, _, comments = parse(path, text, "")
        except _Problems:
            continue
        workspace.files[path] = mapfile
        split_headers(mapfile.nodes, comments)
        workspace.comments.update(comments)
        used.append(path)
    workspace.reindex()
    return used


def new_file(workspace: Workspace, path: Path, mapfile: MapFile) -> None:
    """Add a file that does not exist yet to the workspace; save writes it."""
    if path in workspace.files:
        raise ValueError(f"{path} is already part of the workspace")
    workspace.files[path] = mapfile
    workspace.reindex()


def save(workspace: Workspace, *, force: bool = False) -> list[Path]:
    """Write every file whose text changed, all of them or none; returns the files written.

    Refuses (SaveError, nothing written) when any file changed on disk since it was loaded,
    unless `force` is set, and always when a file is read-only. Writers of one folder take
    turns (see store.lock); a symbolic link is written through, to the file it leads to.
    """
    from backmap.store.writing import Change, write_all

    plan: list[tuple[Change, str, dict[str, int], Carry]] = []
    for path in workspace.files:
        origin = workspace.origins.get(path)
        text, lines, moved = _render(workspace, path)
        if origin is None or text != origin.text:
            plan.append((Change(path, origin, text.encode("utf-8")), text, lines, moved))
    if not plan:
        return []
    write_all([change for change, *_ in plan], force)
    for change, text, lines, moved in plan:
        old = change.origin
        _settle(workspace, moved)
        workspace.origins[change.path] = Origin(
            text=text,
            digest=digest_of(change.data),
            newline=old.newline if old else "\n",
            comments=_with_tail(old.comments, moved.tail) if old else {},
            ids=[node.id for node in workspace.files[change.path].nodes],
            known_lines=lines,
        )
    return [change.path for change, *_ in plan]
