"""The real `backmap edit` in a real terminal (tmux): start, move, rename, save, quit."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import MAPS

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.slow,  # a real editor process in a real terminal
]


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def _sessions() -> str:
    # With no session left, tmux's server exits and `ls` fails: that means none.
    return subprocess.run(["tmux", "ls"], capture_output=True, text=True).stdout


PATIENCE = 60.0
"""Seconds to wait for the screen to reach a state: a bound for a busy machine, never a pause."""


def until(what: str, done: Callable[[], object], timeout: float = PATIENCE) -> None:
    """Poll until `done()` is true; fail after `timeout` saying `what` never happened."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} never happened")
        time.sleep(0.05)


def until_screen(
    session: str, what: str, done: Callable[[str], object], timeout: float = PATIENCE
) -> str:
    """Poll the pane until `done` holds for what it shows; fail after `timeout` with the last
    screen."""
    shown = [""]

    def check() -> object:
        shown[0] = tmux("capture-pane", "-t", session, "-p")
        return done(shown[0])

    try:
        until(what, check, timeout)
    except AssertionError as exc:
        raise AssertionError(f"{exc}; screen was:\n{shown[0]}") from None
    return shown[0]


def wait_for(session: str, text: str, timeout: float = PATIENCE) -> str:
    return until_screen(session, f"{text!r} showing", lambda screen: text in screen, timeout)


def type_into_input(session: str, text: str) -> str:
    """Replace what the dialog's input holds with `text`, and wait until it shows exactly that.

    A dialog is drawn a moment before its input takes the focus, and keys typed before then
    are dropped (nothing else on a dialog takes letters), all or the first few. Clearing and
    typing again until the input shows the text gives the same end whichever it was, and
    however many tries are still queued: each ends with exactly the text."""
    exactly = re.compile(rf"▊ +{re.escape(text)} +▎")
    deadline = time.monotonic() + PATIENCE
    while True:
        # Keys one group at a time, text literally: a burst would read as a paste.
        tmux("send-keys", "-t", session, "C-u")
        tmux("send-keys", "-t", session, "-l", text)
        left = deadline - time.monotonic()
        try:
            return until_screen(
                session, f"the input holding {text!r}", exactly.search, min(2.0, left)
            )
        except AssertionError:
            if time.monotonic() > deadline:
                raise


def ready(session: str) -> str:
    """Wait until the editor is drawn: the map and the status line beneath it."""
    wait_for(session, "Employees are happy")
    return wait_for(session, "focus: map")


def press(session: str, key: str, then: str, tries: int = 3) -> str:
    """Send `key` until `then` shows: on a busy machine a key can still arrive while the
    screen is being set up. Only for keys whose repeat is harmless once `then` is showing."""
    for attempt in range(tries):
        tmux("send-keys", "-t", session, key)
        try:
            return wait_for(session, then, timeout=5.0 if attempt < tries - 1 else PATIENCE)
        except AssertionError:
            if attempt == tries - 1:
                raise
    raise AssertionError("unreachable")


def test_edit_in_tmux(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    shutil.copy(MAPS / "ideal-group.yaml", path)
    session = f"backmap-smoke-{time.monotonic_ns()}"
    # A tmux server already running would give the editor its own environment: name ours.
    code = shlex.quote(os.environ.get("PYTHONPATH", ""))
    command = f"env PYTHONPATH={code} {sys.executable} -m backmap edit --map {path}"
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "36", command)
    try:
        ready(session)
        wait_for(session, "outcome · happy")
        press(session, "r", "Rename “Employees are happy”")
        type_into_input(session, "Everyone is happy")
        tmux("send-keys", "-t", session, "Enter")
        wait_for(session, "● The ideal data-science group")
        tmux("send-keys", "-t", session, "C-s")
        wait_for(session, "Saved")
        tmux("send-keys", "-t", session, "q")
        until("the editor's end", lambda: session not in _sessions())
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    assert "    title: Everyone is happy\n" in path.read_text()
