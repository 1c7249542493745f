"""The only code that reads and writes map files: load a workspace, save it back, format it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from backmap.model import MapFile, Workspace
from backmap.store.disk import discover, find_root, neighbours, write_atomic
from backmap.store.outline import Outline, outline
from backmap.store.parse import Origin, _Problems, digest_of, parse, read_text
from backmap.store.problems import LoadError, NoWorkspace, Problem, SaveError
from backmap.store.recovery import (
    changed_on_disk,
    clear_recovery,
    read_recovery,
    recovery_path,
    write_recovery,
)

__all__ = [
    "LoadError",
    "NoWorkspace",
    "Origin",
    "Problem",
    "SaveError",
    "changed_on_disk",
    "clear_recovery",
    "discover",
    "dumps",
    "find_root",
    "line_of",
    "load",
    "neighbours",
    "new_file",
    "pending",
    "read_recovery",
    "recovery_path",
    "restore",
    "save",
    "write_recovery",
]


def load(root: Path) -> Workspace:
    """Read every map file of a workspace; raise LoadError with all problems of all files."""
    root = Path(root)
    if not root.exists():
        raise LoadError([Problem(root, 1, 1, "no such file or folder")])
    paths = discover(root)
    if not paths:
        raise LoadError(
            [
                Problem(
                    root,
                    1,
                    1,
                    "no map files (*.yaml, *.yml) in this folder; "
                    f"start one with `backmap new {root / 'map.yaml'}`",
                )
            ]
        )
    problems: list[Problem] = []
    files: dict[Path, MapFile] = {}
    origins: dict[Path, Origin] = {}
    comments: dict[str, Any] = {}
    with _no_gc():
        for path in paths:
            try:
                text, digest = read_text(path)
                files[path], origins[path], found = parse(path, text, digest)
            except _Problems as exc:
                problems.extend(exc.problems)
            else:
                comments.update(found)
        problems.extend(_duplicate_ids(files, origins))
        if problems:
            raise LoadError(problems)
        workspace = Workspace(root, files)
        workspace.origins = origins
        workspace.comments = comments
    return workspace


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: loading makes many objects and no cycles.

    Afterwards the loaded objects are frozen out of later collections, which would otherwise
    walk every node again for nothing; reference counting still frees them.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


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


def _render(workspace: Workspace, path: Path) -> tuple[str, dict[str, int]]:
    from backmap.store.emit import dumps as _dumps  # only saving and fmt need the writer

    origin = workspace.origins.get(path)
    newline, file_comments = (origin.newline, origin.comments) if origin else ("\n", {})
    return _dumps(workspace.files[path], newline, file_comments, workspace.comments)


def pending(workspace: Workspace) -> list[Path]:
    """Files whose canonical text differs from what is on disk (what save or fmt would write)."""
    return [
        path
        for path in workspace.files
        if (o := workspace.origins.get(path)) is None or dumps(workspace, path) != o.text
    ]


def restore(workspace: Workspace, texts: dict[Path, str]) -> list[Path]:
    """Put recovered texts back into a loaded workspace as unsaved changes; returns files used.

    Each file keeps its on-disk origin, so saving afterwards is an ordinary, checked save.
    A recovered text that no longer loads is skipped rather than trusted.
    """
    used = []
    for path, text in texts.items():
        if path not in workspace.files:
            continue
        try:
            mapfile, _, comments = parse(path, text, "")
        except _Problems:
            continue
        workspace.files[path] = mapfile
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
    """Write every file whose text changed, atomically; returns the files written.

    Refuses (SaveError, nothing written) when any file changed on disk since it was loaded,
    unless `force` is set.
    """
    plan: list[tuple[Path, str, dict[str, int]]] = []
    for path in workspace.files:
        origin = workspace.origins.get(path)
        text, lines = _render(workspace, path)
        if origin is None or text != origin.text:
            plan.append((path, text, lines))
    if not force:
        conflicts = [_conflict(path, workspace.origins.get(path)) for path, _, _ in plan]
        problems = [c for c in conflicts if c is not None]
        if problems:
            raise SaveError(problems)
    written: list[Path] = []
    for path, text, lines in plan:
        data = text.encode("utf-8")
        try:
            write_atomic(path, data)
        except OSError as exc:
            raise SaveError(
                [
                    Problem(
                        path,
                        1,
                        1,
                        f"cannot write: {exc.strerror or exc}; "
                        f"saved so far: {', '.join(map(str, written)) or 'nothing'}",
                    )
                ]
            ) from None
        old = workspace.origins.get(path)
        workspace.origins[path] = Origin(
            text=text,
            digest=digest_of(data),
            newline=old.newline if old else "\n",
            comments=old.comments if old else {},
            ids=[node.id for node in workspace.files[path].nodes],
            known_lines=lines,
        )
        written.append(path)
    return written


def _conflict(path: Path, origin: Origin | None) -> Problem | None:
    """A problem when the file on disk is no longer what was loaded."""
    try:
        current = digest_of(path.read_bytes())
    except FileNotFoundError:
        if origin is None:
            return None
        return Problem(
            path,
            1,
            1,
            "was deleted on disk since it was loaded; not saving over "
            "that (reload, or save with --force)",
        )
    except OSError as exc:
        return Problem(path, 1, 1, f"cannot read before saving: {exc.strerror or exc}")
    if origin is None:
        return Problem(path, 1, 1, "already exists on disk; not overwriting it")
    if current != origin.digest:
        return Problem(
            path,
            1,
            1,
            "changed on disk since it was loaded (a git pull or another "
            "editor?); not overwriting it: reload and redo the change, or use --force",
        )
    return None
