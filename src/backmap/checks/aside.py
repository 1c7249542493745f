"""Work set aside for a helper process: forked early, handed its input later, its result read
when it is needed.

A one-shot `check` has two cores to use and one rule (the near-duplicate comparison) as slow
as all the others together, needing only the titles. A helper forked before the map is
loaded shares almost nothing with the big process this one becomes (a fork of a big process
would copy every page either of them touches), gets the titles through a pipe, and compares
them while this process builds the graph and runs the other rules.

A helper may also work `Ahead`: guess its arguments (it can read the map files itself) and
work on the guess while this process loads the map. It is then handed only a digest of the
arguments, which says whether the guess holds; where it does not, this process does the work.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from backmap import collector

R = TypeVar("R")


@dataclass(frozen=True)
class Ahead(Generic[R]):
    """Work a helper does before it is handed its arguments, on a guess of them."""

    guess: Callable[[], Callable[..., R | None]]
    """Run in the helper as soon as it is forked: works on its guess, and returns what tells,
    from the brief of the real arguments, the result (or None: the guess does not hold)."""
    brief: Callable[..., tuple[Any, ...]]
    """What the helper is handed instead of the arguments: a few bytes that tell them apart
    (a digest), so that handing them never waits on the helper's work ahead."""


class Helper(Generic[R]):
    """A helper process that runs `work` once, on the arguments `start` sends it.

    Where no helper can be had (no fork, one core, other threads running, whose locks a fork
    would copy held), or it fails, `work` runs here when its result is asked for: the result
    is the same either way. `work` must only compute: the helper shares open files. So must
    `ahead`'s guess; it writes nothing either, as a helper never started is stopped at once.
    """

    def __init__(
        self, work: Callable[..., R], ahead: Ahead[R] | None = None, *, shares: bool = False
    ) -> None:
        """`shares`: the helper is forked to share what this process holds (a loaded map);
        otherwise it is forked only while this process is small (see SMALL_PROCESS)."""
        self.work = work
        self.ahead = ahead
        self.pid = 0
        self._send = self._receive = -1
        if not _may_fork() or not (shares or _is_small()):
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
            _serve(work, ahead, to_helper[0], from_helper[1])
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
                    sent = args if self.ahead is None else self.ahead.brief(*args)
                    out.write(pickle.dumps(sent, protocol=pickle.HIGHEST_PROTOCOL))
            except OSError:
                pass  # the helper is gone: the result is worked out here

        def result() -> R:
            if not done:
                done.append(self._collect(args))
            return done[0]

        return result

    def close(self) -> None:
        """Let the helper go if it was never started: it leaves on the end of its input, or is
        stopped while it works ahead (nothing it would find is wanted)."""
        if self.pid and self._send >= 0 and self.ahead is not None:
            with contextlib.suppress(OSError):  # it left already
                os.kill(self.pid, signal.SIGKILL)
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
    """Whether a helper can be forked here: fork exists, there are two cores, no other thread
    runs (a fork copies the locks it holds)."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


SMALL_PROCESS = 300 * 2**20
"""The most memory a process may have used and still fork a helper before loading a map:
a fresh command uses a tenth of it. A process that is already big (a program that runs
commands in-process, one after another) copies its page tables at each fork, and then
every page either side writes: more than the helper saves."""


def _is_small() -> bool:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB (bytes on macOS)
    return peak * (1 if sys.platform == "darwin" else 1024) < SMALL_PROCESS


def _serve(
    work: Callable[..., Any], ahead: Ahead[Any] | None, source: int, sink: int
) -> None:  # pragma: no cover
    """The helper's whole life: work ahead, wait for arguments, work, send the result, and
    leave without running exit handlers or flushing the buffers it inherited (the parent's).
    Working ahead, it is handed a brief of the arguments: when its guess does not hold, it
    leaves without a result, and the parent does the work."""
    code = 1
    try:
        # What it makes dies with it: a collection would only walk the parent's objects.
        with collector.paused():
            ready = work if ahead is None else ahead.guess()
        with os.fdopen(source, "rb") as given:
            data = given.read()
        if data:
            with collector.paused():
                found = ready(*pickle.loads(data))
            if found is None and ahead is not None:
                os._exit(1)  # the guess does not hold
            result = pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(sink, "wb") as out:
                out.write(result)
        code = 0
    except BaseException:
        pass  # any failure: the parent does the work itself
    finally:
        os._exit(code)
