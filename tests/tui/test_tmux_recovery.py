"""The real editor in a real terminal (tmux): ctrl+c asks, kill -9 loses nothing, a pull is seen."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest
from tests.conftest import MAPS

from backmap import store

from .test_tmux_smoke import _sessions, press, ready, tmux, until, wait_for

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.slow,
]

PULLED = "  - id: pulled\n    kind: goal\n    title: Pulled from git\n    supports: [happy]\n"


def start(path: Path, name: str) -> str:
    session = f"backmap-{name}-{time.monotonic_ns()}"
    # A tmux server already running (another checkout's tests) would give the editor its own
    # environment, and so another copy of backmap: name this one's explicitly.
    code = shlex.quote(os.environ.get("PYTHONPATH", ""))
    command = f"env PYTHONPATH={code} {sys.executable} -m backmap edit --map {path}"
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "36", command)
    return session


def gone(session: str) -> bool:
    return session not in _sessions()


def test_ctrl_c_asks_and_a_killed_editor_offers_its_work_without_dropping_a_pull(
    tmp_path: Path,
) -> None:
    path = tmp_path / "map.yaml"
    shutil.copy(MAPS / "ideal-group.yaml", path)
    original = path.read_text()
    recovery = store.recovery_path(path)
    session = start(path, "crash")
    try:
        ready(session)
        # The details pane shows the highlighted node once the tree is mounted and has focus.
        wait_for(session, "outcome · happy")
        press(session, "d", "Delete “Employees are happy”?")
        tmux("send-keys", "-t", session, "y")
        wait_for(session, "● The ideal data-science group")
        until("the recovery file", recovery.exists)
        tmux("send-keys", "-t", session, "C-c")
        wait_for(session, "Quit without saving?")
        tmux("send-keys", "-t", session, "n")
        until("the question closing", lambda: "Quit without saving?" not in _screen(session))
        pid = int(tmux("display", "-p", "-t", session, "#{pane_pid}").strip())
        os.kill(pid, signal.SIGKILL)
        until("the editor's end", lambda: gone(session))
    finally:
        tmux_quietly("kill-session", "-t", session)
    assert path.read_text() == original
    path.write_text(original + PULLED)  # a git pull after the crash

    session = start(path, "reopen")
    try:
        wait_for(session, "found for map.yaml")
        tmux("send-keys", "-t", session, "r")
        wait_for(session, "map.yaml changed on disk since then")
        tmux("send-keys", "-t", session, "k")
        wait_for(session, "Kept the disk version of map.yaml")
        tmux("send-keys", "-t", session, "C-q")  # nothing unsaved: leaves at once
        until("the editor's end", lambda: gone(session))
    finally:
        tmux_quietly("kill-session", "-t", session)
    assert path.read_text() == original + PULLED
    assert not recovery.exists()


def _screen(session: str) -> str:
    return tmux("capture-pane", "-t", session, "-p")


def tmux_quietly(*args: str) -> None:
    import subprocess

    subprocess.run(["tmux", *args], capture_output=True)
