"""Commands that change what supports what: link, unlink, mv."""

from __future__ import annotations

from typing import TYPE_CHECKING

from backmap.cli.common import OK, Options, apply_and_save, open_workspace

if TYPE_CHECKING:
    from backmap.cli.parser import Commands


def register(commands: Commands) -> None:
    cmd = commands.add(
        "link", "make CHILD also support PARENT", "backmap link off-hours less-stress", cmd_link
    )
    cmd.add_argument("child", help="the node that serves (a goal or an initiative)")
    cmd.add_argument("parent", help="what it serves (an outcome or a goal)")

    cmd = commands.add(
        "unlink", "stop CHILD supporting PARENT", "backmap unlink off-hours less-stress", cmd_unlink
    )
    cmd.add_argument("child", help="the node that serves")
    cmd.add_argument("parent", help="what it stops serving")

    cmd = commands.add(
        "mv",
        "replace what a node supports",
        "backmap mv off-hours --supports less-stress focus\nbackmap mv off-hours --supports",
        cmd_mv,
        description="Replace what a node supports with the parents given: link and unlink in "
        "one step. With no parents, it supports nothing.",
    )
    cmd.add_argument("id", help="the node to move")
    cmd.add_argument(
        "-s",
        "--supports",
        "--under",
        nargs="*",
        required=True,
        metavar="ID",
        help="the new parents (none: supports nothing)",
    )


class LinkOptions(Options):
    child: str
    parent: str


class MoveOptions(Options):
    id: str
    supports: list[str]


def cmd_link(args: LinkOptions) -> int:
    from backmap import edits

    ws = open_workspace(args)
    apply_and_save(ws, lambda: edits.link(ws, args.child, args.parent))
    return OK


def cmd_unlink(args: LinkOptions) -> int:
    from backmap import edits

    ws = open_workspace(args)
    apply_and_save(ws, lambda: edits.unlink(ws, args.child, args.parent))
    return OK


def cmd_mv(args: MoveOptions) -> int:
    from backmap import edits

    ws = open_workspace(args)
    apply_and_save(ws, lambda: edits.move(ws, args.id, args.supports))
    return OK
