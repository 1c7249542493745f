"""The only code that reads and writes map files: load a workspace, save it back, format it.

This is the store's front door; the work is done in `loading`, `saving`, `parse` (one file's
text), `emit` (the canonical text), `splice` (an edit's text: the untouched nodes as
written), `writing` (files on disk), `recovery` and `journal`.
"""

from __future__ import annotations

from backmap.store.digests import digest_of, digest_on_disk
from backmap.store.disk import discover, find_root, neighbours
from backmap.store.loading import (
    disk_texts,
    line_of,
    lines_in,
    load,
    new_file,
    restore,
    stored,
)
from backmap.store.problems import FileProblems, LoadError, NoWorkspace, Problem, SaveError
from backmap.store.recovery import (
    Recovered,
    RecoveryBusy,
    RecoveryWriter,
    Snapshot,
    changed_on_disk,
    clear_recovery,
    read_recovery,
    recovery_owner,
    recovery_path,
    snapshot,
    write_recovery,
)
from backmap.store.saving import dumps, pending, save
from backmap.store.stored import Comments, Origin, Stored
from backmap.store.unsaved import Unsaved, unsaved

__all__ = [
    "Comments",
    "FileProblems",
    "LoadError",
    "NoWorkspace",
    "Origin",
    "Problem",
    "Recovered",
    "RecoveryBusy",
    "RecoveryWriter",
    "SaveError",
    "Snapshot",
    "Stored",
    "Unsaved",
    "changed_on_disk",
    "clear_recovery",
    "digest_of",
    "digest_on_disk",
    "discover",
    "disk_texts",
    "dumps",
    "find_root",
    "line_of",
    "lines_in",
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
    "stored",
    "unsaved",
    "write_recovery",
]
