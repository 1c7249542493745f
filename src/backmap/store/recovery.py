"""Unsaved work kept safe: a recovery file per workspace, and files changed on disk."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from backmap.model import MapFile, Workspace
from backmap.store.digests import MAX_BYTES, changed
from backmap.store.disk import read_regular, write_atomic
from backmap.store.stored import Comments, Origin, Stored

if TYPE_CHECKING:
    from backmap.store.emit import NodeMemo  # the writer itself is imported when writing

RECOVERY_NAME = ".backmap-recovery.json"
STALE_SECONDS = 600.0
"""A temporary of the recovery file this old is a killed write's, never one in progress."""
FORMAT = 2
"""Version of the recovery file's layout; files of another version are never offered."""


def recovery_path(root: Path) -> Path:
    """Where the recovery file of a workspace lives: in its folder, or beside its one file.

    A workspace opened as one file gets a file of its own, so two maps in one folder never
    see each other's work.
    """
    root = Path(root).resolve()
    if root.is_dir():
        return root / RECOVERY_NAME
    return root.parent / f".{root.name}{RECOVERY_NAME}"


class RecoveryBusy(OSError):
    """Another editor, still running, keeps its unsaved work in this recovery file."""

    def __init__(self, pid: int) -> None:
        super().__init__(f"another backmap editor (pid {pid}) keeps its own unsaved work there")
        self.pid = pid


_OWNER = re.compile(rb'"pid": (\d+),\s*"host": ("(?:[^"\\]|\\.)*"),\s*"started": (null|\d+)')


def recovery_owner(root: Path) -> int | None:
    """The process id of another editor on this machine, still running, whose unsaved work is
    in this workspace's recovery file; None when the file is ours, orphaned, or absent."""
    try:
        with open(recovery_path(root), "rb") as handle:
            head = handle.read(4096)  # the owner comes first: no need to read a big file
        found = _OWNER.search(head)
        if found is None or json.loads(found[2]) != platform.node():
            return None
        pid, started = int(found[1]), json.loads(found[3])
    except (OSError, ValueError):
        return None
    return pid if pid != os.getpid() and _is_editor(pid, started) else None


def process_started(pid: int) -> int | None:
    """When a process started, in clock ticks since boot (Linux only): with its pid, it names
    one process, however soon the pid is used again."""
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_bytes()
        fields = stat_line[stat_line.rindex(b")") + 2 :].split()
        if fields[0] in (b"Z", b"X"):
            return None  # a killed process no one has reaped yet: it runs no more
        return int(fields[19])
    except (OSError, ValueError, IndexError):
        return None


def _is_editor(pid: int, started: int | None) -> bool:
    """Whether `pid` is still the editor that wrote the file (its pid may have gone to another
    process since it crashed)."""
    if os.name != "posix":
        return False  # no harmless liveness test there (os.kill ends the process)
    if started is not None and (now := process_started(pid)) is not None:
        return now == started
    try:
        os.kill(pid, 0)
    except PermissionError:
        pass  # alive, another user's
    except OSError:
        return False
    if sys.platform.startswith("linux"):
        try:
            return b"backmap" in Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return False
    return True


@dataclass(frozen=True)
class FileState:
    """One file of a snapshot: its content, and what it held on disk when that was taken."""

    path: Path
    mapfile: MapFile
    origin: Origin | None


@dataclass(frozen=True)
class Snapshot:
    """A workspace's content at one moment, cheap to take, safe to read from another thread.

    Edits replace nodes rather than change them, so copying the lists of nodes is enough.
    """

    root: Path
    files: tuple[FileState, ...]
    stored: Stored
    """A copy of the store's record: comments not yet found are found by the writer's thread."""

    @property
    def comments(self) -> dict[str, Comments]:
        return self.stored.comments


def snapshot(workspace: Workspace) -> Snapshot:
    """Copy what the recovery file needs (a few pointers per node; no text is made here)."""
    record = workspace.stored or Stored()
    files = tuple(
        FileState(
            path,
            mapfile.model_copy(update={"nodes": list(mapfile.nodes)}),
            record.origins.get(path),
        )
        for path, mapfile in workspace.files.items()
    )
    return Snapshot(Path(workspace.root), files, record.copy())


