"""The command line's own edits kept on disk, so that `undo` and `redo` can take them back.

Each entry holds the exact text of every file an edit wrote, before and after, so stepping back
restores the bytes (comments and layout included). A step is refused, with nothing written, when
a file no longer holds what the entry left there: an editor save or a hand edit came since.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backmap.store.disk import write_atomic

JOURNAL_VERSION = 1
KEEP = 50
"""Entries kept per workspace; older ones are forgotten."""


@dataclass(frozen=True)
class Change:
    """One file an edit wrote: its text before and after."""

    path: Path
    before: str
    after: str


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
    done, _ = _read(state_dir, root)
    _write(state_dir, root, [*done, entry][-KEEP:], [])


def undo(state_dir: Path, root: Path) -> Entry | None:
    """Put back the files as they were before the last recorded edit; None: nothing to undo."""
    done, undone = _read(state_dir, root)
    if not done:
        return None
    entry = done[-1]
    _restore(entry, forward=False)
    _write(state_dir, root, done[:-1], [*undone, entry])
    return entry


def redo(state_dir: Path, root: Path) -> Entry | None:
    """Apply again the last undone edit; None: nothing to redo."""
    done, undone = _read(state_dir, root)
    if not undone:
        return None
    entry = undone[-1]
    _restore(entry, forward=True)
    _write(state_dir, root, [*done, entry], undone[:-1])
    return entry


def _restore(entry: Entry, forward: bool) -> None:
    expected = {c.path: c.before if forward else c.after for c in entry.changes}
    changed = [path for path, text in expected.items() if _text(path) != text]
    if changed:
        raise JournalConflict(entry, changed)
    for change in entry.changes:
        write_atomic(change.path, (change.after if forward else change.before).encode("utf-8"))


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
                Change(Path(c["path"]), str(c["before"]), str(c["after"])) for c in item["changes"]
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
        "changes": [
            {"path": str(c.path.resolve()), "before": c.before, "after": c.after}
            for c in entry.changes
        ],
    }
