"""Work set aside in a helper process: started early, its result read when it is needed.

A one-shot `check` has two cores to use and one rule (the near-duplicate comparison) as slow
as all the others together, and needing nothing they make: a forked copy of the process
works it out while this one builds the graph and runs the rest.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def aside(work: Callable[[], T]) -> Callable[[], T]:
    """Start `work` in a forked helper process; returns what waits for its result.

    Where that cannot be (no fork, one core, other threads running, whose locks a fork would
    copy held), or the helper fails, `work` runs here when its result is asked for: the
    result is the same either way. `work` must only compute: the helper shares open files.
    """
    if not _may_fork():
        return work
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return work
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return work
    if pid == 0:  # pragma: no cover  (the helper: coverage does not follow it)
        _serve(work, read_end, write_end)
    os.close(write_end)
    done: list[T] = []

    def result() -> T:
        if not done:
            done.append(_collect(work, pid, read_end))
        return done[0]

    return result


def _may_fork() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


def _serve(work: Callable[[], T], read_end: int, write_end: int) -> None:  # pragma: no cover
    """The helper's whole life: work, send the result, leave without running exit handlers
    or flushing the buffers it inherited (those are the parent's to write)."""
    code = 1
    try:
        os.close(read_end)
        data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as out:
            out.write(data)
        code = 0
    except BaseException:
        pass
    finally:
        os._exit(code)


def _collect(work: Callable[[], T], pid: int, read_end: int) -> T:
    """The helper's result, or the work done here when it sent none."""
    with os.fdopen(read_end, "rb") as source:
        data = source.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return work()
    result: T = pickle.loads(data)
    return result
