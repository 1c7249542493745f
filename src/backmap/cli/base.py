"""What every command module builds on: exit codes, the options all commands get, and stopping
with a message."""

from __future__ import annotations

import argparse
import sys

OK, FINDINGS, USAGE = 0, 1, 2
INTERRUPTED = 130
"""Exit code of a command stopped by Ctrl-C (128 + SIGINT), as shells report it."""


class Options(argparse.Namespace):
    """What every command is given: its name and the common options. Each command module
    declares a subclass naming the options it registers (tests/cli/test_help.py checks)."""

    command: str
    map: str | None
    color: str


class Fail(Exception):
    """Stop the command with an exit code; the message was already printed."""

    def __init__(self, code: int = USAGE) -> None:
        self.code = code


def error(message: str) -> Fail:
    """Print `message` as one `backmap: error:` line; the Fail to raise (exit code 2)."""
    print(f"backmap: error: {one_line(message)}", file=sys.stderr)
    return Fail()


def one_line(text: str) -> str:
    """`text` with its line breaks shown as \\n: an id or an idea typed with a newline in it
    must not split the one line a person or a tool reads the message from."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def print_problems(exc: Exception) -> None:
    """Print each problem of a load or save error on its own line, and what to do on a conflict."""
    for problem in getattr(exc, "problems", []):
        print(problem, file=sys.stderr)
    if getattr(exc, "conflicts", None):  # each command reads the files afresh when it starts
        print("check `git status`, then run the command again to redo it", file=sys.stderr)
