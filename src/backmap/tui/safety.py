"""Never lose work: the recovery file while changes are unsaved, and files changed on disk."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from backmap import store
from backmap.store.parse import digest_of
from backmap.tui.screens.dialogs import Confirm

if TYPE_CHECKING:
    from backmap.tui.app import BackmapApp


def offer_recovery(app: BackmapApp) -> None:
    """After a crash, offer the unsaved work found in the recovery file."""
    found = store.read_recovery(app.workspace.root)
    if found is None:
        return
    saved_at, texts = found
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(saved_at))
    names = ", ".join(sorted(p.name for p in texts)) or "no files"

    def answer(restore: bool | None) -> None:
        if restore:
            used = store.restore(app.workspace, texts)
            app.history.mark_unsaved()
            app.after_change()
            app.notify(f"Restored unsaved work in {len(used)} file(s); save with ctrl+s")
        else:
            store.clear_recovery(app.workspace.root)

    app.push_screen(
        Confirm(
            f"Unsaved work from {when} was found ({names}).\nRestore it?",
            yes="Restore",
            no="Discard",
        ),
        answer,
    )


def keep_recovery(app: BackmapApp) -> None:
    history = app.history
    marker = history.current
    if not history.dirty or marker is app._recovered_upto:
        return
    ws = app.workspace
    texts = {path: store.dumps(ws, path) for path in store.pending(ws)}
    if texts:
        store.write_recovery(ws, texts)
    app._recovered_upto = marker


def watch_disk(app: BackmapApp) -> None:
    if len(app.screen_stack) > 1:
        return  # a dialog is open: ask later
    ws = app.workspace
    fresh = []
    for path in store.changed_on_disk(ws):
        try:
            digest = digest_of(path.read_bytes())
        except OSError:
            digest = "missing"
        if app._acknowledged.get(path) != digest:
            app._acknowledged[path] = digest
            fresh.append(path)
    if not fresh:
        return
    names = ", ".join(str(p) for p in fresh)
    if not app.history.dirty:
        question = f"{names} changed on disk. Reload?"
    else:
        question = (
            f"{names} changed on disk. Reload it and drop your unsaved changes, or keep "
            "yours (saving will then ask before overwriting)?"
        )

    def answer(reload: bool | None) -> None:
        if reload:
            _reload(app)

    app.push_screen(Confirm(question, yes="Reload", no="Keep mine"), answer)


def _reload(app: BackmapApp) -> None:
    try:
        workspace = store.load(Path(app.workspace.root))
    except store.LoadError as exc:
        app.notify(f"Cannot reload: {exc.problems[0]}", severity="error", timeout=10)
        return
    app._acknowledged.clear()
    app.replace_workspace(workspace)
    app.notify("Reloaded from disk")
