"""Ctrl-C on a real terminal: a check-in round keeps the answers given, a question says it
cancelled. Each runs `python -m backmap` in a child process on a pseudo-terminal."""

from __future__ import annotations

import os
import pty
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from tests.cli.test_checkin import MAP
from tests.cli.test_process import _interruptible, _read_until
from tests.conftest import MAPS, cli_env

from backmap import checkins, store


def _interrupt_after(
    args: list[str], typed: list[tuple[bytes, bytes]], wait: bytes
) -> tuple[int, bytes, bytes]:
    """Run backmap ARGS on a terminal; for each (prompt, answer) wait for the prompt on
    standard output and type the answer; then wait for `wait` and press Ctrl-C."""
    controller, terminal = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "backmap", *args],
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(),
        preexec_fn=_interruptible,
    )
    os.close(terminal)
    assert proc.stdout is not None and proc.stderr is not None
    seen = {proc.stdout: b"", proc.stderr: b""}
    try:
        for prompt, answer in typed:
            seen[proc.stdout] += _read_until(proc.stdout, prompt)
            os.write(controller, answer)
        stream = proc.stdout if wait.endswith(b": ") else proc.stderr
        seen[stream] += _read_until(stream, wait)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
        os.close(controller)
    return proc.returncode, seen[proc.stdout] + out, seen[proc.stderr] + err


def test_ctrl_c_in_a_round_keeps_the_items_answered(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP)
    args = ["checkin", "--owner", "dana", "--map", str(path), "--date", "2026-11-30"]
    # Item 1 (calm): health, note. Item 2 (quiet-hours): progress answered, then Ctrl-C.
    typed = [(b"health (on/at/off-track): ", b"on\n"), (b"note: ", b"\n")]
    code, out, err = _interrupt_after(args, [*typed, (b"progress [20]: ", b"30\n")], b"]: ")
    assert code == 130, err
    assert b"Traceback" not in out + err
    assert b"interrupted: saved 1 item\n" in err
    ws = store.load(path)
    last = checkins.latest(ws, "calm")
    assert last is not None and last.line() == "2026-11-30 health=on-track"
    assert checkins.latest(ws, "quiet-hours").date.isoformat() == "2026-10-31"  # type: ignore[union-attr]


def test_ctrl_c_at_a_yes_no_question_says_it_cancelled(tmp_path: Path) -> None:
    path = tmp_path / "ideal.yaml"
    shutil.copy(MAPS / "ideal-group.yaml", path)
    before = path.read_bytes()
    code, out, err = _interrupt_after(["rm", "less-stress", "--map", str(path)], [], b"[y/N] ")
    assert code == 130
    assert err.endswith(b"[y/N] \ncancelled; nothing changed\n"), err
    assert b"Traceback" not in err and out == b""
    assert path.read_bytes() == before
