"""`backmap import`: bring a plan written elsewhere into a map, or show what it would make."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backmap.cli.common import (
    OK,
    Fail,
    Options,
    apply_and_save,
    error,
    no_workspace,
    print_problems,
)
from backmap.cli.import_preview import columns_left, dry_run, print_merges
from backmap.plural import plural
from backmap.vocabulary import IMPORT_FORMATS as FORMATS
from backmap.vocabulary import KINDS

if TYPE_CHECKING:
    from backmap.cli.parser import Commands
    from backmap.importing.build import Plan
    from backmap.importing.raw import Item
    from backmap.model import Kind, Workspace

MAX_BYTES = 64 * 1024 * 1024


def register(commands: Commands) -> None:
    cmd = commands.add(
        "import",
        "make map nodes from a plan written elsewhere: an outline (md, opml), a mind map (mm), "
        "a spreadsheet (csv, xlsx)",
        "backmap import plan.md --dry-run\n"
        "backmap import plan.opml --into maps/ideal-group.yaml\n"
        'backmap import goals.xlsx --columns "Goal=title,Lead=owner" --into maps/',
        cmd_import,
    )
    cmd.add_argument("file", type=Path, help="the file to read")
    cmd.add_argument(
        "--format", choices=FORMATS, help="what the file is (default: from its extension)"
    )
    cmd.add_argument(
        "--into",
        "-o",  # what export and report call their output: a new user's first guess
        type=Path,
        metavar="PATH",
        help="a map file or folder to merge into (nodes with the same title merge), or a new "
        ".yaml file (default: --map if given, else FILE's name with .yaml, here)",
    )
    cmd.add_argument(
        "-n",
        "--dry-run",
        action="store_true",
        help="print the tree and the check findings; write nothing",
    )
    cmd.add_argument(
        "--kinds",
        metavar="K,K,...",
        help="kinds by depth, e.g. outcome,goal,goal,initiative (the last one goes on down; "
        "default: outcomes at the top, initiatives at the leaves, goals between)",
    )
    cmd.add_argument(
        "--columns",
        metavar="NAME=FIELD,...",
        help="spreadsheet columns with other names, e.g. 'Goal=title,Lead=owner', or "
        "'Objective=goal' for a column of the tree's levels",
    )
    cmd.add_argument("--title", help="the new map's title (default: the one the file gives)")
    cmd.add_argument(
        "--keep-top",
        action="store_true",
        help="import a lone top '# ' heading or a mind map's root as the item over the others "
        "(by default it is the new map's title, and left out when merging into a map)",
    )


class ImportOptions(Options):
    file: Path
    format: str | None
    into: Path | None
    dry_run: bool
    kinds: str | None
    columns: str | None
    title: str | None
    keep_top: bool


def cmd_import(args: ImportOptions) -> int:
    from backmap.importing import ImportFailed, format_for, read
    from backmap.importing.build import plan
    from backmap.importing.raw import keeping_top
    from backmap.importing.table import ColumnsError, parse_columns

    source: Path = args.file
    fmt = args.format or format_for(source)
    if fmt is None:
        raise error(f"cannot tell the format of {source}: pass --format {'|'.join(FORMATS)}")
    kinds = _kinds(args.kinds) if args.kinds else None
    try:
        columns = parse_columns(args.columns) if args.columns else {}
    except ColumnsError as exc:
        raise error(str(exc)) from None
    data = _read_bytes(source)
    if fmt == "xlsx":
        _need_openpyxl()
    ws, target = _target(args, source)
    outline = read(source, fmt, data, columns)
    if args.keep_top:
        outline = keeping_top(outline)
    elif outline.top is not None and target in ws.files:
        _note_left_out(outline.top, ws.files[target].title)
    result = plan(outline, ws, kinds)
    for note in outline.notes:
        print(f"note: {source}: {note}", file=sys.stderr)
    if outline.columns_left:
        given = None if outline.problems else args.columns  # it may name a missing column
        print(f"note: {source}: {columns_left(outline.columns_left, given)}", file=sys.stderr)
    if not outline.items and not result.problems:
        raise error(f"found nothing to import in {source}: no headings, bullets, outlines or rows")
    if result.problems:
        print_problems(ImportFailed(result.problems))
        print(
            f"{plural(len(result.problems), 'problem')} in {source}; nothing was written",
            file=sys.stderr,
        )
        raise Fail()
    from backmap.importing.raw import place_order

    # Warnings and notes in the order of their places, as a reader goes through the file.
    said = [*((w, "warning") for w in result.warnings), *((n, "note") for n in result.notes)]
    for found, level in sorted(said, key=lambda pair: place_order(pair[0])):
        print(f"{found.where}: {level}: {found.message}", file=sys.stderr)
    if target not in ws.files:
        title = args.title or outline.title or _humane(source.stem)
        _new_file(ws, target, title, outline.description)
    edit = _edit(ws, target, result, source)
    if args.dry_run:
        return dry_run(args, ws, edit, result)
    print_merges(result)
    apply_and_save(ws, lambda: edit)
    _say_how_to_open(target)
    return OK


def _note_left_out(top: Item, title: str) -> None:
    """The file's top item names the map, and the map being merged into has its own name."""
    from backmap.text import title_key

    if title_key(top.title) == title_key(title):
        return
    print(
        f"{top.where}: note: {top.title!r} is not imported: it is taken as the map's title, "
        f"and the map keeps its own ({title!r}); pass --keep-top to import it as the item "
        "over the others",
        file=sys.stderr,
    )


