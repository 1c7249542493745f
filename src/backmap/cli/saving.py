"""Saving an edit from the command line: apply it, write the files, keep it for `backmap undo`."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backmap.cli.base import OK, Fail, error, print_problems
from backmap.cli.refusals import refusal

if TYPE_CHECKING:
    from backmap.model import Workspace


def apply_and_save(ws: Workspace, build: Callable[[], Any], focus_text: str | None = None) -> Any:
    """Build an edit, apply it, save; print the reason and stop with 2 if any step refuses.

    An edit that would change nothing stops with 0 and says "nothing changed". `focus_text`,
    when given, is the focus file's new text, written in the same go as the maps (all or none).
    """
    from backmap import edits, store

    try:
        edit = build()
    except edits.NothingChanged as exc:  # the same script run twice is not an error
        print(f"nothing changed: {exc}", file=sys.stderr)
        raise Fail(OK) from None
    except edits.EditError as exc:
        raise error(refusal(exc, ws)) from None
    edit.apply(ws)
    before = texts_on_disk(ws)
    also, focus = focus_change(ws, focus_text)
    try:
        written = store.save(ws, also=also)
    except store.SaveError as exc:
        print_problems(exc)
        if exc.written:
            print(f"saved in part: {', '.join(map(str, exc.written))}", file=sys.stderr)
        else:
            print("nothing was saved", file=sys.stderr)
        raise Fail() from None
    if focus is not None:
        ws.focus = focus
    where = ", ".join(str(p) for p in written) or "no file changed"
    print(f"{edit.summary} ({where})", file=sys.stderr)
    record_edit(ws, edit.summary, written, before)
    return edit


def focus_change(ws: Workspace, text: str | None) -> tuple[list[Any], Any]:
    """The write of the focus file's new text, and the focus it makes; none when unchanged."""
    old = ws.focus
    if old is None or text is None or text == old.text:
        return [], None
    from backmap.store.digests import digest_of
    from backmap.store.focus import reparse
    from backmap.store.stored import Origin
    from backmap.store.writing import Change

    new = reparse(old, old.path, text)
    data = text.encode("utf-8")
    new.digest = digest_of(data)
    return [Change(old.path, Origin(text=old.text, digest=old.digest), data)], new


def texts_on_disk(ws: Workspace) -> dict[Path, str]:
    """What each file backmap writes held when read or last saved: the maps, the focus file
    and the people file (a file not there yet is left out)."""
    from backmap.store import disk_texts

    texts = disk_texts(ws, bom=True)  # undo compares and writes the bytes on disk
    for kept in (ws.focus, ws.people):
        if kept is not None and kept.text is not None and kept.path.exists():
            texts[kept.path] = kept.text
    return texts


def record_edit(ws: Workspace, summary: str, written: list[Path], before: dict[Path, str]) -> None:
    """Record a saved edit for `backmap undo`, from `texts_on_disk` taken before the save; a
    written file missing from `before` was made by it. The edit stands even if this fails."""
    from backmap.store import journal

    folder = state_dir()
    if folder is None:  # the journal is off: no diff of each written file to compute
        return
    after = texts_on_disk(ws)
    changes = tuple(
        journal.Change.of(p, before.get(p), after[p]) for p in dict.fromkeys(written) if p in after
    )
    if not changes:
        return
    try:
        journal.record(folder, ws.root, journal.Entry(summary, changes))
    except OSError as exc:
        print(
            f"note: saved, but `backmap undo` cannot take it back: cannot write the journal "
            f"in {folder}: {exc.strerror or exc}",
            file=sys.stderr,
        )


def state_dir() -> Path | None:
    """Where the command line keeps its journal: $BACKMAP_STATE_DIR ("off": nowhere), else the
    platform's folder for user state (~/.local/state on Linux) + "backmap"."""
    env = os.environ.get("BACKMAP_STATE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "off") else Path(env)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "backmap" / "State"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "backmap"
    return Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "backmap"
