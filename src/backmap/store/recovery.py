"""Unsaved work kept safe: a recovery file beside the workspace, and files changed on disk."""

from __future__ import annotations

import json
import time
from pathlib import Path

from backmap.model import Workspace
from backmap.store.disk import write_atomic
from backmap.store.parse import digest_of

RECOVERY_NAME = ".backmap-recovery.json"


def recovery_path(root: Path) -> Path:
    """Where the recovery file of a workspace lives: in its folder, or beside its one file."""
    return (root if root.is_dir() else root.parent) / RECOVERY_NAME


def write_recovery(workspace: Workspace, texts: dict[Path, str]) -> Path:
    """Keep the canonical text of every unsaved file, to restore after a crash."""
    path = recovery_path(workspace.root)
    data = {
        "saved_at": time.time(),
        "root": str(workspace.root),
        "files": {str(p): text for p, text in sorted(texts.items())},
    }
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
    return path


def read_recovery(root: Path) -> tuple[float, dict[Path, str]] | None:
    """The recovered texts and when they were written, or None when there is nothing usable."""
    path = recovery_path(root)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = {Path(p): str(t) for p, t in data["files"].items()}
        return float(data["saved_at"]), files
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def clear_recovery(root: Path) -> None:
    """Forget recovered work (after a save, or when the user declines it)."""
    recovery_path(root).unlink(missing_ok=True)


def changed_on_disk(workspace: Workspace) -> list[Path]:
    """Files whose bytes on disk differ from what was loaded or last saved."""
    changed = []
    for path, origin in workspace.origins.items():
        try:
            current = digest_of(path.read_bytes())
        except OSError:
            changed.append(path)
            continue
        if current != origin.digest:
            changed.append(path)
    return changed
