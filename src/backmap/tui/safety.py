"""Never lose work: the recovery file kept after every edit, and the way out."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from backmap import store
from backmap.plural import plural
from backmap.tui.screens.recovery import QuitQuestion, RestoreQuestion
from backmap.tui.widgets.map_tree import MapTree

if TYPE_CHECKING:
    from backmap.tui.app import BackmapApp

_IDLE = object()  # nothing queued for the writer


@dataclass(frozen=True)
class _Warm:
    """A job for the writer: make the text of a snapshot, keep nothing."""

    snapshot: store.Snapshot


class Recovery:
    """The recovery file of the app's workspace: offered back at start, rewritten in a worker
    thread right after every change, removed once nothing is left unsaved.

    Until the work found at start is restored or discarded, the file is left as it is.
    """

    def __init__(self, app: BackmapApp) -> None:
        self.app = app
        self.settled = True
        """Whether this session owns the recovery file (no earlier work awaits an answer)."""
        self._queue_lock = threading.Lock()  # guards _queued and _draining
        self._write_lock = threading.Lock()  # one write at a time, in the order they were taken
        self._queued: object = _IDLE
        self._draining = False
        self._warned = False
        self._writer = store.RecoveryWriter()  # used by one thread at a time (_write_lock)

    @property
    def root(self) -> Path:
        return Path(self.app.workspace.root)

    def _job(self) -> store.Snapshot | Path:
        """What the file should become: the unsaved state, or (a root) no file at all."""
        if self.app.history.dirty:
            return store.snapshot(self.app.workspace)  # pointers only: cheap on the UI thread
        return self.root

    def changed(self) -> None:
        """The workspace changed (edit, undo, save, reload): bring the file in step, off-thread."""
        if self.settled:
            self._queue(self._job())

    def warm(self) -> None:
        """Make the map's text once, off-thread, writing nothing: the writer then knows every
        node's lines and the store the comments around them, so neither the first edit's
        write nor the first save pays for that on a big map while the user works."""
        with self._queue_lock:
            if self._queued is not _IDLE:
                return  # a change waits to be written: that warms the writer too
        self._queue(_Warm(store.snapshot(self.app.workspace)))

    def _queue(self, job: object) -> None:
        with self._queue_lock:
            self._queued = job  # a newer state replaces one not yet written
            if self._draining:
                return
            self._draining = True
        self.app.run_worker(
            self._drain, name="recovery", group="recovery", thread=True, exit_on_error=False
        )

    def _drain(self) -> None:
        while True:
            with self._write_lock:
                with self._queue_lock:
                    job, self._queued = self._queued, _IDLE
                    if job is _IDLE:
                        self._draining = False
                        return
                failure = self._write(job)
            if failure:  # told outside the lock: the UI thread may be waiting for it in flush
                self.app.call_from_thread(self._warn, failure)

    def flush(self) -> bool:
        """Write the current state now, on this thread (before the app exits); returns whether
        the unsaved work is now kept in the recovery file (or there is none)."""
        if not self.settled:
            return True  # the earlier work is still in the file, untouched
        job = self._job()
        with self._write_lock:
            with self._queue_lock:
                self._queued = _IDLE  # older than `job`
            failure = self._write(job)
        if failure:
            self._warn(failure)
        return failure is None

    def _write(self, job: object) -> str | None:
        """Do one job; a failure comes back as what to tell the user."""
        try:
            if isinstance(job, _Warm):
                self._writer.warm(job.snapshot)
            elif isinstance(job, store.Snapshot):
                self._writer.write(job)
            elif isinstance(job, Path):
                store.clear_recovery(job)
        except Exception as exc:  # the writer must never take the editor down, nor fail unseen
            if isinstance(job, _Warm):
                return None  # nothing was to be kept; a real write will say what fails
            where = store.recovery_path(self.root)
            return f"Cannot keep unsaved work in {where}: {exc}. Save often (ctrl+s)."
        return None

    def _warn(self, message: str) -> None:
        if not self._warned:  # once: a folder that cannot be written stays so
            self._warned = True
            self.app.notify(message, severity="error", timeout=15, markup=False)

    # --- offered back at start ---------------------------------------------------------------

    def offer(self) -> None:
        """Offer the unsaved work kept for this workspace by an earlier session."""
        owner = store.recovery_owner(self.root)
        if owner is not None:
            self.app.notify(
                f"This map is open in another backmap editor (pid {owner}); its unsaved work "
                "stays with it, and this window keeps none of its own: save often (ctrl+s).",
                severity="warning",
                timeout=15,
                markup=False,
            )
            self._warned = True  # said once, here: each write would say it again
            return
        found = store.read_recovery(self.root)
        if found is None:
            return
        if not found.texts:  # everything in it was saved after all
            store.clear_recovery(self.root)
            return
        self.settled = False
        self._ask(found)

    def _ask(self, found: store.Recovered) -> None:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(found.saved_at))
        names = self._names(found.texts)

        def answer(choice: str | None) -> None:
            if choice == "restore":
                changed = found.changed_since()
                if changed:
                    self._ask_over(found, changed)
                else:
                    self._restore(found.texts)
            elif choice == "discard":
                store.clear_recovery(self.root)
                self.settled = True
                self.app.notify(f"Discarded the unsaved work in {names}", markup=False)

        what = _what(store.unsaved(self.app.workspace, found.texts))
        question = f"Unsaved work from {when} was found for {names}{what}.\nRestore it?"
        self.app.push_screen(RestoreQuestion.first(question), answer)

    def _ask_over(self, found: store.Recovered, changed: list[Path]) -> None:
        names = self._names(changed)

        def answer(choice: str | None) -> None:
            if choice == "over":
                self._restore(found.texts)
            elif choice == "keep":
                kept = {p: t for p, t in found.texts.items() if p not in changed}
                self._restore(kept, dropped=changed)
            else:
                self._ask(found)  # back to the first question

        question = (
            f"{names} changed on disk since then (a git pull?).\n"
            "Restore your version over it (what changed on disk is dropped), "
            "or keep the disk version (your unsaved work in it is dropped)?"
        )
        self.app.push_screen(RestoreQuestion.over(question), answer)

    def _restore(self, texts: dict[Path, str], dropped: Sequence[Path] = ()) -> None:
        app = self.app
        used = {path.resolve() for path in store.restore(app.workspace, texts)}
        skipped = [path for path in texts if path.resolve() not in used]
        unusable = f"{self._names(skipped)} could not be restored (no longer in this workspace, "
        unusable += "or no longer a valid map)"
        if texts and not used:
            where = store.recovery_path(self.root)
            app.notify(
                f"{unusable}; the work is left in {where}",
                severity="error",
                timeout=15,
                markup=False,
            )
            return
        self.settled = True
        said = []
        if used:
            app.history.mark_unsaved()
            app.after_change()  # this also rewrites the recovery file from what is now shown
            app.query_one(MapTree).open_as_new()  # the restored map opens as a map opens
            said.append(f"Restored unsaved work in {self._names(used)}; save with ctrl+s")
        else:
            store.clear_recovery(self.root)
        if dropped:
            said.append(f"Kept the disk version of {self._names(dropped)}")
        if skipped:
            said.append(unusable)
        app.notify(". ".join(said), timeout=10, markup=False)

    def _names(self, paths: Iterable[Path]) -> str:
        """Files as the user knows them: relative to the workspace's folder."""
        base = self.root if self.root.is_dir() else self.root.parent
        shown = []
        for path in sorted(paths):
            try:
                shown.append(str(path.resolve().relative_to(base.resolve())))
            except ValueError:
                shown.append(str(path))
        return ", ".join(shown) or "no files"


