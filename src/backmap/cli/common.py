"""What every command shares: finding and loading the workspace, refusing, saving, asking."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backmap.plural import plural

if TYPE_CHECKING:
    from backmap.model import Workspace

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


def no_workspace(exc: Any) -> str:
    """Why no map was opened, in the command line's words: the option or variable that named
    a missing path, or where backmap looked, the map files right here that --map would open,
    and how to start one."""
    from backmap.store.disk import DEFAULT_FILE, ENV_VAR

    by = f"${exc.named_by}" if exc.named_by else "--map"
    if exc.missing is not None:
        return f"{by} names {exc.missing}, which does not exist"
    if exc.beside is not None:
        folder = exc.beside.parent
        return (
            f"{exc.beside.name} is the {exc.beside.stem} file, not a map: point {by} at its "
            f"folder ({folder if str(folder) != '.' else '.'})"
        )
    if exc.nearby:
        names = ", ".join(str(p) for p in exc.nearby[:3])
        first = exc.nearby[0]
        return (
            f"no map here that backmap opens on its own; this folder holds {names}: pass "
            f"--map {first}, or set {ENV_VAR}={first} for every command"
        )
    looked = ", then ".join(f"./{p}" + ("/" if not p.suffix else "") for p in exc.looked_in)
    return (
        f"no map here: backmap looks for --map PATH, then ${ENV_VAR}, then {looked}. "
        f"Start one with `backmap new {DEFAULT_FILE}`"
    )


def open_workspace(args: Options) -> Workspace:
    """Find and load the workspace, or print why not and stop with exit code 2."""
    from backmap import store

    try:
        root = store.find_root(args.map)
        workspace = store.load(root)
    except store.NoWorkspace as exc:
        raise error(no_workspace(exc)) from None
    except store.LoadError as exc:
        print_problems(exc)
        if exc.empty_folder is not None:
            start = exc.empty_folder / "map.yaml"
            print(f"start one with `backmap new {start}`", file=sys.stderr)
        print(
            f"{plural(len(exc.problems), 'problem')} in {_where(exc.problems)}; "
            "nothing was changed",
            file=sys.stderr,
        )
        raise Fail() from None
    return workspace


def _where(problems: list[Any]) -> str:
    """`people.yaml` or `focus.yaml` when every problem is in that file; else "the map"."""
    from backmap.store.disk import FOCUS_FILE, PEOPLE_FILE

    names: set[str] = {p.path.name for p in problems}
    if len(names) == 1 and names <= {PEOPLE_FILE, FOCUS_FILE}:
        return names.pop()
    return "the map"


def print_problems(exc: Exception) -> None:
    for problem in getattr(exc, "problems", []):
        print(problem, file=sys.stderr)
    if getattr(exc, "conflicts", None):  # each command reads the files afresh when it starts
        print("check `git status`, then run the command again to redo it", file=sys.stderr)


def apply_and_save(ws: Workspace, build: Callable[[], Any], focus_text: str | None = None) -> Any:
    """Build an edit, apply it, save; print the reason and stop with 2 if any step refuses.

    An edit that would change nothing stops with 0 and says "nothing changed". `focus_text`,
    when given, is the focus file's new text, written in the same go as the maps (all or none).
    """
    from backmap import edits, store

    try:
        edit = build()
    except edits.NothingChanged as exc:  # the same script run twice is not an error
        print(f"nothing changed: {exc}", file=sys.stderr)
        raise Fail(OK) from None
    except edits.EditError as exc:
        raise error(refusal(exc, ws)) from None
    edit.apply(ws)
    before = texts_on_disk(ws)
    also, focus = focus_change(ws, focus_text)
    try:
        written = store.save(ws, also=also)
    except store.SaveError as exc:
        print_problems(exc)
        if exc.written:
            print(f"saved in part: {', '.join(map(str, exc.written))}", file=sys.stderr)
        else:
            print("nothing was saved", file=sys.stderr)
        raise Fail() from None
    if focus is not None:
        ws.focus = focus
    where = ", ".join(str(p) for p in written) or "no file changed"
    print(f"{edit.summary} ({where})", file=sys.stderr)
    record_edit(ws, edit.summary, written, before)
    return edit


def focus_change(ws: Workspace, text: str | None) -> tuple[list[Any], Any]:
    """The write of the focus file's new text, and the focus it makes; none when unchanged."""
    old = ws.focus
    if old is None or text is None or text == old.text:
        return [], None
    from backmap.store.digests import digest_of
    from backmap.store.focus import reparse
    from backmap.store.stored import Origin
    from backmap.store.writing import Change

    new = reparse(old, old.path, text)
    data = text.encode("utf-8")
    new.digest = digest_of(data)
    return [Change(old.path, Origin(text=old.text, digest=old.digest), data)], new


