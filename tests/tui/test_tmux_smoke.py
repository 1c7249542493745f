"""The real `backmap edit` in a real terminal (tmux): start, move, rename, save, quit."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.conftest import MAPS

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def _sessions() -> str:
    # With no session left, tmux's server exits and `ls` fails: that means none.
    return subprocess.run(["tmux", "ls"], capture_output=True, text=True).stdout


def wait_for(session: str, text: str, timeout: float = 15.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-t", session, "-p")
        if text in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared; screen was:\n{screen}")


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
            return wait_for(session, then, timeout=5.0 if attempt < tries - 1 else 15.0)
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
        time.sleep(0.5)  # the dialog is drawn a moment before its input takes the focus
        # Keys one group at a time, text literally: a burst would read as a paste.
        tmux("send-keys", "-t", session, "C-u")
        tmux("send-keys", "-t", session, "-l", "Everyone is happy")
        wait_for(session, "Everyone is happy")
        tmux("send-keys", "-t", session, "Enter")
        wait_for(session, "● The ideal data-science group")
        tmux("send-keys", "-t", session, "C-s")
        wait_for(session, "Saved")
        tmux("send-keys", "-t", session, "q")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and session in _sessions():
            time.sleep(0.1)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    assert "    title: Everyone is happy\n" in path.read_text()
