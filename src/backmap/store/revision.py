"""A workspace as it was in a git revision, or on a date: the map files read from git's objects."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, time
from pathlib import Path

from backmap import collector
from backmap.model import MapFile, Workspace
from backmap.store.disk import FOCUS_FILE, MAP_SUFFIXES, PEOPLE_FILE, beside
from backmap.store.focus import parse_focus
from backmap.store.parse import parse
from backmap.store.people import parse_people
from backmap.store.problems import FileProblems, LoadError, Problem
from backmap.store.shape import with_checkins_of
from backmap.store.stored import Origin, Stored


class RevisionError(Exception):
    """A revision that cannot be read: not a git repository, an unknown name, git missing."""


def _git(folder: Path, *args: str, data: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(
            ["git", *args], cwd=folder, input=data, capture_output=True, check=False
        )
    except OSError as exc:
        raise RevisionError(f"cannot run git: {exc.strerror or exc}") from None
    if proc.returncode != 0:
        lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(lines[-1] if lines else f"git {args[0]} failed")
    return proc.stdout


def folder_of(root: Path) -> Path:
    """The folder a workspace lives in: itself, or a one-file map's folder; absolute."""
    root = root.resolve()
    return root if root.is_dir() else root.parent


def toplevel(root: Path) -> Path | None:
    """The git work tree the workspace lives in, or None when it is not in one."""
    try:
        out = _git(folder_of(root), "rev-parse", "--show-toplevel")
    except RevisionError:
        return None
    return Path(out.decode().strip())


def has_commits(root: Path) -> bool:
    """Whether the repository `root` lives in has a commit (HEAD names one)."""
    try:
        resolve(root, "HEAD")
    except RevisionError:
        return False
    return True


