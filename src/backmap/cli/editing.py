"""Commands that change the map: new, add, set, link, unlink, mv, rm, rename, and the editor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backmap.cli.shell import (
    OK,
    Fail,
    apply_and_save,
    error,
    open_workspace,
    print_problems,
)

if TYPE_CHECKING:
    pass


def cmd_new(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from backmap import store
    from backmap.model import MapFile, Workspace
    from backmap.store.messages import merge_unions, message_for

    path: Path = args.path
    if path.suffix not in (".yaml", ".yml"):
        raise error(f"{path}: a map file name ends in .yaml (e.g. {path.with_suffix('.yaml')})")
    if path.exists():
        raise error(f"{path} already exists; backmap new never overwrites a file")
    title = args.title or path.stem.replace("-", " ").replace("_", " ").strip().capitalize()
    try:
        mapfile = MapFile(backmap=1, title=title or "Map")
    except ValidationError as exc:  # the title is typed text: say what is wrong with it
        raise error("; ".join(message_for(e, {}) for e in merge_unions(exc.errors()))) from None
    ws = Workspace(path)
    store.new_file(ws, path, mapfile)
    try:
        store.save(ws)
    except store.SaveError as exc:
        print_problems(exc)
        raise Fail() from None
    print(f'created {path}; next: backmap add outcome "..." --map {path}', file=sys.stderr)
    return OK


def cmd_add(args: argparse.Namespace) -> int:
    from backmap import edits

    ws = open_workspace(args)
    path = args.file
    if path is not None and path not in ws.files:
        matches = [p for p in ws.files if p.resolve() == path.resolve()]
        path = matches[0] if matches else path
    fields = {k: getattr(args, k) for k in ("owner", "sub_owner", "status", "description")}
    edit = apply_and_save(
        ws,
        lambda: edits.add(
            ws,
            args.kind,
            args.title,
            supports=args.supports,
            node_id=args.node_id,
            path=path,
            **fields,
        ),
    )
    print(edit.node_id)
    return OK


def cmd_set(args: argparse.Namespace) -> int:
    from backmap import edits

    names = ("title", "description", "owner", "sub_owner", "status", "progress", "due", "tags")
    given = {k: getattr(args, k) for k in names if getattr(args, k) is not None}
    if not given:
        raise error("name at least one field to change, e.g. --status done")
    changes: dict[str, Any] = {}
    for key, text in given.items():
        text = text.strip()
        if key == "tags":
            changes[key] = [t.strip() for t in text.split(",") if t.strip()]
        elif key == "progress" and text:
            try:
                number = float(text)
            except ValueError:
                raise error(f"--progress must be a number from 0 to 100, not {text!r}") from None
            changes[key] = int(number) if number.is_integer() else number
        else:
            changes[key] = text or None
    ws = open_workspace(args)
    apply_and_save(ws, lambda: edits.change(ws, args.id, **changes))
    return OK


def cmd_link(args: argparse.Namespace) -> int:
    from backmap import edits

    ws = open_workspace(args)
    apply_and_save(ws, lambda: edits.link(ws, args.child, args.parent))
    return OK


def cmd_unlink(args: argparse.Namespace) -> int:
    from backmap import edits

    ws = open_workspace(args)
    apply_and_save(ws, lambda: edits.unlink(ws, args.child, args.parent))
    return OK


def cmd_mv(args: argparse.Namespace) -> int:
    from backmap import edits

    ws = open_workspace(args)
    apply_and_save(ws, lambda: edits.move(ws, args.id, args.supports))
    return OK


def cmd_rm(args: argparse.Namespace) -> int:
    from backmap import edits

    ws = open_workspace(args)
    orphans = edits.orphaned_by_removal(ws, args.id) if args.id in ws else []
    apply_and_save(ws, lambda: edits.remove(ws, args.id))
    if orphans:
        print(
            f"now supporting nothing: {', '.join(orphans)} (link them with `backmap link`)",
            file=sys.stderr,
        )
    return OK


def cmd_rename(args: argparse.Namespace) -> int:
    from backmap import edits

    ws = open_workspace(args)
    apply_and_save(ws, lambda: edits.rename(ws, args.old, args.new))
    return OK


def cmd_edit(args: argparse.Namespace) -> int:
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
