"""Loading a workspace: every map file read, validated and indexed, or every problem at once."""

from __future__ import annotations

from pathlib import Path

from backmap import collector
from backmap.model import MapFile, Workspace
from backmap.store.disk import remove_temps, walk
from backmap.store.focus import load_focus
from backmap.store.outline import Outline, outline
from backmap.store.parse import parse, read_marked
from backmap.store.people import load_people
from backmap.store.problems import FileProblems, LoadError, Problem
from backmap.store.settings import read_settings
from backmap.store.stored import Origin, Stored


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
    with collector.paused():
        for path in paths:
            try:
                text, digest, bom = read_marked(path)
                files[path], origins[path] = parse(path, text, digest)
                origins[path].bom = bom
            except FileProblems as exc:
                problems.extend(exc.problems)
        problems.extend(_duplicate_ids(files, origins))
        people = focus = None
        try:
            people = load_people(root)
        except FileProblems as exc:
            problems.extend(exc.problems)
        try:
            focus = load_focus(root)
        except FileProblems as exc:
            problems.extend(exc.problems)
        title = None
        try:
            title = read_settings(root).title
        except FileProblems as exc:
            problems.extend(exc.problems)
        if problems:
            raise LoadError(problems)
        workspace = Workspace(root, files)
        workspace.stored = Stored(origins, unread=list(origins.values()))
        workspace.people, workspace.focus = people, focus
        workspace.title = title
    return workspace


def stored(workspace: Workspace) -> Stored:
    """The store's record of a workspace, made empty for one never loaded (a new map)."""
    if workspace.stored is None:
        workspace.stored = Stored()
    return workspace.stored


def _duplicate_ids(files: dict[Path, MapFile], origins: dict[Path, Origin]) -> list[Problem]:
    """Every place an id is defined more than once, each naming the first definition."""
    distinct: set[str] = set()
    for path in files:
        distinct.update(origins[path].ids)
    if len(distinct) == sum(len(origins[path].ids) for path in files):
        return []  # the usual case, found at C speed
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
    return path, lines_in(workspace, path).get(node_id, 0)


def lines_in(workspace: Workspace, path: Path) -> dict[str, int]:
    """Node id -> line of each node of one file as it is on disk (none for an unsaved file)."""
    origin = workspace.stored.origins.get(path) if workspace.stored else None
    return origin.lines if origin else {}


def offer_lines(workspace: Workspace, placed: dict[Path, tuple[str, bool, dict[str, int]]]) -> None:
    """Node lines found apart (by a helper process that read the files itself), by file, with
    the digest and trivia of the text they were found in: kept where that text is the one
    loaded (see `Origin.offer_lines`)."""
    origins = workspace.stored.origins if workspace.stored else {}
    for path, (digest, trivia, lines) in placed.items():
        origin = origins.get(path)
        if origin is not None:
            origin.offer_lines(digest, trivia, lines)


def disk_texts(workspace: Workspace, bom: bool = False) -> dict[Path, str]:
    """What each file of the workspace held on disk when loaded or last saved; with `bom`, a
    byte order mark the file starts with is part of its text (to compare with the bytes)."""
    origins = workspace.stored.origins if workspace.stored else {}
    mark = "\ufeff" if bom else ""
    return {path: mark + o.text if o.bom else o.text for path, o in origins.items()}


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
            mapfile, origin = parse(path, text, "")
        except FileProblems:
            continue
        workspace.files[path] = mapfile
        stored(workspace).comments.update(origin.node_comments())
        used.append(path)
    workspace.reindex()
    return used


def new_file(workspace: Workspace, path: Path, mapfile: MapFile) -> None:
    """Add a file that does not exist yet to the workspace; save writes it."""
    if path in workspace.files:
        raise ValueError(f"{path} is already part of the workspace")
    workspace.files[path] = mapfile
    workspace.reindex()
