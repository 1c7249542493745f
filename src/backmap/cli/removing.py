"""Commands that take an id out of the map: rm removes the node, rename its old id; links and
the focus file follow."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from backmap.cli.common import OK, Options, apply_and_save, confirm, error, open_workspace, refusal
from backmap.plural import listed, noun

if TYPE_CHECKING:
    from backmap.cli.parser import Commands


def register(commands: Commands) -> None:
    cmd = commands.add(
        "rm",
        "remove a node; nodes that supported it lose that link",
        "backmap rm async-updates\nbackmap rm less-stress --dry-run",
        cmd_rm,
        description="Remove a node. Nodes that supported it lose that link; it asks first "
        "when there are any.",
    )
    cmd.add_argument("id", help="the node to remove")
    cmd.add_argument(
        "-y", "--yes", action="store_true", help="remove without asking when nodes support it"
    )
    cmd.add_argument(
        "-n", "--dry-run", action="store_true", help="say what would change and write nothing"
    )

    cmd = commands.add(
        "rename",
        "change an id; every reference follows",
        "backmap rename off-hours respect-off-hours",
        cmd_rename,
        description="Change a node's id; every link to it, in every file, follows. The title "
        "stays: backmap set ID --title changes that.",
    )
    cmd.add_argument("old", help="the id now")
    cmd.add_argument("new", help="the id to give it")


class RemoveOptions(Options):
    id: str
    yes: bool
    dry_run: bool


class RenameOptions(Options):
    old: str
    new: str


def cmd_rm(args: RemoveOptions) -> int:
    from backmap import edits, hierarchy
    from backmap.store.focus_ids import without_id

    ws = open_workspace(args)
    try:
        edit = edits.remove(ws, args.id)
    except edits.EditError as exc:
        raise error(refusal(exc, ws)) from None
    children = [c for c in hierarchy.children_of(ws).get(args.id, []) if c != args.id]
    orphans = edits.orphaned_by_removal(ws, args.id)
    text, dropped = without_id(ws.focus, args.id) if ws.focus is not None else (None, [])
    if args.dry_run:
        for line in removal_lines(args.id, ws.file_of(args.id), children, orphans):
            print(line)
        if dropped and ws.focus is not None:
            print(f"  and be taken out of {ws.focus.path.name}: {', '.join(dropped)}")
        print("nothing was changed (--dry-run)", file=sys.stderr)
        return OK
    if children and not args.yes:
        verb = noun(len(children), "supports", "support")
        question = f"Remove `{args.id}`? {listed(children)} {verb} it and would lose that link"
        if orphans:
            question += f"; {listed(orphans)} would then support nothing"
        question += "."
        if not confirm(question, "remove it"):
            print("nothing removed", file=sys.stderr)
            return OK
    apply_and_save(ws, lambda: edit, focus_text=text)
    if dropped:
        name = ws.focus.path.name if ws.focus is not None else "the focus file"
        print(f"took `{args.id}` out of {name}: {', '.join(dropped)}", file=sys.stderr)
    if orphans:
        print(
            f"now supporting nothing: {', '.join(orphans)} (link them with `backmap link`)",
            file=sys.stderr,
        )
    return OK


def removal_lines(node_id: str, path: Path, children: list[str], orphans: list[str]) -> list[str]:
    """What `rm --dry-run` prints: the node, and what each node beneath it would lose."""
    lines = [f"would remove `{node_id}` from {path}"]
    for child in children:
        alone = " and then support nothing" if child in orphans else ""
        lines.append(f"  `{child}` would stop supporting it{alone}")
    return lines


def cmd_rename(args: RenameOptions) -> int:
    from backmap import edits
    from backmap.store.focus_ids import with_id_renamed

    ws = open_workspace(args)
    text = with_id_renamed(ws.focus, args.old, args.new) if ws.focus is not None else None
    apply_and_save(ws, lambda: edits.rename(ws, args.old, args.new), focus_text=text)
    return OK
