"""`backmap edit`: the keyboard-driven editor, the one command that loads Textual."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from backmap.cli.common import OK, Fail, Options, error, open_workspace

if TYPE_CHECKING:
    from backmap.cli.parser import Commands


def register(commands: Commands) -> None:
    cmd = commands.add(
        "edit",
        "open the map in the keyboard-driven editor",
        "backmap edit maps/ideal-group.yaml",
        cmd_edit,
        description="Open the map in the keyboard-driven editor: browse the tree, edit fields, "
        "link, move, check and fit without leaving it. Press ? in the editor for its keys; "
        "ctrl+s saves.",
    )
    cmd.add_argument(
        "path", nargs="?", metavar="PATH", help="map file or folder to open (the same as --map)"
    )


class EditOptions(Options):
    path: str | None


def cmd_edit(args: EditOptions) -> int:
    from backmap.checks import ConfigError, load_config

    if args.path is not None:
        # `backmap edit FILE`, as `new` takes it; --map too is fine when it names the same.
        if args.map is not None and Path(args.map).resolve() != Path(args.path).resolve():
            raise error(f"two maps to open: {args.path} and --map {args.map}; give one of them")
        if not Path(args.path).exists():
            start = (
                f"; start one with `backmap new {args.path}`" if args.path.endswith(".yaml") else ""
            )
            raise error(f"{args.path} does not exist{start}")
        args.map = args.path
    from backmap import collector

    # Everything made before the editor runs (the map, the modules) lives all session: the
    # cycle collector is kept off until it is frozen out of its sight, or its first passes
    # would walk all of it (a tenth of a second at 10k nodes) before the first screen.
    with collector.paused():
        ws = open_workspace(args)  # load errors are printed here, before the screen is taken
        try:
            config = load_config(ws.root)
        except ConfigError as exc:
            print(exc, file=sys.stderr)
            raise Fail() from None
        from backmap.tui.app import BackmapApp

        app = BackmapApp(ws, config)
        collector.freeze()
    try:
        app.run()
    finally:
        collector.unfreeze()  # a program that called `main` in-process gets its collector back
    return OK
