"""Saving files: one writer at a time, every file or none, through links, mode and owner kept."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from backmap.store.digests import MAX_BYTES, digest_of
from backmap.store.disk import read_regular, sync_folder, target_of, temps_in, write_temp
from backmap.store.lock import locked
from backmap.store.problems import Problem, SaveError
from backmap.store.stored import Origin


@dataclass
class Change:
    """One file to write: its name in the workspace, where that leads on disk, the new bytes."""

    path: Path
    origin: Origin | None
    data: bytes
    target: Path = Path()
    before: bytes | None = None
    """What the file held on disk, read under the lock: put back if the save fails midway."""
    like: os.stat_result | None = None
    tmp: Path | None = None


def write_all(changes: list[Change], force: bool) -> None:
    """Write every change or none; raise SaveError saying exactly what is on disk.

    Under the lock of every folder written into: leftovers of killed saves are removed, each
    file is checked against what was loaded, every new text is written to a temporary file,
    and only then are the files replaced, in one short pass that is undone if it fails.
    """
    for change in changes:
        change.target = target_of(change.path)
    with ExitStack() as stack:
        try:
            for change in changes:
                if change.origin is None:  # a new file may start a new folder
                    change.target.parent.mkdir(parents=True, exist_ok=True)
            stack.enter_context(locked(c.target.parent for c in changes))
        except OSError as exc:
            raise SaveError(
                [Problem(changes[0].path, 0, 0, f"cannot lock its folder for saving: {_why(exc)}")]
            ) from None
        for folder in sorted({c.target.parent for c in changes}):
            # Under the lock no other save is running, so every temporary here is a leftover.
            for temp in temps_in(folder):
                with contextlib.suppress(OSError):
                    temp.unlink()
        refusals = [(c, r) for c in changes if (r := _refusal(c, force)) is not None]
        if refusals:
            conflicts = [c.path for c, (_, conflict) in refusals if conflict]
            raise SaveError([problem for _, (problem, _) in refusals], conflicts=conflicts)
        _stage(changes)
        _swap(changes)
    for folder in sorted({c.target.parent for c in changes}):
        sync_folder(folder)


def _why(exc: OSError) -> str:
    return str(exc.strerror or exc)


def _refusal(change: Change, force: bool) -> tuple[Problem, bool] | None:
    """Why this file must not be replaced now (read under the lock), and whether that is a
    conflict with a change on disk (which `force` overrides); None when it may be."""
    path, origin = change.path, change.origin
    try:
        change.like = os.stat(change.target)
    except FileNotFoundError:
        if origin is None or force:
            return None
        return Problem(
            path, 0, 0, "was deleted on disk since it was loaded; not saving over that"
        ), True
    except OSError as exc:
        return Problem(path, 0, 0, f"cannot read before saving: {_why(exc)}"), False
    try:
        change.before = read_regular(change.target, max(MAX_BYTES, change.like.st_size))
    except OSError as exc:
        return Problem(path, 0, 0, f"cannot read before saving: {_why(exc)}"), False
    if _read_only(change.like, change.target):
        mode = stat.S_IMODE(change.like.st_mode)
        return Problem(
            path,
            0,
            0,
            f"is read-only (mode {mode:04o}); not replacing it: "
            f"make it writable first (chmod u+w {path})",
        ), False
    if force:
        return None
    if origin is None:
        return Problem(path, 0, 0, "already exists on disk; not overwriting it"), True
    if digest_of(change.before) != origin.digest:
        return Problem(
            path,
            0,
            0,
            "changed on disk since it was loaded (a git pull or another editor?); "
            "not overwriting it",
        ), True
    return None


def _read_only(info: os.stat_result, target: Path) -> bool:
    """The owner may not write it, or we may not (root may write anything: ask the mode)."""
    if not info.st_mode & stat.S_IWUSR:
        return True
    return hasattr(os, "geteuid") and os.geteuid() != 0 and not os.access(target, os.W_OK)


def _stage(changes: list[Change]) -> None:
    """Every new text in a temporary file beside its target, or none at all."""
    for change in changes:
        try:
            change.tmp = write_temp(change.target, change.data, change.like)
        except OSError as exc:
            _drop_temps(changes)
            raise SaveError([_unwritable(change, exc)]) from None


def _unwritable(change: Change, exc: OSError) -> Problem:
    """A failed write, at no line: the folder when it refused the new file, else the file."""
    folder = change.path.parent
    refused = Path(exc.filename) if isinstance(exc.filename, str) else None
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) and (
        refused is None or refused.parent == change.target.parent
    ):
        return Problem(
            folder,
            0,
            0,
            f"cannot write in the folder {folder} ({_why(exc)}) to save {change.path.name}: "
            f"make the folder writable (chmod u+w {folder}) and run again; nothing was changed",
        )
    return Problem(change.path, 0, 0, f"cannot write: {_why(exc)}; no file was changed on disk")


def _drop_temps(changes: list[Change]) -> None:
    for change in changes:
        if change.tmp is not None:
            with contextlib.suppress(OSError):
                change.tmp.unlink()
            change.tmp = None


def _swap(changes: list[Change]) -> None:
    """Replace each file by its temporary; if one fails, put back the ones already replaced."""
    for done, change in enumerate(changes):
        assert change.tmp is not None
        try:
            os.replace(change.tmp, change.target)
        except OSError as exc:
            _drop_temps(changes)
            failed = Problem(change.path, 0, 0, f"cannot replace the file: {_why(exc)}")
            raise _rolled_back(changes[:done], failed) from None
        change.tmp = None


def _rolled_back(replaced: list[Change], failed: Problem) -> SaveError:
    """Put the old bytes back into files already replaced; the error says what is on disk."""
    still_new: list[Path] = []
    problems = []
    for change in reversed(replaced):
        try:
            if change.before is None:
                change.target.unlink()
            else:
                change.tmp = write_temp(change.target, change.before, change.like)
                os.replace(change.tmp, change.target)
                change.tmp = None
        except OSError as exc:
            _drop_temps([change])
            still_new.append(change.path)
            problems.append(
                Problem(
                    change.path,
                    0,
                    0,
                    f"holds the NEW text: putting the old one back failed ({_why(exc)})",
                )
            )
    if still_new:
        kept = "; every other file is as it was"
    elif replaced:
        kept = f"; the {len(replaced)} file(s) already replaced were put back: no file changed"
    else:
        kept = "; no file was changed on disk"
    problems.append(Problem(failed.path, failed.line, failed.col, failed.message + kept))
    return SaveError(problems, written=still_new)