class RecoveryWriter:
    """Writes the recovery file of one workspace from snapshots, one at a time.

    It remembers each node's lines, so an edit costs the text of the nodes it replaced.
    """

    def __init__(self) -> None:
        self._memos: dict[Path, NodeMemo] = {}

    def write(self, snap: Snapshot) -> Path | None:
        """Keep the text of every file that differs from disk, with the digest of the disk
        version it was based on; when none differs, remove the recovery file.

        Returns the recovery file, or None when there is nothing to keep.
        """
        owner = recovery_owner(snap.root)
        if owner is not None:
            raise RecoveryBusy(owner)
        entries = self._entries(snap)
        path = recovery_path(snap.root)
        _remove_stale_temps(path)
        if not entries:
            path.unlink(missing_ok=True)
            return None
        data = {
            "pid": os.getpid(),  # first, with host: read by recovery_owner from the head
            "host": platform.node(),
            "started": process_started(os.getpid()),
            "format": FORMAT,
            "saved_at": time.time(),
            "root": str(Path(snap.root).resolve()),
            "files": dict(sorted(entries.items())),
        }
        write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
        return path

    def warm(self, snap: Snapshot) -> None:
        """Make the text of every node once and write nothing: later writes then cost what
        changed, and the comments of the snapshot's files are found (as a save needs them)."""
        self._entries(snap)

    def _entries(self, snap: Snapshot) -> dict[str, dict[str, str | None]]:
        """The text of each file that differs from disk, with the digest it was based on."""
        from backmap.store.emit import dumps  # only writing needs the writer

        entries: dict[str, dict[str, str | None]] = {}
        for state in snap.files:
            origin = state.origin
            newline, file_comments = (origin.newline, origin.comments) if origin else ("\n", {})
            memo = self._memos.setdefault(state.path, {})
            text = dumps(state.mapfile, newline, file_comments, snap.comments, memo)[0]
            if origin is None or text != origin.text:
                entries[str(Path(state.path).resolve())] = {
                    "text": text,
                    "base": origin.digest if origin else None,
                }
        return entries


def _remove_stale_temps(path: Path) -> None:
    """Remove temporaries of the recovery file left by killed writes.

    Writes of it take no lock (another editor may be writing it right now), so only old
    ones go.
    """
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            name = entry.name
            if name.startswith(f".{path.name}.") and name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS:
                        os.unlink(entry.path)


def write_recovery(snap: Snapshot) -> Path | None:
    """Write the recovery file for one snapshot (see RecoveryWriter.write)."""
    return RecoveryWriter().write(snap)


@dataclass(frozen=True)
class Recovered:
    """Unsaved work found in a recovery file."""

    saved_at: float
    texts: dict[Path, str]
    """The text of each file, by absolute path."""
    bases: dict[Path, str | None]
    """The digest of each file on disk that the text was based on (None: a new file)."""

    def changed_since(self) -> list[Path]:
        """Files whose disk content is no longer what the recovered text was based on."""
        return list(changed(self.bases))


def read_recovery(root: Path) -> Recovered | None:
    """The unsaved work kept for this workspace, or None when there is none for it.

    A recovery file written for another root (a copied folder) is not offered; texts that are
    already on disk are left out (`texts` may then be empty).
    """
    path = recovery_path(root)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["format"] != FORMAT or data["root"] != str(Path(root).resolve()):
            return None
        # A text already on disk is no unsaved work (a write that landed after the save).
        files = {
            Path(p): entry
            for p, entry in data["files"].items()
            if _on_disk(Path(p)) != str(entry["text"]).encode("utf-8")
        }
        texts = {p: str(entry["text"]) for p, entry in files.items()}
        bases = {p: _optional(entry["base"]) for p, entry in files.items()}
        return Recovered(float(data["saved_at"]), texts, bases)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _on_disk(path: Path) -> bytes | None:
    try:
        return read_regular(path, MAX_BYTES)  # never waits on a pipe put in a map's place
    except OSError:
        return None


def _optional(value: object) -> str | None:
    return None if value is None else str(value)


def clear_recovery(root: Path) -> None:
    """Forget recovered work (declined, or saved); another running editor's is left alone."""
    path = recovery_path(root)
    if recovery_owner(root) is not None:
        return
    _remove_stale_temps(path)
    path.unlink(missing_ok=True)


def changed_on_disk(workspace: Workspace) -> dict[Path, str | None]:
    """Files whose bytes on disk differ from what was loaded or last saved, with the digest of
    their bytes now (None: gone or unreadable)."""
    origins = workspace.stored.origins if workspace.stored else {}
    return changed({path: origin.digest for path, origin in origins.items()})
