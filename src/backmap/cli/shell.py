"""What every command shares: finding and loading the workspace, refusing, saving, asking."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backmap.model import Workspace

OK, FINDINGS, USAGE = 0, 1, 2


class Fail(Exception):
    """Stop the command with an exit code; the message was already printed."""

    def __init__(self, code: int = USAGE) -> None:
        self.code = code


def error(message: str) -> Fail:
    print(f"backmap: error: {message}", file=sys.stderr)
    return Fail()


def open_workspace(args: argparse.Namespace) -> Workspace:
    """Find and load the workspace, or print why not and stop with exit code 2."""
    from backmap import store

    try:
        root = store.find_root(args.map)
        workspace = store.load(root)
    except store.NoWorkspace as exc:
        raise error(str(exc)) from None
    except store.LoadError as exc:
        print_problems(exc)
        count = len(exc.problems)
        print(
            f"{count} problem{'s' * (count != 1)} in the map; nothing was changed", file=sys.stderr
        )
        raise Fail() from None
    if args.command != "edit":  # one-shot: the map lives until exit; collections need not
        gc.freeze()  # walk it (seconds at 100k nodes). The editor reloads, so never there.
    return workspace


def print_problems(exc: Exception) -> None:
    for problem in getattr(exc, "problems", []):
        print(problem, file=sys.stderr)
    if getattr(exc, "conflicts", None):  # each command reads the files afresh when it starts
        print("check `git status`, then run the command again to redo it", file=sys.stderr)


def apply_and_save(ws: Workspace, build: Callable[[], Any]) -> Any:
    """Build an edit, apply it, save; print the reason and stop with 2 if any step refuses."""
    from backmap import edits, store

    try:
        edit = build()
    except edits.EditError as exc:
        raise error(str(exc)) from None
    edit.apply(ws)
    try:
        written = store.save(ws)
    except store.SaveError as exc:
        print_problems(exc)
        if exc.written:
            print(f"saved in part: {', '.join(map(str, exc.written))}", file=sys.stderr)
        else:
            print("nothing was saved", file=sys.stderr)
        raise Fail() from None
    where = ", ".join(str(p) for p in written) or "no file changed"
    print(f"{edit.summary} ({where})", file=sys.stderr)
    return edit


def require_node(ws: Workspace, node_id: str) -> None:
    from backmap.edits import EditError, require

    try:
        require(ws, node_id)
    except EditError as exc:
        raise error(str(exc)) from None


def parse_date(text: str) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2027-03-31") from None


def check_config(args: argparse.Namespace, root: Path) -> Any:
    from backmap.checks import ConfigError, Severity, load_config
    from backmap.checks.config import parse_codes

    try:
        config = load_config(root)
        select = parse_codes(args.select) if getattr(args, "select", None) else None
        ignore = parse_codes(args.ignore) if getattr(args, "ignore", None) else None
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        raise Fail() from None
    except ValueError as exc:
        raise error(str(exc)) from None
    return config.with_overrides(
        select=select,
        ignore=ignore,
        fail_on=Severity.parse(args.fail_on) if getattr(args, "fail_on", None) else None,
        today=getattr(args, "today", None),
    )


def confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        raise error(f"{question} Not asked: no terminal to ask on; pass --yes to attach")
    try:
        reply = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return reply.strip().lower() in ("y", "yes")
