"""How a one-shot command's process ends: at once, without freeing what the command made.

Freeing a loaded map object by object, then every module, is work nobody waits for: a tenth
of a second at 50,000 nodes. A command that made something big hands it to `outlive`; `cli.run`
then freezes it out of the collector's passes, and `leave` ends the process after its output
is written, as mypy's does. Only the process's own command line ends so; `main(argv)` called
with a list (tests, scripts) returns as usual.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import NoReturn

from backmap import collector

_KEPT: list[object] = []


def outlive(*objects: object) -> None:
    """Keep `objects` until the command ends, so that they are not freed on the way."""
    _KEPT.extend(objects)


def kept() -> bool:
    """Whether the command handed anything to `outlive` (only those end with `leave`)."""
    return bool(_KEPT)


def release() -> None:
    """Let go of what `outlive` kept (a command run in-process, which returns), and give the
    collector back what `cli.run` froze with it."""
    if _KEPT:
        _KEPT.clear()
        collector.unfreeze()


def leave(code: int) -> NoReturn:
    """End the process with `code` once its output is written, running no clean-up."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader that left, a closed stream
            stream.flush()
    os._exit(code)
