"""The on-disk cache of sentence vectors: one SQLite file in the user's cache folder.

Encoding costs ~10 ms per short text, so a map's vectors are kept by a hash of model and text:
a map is encoded once, later processes only read it back. Any failure just means a miss.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import Any


def cache_dir() -> Path | None:
    """Where vectors are cached: $BACKMAP_CACHE_DIR, else the platform's user cache folder
    ($XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on
    Windows) + "backmap". BACKMAP_CACHE_DIR set to "" or "off" turns the cache off."""
    env = os.environ.get("BACKMAP_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "0", "off", "none") else Path(env)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "backmap" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "backmap"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "backmap"


class VectorCache:
    """Vectors by sha256(model, text) in one SQLite file; any failure just means a miss."""

    def __init__(self, path: Path, model: str, dim: int) -> None:
        self.path = path
        self.model = model
        self.dim = dim
        self._db: Any = None
        self._broken = False

    def key(self, text: str) -> bytes:
        return hashlib.sha256(f"{self.model}\0{text}".encode()).digest()[:16]

    def _conn(self) -> Any:
        if self._db is None and not self._broken:
            try:
                import sqlite3

                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(str(self.path), timeout=2.0, check_same_thread=False)
                db.execute(
                    "CREATE TABLE IF NOT EXISTS vec (k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID"
                )
                self._db = db
            except Exception:
                self._broken = True
        return self._db

    def get(self, keys: list[bytes]) -> dict[bytes, bytes]:
        db = self._conn()
        if db is None or not keys:
            return {}
        found: dict[bytes, bytes] = {}
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for k, v in db.execute(f"SELECT k, v FROM vec WHERE k IN ({marks})", chunk):
                    if len(v) == 4 * self.dim:
                        found[k] = v
        except Exception:
            return found
        return found

    def put(self, pairs: list[tuple[bytes, bytes]]) -> None:
        db = self._conn()
        if db is None or not pairs:
            return
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO vec VALUES (?, ?)", pairs)
        except Exception:
            pass
