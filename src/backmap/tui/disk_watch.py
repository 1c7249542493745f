"""Map files changed on disk while the editor has them open (a git pull): reload or keep mine."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from backmap import store

if TYPE_CHECKING:
    from backmap.model import Workspace
    from backmap.tui.app import BackmapApp


class DiskWatch:
    """Notices map files changed on disk (a git pull) and offers reload or keep-mine, once per
    version of the file."""

    def __init__(self, app: BackmapApp) -> None:
        self.app = app
        self._answered: dict[Path, str | None] = {}  # disk digests the user already answered
        self._stamps: dict[Path, tuple[int, int, int] | None] | None = None

    def check(self) -> None:
        app = self.app
        if len(app.screen_stack) > 1:
            return  # a dialog is open: ask later
        # Reading and digesting a big map every few seconds stalls the editor: only when the
        # files' size, time or inode moved (a save, a pull) are they read again.
        origins = app.workspace.stored.origins if app.workspace.stored else {}
        stamps = {path: _stamp(path) for path in origins}
        if stamps == self._stamps:
            return
        self._stamps = stamps
        fresh = []
        for path, digest in store.changed_on_disk(app.workspace).items():
            if path not in self._answered or self._answered[path] != digest:
                self._answered[path] = digest
                fresh.append(path)
        if not fresh:
            return
        names = ", ".join(str(p) for p in fresh)
        try:  # what a reload would read: a file that does not load now is no reload offer
            pulled = store.load(Path(app.workspace.root))
        except store.LoadError as exc:
            app.notify(
                f"{names} changed on disk and does not load now: {exc.problems[0]}. The map "
                "here stays as it is; fix the file (saving here asks before overwriting it)",
                severity="warning",
                timeout=20,
                markup=False,
            )
            return
        if not app.history.dirty:
            question = f"{names} changed on disk. Reload?"
        else:
            question = (
                f"{names} changed on disk. Reload it and drop your unsaved changes, or keep "
                "yours (saving will then ask before overwriting)?"
            )

        from backmap.tui.screens.dialogs import Confirm
        from backmap.tui.screens.recovery import ReloadQuestion

        def answer(reload: bool | None) -> None:
            if reload:
                self._reload(pulled)

        ask = ReloadQuestion if app.history.dirty else Confirm
        app.push_screen(ask(question, yes="Reload", no="Keep mine"), answer)

    def _reload(self, pulled: Workspace) -> None:
        app = self.app
        if store.changed_on_disk(pulled):  # changed again while the question was open
            try:
                pulled = store.load(Path(app.workspace.root))
            except store.LoadError as exc:
                app.notify(f"Cannot reload: {exc.problems[0]}", severity="error", timeout=10)
                return
        self._answered.clear()
        app.replace_workspace(pulled)
        app.notify("Reloaded from disk")


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)
