"""A workspace as it was in a git revision, or on a date: the map files read from git's objects."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from backmap.model import MapFile, Workspace
from backmap.store.disk import MAP_SUFFIXES
from backmap.store.parse import parse
from backmap.store.problems import FileProblems, LoadError, Problem
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


def _folder(root: Path) -> Path:
    root = root.resolve()
    return root if root.is_dir() else root.parent


def toplevel(root: Path) -> Path | None:
    """The git work tree the workspace lives in, or None when it is not in one."""
    try:
        out = _git(_folder(root), "rev-parse", "--show-toplevel")
    except RevisionError:
        return None
    return Path(out.decode().strip())


def resolve(root: Path, name: str) -> str:
    """The commit a revision name means (HEAD~1, a tag, a hash); RevisionError if none."""
    try:
        out = _git(_folder(root), "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
    except RevisionError:
        raise RevisionError(f"`{name}` is not a revision of this git repository") from None
    return out.decode().strip()


def before(root: Path, day: date) -> str | None:
    """The last commit (on the first-parent line of HEAD) made before `day` began, or None."""
    out = _git(
        _folder(root),
        "rev-list",
        "-1",
        "--first-parent",
        f"--before={day.isoformat()}T00:00:00",
        "HEAD",
    )
    return out.decode().strip() or None


def load_at(root: Path, commit: str) -> Workspace:
    """The workspace at `root` as it was in `commit`: the same file names, read from git.

    A file that does not load there raises LoadError naming the revision; files that did not
    exist yet are simply absent.
    """
    top = toplevel(root)
    if top is None:
        raise RevisionError(f"{root} is not in a git repository")
    absolute = root.resolve()
    within = absolute.relative_to(top).as_posix() if absolute != top else "."
    listing = _git(top, "ls-tree", "-r", "-z", "--name-only", commit, "--", within)
    listed = listing.decode("utf-8", "surrogateescape").split("\0")
    names = [name for name in listed if name and _is_map(name, within)]
    texts = _blobs(top, commit, sorted(names))
    files: dict[Path, MapFile] = {}
    origins: dict[Path, Origin] = {}
    problems: list[Problem] = []
    for name, text in texts.items():
        # Named as the working tree names it, so files match across the two versions.
        path = root / Path(name).relative_to(within) if root.is_dir() else root
        try:
            mapfile, origin = parse(path, text, "")
        except FileProblems as exc:
            label = Path(f"{commit[:10]}:{name}")
            problems += [Problem(label, p.line, p.col, p.message) for p in exc.problems]
            continue
        files[path], origins[path] = mapfile, origin
    if problems:
        raise LoadError(problems)
    workspace = Workspace(root, files)
    workspace.stored = Stored(origins, unread=list(origins.values()))
    return workspace


def _is_map(name: str, within: str) -> bool:
    """A map file, as the folder walk finds them: *.yaml or *.yml, in no hidden folder."""
    inner = Path(name) if within == "." else Path(name).relative_to(within)
    return name.endswith(MAP_SUFFIXES) and not any(p.startswith(".") for p in inner.parts)


def _blobs(top: Path, commit: str, names: list[str]) -> dict[str, str]:
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
        if len(header) < 3 or header[1] != b"blob":
            at = end + 1
            continue
        size = int(header[2])
        body = out[end + 1 : end + 1 + size]
        texts[name] = body.decode("utf-8", "replace").removeprefix("\ufeff")
        at = end + 1 + size + 1
    return texts