def texts_on_disk(ws: Workspace) -> dict[Path, str]:
    """What each file backmap writes held when read or last saved: the maps, the focus file
    and the people file (a file not there yet is left out)."""
    from backmap.store import disk_texts

    texts = disk_texts(ws)
    for kept in (ws.focus, ws.people):
        if kept is not None and kept.text is not None and kept.path.exists():
            texts[kept.path] = kept.text
    return texts


def record_edit(ws: Workspace, summary: str, written: list[Path], before: dict[Path, str]) -> None:
    """Record a saved edit for `backmap undo`, from `texts_on_disk` taken before the save; a
    written file missing from `before` was made by it. The edit stands even if this fails."""
    from backmap.store import journal

    folder = state_dir()
    if folder is None:  # the journal is off: no diff of each written file to compute
        return
    after = texts_on_disk(ws)
    changes = tuple(
        journal.Change.of(p, before.get(p), after[p]) for p in dict.fromkeys(written) if p in after
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


def refusal(exc: Exception, ws: Workspace | None = None) -> str:
    """A refused edit's reason, with the commands that get past it when the core names them."""
    from backmap.edits import KindOrderError, TwinError

    if isinstance(exc, TwinError) and ws is not None:
        return twin_refusal(ws, exc)
    text = str(exc)
    if not isinstance(exc, KindOrderError):
        return text
    if exc.kind is not None and ws is not None and exc.node_id in ws:
        return _kind_in_the_way(ws, exc.node_id, exc.kind.value)
    if exc.links:
        shown = [f"backmap unlink {child} {parent}" for child, parent in exc.links[:3]]
        more = len(exc.links) - len(shown)
        text += ": " + "; ".join(shown) + (f" (and {plural(more, 'more link')})" if more else "")
    if exc.kind is not None:
        kind = exc.kind.value
        text += f"; `backmap set {exc.node_id} --kind {kind}` makes it a {kind}"
    return text


def twin_refusal(ws: Workspace, exc: Any) -> str:
    """`add` or `fit --attach` refused a twin: where the node with that title is, and the
    `backmap link` commands that make it serve the parents asked for."""
    from backmap.store import line_of

    twin = exc.twin
    path, line = line_of(ws, twin.id)
    what = f"{path}:{line}: " if line else f"{path}: "
    what += f"`{twin.id}` is already this {twin.kind.value}"
    if not exc.missing:
        under = f" under {', '.join(twin.supports)}" if twin.supports else ""
        return f"{what}{under}; nothing added"
    links = "; ".join(f"backmap link {twin.id} {parent}" for parent in exc.missing)
    return f"{what}; nothing added. To make it serve {', '.join(exc.missing)} too: {links}"


def _kind_in_the_way(ws: Workspace, node_id: str, kind: str) -> str:
    """A node's kind refused a link, and another kind would allow it: say so, and the command."""
    from backmap.vocabulary import Kind

    way_out = f"`backmap set {node_id} --kind {kind}` makes it a {kind}"
    if ws.node(node_id).kind is Kind.OUTCOME:
        return f"`{node_id}` is an outcome, and an outcome supports nothing: {way_out}"
    return (
        f"`{node_id}` is an initiative, and nothing can support an initiative: name a goal "
        f"instead, or {way_out}"
    )


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
    """An argparse type: a date written YYYY-MM-DD that exists."""
    from backmap import fields

    try:
        return fields.read_date(text)
    except fields.FieldError as exc:
        raise argparse.ArgumentTypeError(exc.reason) from None


def check_config(args: Options, root: Path) -> Any:
    from backmap.cachedir import cache_dir
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
    from backmap.cli.rule_codes import known_codes

    known_codes(root, config, select, ignore)
    return config.with_overrides(
        select=select,
        ignore=ignore,
        fail_on=Severity.parse(args.fail_on) if getattr(args, "fail_on", None) else None,
        today=getattr(args, "today", None),
        cache=cache_dir(),
    )


def confirm(question: str, action: str) -> bool:
    """Ask on the terminal; with no terminal, refuse (exit 2) and say to pass --yes to `action`."""
    if not sys.stdin.isatty():
        raise error(f"{question} Not asked: no terminal to ask on; pass --yes to {action}")
    # The question goes with the other messages, so that standard output stays the result.
    try:
        print(f"{one_line(question)} [y/N] ", end="", file=sys.stderr, flush=True)
        reply = sys.stdin.readline()  # "" at end of input: a no
    except KeyboardInterrupt:
        # Ctrl-C is a no that ends the command: say so on its own line, not after the prompt.
        print("\ncancelled; nothing changed", file=sys.stderr)
        raise Fail(INTERRUPTED) from None
    return reply.strip().lower() in ("y", "yes")
