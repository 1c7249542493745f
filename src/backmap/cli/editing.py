"""Commands that change the map: new, add, set, link, unlink, mv, rm, rename, and the editor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from backmap.cli.common import (
    OK,
    Fail,
    apply_and_save,
    confirm,
    error,
    no_workspace,
    open_workspace,
    print_problems,
    refusal,
    state_dir,
    text_among_ids,
    twin_refusal,
)


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
    if args.title is None:
        if not args.supports:
            raise error(f'give the title, e.g. backmap add {args.kind} "Reduce stress"')
        args.title, args.supports = text_among_ids(
            ws, args.supports, "--supports", "title", f'backmap add {args.kind} "TITLE" -s ID ...'
        )
    path = args.file
    if path is not None and path not in ws.files:
        matches = [p for p in ws.files if p.resolve() == path.resolve()]
        path = matches[0] if matches else path
    typed = {k: getattr(args, k) for k in ("owner", "sub_owner", "status", "description")}
    fields = read_fields({k: v for k, v in typed.items() if v is not None})

    def build() -> edits.Edit:
        try:
            return edits.add(
                ws,
                args.kind,
                args.title,
                supports=args.supports,
                node_id=args.node_id,
                path=path,
                twin=args.twin,
                **fields,
            )
        except edits.TwinError as exc:
            again = f"; to add a second {args.kind} with this title, add --twin"
            raise error(twin_refusal(ws, exc) + again) from None

    edit = apply_and_save(ws, build)
    print(edit.node_id)
    return OK


def cmd_set(args: argparse.Namespace) -> int:
    from backmap import edits

    names = (
        "title",
        "description",
        "owner",
        "sub_owner",
        "status",
        "kind",
        "progress",
        "due",
        "tags",
    )
    given = {k: getattr(args, k) for k in names if getattr(args, k) is not None}
    if not given:
        raise error("name at least one field to change, e.g. --status done")
    ws = open_workspace(args)
    node = ws.get(args.id)
    metric = node.metric.model_dump() if node is not None and node.metric else None
    changes = read_fields(given, metric)
    apply_and_save(ws, lambda: edits.change(ws, args.id, **changes))
    return OK


def read_fields(typed: dict[str, str], metric: dict[str, Any] | None = None) -> dict[str, Any]:
    """Options' typed text as node changes; a refusal names the option."""
    from backmap import fields

    try:
        return fields.changes(typed, metric)
    except fields.FieldError as exc:
        raise error(f"--{exc.field.replace('_', '-').replace('.', '-')}: {exc.reason}") from None


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
    from backmap import edits, hierarchy

    ws = open_workspace(args)
    try:
        edit = edits.remove(ws, args.id)
    except edits.EditError as exc:
        raise error(refusal(exc)) from None
    children = [c for c in hierarchy.children_of(ws).get(args.id, []) if c != args.id]
    orphans = edits.orphaned_by_removal(ws, args.id)
    if args.dry_run:
        for line in removal_lines(args.id, ws.file_of(args.id), children, orphans):
            print(line)
        print("nothing was changed (--dry-run)", file=sys.stderr)
        return OK
    if children and not args.yes:
        verb = "supports" if len(children) == 1 else "support"
        question = f"Remove `{args.id}`? {_listed(children)} {verb} it and would lose that link"
        if orphans:
            question += f"; {_listed(orphans)} would then support nothing"
        question += "."
        if not confirm(question, "remove it"):
            print("nothing removed", file=sys.stderr)
            return OK
    apply_and_save(ws, lambda: edit)
    if orphans:
        print(
            f"now supporting nothing: {', '.join(orphans)} (link them with `backmap link`)",
            file=sys.stderr,
        )
    return OK


def _listed(ids: list[str]) -> str:
    return ", ".join(f"`{i}`" for i in ids)


def removal_lines(node_id: str, path: Path, children: list[str], orphans: list[str]) -> list[str]:
    """What `rm --dry-run` prints: the node, and what each node beneath it would lose."""
    lines = [f"would remove `{node_id}` from {path}"]
    for child in children:
        alone = " and then support nothing" if child in orphans else ""
        lines.append(f"  `{child}` would stop supporting it{alone}")
    return lines


def cmd_rename(args: argparse.Namespace) -> int:
    from backmap import edits

    ws = open_workspace(args)
    apply_and_save(ws, lambda: edits.rename(ws, args.old, args.new))
    return OK


def cmd_undo(args: argparse.Namespace) -> int:
    return _step(args, forward=False)


def cmd_redo(args: argparse.Namespace) -> int:
    return _step(args, forward=True)


def _step(args: argparse.Namespace, forward: bool) -> int:
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
        raise error(
            f"cannot {word} `{exc.entry.summary}`: {files} changed since (in the editor or "
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
