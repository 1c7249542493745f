"""The command line's own edits kept on disk, so that `undo` and `redo` can take them back.

Each entry holds, for every file an edit wrote, the part of the text that changed and digests
of the whole text before and after, so stepping back restores the exact bytes (comments and
layout included) while a big map costs the journal only what changed. A step is refused, with
nothing written, when a file no longer holds what the entry left there: an editor save or a
hand edit came since.
"""

from __future__ import annotations

import hashlib
import json
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backmap.store.digests import digest_of
from backmap.store.disk import target_of, write_atomic
from backmap.store.lock import locked

JOURNAL_VERSION = 1
KEEP = 50
"""Entries kept per workspace; older ones are forgotten."""


@dataclass(frozen=True)
class Change:
    """One file an edit wrote: the differing middle of its text, and digests of the whole."""

    path: Path
    head: int
    """Characters before and after the edit share at the start."""
    tail: int
    """Characters they share at the end (after the head)."""
    before: str
    """The middle as it was."""
    after: str
    """The middle as the edit wrote it."""
    before_digest: str
    after_digest: str
    created: bool = False
    """The edit made the file: a step back removes it, a step on needs it absent."""

    @classmethod
    def of(cls, path: Path, before: str | None, after: str) -> Change:
        """The change from `before` (None: no such file) to `after`."""
        if before is None:
            return cls(path, 0, 0, "", after, "", _digest(after), created=True)
        head = _shared_head(before, after)
        room = min(len(before), len(after)) - head
        tail = min(_shared_head(before[::-1], after[::-1]), room) if room else 0
        return cls(
            path,
            head,
            tail,
            before[head : len(before) - tail],
            after[head : len(after) - tail],
            _digest(before),
            _digest(after),
        )

    def step(self, text: str | None, forward: bool) -> str | None:
        """The text one step on (redo) or back (undo); None when `text` (None: no file) is not
        where it starts. A step back over a creation gives "": remove the file."""
        if self.created and forward:
            return self.after if text is None else None
        if text is None or _digest(text) != (self.before_digest if forward else self.after_digest):
            return None
        if self.created:
            return ""
        middle = self.after if forward else self.before
        return text[: self.head] + middle + text[len(text) - self.tail :]


def _shared_head(a: str, b: str, block: int = 1 << 14) -> int:
    """How many characters `a` and `b` share at the start: whole blocks compared in C first, then
    a binary search inside the first block that differs (a few ms for a 3 MB map)."""
    end = min(len(a), len(b))
    start = 0
    while start < end and a[start : min(start + block, end)] == b[start : min(start + block, end)]:
        start += block
    if start >= end:
        return end
    low, high = start, min(start + block, end)
    while low < high:
        mid = (low + high + 1) // 2
        if a[start:mid] == b[start:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _digest(text: str) -> str:
    return digest_of(text.encode("utf-8"))


@dataclass(frozen=True)
class Entry:
    """One command-line edit: what it did, in the words of its summary, and the files it wrote."""

    summary: str
    changes: tuple[Change, ...]


class JournalConflict(Exception):
    """A step was refused because files changed since the entry; nothing was written."""

    def __init__(self, entry: Entry, paths: list[Path]) -> None:
        super().__init__(f"{', '.join(map(str, paths))} changed since `{entry.summary}`")
        self.entry = entry
        self.paths = paths


def journal_path(state_dir: Path, root: Path) -> Path:
    """The journal of the workspace at `root`, one file per workspace under `state_dir`."""
    where = str(root.resolve())
    key = hashlib.sha256(where.encode("utf-8")).hexdigest()[:16]
    return state_dir / "journal" / f"{root.resolve().name or 'root'}-{key}.json"


def record(state_dir: Path, root: Path, entry: Entry) -> None:
    """Remember an edit just saved; what could be redone is forgotten, as in any history."""
    with _journal_locked(state_dir):
        done, _ = _read(state_dir, root)
        _write(state_dir, root, [*done, entry][-KEEP:], [])


def undo(state_dir: Path, root: Path) -> Entry | None:
    """Put back the files as they were before the last recorded edit; None: nothing to undo."""
    with _journal_locked(state_dir):
        done, undone = _read(state_dir, root)
        if not done:
            return None
        entry = done[-1]
        _restore(entry, forward=False)
        _write(state_dir, root, done[:-1], [*undone, entry])
    return entry


def redo(state_dir: Path, root: Path) -> Entry | None:
    """Apply again the last undone edit; None: nothing to redo."""
    with _journal_locked(state_dir):
        done, undone = _read(state_dir, root)
        if not undone:
            return None
        entry = undone[-1]
        _restore(entry, forward=True)
        _write(state_dir, root, [*done, entry], undone[:-1])
    return entry


def _journal_locked(state_dir: Path) -> AbstractContextManager[None]:
    """Two commands finishing at once both keep their entry: the journal is read and written
    under its folder's lock."""
    folder = state_dir / "journal"
    folder.mkdir(parents=True, exist_ok=True)
    return locked([folder])


def _restore(entry: Entry, forward: bool) -> None:
    # Under the map folders' lock, as a save is: no other writer slips in between the check
    # of a file's text and its replacement.
    with locked({target_of(c.path).parent for c in entry.changes}):
        _restore_locked(entry, forward)


def _restore_locked(entry: Entry, forward: bool) -> None:
    texts: dict[Path, str] = {}
    for change in entry.changes:
        stepped = change.step(_text(change.path), forward)
        if change.created and forward and change.path.exists():
            stepped = None  # made again since, by hand or by another command
        if stepped is not None:
            texts[change.path] = stepped
    changed = [c.path for c in entry.changes if c.path not in texts]
    if changed:
        raise JournalConflict(entry, changed)
    gone = {c.path for c in entry.changes if c.created and not forward}
    for path, text in texts.items():
        if path in gone:
            path.unlink()
        else:
            write_atomic(path, text.encode("utf-8"))


def _text(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _read(state_dir: Path, root: Path) -> tuple[list[Entry], list[Entry]]:
    # An unreadable journal is an empty one: it only ever offers to undo, never loses a map.
    try:
        data = json.loads(journal_path(state_dir, root).read_text(encoding="utf-8"))
        if data.get("version") != JOURNAL_VERSION:
            return [], []
        return _entries(data["done"]), _entries(data["undone"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return [], []


def _entries(items: list[dict[str, Any]]) -> list[Entry]:
    return [
        Entry(
            str(item["summary"]),
            tuple(
                Change(
                    Path(c["path"]),
                    int(c["head"]),
                    int(c["tail"]),
                    str(c["before"]),
                    str(c["after"]),
                    str(c["before_digest"]),
                    str(c["after_digest"]),
                    bool(c.get("created", False)),
                )
                for c in item["changes"]
            ),
        )
        for item in items
    ]


def _write(state_dir: Path, root: Path, done: list[Entry], undone: list[Entry]) -> None:
    path = journal_path(state_dir, root)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "version": JOURNAL_VERSION,
        "root": str(root.resolve()),
        "done": [_dump(e) for e in done],
        "undone": [_dump(e) for e in undone],
    }
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


def _dump(entry: Entry) -> dict[str, Any]:
    return {
        "summary": entry.summary,
        "changes": [_dump_change(c) for c in entry.changes],
    }


def _dump_change(change: Change) -> dict[str, Any]:
    data = {**vars(change), "path": str(change.path.resolve())}
    if not change.created:
        del data["created"]  # what journals held before files could be made
    return data
