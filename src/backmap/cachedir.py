"""Where backmap keeps what it can compute again: the user's cache folder, or none."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def cache_dir() -> Path | None:
    """Where results are cached: $BACKMAP_CACHE_DIR, else the platform's user cache folder
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
