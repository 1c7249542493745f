"""Writers take turns: an exclusive, advisory lock on every folder a save writes into.

On POSIX the lock is `flock` on the folder itself, so no lock file is left in the user's
repository. Windows cannot lock a folder; there the lock is a hidden `.backmap.lock` file in it
(which discover never reads). The operating system drops a lock when its process ends, so a
killed save never leaves a folder locked.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

LOCK_NAME = ".backmap.lock"
"""The lock file's name, on Windows only."""

WAIT_SECONDS = 30.0


class LockTimeout(OSError):
    """Another process held a folder's lock for longer than we are willing to wait."""


if sys.platform == "win32":
    import msvcrt

    def _open(folder: Path) -> int:
        return os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o666)

    def _try(fd: int) -> bool:
        """Take the lock on `fd` if it is free; never waits."""
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _release(fd: int) -> None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        finally:
            os.close(fd)

else:
    import fcntl

    _NO_LOCKS = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EINVAL}

    def _open(folder: Path) -> int:
        return os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))

    def _try(fd: int) -> bool:
        """Take the lock on `fd` if it is free; never waits."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as exc:
            # Some network file systems have no locks: saving unserialised beats not saving.
            if exc.errno in _NO_LOCKS:
                return True
            raise
        return True

    def _release(fd: int) -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


@contextmanager
def _one(folder: Path, wait: float) -> Iterator[None]:
    fd = _open(folder)
    try:
        deadline = time.monotonic() + wait
        pause = 0.005
        # Polling rather than a blocking call, so that a stuck holder becomes a clear error.
        while not _try(fd):
            if time.monotonic() >= deadline:
                raise LockTimeout(
                    0,
                    f"another backmap has been saving into {folder} for {wait:.0f} s; nothing "
                    "was written: when that one has finished (or is stopped), save again",
                )
            time.sleep(pause)
            pause = min(pause * 2, 0.1)
    except BaseException:
        os.close(fd)
        raise
    try:
        yield
    finally:
        _release(fd)


@contextmanager
def locked(folders: Iterable[Path], wait: float | None = None) -> Iterator[None]:
    """Hold the lock of every folder; always taken in the same order, so two savers never deadlock.

    Raises OSError (LockTimeout after `wait` seconds) when a lock cannot be had.
    """
    with ExitStack() as stack:
        for folder in sorted({Path(os.path.realpath(f)) for f in folders}):
            stack.enter_context(_one(folder, WAIT_SECONDS if wait is None else wait))
        yield


@contextmanager
def try_locked(folder: Path) -> Iterator[bool]:
    """Take a folder's lock only if it is free right now; yields whether it was taken."""
    try:
        fd = _open(folder)
    except OSError:
        yield False
        return
    if not _try(fd):
        os.close(fd)
        yield False
        return
    try:
        yield True
    finally:
        _release(fd)
