"""What a file held, as one digest: for loading, saving, recovery, the journal, the disk watch.

Every "has this file changed?" in backmap compares digests made here, so that none of them
disagrees with another about what counts as a change.
"""

from __future__ import annotations

from collections.abc import Mapping
from hashlib import blake2b
from pathlib import Path

from backmap.store.disk import read_regular

MAX_BYTES = 64 * 1024 * 1024
"""The largest map file backmap reads."""


def digest_of(data: bytes) -> str:
    """A content hash for change detection."""
    return blake2b(data, digest_size=16).hexdigest()


def digest_on_disk(path: Path) -> str | None:
    """The digest of a file's bytes now, or None when it cannot be read (deleted, or no longer
    a regular file: a pipe put in its place must not hang the editor that asks)."""
    try:
        return digest_of(read_regular(Path(path), MAX_BYTES))
    except OSError:
        return None


def changed(expected: Mapping[Path, str | None]) -> dict[Path, str | None]:
    """The files whose digest on disk is not the one expected (None: expected not to exist, or
    gone now), with their digest now."""
    now = {path: digest_on_disk(path) for path in expected}
    return {path: digest for path, digest in now.items() if digest != expected[path]}
