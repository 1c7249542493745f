"""Files on disk: where the workspace is, which files belong to it, safe reads and writes."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

from backmap.store.problems import LoadError, NoWorkspace, Problem

MAP_SUFFIXES = (".yaml", ".yml")
DEFAULT_FILE = "backmap.yaml"
DEFAULT_FOLDER = "maps"
ENV_VAR = "BACKMAP_MAP"
PEOPLE_FILE = "people.yaml"
"""Not a map file: who the people are (read by store.people)."""
FOCUS_FILE = "focus.yaml"
"""Not a map file: focus items and lessons by period (read by store.focus)."""


def beside(root: Path, name: str) -> Path:
    """Where a workspace's file `name` (people, focus, settings) lives: in the workspace's
    folder, or beside its single map file."""
    return (root if root.is_dir() else root.parent) / name


def find_root(
    given: str | os.PathLike[str] | None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Path:
    """The workspace to open: `given`, else $BACKMAP_MAP, else ./backmap.yaml, else ./maps/.

    NoWorkspace says which of them named a path that does not exist, or where it looked.
    """
    env = os.environ if env is None else env
    cwd = Path.cwd() if cwd is None else cwd
    for source, value in ((None, given), (ENV_VAR, env.get(ENV_VAR) or None)):
        if value is not None:
            path = Path(value)
            if not (path if path.is_absolute() else cwd / path).exists():
                named = f"${source} names {path}, which" if source else f"{path}"
                raise NoWorkspace(f"{named} does not exist", missing=path, named_by=source)
            if path.name in (PEOPLE_FILE, FOCUS_FILE):
                raise NoWorkspace(
                    f"{path} is a workspace's {path.stem} file, not a map",
                    beside=path,
                    named_by=source,
                )
            return path
    looked = (Path(DEFAULT_FILE), Path(DEFAULT_FOLDER))
    for candidate in looked:
        if (cwd / candidate).exists():
            return candidate
    raise NoWorkspace(
        f"no map here: backmap looks for ${ENV_VAR}, then ./{DEFAULT_FILE}, "
        f"then ./{DEFAULT_FOLDER}/",
        [p.relative_to(cwd) for p in _maps_in(cwd)],
        looked_in=looked,
    )


def _maps_in(folder: Path) -> list[Path]:
    """The map files directly in `folder` (a `backmap:` line at their top), for a hint."""
    found = []
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    for name in names:
        path = folder / name
        if name.startswith(".") or not name.endswith(MAP_SUFFIXES) or not path.is_file():
            continue
        try:
            with open(path, "rb") as handle:
                head = handle.read(512)
        except OSError:
            continue
        if any(line.startswith(b"backmap:") for line in head.splitlines()):
            found.append(path)
    return found


def discover(root: Path) -> list[Path]:
    """The map files of a workspace: the file itself, or every *.yaml/*.yml below a folder.

    Raises LoadError naming every folder that cannot be read: a map silently left out would
    give wrong findings and half-done renames.
    """
    return walk(root)[0]


def neighbours(root: Path) -> list[Path]:
    """The other map files in a single-file workspace's folder (none for a folder workspace):
    checked alone, the file cannot see the ids they define."""
    if not root.is_file():
        return []
    own = root.resolve()
    return [p for p in discover(root.parent) if p.resolve() != own]


def walk(root: Path) -> tuple[list[Path], list[Path]]:
    """The map files of a workspace, and the temporary files of saves that never finished."""
    if not root.is_dir():
        # A FIFO or a device named as the map is refused when read, as not a regular file.
        return [root], temps_in(root.parent, root.name)
    found: list[Path] = []
    temps: list[Path] = []
    problems: list[Problem] = []
    top = os.stat(root)
    seen = {(top.st_dev, top.st_ino)}

    def refused(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else root
        problems.append(
            Problem(
                where,
                1,
                1,
                f"cannot read this folder: {exc.strerror or exc}; the maps in it would be "
                "missing: make it readable (chmod u+rx) or move it out of the workspace",
            )
        )

    for dirpath, dirnames, filenames in os.walk(root, onerror=refused, followlinks=True):
        kept = []
        # Hidden folders (.git, .github) hold other tools' YAML, never maps.
        for name in sorted(d for d in dirnames if not d.startswith(".")):
            try:
                info = os.stat(os.path.join(dirpath, name))
            except OSError as exc:
                refused(exc)
                continue
            # A linked folder is read once, however many links lead to it (and never in a loop).
            if (info.st_dev, info.st_ino) not in seen:
                seen.add((info.st_dev, info.st_ino))
                kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            if name in (PEOPLE_FILE, FOCUS_FILE):
                continue  # the people and focus files sit among the maps but are not maps
            if name.endswith(MAP_SUFFIXES) and not name.startswith("."):
                found.append(Path(dirpath) / name)
            elif _TEMP.fullmatch(name):
                temps.append(Path(dirpath) / name)
    if problems:
        raise LoadError(problems)
    return sorted(found), temps


# mkstemp's names: the prefix, eight characters, the suffix; only map files' temporaries match.
_TEMP = re.compile(r"\.(.+\.ya?ml)\.[a-z0-9_]{8}\.tmp")


def temps_in(folder: Path, name: str | None = None) -> list[Path]:
    """Temporary files a save into `folder` leaves while it runs (of the file `name` only)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [
        folder / n
        for n in sorted(names)
        if (m := _TEMP.fullmatch(n)) and (name is None or m[1] == name)
    ]


def remove_temps(temps: list[Path]) -> list[Path]:
    """Delete leftover temporaries, each only while no save holds its folder; returns those gone."""
    from backmap.store.lock import try_locked

    gone = []
    for folder in sorted({t.parent for t in temps}):
        with try_locked(folder) as free:
            if not free:
                continue
            for temp in temps_in(folder):
                with contextlib.suppress(OSError):
                    temp.unlink()
                    gone.append(temp)
    return gone


class TooLarge(OSError):
    """A file is bigger than backmap is willing to read."""

    def __init__(self, size: int) -> None:
        super().__init__(errno.EFBIG, "file too large")
        self.size = size


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; OSError otherwise, before reading."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, f"not a regular file ({_kind(info.st_mode)})")
    if info.st_size > limit:
        raise TooLarge(info.st_size)
    # Non-blocking, so that a FIFO swapped in after the check cannot hang the open.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, f"not a regular file ({_kind(info.st_mode)})")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(len(data))
    return data


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a pipe"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a file"


def target_of(path: Path) -> Path:
    """Where a save really writes: through symbolic links, to the file they lead to."""
    return Path(os.path.realpath(path))


def write_temp(target: Path, data: bytes, like: os.stat_result | None) -> Path:
    """Write `data` to a new temporary file beside `target`, synced, with the mode and owner of
    `like` (the file it will replace) where the OS allows."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if like is None:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        else:
            if hasattr(os, "chown") and (like.st_uid, like.st_gid) != _owner(tmp):
                # Only root may give a file away; anyone else keeps what they can.
                with contextlib.suppress(OSError):
                    os.chown(tmp, like.st_uid, like.st_gid)
            os.chmod(tmp, stat.S_IMODE(like.st_mode))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _owner(path: Path) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_uid, info.st_gid


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers see the old file or the new, never a mix."""
    target = target_of(path)
    try:
        like: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        like = None
    tmp = write_temp(target, data, like)
    try:
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    sync_folder(target.parent)


def sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX only; Windows has no directory handles)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
