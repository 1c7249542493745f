"""Commands that make a map and add to it: new, add."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from backmap.cli.common import (
    OK,
    Fail,
    Options,
    apply_and_save,
    error,
    open_workspace,
    print_problems,
    refusal,
    text_among_ids,
)
from backmap.cli.person import known_owners
from backmap.cli.refusals import twin_refusal
from backmap.cli.setting import read_fields
from backmap.vocabulary import KINDS, STATUSES

if TYPE_CHECKING:
    from backmap.cli.parser import Commands
    from backmap.model import Workspace

DEFAULT_NEW = "backmap.yaml"
"""The map `new` makes when given no path: the first place every command looks (it is
store.disk.DEFAULT_FILE, not imported here: the parser stays light for --help)."""

KIND_HELP = "outcome: an ideal end state; goal: a step toward it; initiative: what people do"


def register(commands: Commands) -> None:
    cmd = commands.add(
        "new",
        "create a new map file",
        "backmap new                   # ./backmap.yaml, titled after this folder\n"
        'backmap new maps/team.yaml --title "Team Atlas"',
        cmd_new,
        description="Create a new, empty map file; it never overwrites one.",
        opens_map=False,
    )
    cmd.add_argument(
        "path",
        type=Path,
        nargs="?",
        default=Path(DEFAULT_NEW),
        help=f"file to create (.yaml; default: {DEFAULT_NEW}, where every command looks first)",
    )
    cmd.add_argument(
        "--title",
        help=f"the map's title (default: from the file name; for {DEFAULT_NEW}, the folder's)",
    )

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
        "-s",
        "--supports",
        "--under",
        nargs="+",
        default=[],
        metavar="ID",
        help="ids this node serves (goes under)",
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
    found_alone = path == Path(DEFAULT_NEW)  # where every command looks without --map
    named = Path.cwd().name if found_alone else path.stem
    title = args.title or named.replace("-", " ").replace("_", " ").strip().capitalize()
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
    where = "" if found_alone else f" --map {path}"
    print(f'created {path}; next: backmap add outcome "..."{where}', file=sys.stderr)
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
        if path not in ws.files:
            raise error(_not_a_file(ws, path))
    names = ("owner", "sub_owner", "status", "description", "progress", "due")
    typed = {k: v for k in names if (v := getattr(args, k)) is not None}
    if typed.get("status") == "done" and typed.get("progress") is None:
        typed["progress"] = "100"  # done is done: a new item needs no roll-up to say so
    fields = read_fields(typed)
    if str(fields.get("status")) == "done" and fields.get("progress") != 100:
        from backmap.cli.refusals import DONE_MEANS_100

        raise error(DONE_MEANS_100)
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
    from backmap.text import gives_id

    if args.node_id is None and not gives_id(title):
        # Ids are ASCII: a title in Hebrew or Japanese gives `node`, `node-2`... Say how to
        # give it one that says what it is.
        print(
            f"the title has no letters a-z or digits to make an id of: `{edit.node_id}` is "
            f"a stand-in; name it with `backmap rename {edit.node_id} NEW-ID` "
            "(or add with --id)",
            file=sys.stderr,
        )
    print(edit.node_id)
    return OK


def _not_a_file(ws: Workspace, path: Path) -> str:
    """--file names no map file of the workspace: what to type to make it one, or its files."""
    known = ", ".join(str(p) for p in ws.files)
    said = f"{path} is not a file of this workspace (files: {known})"
    folder = ws.root if ws.root.is_dir() else None
    inside = folder is not None and path.resolve().is_relative_to(folder.resolve())
    if inside and not path.exists() and path.suffix in (".yaml", ".yml"):
        return f"{said}; to start it: backmap new {path}, then add again"
    if folder is None:
        return f"{said}; a single-file map has only that file: use a folder to have several"
    return f"{said}; a new file goes in {folder}: backmap new {folder / path.name}"
