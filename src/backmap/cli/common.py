"""What every command shares: finding and loading the workspace, refusing, saving, asking."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backmap.plural import plural

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


def no_workspace(exc: Exception) -> str:
    """Why no map was opened, and the map files right here that --map would open."""
    nearby = getattr(exc, "nearby", [])
    if not nearby:
        return str(exc)
    names = ", ".join(str(p) for p in nearby[:3])
    first = nearby[0]
    return (
        f"no map here that backmap opens on its own; this folder holds {names}: pass "
        f"--map {first}, or set BACKMAP_MAP={first} for every command"
    )


def open_workspace(args: argparse.Namespace) -> Workspace:
    """Find and load the workspace, or print why not and stop with exit code 2."""
    from backmap import store

    try:
        root = store.find_root(args.map)
        workspace = store.load(root)
    except store.NoWorkspace as exc:
        raise error(no_workspace(exc)) from None
    except store.LoadError as exc:
        print_problems(exc)
        print(
            f"{plural(len(exc.problems), 'problem')} in the map; nothing was changed",
            file=sys.stderr,
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
    """Build an edit, apply it, save; print the reason and stop with 2 if any step refuses.

    An edit that would change nothing stops with 0 and says "nothing changed".
    """
    from backmap import edits, store

    try:
        edit = build()
    except edits.NothingChanged as exc:  # the same script run twice is not an error
        print(f"nothing changed: {exc}", file=sys.stderr)
        raise Fail(OK) from None
    except edits.EditError as exc:
        raise error(refusal(exc)) from None
    edit.apply(ws)
    before = {path: origin.text for path, origin in ws.origins.items()}
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
    _journal(ws, edit.summary, written, before)
    return edit


def _journal(ws: Workspace, summary: str, written: list[Path], before: dict[Path, str]) -> None:
    """Record a saved edit for `backmap undo`; the edit stands even if this fails."""
    from backmap.store import journal

    folder = state_dir()
    if folder is None:  # the journal is off: no diff of each written file to compute
        return
    changes = tuple(
        journal.Change.of(p, before[p], ws.origins[p].text) for p in written if p in before
    )
    if not changes:
        return
    try:
        journal.record(folder, ws.root, journal.Entry(summary, changes))
    except OSError as exc:
        print(
            f"note: saved, but `backmap undo` cannot take it back: cannot write the journal "
            f"in {folder}: {exc.strerror or exc}",
            file=sys.stderr,
        )


def state_dir() -> Path | None:
    """Where the command line keeps its journal: $BACKMAP_STATE_DIR ("off": nowhere), else the
    platform's folder for user state (~/.local/state on Linux) + "backmap"."""
    env = os.environ.get("BACKMAP_STATE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "off") else Path(env)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "backmap" / "State"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "backmap"
    return Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "backmap"


def refusal(exc: Exception) -> str:
    """A refused edit's reason, with the commands that get past it when the core names them."""
    from backmap.edits import KindOrderError

    text = str(exc)
    if not isinstance(exc, KindOrderError):
        return text
    if exc.links:
        shown = [f"backmap unlink {child} {parent}" for child, parent in exc.links[:3]]
        more = len(exc.links) - len(shown)
        text += ": " + "; ".join(shown) + (f" (and {plural(more, 'more link')})" if more else "")
    if exc.kind is not None:
        kind = exc.kind.value
        text += f"; `backmap set {exc.node_id} --kind {kind}` makes it a {kind}"
    return text


def text_among_ids(
    ws: Workspace, values: list[str], option: str, what: str, usage: str
) -> tuple[str, list[str]]:
    """`fit --attach GOAL "idea"`, `add goal -s ID "title"`: an option taking ids took the text
    given after it too. The text is the one value that is no id of the map; the rest are ids."""
    texts = [v for v in values if v not in ws]
    if len(texts) == 1:
        return texts[0], [v for v in values if v in ws]
    found = (
        f"every value after {option} is a node id"
        if not texts
        else f"{len(texts)} values after {option} are no node ids ({', '.join(texts)})"
    )
    raise error(f"which is the {what}? {found}. Give the {what} before {option}: {usage}")


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


def confirm(question: str, action: str) -> bool:
    """Ask on the terminal; with no terminal, refuse (exit 2) and say to pass --yes to `action`."""
    if not sys.stdin.isatty():
        raise error(f"{question} Not asked: no terminal to ask on; pass --yes to {action}")
    # The question goes with the other messages, so that standard output stays the result.
    print(f"{question} [y/N] ", end="", file=sys.stderr, flush=True)
    reply = sys.stdin.readline()  # "" at end of input: a no
    return reply.strip().lower() in ("y", "yes")