def _say_how_to_open(target: Path) -> None:
    """A map written where later commands will not look by themselves: say how to open it."""
    from backmap.store import NoWorkspace, find_root

    try:
        found: Path | None = find_root(None).resolve()
    except NoWorkspace:
        found = None
    where = target.resolve()
    if found is None or not (where == found or where.is_relative_to(found)):
        print(f"next: backmap status --map {target}", file=sys.stderr)


def _kinds(text: str) -> list[Kind]:
    from backmap.model import Kind

    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    wrong = [n for n in names if n not in KINDS]
    if wrong or not names:
        raise error(
            f"--kinds {text!r}: give kinds by depth from {', '.join(KINDS)}, "
            "e.g. outcome,goal,goal,initiative"
        )
    return [Kind(n) for n in names]


def _read_bytes(source: Path) -> bytes:
    try:
        if source.stat().st_size > MAX_BYTES:
            raise error(f"{source} is larger than {MAX_BYTES >> 20} MB: is it the right file?")
        return source.read_bytes()
    except OSError as exc:
        raise error(f"cannot read {source}: {exc.strerror or exc}") from None


def _need_openpyxl() -> None:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise error(
            "reading XLSX needs openpyxl: pip install openpyxl (or save the sheet as CSV)"
        ) from None


def _target(args: ImportOptions, source: Path) -> tuple[Workspace, Path]:
    """The workspace to import into and the file new nodes go to."""
    from backmap import store
    from backmap.model import Workspace

    named = args.into if args.into is not None else args.map and Path(args.map)
    into: Path = named or Path(source.stem + ".yaml")
    if (into.is_dir() or into.is_file()) and not named:
        if not args.dry_run:
            raise error(
                f"{into} exists: merge into it with --into {into}, or name a new file with --into"
            )
        # A dry run writes nothing, so the file in the way is no reason to show nothing.
        print(
            f"note: {into} exists: a real import needs --into {into} to merge into it, "
            "or --into NEW.yaml",
            file=sys.stderr,
        )
        return _new_map(into)
    if into.is_dir() or into.is_file():
        try:
            ws = store.load(into)
        except store.LoadError as exc:
            if getattr(exc, "empty_folder", None) is not None:
                return Workspace(into), into / (source.stem + ".yaml")
            print_problems(exc)
            print(
                f"{plural(len(exc.problems), 'problem')} in {into}; nothing was written",
                file=sys.stderr,
            )
            raise Fail() from None
        except store.NoWorkspace as exc:
            raise error(no_workspace(exc)) from None
        if into.is_file():
            return ws, next(iter(ws.files))
        return ws, into / (source.stem + ".yaml")
    if into.suffix not in (".yaml", ".yml"):
        raise error(f"{into} does not exist: name an existing map, folder, or a new .yaml file")
    if not into.parent.is_dir():
        raise error(f"the folder {into.parent} does not exist: create it first")
    return _new_map(into)


def _new_map(into: Path) -> tuple[Workspace, Path]:
    """An empty workspace for a new map at `into`, with the people file beside it."""
    from backmap import store
    from backmap.model import Workspace

    ws = Workspace(into)
    try:  # a people file beside the new map names its owners, as for a map already there
        from backmap.store.people import load_people

        ws.people = load_people(into)
    except store.FileProblems as exc:
        print_problems(exc)
        print(f"{plural(len(exc.problems), 'problem')}; nothing was written", file=sys.stderr)
        raise Fail() from None
    return ws, into


def _new_file(ws: Workspace, path: Path, title: str, description: str | None) -> None:
    from pydantic import ValidationError

    from backmap import store
    from backmap.model import MapFile
    from backmap.store.messages import message_for

    if any(p.resolve() == path.resolve() for p in ws.files):
        return
    try:
        mapfile = MapFile(backmap=1, title=title, description=description)
    except ValidationError as exc:  # a title given by the file or --title
        raise error(f"the map's {message_for(exc.errors()[0], {})}") from None
    store.new_file(ws, path, mapfile)


def _humane(stem: str) -> str:
    words = stem.replace("_", " ").replace("-", " ").strip()
    return (words[:1].upper() + words[1:]) or "Imported plan"


def _edit(ws: Workspace, target: Path, result: Plan, source: Path) -> Any:
    """One undoable edit: new nodes placed by kind in the target file, merged nodes replaced."""
    from backmap.edits import Edit, Insert, Replace
    from backmap.model import KIND_RANK

    path = next((p for p in ws.files if p.resolve() == target.resolve()), target)
    final = list(ws.files[path].nodes)
    for node in result.nodes:
        rank = KIND_RANK[node.kind]
        index = len(final)
        while index and KIND_RANK[final[index - 1].kind] > rank:
            index -= 1
        final.insert(index, node)
    new = {node.id for node in result.nodes}
    steps: list[Any] = [Insert(path, i, n) for i, n in enumerate(final) if n.id in new]
    merged = result.merged()
    # A merge that adds nothing leaves the node as it was: the same object, no step.
    steps += [Replace(ws.node(i), node) for i, node in merged.items() if node is not ws.node(i)]
    counts = ", ".join(plural(sum(1 for n in result.nodes if n.kind.value == k), k) for k in KINDS)
    summary = f"import {plural(len(result.nodes), 'node')} from {source.name} ({counts})"
    if merged:  # every node the listing names, whatever the merge added to it
        summary += f", {plural(len(merged), 'node')} merged"
    return Edit(summary, steps)
