"""A temporary pause of the cyclic garbage collector, for work that makes many objects at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cycle collector, and restore it afterwards.

    Loading a map or building a drawing makes millions of small objects that all live on and
    form no cycles, so collections on the way find nothing and cost a quarter of the time. Only
    a pause: freezing what was made out of later collections is the caller's choice (a one-shot
    command may; an editor that reloads must not, or every old map stays).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def freeze() -> None:
    """Keep everything made so far out of the collector's passes, for good: for a one-shot
    command whose objects live until its process ends (`cli.run`), and once as the editor
    starts (what it loaded lives all session; a reload frees the old map by reference count).
    Never the core, and never per load."""
    gc.freeze()


def unfreeze() -> None:
    """Give the collector back what `freeze` kept out (a command run in-process returned)."""
    gc.unfreeze()