def leave(app: BackmapApp) -> None:
    """Every way out (q, ctrl+q, ctrl+c, the palette) ends here: with unsaved work, keep it in
    the recovery file first, then ask."""
    if isinstance(app.screen, QuitQuestion):
        return  # already asking
    if not app.history.dirty:
        app.recovery.flush()
        app.exit()
        return
    kept = app.recovery.flush()  # a crash while the question is open loses nothing

    def answer(quit_anyway: bool | None) -> None:
        if quit_anyway:
            app.recovery.flush()
            app.exit()

    app.push_screen(QuitQuestion(kept), answer)


SHOWN_IDS = 3
"""Ids named per kind of change in the restore question; the rest are counted."""


def _what(found: store.Unsaved | None) -> str:
    """': 1 node added (fewer-falls), 2 changed (safe, calm)': what a restore brings back."""
    if not found:
        return ""
    parts: list[str] = []
    for ids, verb in (
        (found.added, "added"),
        (found.changed, "changed"),
        (found.removed, "removed"),
    ):
        if ids:
            named = ", ".join(ids[:SHOWN_IDS]) + (
                f" and {len(ids) - SHOWN_IDS} more" if len(ids) > SHOWN_IDS else ""
            )
            count = plural(len(ids), "node") if not parts else str(len(ids))
            parts.append(f"{count} {verb} ({named})")
    return ": " + ", ".join(parts)