def resolve(root: Path, name: str) -> str:
    """The commit a revision name means (HEAD~1, a tag, a hash); RevisionError if none."""
    try:
        out = _git(folder_of(root), "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
    except RevisionError:
        raise RevisionError(f"`{name}` is not a revision of this git repository") from None
    return out.decode().strip()


def before(root: Path, day: date, log: list[tuple[str, int]] | None = None) -> str | None:
    """The last commit (on the first-parent line of HEAD) authored before `day` began, or None.

    By the author's date, which `git log` shows: a rebase or cherry-pick sets every committer
    date to the day it ran, while the author's date keeps when the work was done. `log` is
    `authored(root)` when the caller asks about many days (one `git log`, not one a day)."""
    cutoff = datetime.combine(day, time()).timestamp()  # the day's start, local time as git
    for commit, stamp in authored(root) if log is None else log:
        if stamp < cutoff:
            return commit
    return None


def authored(root: Path) -> list[tuple[str, int]]:
    """Each commit on the first-parent line of HEAD, newest first, with its author's time."""
    out = _git(folder_of(root), "log", "--first-parent", "--format=%H %at", "HEAD")
    pairs = (line.partition(" ") for line in out.decode().splitlines())
    return [(commit, int(stamp)) for commit, _, stamp in pairs if stamp]


def first(root: Path) -> str | None:
    """The first commit (on the first-parent line of HEAD) that holds the workspace's files,
    or None when none does yet."""
    absolute = root.resolve()
    spec = "." if absolute.is_dir() else absolute.name
    out = _git(folder_of(root), "rev-list", "--first-parent", "HEAD", "--", spec)
    commits = out.decode().split()
    return commits[-1] if commits else None


def load_at(
    root: Path, commit: str, like: Workspace | None = None, top: Path | None = None
) -> Workspace:
    """The workspace at `root` as it was in `commit`: the same file names, read from git, with
    the people and focus files of that commit.

    A file that does not load there raises LoadError naming the revision; files that did not
    exist yet are simply absent. A file whose text is the one `like` loaded shares `like`'s
    parsed file instead of reading it again, and one that differs from it only in check-ins
    and the values they set is made from it (see `store.shape`), sharing its other nodes:
    neither workspace is then to be edited.
    `top`: the work tree's `toplevel`, when the caller has it already (one git run fewer).
    """
    top = top or toplevel(root)
    if top is None:
        raise RevisionError(f"{root} is not in a git repository")
    absolute = root.resolve()
    within = absolute.relative_to(top).as_posix() if absolute != top else "."
    if root.is_dir():
        names = sorted(name for name in listed(top, commit, within) if _is_map(name, within))
    else:  # one file: asked for by name below, absent when that commit has no such file
        names = [within] if _is_map(within, within) else []
    folder = within if root.is_dir() else Path(within).parent.as_posix()
    sides = {name: (name if folder == "." else f"{folder}/{name}") for name in SIDE_FILES}
    texts = blobs(top, commit, [*names, *sides.values()])
    files: dict[Path, MapFile] = {}
    origins: dict[Path, Origin] = {}
    problems: list[Problem] = []
    known = like.stored.origins if like is not None and like.stored is not None else {}
    with collector.paused():
        for name in names:
            if name not in texts:
                continue
            text = texts[name]
            # Named as the working tree names it, so files match across the two versions.
            path = root / Path(name).relative_to(within) if root.is_dir() else root
            same = known.get(path)
            if like is not None and same is not None:
                if same.text == text:
                    files[path], origins[path] = like.files[path], same
                    continue
                # A month earlier, most often: the same map with its own check-ins.
                made = with_checkins_of(like.files[path], same, text)
                if made is not None:
                    files[path], origins[path] = made
                    continue
            try:
                files[path], origins[path] = parse(path, text, "")
            except FileProblems as exc:
                problems += _placed(exc, commit, name)
        workspace = Workspace(root, files)
        for side, name in sides.items():
            if name not in texts:
                continue
            try:
                if side == PEOPLE_FILE:
                    workspace.people = parse_people(beside(root, side), texts[name], "")
                else:
                    workspace.focus = parse_focus(beside(root, side), texts[name], "")
            except FileProblems as exc:
                problems += _placed(exc, commit, name)
    if problems:
        raise LoadError(problems)
    workspace.stored = Stored(origins, unread=list(origins.values()))
    return workspace


SIDE_FILES = (PEOPLE_FILE, FOCUS_FILE)
"""Files beside the maps that rules read: a revision's own are read with its maps."""


def _placed(exc: FileProblems, commit: str, name: str) -> list[Problem]:
    label = Path(f"{commit[:10]}:{name}")
    return [Problem(label, p.line, p.col, p.message) for p in exc.problems]


def _is_map(name: str, within: str) -> bool:
    """A map file, as the folder walk finds them: *.yaml or *.yml, in no hidden folder, and
    not the people or focus file."""
    inner = Path(name) if within == "." else Path(name).relative_to(within)
    if inner.name in SIDE_FILES:
        return False
    return name.endswith(MAP_SUFFIXES) and not any(p.startswith(".") for p in inner.parts)


def listed(top: Path, commit: str, within: str) -> list[str]:
    """Every file `commit` holds under `within` (a path from the work tree's top)."""
    listing = _git(top, "ls-tree", "-r", "-z", "--name-only", commit, "--", within)
    return [name for name in listing.decode("utf-8", "surrogateescape").split("\0") if name]


def blobs(top: Path, commit: str, names: list[str]) -> dict[str, str]:
    """The text of each file in `commit`, read in one `git cat-file --batch`."""
    if not names:
        return {}
    request = "".join(f"{commit}:{name}\n" for name in names).encode()
    out = _git(top, "cat-file", "--batch", data=request)
    texts: dict[str, str] = {}
    at = 0
    for name in names:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        if len(header) < 3:  # "<name> missing": not in that commit
            at = end + 1
            continue
        size = int(header[2])
        if header[1] == b"blob":  # a folder of that name is no file
            body = out[end + 1 : end + 1 + size]
            texts[name] = body.decode("utf-8", "replace").removeprefix("\ufeff")
        at = end + 1 + size + 1
    return texts
