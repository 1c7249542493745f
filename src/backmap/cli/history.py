"""Commands that step through the command line's own edits: undo and redo."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from backmap.cli.common import OK, Options, error, no_workspace
from backmap.cli.saving import state_dir

if TYPE_CHECKING:
    from backmap.cli.parser import Commands


def register(commands: Commands) -> None:
    commands.add(
        "undo",
        "take back the last edit made on the command line (add, set, rm, person, focus, ...)",
        "backmap undo --map maps/ideal-group.yaml",
        cmd_undo,
        description="Take back the last edit made on the command line (add, set, link, mv, rm, "
        "rename, fit --attach, person, focus, debrief), byte for byte. Refused when a file "
        "changed since, in the editor or by hand: git has the earlier versions. The journal "
        "is kept in $BACKMAP_STATE_DIR (off: no journal), else in the folder for user state "
        "(~/.local/state/backmap on Linux).",
    )
    commands.add(
        "redo",
        "make again the last edit undone with backmap undo",
        "backmap redo --map maps/ideal-group.yaml",
        cmd_redo,
    )


def cmd_undo(args: Options) -> int:
    return _step(args, forward=False)


def cmd_redo(args: Options) -> int:
    return _step(args, forward=True)


def _step(args: Options, forward: bool) -> int:
    """`backmap undo` / `redo`: one step through the journal of the command line's edits."""
    from backmap import store
    from backmap.store import journal

    word = "redo" if forward else "undo"
    try:
        root = store.find_root(args.map)
    except store.NoWorkspace as exc:
        raise error(no_workspace(exc)) from None
    folder = state_dir()
    if folder is None:
        raise error(f"nothing to {word}: the journal is off (BACKMAP_STATE_DIR=off)")
    try:
        entry = (journal.redo if forward else journal.undo)(folder, root)
    except journal.JournalConflict as exc:
        files = ", ".join(str(_from_here(p)) for p in exc.paths)
        which = "the last edit" if not forward else "the last undone edit"
        raise error(
            f"cannot {word} {which} ({exc.entry.summary}): {files} changed since (in the editor or "
            f"by hand), and {word} would overwrite that; nothing was changed. "
            "git has the earlier versions"
        ) from None
    except OSError as exc:
        raise error(f"cannot {word}: {exc.strerror or exc}; nothing was changed") from None
    if entry is None:
        raise error(
            f"nothing to {word}: no command-line edit of {root} is recorded"
            if not forward
            else f"nothing to redo: no undone edit of {root}"
        )
    files = ", ".join(str(_from_here(c.path)) for c in entry.changes)
    print(f"{'redid' if forward else 'undid'} {entry.summary} ({files})", file=sys.stderr)
    return OK


def _from_here(path: Path) -> Path:
    """A journal's absolute path, shown relative to the current folder when it is below it."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path
