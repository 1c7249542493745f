"""`python -m backmap` in a child process, for what only a real process shows: exit codes through
the interpreter, a reader that leaves early, Ctrl-C at a question, escaping on real pipes.

Every other command test runs the same entry point in-process (tests/conftest.py: run_cli).
"""

from __future__ import annotations

import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import DATA, MAPS, cli_env, run_cli, run_process

PATIENCE = 30.0
"""Seconds to wait for a child to reach a state before failing (never slept: only a bound)."""


def test_exit_codes_through_the_interpreter() -> None:
    version = run_process("--version")
    assert version.code == 0 and version.out.startswith("backmap ")
    usage = run_process("add", "project", "X")
    assert usage.code == 2 and "invalid choice" in usage.err
    findings = run_process("check", "--map", str(DATA / "graph" / "cycle.yaml"))
    assert findings.code == 1 and findings.out
    broken = run_process("check", "--map", str(DATA / "bad" / "bad-kind.yaml"))
    assert broken.code == 2 and "bad-kind.yaml:5:11: error:" in broken.err
    assert "Traceback" not in usage.err + findings.err + broken.err


def test_in_process_runs_print_what_the_real_process_prints(tmp_path: Path) -> None:
    """run_cli stands in for the program: same bytes, same exit codes."""
    commands = [
        ("--help",),
        ("set", "--help"),
        ("add", "project", "X"),
        ("tree", "--map", str(MAPS / "org")),
        ("check", "--map", str(DATA / "graph" / "cycle.yaml")),
        ("check", "--map", str(DATA / "bad" / "several-mistakes.yaml")),
        ("export", "-f", "json", "-o", "-", "--map", str(MAPS / "ideal-group.yaml")),
    ]
    for args in commands:
        assert run_cli(*args) == run_process(*args), args
    shutil.copy(MAPS / "ideal-group.yaml", tmp_path / "backmap.yaml")
    assert run_cli("status", cwd=tmp_path) == run_process("status", cwd=tmp_path)
    # Answers piped to a question round, ending before the round does: nothing is written.
    round_ = ("checkin", "--owner", "dana", "--date", "2026-11-30")
    piped = run_cli(*round_, cwd=tmp_path, input="s\nlots\n")
    assert "stopped" in piped.out and piped == run_process(*round_, cwd=tmp_path, input="s\nlots\n")
    # A question asked on a terminal, answered no.
    rm = ("rm", "less-stress")
    asked = run_cli(*rm, cwd=tmp_path, input="n\n", terminal=True)
    assert "[y/N]" in asked.err and asked == run_process(
        *rm, cwd=tmp_path, input="n\n", terminal=True
    )


def test_a_reader_that_leaves_early_is_no_error() -> None:
    """`backmap tree | head`: output to a pipe nobody reads ends quietly with 0."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first line is written
    proc = subprocess.Popen(
        [sys.executable, "-m", "backmap", "tree", "--map", str(MAPS / "org")],
        stdout=write_end,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    os.close(write_end)
    _, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (0, "")


def test_ctrl_c_at_a_question_exits_130_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "ideal.yaml"
    shutil.copy(MAPS / "ideal-group.yaml", path)
    before = path.read_bytes()
    controller, terminal = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "backmap", "rm", "less-stress", "--map", str(path)],
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(),
        # A suite started in the background (`cmd &`) runs with SIGINT ignored, and a child
        # inherits that: give it the default a user's shell gives, or Ctrl-C never arrives.
        preexec_fn=_interruptible,
    )
    os.close(terminal)
    try:
        asked = _read_until(proc.stderr, b"[y/N] ")
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
        os.close(controller)
    assert proc.returncode == 130
    assert b"Traceback" not in asked + err and out == b""
    assert path.read_bytes() == before


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _read_until(stream, wanted: bytes) -> bytes:
    """What `stream` gives until it has ended with `wanted`."""
    seen = b""
    deadline = time.monotonic() + PATIENCE
    while not seen.endswith(wanted):
        left = deadline - time.monotonic()
        assert left > 0, f"never saw {wanted!r}; got {seen!r}"
        ready, _, _ = select.select([stream], [], [], left)
        if ready:
            chunk = os.read(stream.fileno(), 4096)
            assert chunk, f"the stream ended before {wanted!r}; got {seen!r}"
            seen += chunk
    return seen
