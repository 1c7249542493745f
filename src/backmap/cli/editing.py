"""Commands that make a map and change its nodes: new, add, set, rm, rename."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backmap.cli.common import (
    OK,
    Fail,
    Options,
    apply_and_save,
    confirm,
    error,
    open_workspace,
    print_problems,
    refusal,
    text_among_ids,
    twin_refusal,
)
from backmap.cli.options import status_or_empty
from backmap.cli.person import known_owners
from backmap.plural import listed, noun
from backmap.vocabulary import KINDS, STATUSES

if TYPE_CHECKING:
    from backmap.cli.parser import Commands

KIND_HELP = "outcome: an ideal end state; goal: a step toward it; initiative: what people do"


def register(commands: Commands) -> None:
    cmd = commands.add(
        "new",
        "create a new map file",
        'backmap new maps/team.yaml --title "Team Atlas"',
        cmd_new,
        description="Create a new, empty map file; it never overwrites one.",
        opens_map=False,
    )
    cmd.add_argument("path", type=Path, help="file to create (.yaml)")
    cmd.add_argument("--title", help="the map's title (default: from the file name)")

    cmd = commands.add(
        "add",
        "add an outcome, goal or initiative; prints its id",
        'backmap add outcome "Employees are happy"\n'
        'backmap add initiative "Respect off-hours" --supports reduce-stress --owner dana',
        cmd_add,
        description="Add an outcome, goal or initiative, and print its id (made from the "
        "title unless --id gives one). Outcomes support nothing; goals support outcomes or "
        "goals; initiatives support goals.",
    )
    cmd.add_argument("kind", choices=KINDS, help=KIND_HELP)
    cmd.add_argument("title", nargs="?", help="a short statement (best given before -s)")
    cmd.add_argument(
        "-s", "--supports", nargs="+", default=[], metavar="ID", help="ids this node serves"
    )
    cmd.add_argument(
        "--id", dest="node_id", metavar="ID", help="id to use (default: made from the title)"
    )
    cmd.add_argument(
        "--file", type=Path, help="file of a folder workspace to put it in (default: its parent's)"
    )
    cmd.add_argument(
        "--twin",
        action="store_true",
        help="add it even if a node of this kind has the same title "
        "(case, punctuation, little words and plurals aside)",
    )
    fields = cmd.add_argument_group("fields")
    fields.add_argument("--owner", help="who answers for it")
    fields.add_argument("--sub-owner", dest="sub_owner", help="the owner's backup")
    fields.add_argument(
        "--status", choices=STATUSES, help="where it stands (done also sets progress 100)"
    )
    fields.add_argument("--description", help="more than the title says")
    fields.add_argument("--progress", metavar="0-100", help="how far along, in percent")
    fields.add_argument("--due", metavar="YYYY-MM-DD", help="when it is due")
    fields.add_argument(
        "--personal",
        action="store_true",
        help="a goal that is its owner's own development (never counted in coverage)",
    )

    cmd = commands.add(
        "set",
        "change fields of a node (an empty value clears the field)",
        "backmap set off-hours --status done --progress 100 --due 2027-03-31\n"
        'backmap set off-hours --owner lior --sub-owner ""',
        cmd_set,
        description='Change fields of a node; an empty value ("") clears a field.',
    )
    cmd.add_argument("id", help="the node to change")
    fields = cmd.add_argument_group("fields")
    fields.add_argument("--title", help="a short statement")
    fields.add_argument("--description", help="more than the title says")
    fields.add_argument("--owner", help="who answers for it")
    fields.add_argument("--sub-owner", dest="sub_owner", help="the owner's backup")
    fields.add_argument(
        "--status",
        type=status_or_empty,
        metavar="{" + ",".join(STATUSES) + "}",
        help="where it stands",
    )
    fields.add_argument(
        "--kind",
        choices=KINDS,
        help="an outcome supports nothing and nothing supports an initiative: "
        "unlink what is in the way first",
    )
    fields.add_argument(
        "--progress",
        metavar="0-100",
        help="how far along, in percent (refused when it rolls up from items beneath)",
    )
    fields.add_argument("--due", metavar="YYYY-MM-DD", help="when it is due")
    fields.add_argument("--tags", metavar="A,B", help="comma-separated; replaces the list")
    fields.add_argument(
        "--paths", metavar="A,B", help="code or docs it covers, for CODEOWNERS; replaces the list"
    )
    fields.add_argument(
        "--personal",
        choices=("yes", "no"),
        help="yes: a goal that is its owner's own development (never counted in coverage)",
    )
    metric = cmd.add_argument_group("metric", '"" clears a value; --metric-name "" the metric')
    metric.add_argument("--metric-name", metavar="TEXT", help="what is measured")
    metric.add_argument("--unit", metavar="TEXT", help='e.g. "%%" or msgs')
    metric.add_argument("--baseline", metavar="X", help="the value when the work started")
    metric.add_argument("--target", metavar="X", help="the value that means it is reached")
    metric.add_argument("--current", metavar="X", help="the latest measured value")

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


class NewOptions(Options):
    path: Path
    title: str | None


class AddOptions(Options):
    kind: str
    title: str | None
    supports: list[str]
    node_id: str | None
    file: Path | None
    twin: bool
    owner: str | None
    sub_owner: str | None
    status: str | None
    description: str | None
    progress: str | None
    due: str | None
    personal: bool


class SetOptions(Options):
    id: str
    title: str | None
    description: str | None
    owner: str | None
    sub_owner: str | None
    status: str | None
    kind: str | None
    progress: str | None
    due: str | None
    tags: str | None
    paths: str | None
    personal: str | None
    metric_name: str | None
    unit: str | None
    baseline: str | None
    target: str | None
    current: str | None


class RemoveOptions(Options):
    id: str
    yes: bool
    dry_run: bool


class RenameOptions(Options):
    old: str
    new: str


def cmd_new(args: NewOptions) -> int:
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


def cmd_add(args: AddOptions) -> int:
    from backmap import edits

    ws = open_workspace(args)
    if args.title is None:
        if not args.supports:
            raise error(f'give the title, e.g. backmap add {args.kind} "Reduce stress"')
        args.title, args.supports = text_among_ids(
            ws, args.supports, "--supports", "title", f'backmap add {args.kind} "TITLE" -s ID ...'
        )
    title: str = args.title
    path = args.file
    if path is not None and path not in ws.files:
        matches = [p for p in ws.files if p.resolve() == path.resolve()]
        path = matches[0] if matches else path
    names = ("owner", "sub_owner", "status", "description", "progress", "due")
    typed = {k: v for k in names if (v := getattr(args, k)) is not None}
    if typed.get("status") == "done" and typed.get("progress") is None:
        typed["progress"] = "100"  # done is done: a new item needs no roll-up to say so
    fields = read_fields(typed)
    fields = known_owners(ws, fields)
    if args.personal:
        if args.kind != "goal":
            raise error("--personal is for a goal: one person's own development goal")
        fields["personal"] = True

    def build() -> edits.Edit:
        try:
            return edits.add(
                ws,
                args.kind,
                title,
                supports=args.supports,
                node_id=args.node_id,
                path=path,
                twin=args.twin,
                **fields,
            )
        except edits.TwinError as exc:
            again = f". To add a second {args.kind} with this title anyway: --twin"
            raise error(twin_refusal(ws, exc) + again) from None
        except edits.KindOrderError as exc:
            if exc.node_id in ws or args.kind != "outcome":
                raise error(refusal(exc, ws)) from None
            # The new node's own kind is in the way: the way out is another kind, or no --supports.
            import shlex

            again = shlex.join(["backmap", "add", "goal", title, "--supports", *args.supports])
            raise error(
                f"an outcome supports nothing: add it with `{again}`, or add the outcome "
                "without --supports"
            ) from None

    edit = apply_and_save(ws, build)
    print(edit.node_id)
    return OK


def cmd_set(args: SetOptions) -> int:
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
        "paths",
    )
    given = {k: getattr(args, k) for k in names if getattr(args, k) is not None}
    metric_given = {k: getattr(args, k) for k in METRIC_OPTIONS if getattr(args, k) is not None}
    if not given and not metric_given and args.personal is None:
        raise error("name at least one field to change, e.g. --status done")
    ws = open_workspace(args)
    node = ws.get(args.id)
    metric = node.metric.model_dump() if node is not None and node.metric else None
    given.update({f"metric.{METRIC_OPTIONS[k]}": text for k, text in metric_given.items()})
    changes = known_owners(ws, read_fields(given, metric))
    if args.personal is not None:
        kind = changes.get("kind", node.kind if node is not None else None)
        if args.personal == "yes" and kind is not None and str(kind) != "goal":
            raise error("--personal is for a goal: one person's own development goal")
        changes["personal"] = True if args.personal == "yes" else None
    if given.get("status") == "done" and "progress" not in given:
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


def done_progress(ws: Any, node_id: str) -> dict[str, Any]:
    """What `--status done` also sets (edits.done_changes); says why when progress rolls up."""
    from backmap.cli.common import require_node
    from backmap.edits import done_changes

    require_node(ws, node_id)
    changes = done_changes(ws, node_id)
    if not changes:
        print(
            f"progress of `{node_id}` stays as its items' roll-up; mark them done to reach 100%",
            file=sys.stderr,
        )
    return changes


def read_fields(typed: dict[str, str], metric: dict[str, Any] | None = None) -> dict[str, Any]:
    """Options' typed text as node changes; a refusal names the option."""
    from backmap import fields

    try:
        return fields.changes(typed, metric)
    except fields.FieldError as exc:
        options = {f"metric.{key}": option for option, key in METRIC_OPTIONS.items()}
        option = options.get(exc.field, exc.field).replace("_", "-")
        raise error(f"--{option}: {exc.reason}") from None


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
