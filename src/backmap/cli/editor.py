"""`backmap edit`: the keyboard-driven editor, the one command that loads Textual."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from backmap.cli.common import OK, Fail, Options, open_workspace

if TYPE_CHECKING:
    from backmap.cli.parser import Commands


def register(commands: Commands) -> None:
    commands.add(
        "edit",
        "open the map in the keyboard-driven editor",
        "backmap edit --map maps/ideal-group.yaml",
        cmd_edit,
        description="Open the map in the keyboard-driven editor: browse the tree, edit fields, "
        "link, move, check and fit without leaving it. Press ? in the editor for its keys; "
        "ctrl+s saves.",
    )


def cmd_edit(args: Options) -> int:
    from backmap.checks import ConfigError, load_config

    ws = open_workspace(args)  # load errors are printed here, before the screen is taken over
    try:
        config = load_config(ws.root)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        raise Fail() from None
    from backmap.tui.app import BackmapApp

    BackmapApp(ws, config).run()
    return OK
