"""Files on disk: where the workspace is, which files belong to it, and atomic writes."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from backmap.store.problems import NoWorkspace

MAP_SUFFIXES = (".yaml", ".yml")
DEFAULT_FILE = "backmap.yaml"
DEFAULT_FOLDER = "maps"
ENV_VAR = "BACKMAP_MAP"


def find_root(
    given: str | os.PathLike[str] | None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Path:
    """The workspace to open: --map, else $BACKMAP_MAP, else ./backmap.yaml, else ./maps/."""
    env = os.environ if env is None else env
    cwd = Path.cwd() if cwd is None else cwd
    for source, value in (("--map", given), (ENV_VAR, env.get(ENV_VAR) or None)):
        if value is not None:
            path = Path(value)
            if not (path if path.is_absolute() else cwd / path).exists():
                raise NoWorkspace(f"{source} names {path}, which does not exist")
            return path
    for candidate in (Path(DEFAULT_FILE), Path(DEFAULT_FOLDER)):
        if (cwd / candidate).exists():
            return candidate
    raise NoWorkspace(
        f"no map here: backmap looks for --map PATH, then ${ENV_VAR}, then ./{DEFAULT_FILE}, "
        f"then ./{DEFAULT_FOLDER}/. Start one with `backmap new {DEFAULT_FILE}`"
    )


def discover(root: Path) -> list[Path]:
    """The map files of a workspace: the file itself, or every *.yaml/*.yml below a folder."""
    if root.is_file():
        return [root]
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        # Hidden folders (.git, .github) hold other tools' YAML, never maps.
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith(MAP_SUFFIXES) and not name.startswith("."):
                found.append(Path(dirpath) / name)
    return sorted(found)


def neighbours(root: Path) -> list[Path]:
    """The other map files in a single-file workspace's folder (none for a folder workspace):
    checked alone, the file cannot see the ids they define."""
    if not root.is_file():
        return []
    own = root.resolve()
    return [p for p in discover(root.parent) if p.resolve() != own]


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers see the old file or the new, never a mix."""
    try:
        mode: int | None = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
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
