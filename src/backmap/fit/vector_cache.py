"""The on-disk cache of sentence vectors: one SQLite file in the user's cache folder.

Encoding costs ~10 ms per short text, so a map's vectors are kept by a hash of model and text:
a map is encoded once, later processes only read it back. Any failure just means a miss.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from backmap.cachedir import cache_dir as cache_dir  # the one rule, shared with checks


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
