"""Work set aside for a helper process: forked early, handed its input later, its result read
when it is needed.

A one-shot `check` has two cores to use and one rule (the near-duplicate comparison) as slow
as all the others together, needing only the titles. A helper forked before the map is
loaded shares almost nothing with the big process this one becomes (a fork of a big process
would copy every page either of them touches), gets the titles through a pipe, and compares
them while this process builds the graph and runs the other rules.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from backmap import collector

R = TypeVar("R")


class Helper(Generic[R]):
    """A helper process that runs `work` once, on the arguments `start` sends it.

    Where no helper can be had (no fork, one core, other threads running, whose locks a fork
    would copy held), or it fails, `work` runs here when its result is asked for: the result
    is the same either way. `work` must only compute: the helper shares open files.
    """

    def __init__(self, work: Callable[..., R]) -> None:
        self.work = work
        self.pid = 0
        self._send = self._receive = -1
        if not _may_fork():
            return
        try:
            to_helper, from_helper = os.pipe(), os.pipe()
        except OSError:
            return
        try:
            pid = os.fork()
        except OSError:
            for end in (*to_helper, *from_helper):
                os.close(end)
            return
        if pid == 0:  # pragma: no cover  (the helper: coverage does not follow it)
            os.close(to_helper[1])
            os.close(from_helper[0])
            _serve(work, to_helper[0], from_helper[1])
        os.close(to_helper[0])
        os.close(from_helper[1])
        self.pid, self._send, self._receive = pid, to_helper[1], from_helper[0]

    def start(self, *args: Any) -> Callable[[], R]:
        """Hand the helper its arguments; returns what waits for (or works out) the result."""
        done: list[R] = []
        if self.pid and self._send >= 0:
            try:
                with os.fdopen(self._send, "wb") as out:
                    self._send = -1
                    out.write(pickle.dumps(args, protocol=pickle.HIGHEST_PROTOCOL))
            except OSError:
                pass  # the helper is gone: the result is worked out here

        def result() -> R:
            if not done:
                done.append(self._collect(args))
            return done[0]

        return result

    def close(self) -> None:
        """Let the helper go if it was never started (it leaves on the end of its input)."""
        for end in (self._send, self._receive):
            if end >= 0:
                os.close(end)
        self._send = self._receive = -1
        if self.pid:
            os.waitpid(self.pid, 0)
            self.pid = 0

    def _collect(self, args: tuple[Any, ...]) -> R:
        data = b""
        if self._receive >= 0:
            with os.fdopen(self._receive, "rb") as source:
                self._receive = -1
                data = source.read()
        status = 1
        if self.pid:
            _, status = os.waitpid(self.pid, 0)
            self.pid = 0
        if status != 0 or not data:
            return self.work(*args)
        result: R = pickle.loads(data)
        return result


def _may_fork() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


def _serve(work: Callable[..., Any], source: int, sink: int) -> None:  # pragma: no cover
    """The helper's whole life: wait for arguments, work, send the result, and leave without
    running exit handlers or flushing the buffers it inherited (those are the parent's)."""
    code = 1
    try:
        with os.fdopen(source, "rb") as given:
            data = given.read()
        if data:
            # What it makes dies with it: a collection would only walk the parent's objects.
            with collector.paused():
                found = work(*pickle.loads(data))
            result = pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(sink, "wb") as out:
                out.write(result)
        code = 0
    except BaseException:
        pass  # any failure: the parent does the work itself
    finally:
        os._exit(code)
