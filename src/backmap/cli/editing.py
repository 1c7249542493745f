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
    fields = {
        k: getattr(args, k)
        for k in ("owner", "sub_owner", "status", "description", "progress", "due")
    }
    if fields.get("status") == "done" and fields.get("progress") is None:
        fields["progress"] = 100
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
    metric_given = {k: getattr(args, k) for k in METRIC_OPTIONS if getattr(args, k) is not None}
    if not given and not metric_given:
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
    if metric_given:
        changes["metric"] = metric_change(ws, args.id, metric_given)
    if changes.get("status") == "done" and "progress" not in changes:
        changes.update(done_progress(ws, args.id))
    apply_and_save(ws, lambda: edits.change(ws, args.id, **changes))
    return OK


METRIC_OPTIONS = {
    "metric_name": "name",
    "unit": "unit",
    "baseline": "baseline",
    "target": "target",
    "current": "current",
}
"""`set` options that change the metric, and the metric's key each sets."""


def metric_change(ws: Any, node_id: str, given: dict[str, str]) -> dict[str, Any] | None:
    """The node's metric with the given options applied ("" clears a value; an empty name
    clears the whole metric); refuses numbers that are not numbers."""
    from backmap.cli.common import require_node

    require_node(ws, node_id)
    metric = ws.node(node_id).metric
    values: dict[str, Any] = metric.model_dump(exclude_none=True) if metric else {}
    for option, text in given.items():
        key, text = METRIC_OPTIONS[option], text.strip()
        if key == "name" and not text:
            return None
        if not text:
            values.pop(key, None)
        elif key in ("name", "unit"):
            values[key] = text
        else:
            try:
                number = float(text)
            except ValueError:
                raise error(f"--{option} must be a number, e.g. 12 or 3.5, not {text!r}") from None
            values[key] = int(number) if number.is_integer() and abs(number) < 1e15 else number
    if "name" not in values:
        raise error(f"`{node_id}` has no metric yet: name it with --metric-name too")
    return values


def done_progress(ws: Any, node_id: str) -> dict[str, Any]:
    """What `--status done` also sets: progress 100, unless progress rolls up (then say so)."""
    from backmap.cli.common import require_node
    from backmap.graph import has_children

    require_node(ws, node_id)
    if has_children(ws, node_id):
        print(
            f"progress of `{node_id}` stays as its items' roll-up; mark them done to reach 100%",
            file=sys.stderr,
        )
        return {}
    return {"progress": 100}


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
