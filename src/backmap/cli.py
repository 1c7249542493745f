"""The `backmap` command: parse options, call the core, print, return an exit code.

Heavy modules (pydantic, the store, networkx) are imported inside the commands that need them,
so `backmap --help` starts fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backmap import __version__

if TYPE_CHECKING:
    from backmap.model import Workspace

OK, FINDINGS, USAGE = 0, 1, 2

DESCRIPTION = """\
Plan backwards: from ideal outcomes, through the goals that bring them about,
down to initiatives people can start on Monday. Maps are YAML files in git.

The workspace is --map PATH (a file or a folder of *.yaml), else $BACKMAP_MAP,
else ./backmap.yaml, else ./maps/."""

EPILOG = """\
examples:
  backmap new backmap.yaml --title "The ideal data-science group"
  backmap add outcome "Employees are happy"
  backmap add goal "Reduce stress" --supports employees-are-happy
  backmap add initiative "Respect off-hours" --supports reduce-stress --owner dana
  backmap tree --map maps/ideal-group.yaml
  backmap check --map maps/org
  backmap fit "schedule Slack messages for the next morning"
  backmap status --map maps/org --depth 2
  backmap fmt --check --map maps

exit codes: 0 ok, 1 findings (check, fmt --check), 2 usage or input error.
docs: docs/format.md, docs/checks.md"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32)


def _common_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    # On the main parser and every subcommand; SUPPRESS keeps a subcommand's unset default
    # from overwriting a value given before the subcommand name.
    parser.add_argument(
        "-m",
        "--map",
        metavar="PATH",
        default=argparse.SUPPRESS if suppress else None,
        help="map file or folder (default: $BACKMAP_MAP, ./backmap.yaml, ./maps/)",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default=argparse.SUPPRESS if suppress else "auto",
        help="colour output (default: auto; NO_COLOR is honoured)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, every subcommand with an example in its help."""
    parser = argparse.ArgumentParser(
        prog="backmap", description=DESCRIPTION, epilog=EPILOG, formatter_class=_Formatter
    )
    parser.add_argument("-V", "--version", action="version", version=f"backmap {__version__}")
    _common_options(parser, suppress=False)
    subs = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    def sub(name: str, help_: str, example: str, func: Callable[..., int]) -> Any:
        cmd = subs.add_parser(
            name,
            help=help_,
            description=help_.capitalize() + ".",
            epilog=f"example:\n  {example}",
            formatter_class=_Formatter,
        )
        _common_options(cmd, suppress=True)
        cmd.set_defaults(func=func)
        return cmd

    cmd = sub(
        "new", "create a new map file", 'backmap new maps/team.yaml --title "Team Atlas"', cmd_new
    )
    cmd.add_argument("path", type=Path, help="file to create (.yaml)")
    cmd.add_argument("--title", help="the map's title (default: from the file name)")

    cmd = sub(
        "add",
        "add an outcome, goal or initiative; prints its id",
        'backmap add initiative "Respect off-hours" --supports reduce-stress --owner dana',
        cmd_add,
    )
    cmd.add_argument("kind", choices=("outcome", "goal", "initiative"))
    cmd.add_argument("title")
    cmd.add_argument(
        "-s", "--supports", nargs="+", default=[], metavar="ID", help="ids this node serves"
    )
    cmd.add_argument("--id", dest="node_id", help="id to use (default: made from the title)")
    cmd.add_argument("--owner")
    cmd.add_argument("--sub-owner", dest="sub_owner")
    cmd.add_argument("--status", choices=("idea", "planned", "active", "done", "dropped"))
    cmd.add_argument("--description")
    cmd.add_argument(
        "--file", type=Path, help="file of a folder workspace to put it in (default: its parent's)"
    )

    cmd = sub(
        "set",
        "change fields of a node (an empty value clears the field)",
        "backmap set off-hours --status done --progress 100 --due 2027-03-31",
        cmd_set,
    )
    cmd.add_argument("id")
    cmd.add_argument("--title")
    cmd.add_argument("--description")
    cmd.add_argument("--owner")
    cmd.add_argument("--sub-owner", dest="sub_owner")
    cmd.add_argument("--status", choices=("idea", "planned", "active", "done", "dropped", ""))
    cmd.add_argument("--progress", metavar="0-100")
    cmd.add_argument("--due", metavar="YYYY-MM-DD")
    cmd.add_argument("--tags", metavar="A,B", help="comma-separated; replaces the list")

    cmd = sub(
        "link", "make CHILD also support PARENT", "backmap link off-hours less-stress", cmd_link
    )
    cmd.add_argument("child")
    cmd.add_argument("parent")

    cmd = sub(
        "unlink", "stop CHILD supporting PARENT", "backmap unlink off-hours less-stress", cmd_unlink
    )
    cmd.add_argument("child")
    cmd.add_argument("parent")

    cmd = sub(
        "mv",
        "replace what a node supports",
        "backmap mv off-hours --supports less-stress focus",
        cmd_mv,
    )
    cmd.add_argument("id")
    cmd.add_argument(
        "-s",
        "--supports",
        nargs="*",
        required=True,
        metavar="ID",
        help="the new parents (none: supports nothing)",
    )

    cmd = sub(
        "rm",
        "remove a node; nodes that supported it lose that link",
        "backmap rm async-updates",
        cmd_rm,
    )
    cmd.add_argument("id")

    cmd = sub(
        "rename",
        "change an id; every reference follows",
        "backmap rename off-hours respect-off-hours",
        cmd_rename,
    )
    cmd.add_argument("old")
    cmd.add_argument("new")

    cmd = sub(
        "tree",
        "show the map as a tree: kinds, status, owners",
        "backmap tree --map maps/org --root grow-revenue",
        cmd_tree,
    )
    cmd.add_argument("--root", metavar="ID", help="show only this node and what is beneath it")

    cmd = sub(
        "fmt",
        "rewrite map files in canonical form (comments kept)",
        "backmap fmt --check --map maps",
        cmd_fmt,
    )
    cmd.add_argument(
        "--check",
        action="store_true",
        help="change nothing; list files that would change and exit 1 if any",
    )
    cmd.add_argument("--diff", action="store_true", help="with --check: show the changes")

    cmd = sub(
        "edit",
        "open the map in the keyboard-driven editor",
        "backmap edit --map maps/ideal-group.yaml",
        cmd_edit,
    )

    cmd = sub(
        "check",
        "find what the map is missing: orphans, unsupported goals, cycles, owners, dates",
        "backmap check --map maps/org --fail-on warning",
        cmd_check,
    )
    cmd.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="output: text for people, json for tools, github for annotations",
    )
    cmd.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        help="exit 1 when a finding at or above this severity is reported "
        "(default: error, or fail-on in backmap.toml)",
    )
    cmd.add_argument(
        "--select", nargs="+", metavar="CODE", help="only these rules or prefixes, e.g. BM1 BM301"
    )
    cmd.add_argument("--ignore", nargs="+", metavar="CODE", help="skip these rules or prefixes")
    cmd.add_argument(
        "--today",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the date to measure overdue against (default: today)",
    )
    cmd.add_argument(
        "--leverage",
        action="store_true",
        help="also rank initiatives by what they serve and goals by thin support",
    )
    cmd.add_argument("--rules", action="store_true", help="list every rule and exit")

    cmd = sub(
        "fit",
        "where does a new idea fit: the goals it serves, look-alikes, what else could be done",
        'backmap fit "schedule Slack messages for the next morning" --map maps/ideal-group.yaml',
        cmd_fit,
    )
    cmd.add_argument("text", help="the idea, in a few words")
    cmd.add_argument("--top", type=int, default=5, metavar="K", help="places to show (default 5)")
    cmd.add_argument("--json", action="store_true", help="print the documented JSON answer")
    cmd.add_argument(
        "--attach",
        nargs="*",
        metavar="GOAL",
        help="add the idea to the map under these goals (none: the best one)",
    )
    cmd.add_argument(
        "--kind",
        choices=("initiative", "goal"),
        default="initiative",
        help="what to add with --attach (default: initiative)",
    )
    cmd.add_argument("--owner")
    cmd.add_argument("--sub-owner", dest="sub_owner")
    cmd.add_argument("-y", "--yes", action="store_true", help="attach without asking")

    cmd = sub(
        "export",
        "draw the map: svg, png, pdf, dot, mermaid, markdown or json",
        "backmap export --map maps/ideal-group.yaml -o map.svg",
        cmd_export,
    )
    cmd.add_argument(
        "-f",
        "--format",
        choices=("svg", "png", "pdf", "dot", "mermaid", "md", "json"),
        help="output format (default: from the -o extension, else svg)",
    )
    cmd.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="file to write, '-' for standard output; with --split, a folder",
    )
    cmd.add_argument(
        "--focus",
        metavar="ID",
        help="a node with its way up to the outcomes and what is beneath it",
    )
    cmd.add_argument("--depth", type=int, metavar="N", help="with --focus: levels beneath")
    cmd.add_argument("--max-depth", type=int, metavar="N", help="levels below the outcomes")
    cmd.add_argument(
        "--split",
        action="store_true",
        help="one file per outcome plus an index page, into the -o folder",
    )
    cmd.add_argument("--no-findings", action="store_true", help="do not mark check findings")
    cmd.add_argument(
        "--link-template",
        metavar="URL",
        help="make nodes links, e.g. 'https://tracker.example.com/{id}'",
    )
    cmd.add_argument(
        "--engine",
        choices=("auto", "pure", "system"),
        default="auto",
        help="graphviz engine: the bundled one (pure) or a system dot",
    )
    cmd.add_argument("--title", help="title printed on the map")
    cmd.add_argument(
        "--today",
        type=_date,
        metavar="YYYY-MM-DD",
        help="date printed on the map and used for overdue",
    )

    cmd = sub(
        "status",
        "the map with roll-up progress, coverage and owners, for check-ins",
        "backmap status --map maps/org --depth 2",
        cmd_status,
    )
    cmd.add_argument("--root", metavar="ID", help="show only this node and what is beneath it")
    cmd.add_argument("--depth", type=int, metavar="N", help="show N levels below the top")

    cmd = sub(
        "schema",
        "print the JSON Schema of map files (for editor completion)",
        "backmap schema > backmap.schema.json",
        cmd_schema,
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `backmap` command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return OK
    try:
        code: int = args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `backmap tree | head`: the reader left; not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return OK
    except _Fail as fail:
        return fail.code
    return code


class _Fail(Exception):
    def __init__(self, code: int = USAGE) -> None:
        self.code = code


def _error(message: str) -> _Fail:
    print(f"backmap: error: {message}", file=sys.stderr)
    return _Fail()


def _open(args: argparse.Namespace) -> Workspace:
    """Find and load the workspace, or print why not and stop with exit code 2."""
    from backmap import store

    try:
        root = store.find_root(args.map)
        return store.load(root)
    except store.NoWorkspace as exc:
        raise _error(str(exc)) from None
    except store.LoadError as exc:
        _print_problems(exc)
        count = len(exc.problems)
        print(
            f"{count} problem{'s' * (count != 1)} in the map; nothing was changed", file=sys.stderr
        )
        raise _Fail() from None


def _print_problems(exc: Exception) -> None:
    for problem in getattr(exc, "problems", []):
        print(problem, file=sys.stderr)


def _apply_and_save(ws: Workspace, build: Callable[[], Any]) -> Any:
    """Build an edit, apply it, save; print the reason and stop with 2 if any step refuses."""
    from backmap import edits, store

    try:
        edit = build()
    except edits.EditError as exc:
        raise _error(str(exc)) from None
    edit.apply(ws)
    try:
        written = store.save(ws)
    except store.SaveError as exc:
        _print_problems(exc)
        print("nothing was saved", file=sys.stderr)
        raise _Fail() from None
    where = ", ".join(str(p) for p in written) or "no file changed"
    print(f"{edit.summary} ({where})", file=sys.stderr)
    return edit


def cmd_new(args: argparse.Namespace) -> int:
    from backmap import store
    from backmap.model import MapFile, Workspace

    path: Path = args.path
    if path.suffix not in (".yaml", ".yml"):
        raise _error(f"{path}: a map file name ends in .yaml (e.g. {path.with_suffix('.yaml')})")
    if path.exists():
        raise _error(f"{path} already exists; backmap new never overwrites a file")
    title = args.title or path.stem.replace("-", " ").replace("_", " ").strip().capitalize()
    ws = Workspace(path)
    store.new_file(ws, path, MapFile(backmap=1, title=title or "Map"))
    try:
        store.save(ws)
    except store.SaveError as exc:
        _print_problems(exc)
        raise _Fail() from None
    print(f'created {path}; next: backmap add outcome "..." --map {path}', file=sys.stderr)
    return OK


def cmd_add(args: argparse.Namespace) -> int:
    from backmap import edits

    ws = _open(args)
    path = args.file
    if path is not None and path not in ws.files:
        matches = [p for p in ws.files if p.resolve() == path.resolve()]
        path = matches[0] if matches else path
    fields = {k: getattr(args, k) for k in ("owner", "sub_owner", "status", "description")}
    edit = _apply_and_save(
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


def cmd_edit(args: argparse.Namespace) -> int:
    from backmap.checks import ConfigError, load_config

    ws = _open(args)  # load errors are printed here, before the screen is taken over
    try:
        config = load_config(ws.root)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        raise _Fail() from None
    from backmap.tui.app import BackmapApp

    BackmapApp(ws, config).run()
    return OK


def cmd_set(args: argparse.Namespace) -> int:
    from backmap import edits

    names = ("title", "description", "owner", "sub_owner", "status", "progress", "due", "tags")
    given = {k: getattr(args, k) for k in names if getattr(args, k) is not None}
    if not given:
        raise _error("name at least one field to change, e.g. --status done")
    changes: dict[str, Any] = {}
    for key, text in given.items():
        text = text.strip()
        if key == "tags":
            changes[key] = [t.strip() for t in text.split(",") if t.strip()]
        elif key == "progress" and text:
            try:
                number = float(text)
            except ValueError:
                raise _error(f"--progress must be a number from 0 to 100, not {text!r}") from None
            changes[key] = int(number) if number.is_integer() else number
        else:
            changes[key] = text or None
    ws = _open(args)
    _apply_and_save(ws, lambda: edits.change(ws, args.id, **changes))
    return OK


def cmd_link(args: argparse.Namespace) -> int:
    from backmap import edits

    ws = _open(args)
    _apply_and_save(ws, lambda: edits.link(ws, args.child, args.parent))
    return OK


def cmd_unlink(args: argparse.Namespace) -> int:
    from backmap import edits

    ws = _open(args)
    _apply_and_save(ws, lambda: edits.unlink(ws, args.child, args.parent))
    return OK


def cmd_mv(args: argparse.Namespace) -> int:
    from backmap import edits

    ws = _open(args)
    _apply_and_save(ws, lambda: edits.move(ws, args.id, args.supports))
    return OK


def cmd_rm(args: argparse.Namespace) -> int:
    from backmap import edits

    ws = _open(args)
    orphans = edits.orphaned_by_removal(ws, args.id) if args.id in ws else []
    _apply_and_save(ws, lambda: edits.remove(ws, args.id))
    if orphans:
        print(
            f"now supporting nothing: {', '.join(orphans)} (link them with `backmap link`)",
            file=sys.stderr,
        )
    return OK


def cmd_rename(args: argparse.Namespace) -> int:
    from backmap import edits

    ws = _open(args)
    _apply_and_save(ws, lambda: edits.rename(ws, args.old, args.new))
    return OK


def cmd_tree(args: argparse.Namespace) -> int:
    from backmap import hierarchy
    from backmap.render.tree import tree_lines
    from backmap.term import Style, wants_color

    ws = _open(args)
    if args.root is not None:
        _require_node(ws, args.root)
    style = Style(wants_color(args.color))
    titles = " · ".join(f.title for f in ws.files.values())
    print(style(titles, "bold"))
    for line in tree_lines(hierarchy.rows(ws, args.root), style):
        print(line)
    return OK


def cmd_fmt(args: argparse.Namespace) -> int:
    from backmap import store

    ws = _open(args)
    changed = store.pending(ws)
    if args.check:
        for path in changed:
            print(f"would reformat {path}")
            if args.diff:
                _print_diff(ws.origins[path].text, store.dumps(ws, path), path)
        if changed:
            print(
                f"{len(changed)} file{'s' * (len(changed) != 1)} would be reformatted; "
                "run `backmap fmt` to fix",
                file=sys.stderr,
            )
            return FINDINGS
        print(
            f"{len(ws.files)} file{'s' * (len(ws.files) != 1)} already formatted", file=sys.stderr
        )
        return OK
    try:
        written = store.save(ws)
    except store.SaveError as exc:
        _print_problems(exc)
        raise _Fail() from None
    for path in written:
        print(f"reformatted {path}")
    if not written:
        print(
            f"{len(ws.files)} file{'s' * (len(ws.files) != 1)} already formatted", file=sys.stderr
        )
    return OK


def _print_diff(before: str, after: str, path: Path) -> None:
    import difflib

    sys.stdout.writelines(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"{path} (now)",
            tofile=f"{path} (formatted)",
        )
    )


def _date(text: str) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2027-03-31") from None


def _check_config(args: argparse.Namespace, root: Path) -> Any:
    from backmap.checks import ConfigError, Severity, load_config
    from backmap.checks.config import parse_codes

    try:
        config = load_config(root)
        select = parse_codes(args.select) if getattr(args, "select", None) else None
        ignore = parse_codes(args.ignore) if getattr(args, "ignore", None) else None
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        raise _Fail() from None
    except ValueError as exc:
        raise _error(str(exc)) from None
    return config.with_overrides(
        select=select,
        ignore=ignore,
        fail_on=Severity.parse(args.fail_on) if getattr(args, "fail_on", None) else None,
        today=getattr(args, "today", None),
    )


def cmd_check(args: argparse.Namespace) -> int:
    from backmap.checks import RULES, check
    from backmap.render import report
    from backmap.term import Style, wants_color

    style = Style(wants_color(args.color))
    if args.rules:
        for code, (rule, _) in sorted(RULES.items()):
            print(f"{code}  {rule.severity.label:<7}  {rule.name:<22}  {rule.summary}")
        return OK
    ws = _open(args)
    config = _check_config(args, ws.root)
    result = check(ws, config)
    served_thin = None
    if args.leverage:
        from backmap.checks.leverage import leverage

        served_thin = leverage(result.graph)
    if args.format == "json":
        extra = None
        if served_thin is not None:
            extra = {
                "leverage": {
                    "initiatives": [vars(x) for x in served_thin[0]],
                    "thin_goals": [vars(x) for x in served_thin[1]],
                }
            }
        sys.stdout.write(report.to_json(result, config.fail_on, extra))
    elif args.format == "github":
        for line in report.github_lines(result):
            print(line)
        print(report.summary_line(result), file=sys.stderr)
    else:
        for line in report.text_lines(result, style):
            print(line)
        if served_thin is not None:
            print()
            for line in report.leverage_lines(*served_thin, style):
                print(line)
    return FINDINGS if result.fails(config.fail_on) else OK


def cmd_fit(args: argparse.Namespace) -> int:
    from backmap import edits, fit
    from backmap.render import fit_report
    from backmap.term import Style, wants_color

    if args.top < 1:
        raise _error("--top must be at least 1")
    if not args.text.strip():
        raise _error('give the idea as text, e.g. backmap fit "paid expert consulting"')
    ws = _open(args)
    index = fit.index_workspace(ws)
    answer = fit.fit(index, args.text, top=args.top)
    near = fit.nearby(index, args.text, answer.places[0].id) if answer.fits else None
    attached = None
    if args.attach is not None:
        goals = list(args.attach) or ([answer.places[0].id] if answer.fits else [])
        if not goals:
            raise _error(
                "nothing fits well enough to attach automatically; name the goals: "
                "--attach GOAL [GOAL ...]"
            )
        names = ", ".join(f"“{ws.node(g).title}”" if g in ws else g for g in goals)
        if not args.yes and not _confirm(f"Add “{args.text}” as {args.kind} under {names}?"):
            print("nothing added", file=sys.stderr)
            return OK
        edit = _apply_and_save(
            ws,
            lambda: edits.add(
                ws,
                args.kind,
                args.text,
                supports=goals,
                owner=args.owner,
                sub_owner=args.sub_owner,
            ),
        )
        attached = edit.node_id
    if args.json:
        sys.stdout.write(fit_report.to_json(answer, near, attached))
    else:
        for line in fit_report.text_lines(ws, answer, near, Style(wants_color(args.color))):
            print(line)
        if attached:
            print(attached)
    return OK


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        raise _error(f"{question} Not asked: no terminal to ask on; pass --yes to attach")
    try:
        reply = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return reply.strip().lower() in ("y", "yes")


def cmd_export(args: argparse.Namespace) -> int:
    from backmap.checks import check
    from backmap.render import export

    fmt = args.format
    if fmt is None and args.output and args.output != "-" and not args.split:
        try:
            fmt = export.format_for(args.output)
        except export.ExportError as exc:
            raise _error(str(exc)) from None
    fmt = fmt or "svg"
    if args.split and (not args.output or args.output == "-"):
        raise _error("--split writes several files: give a folder with -o, e.g. -o map-export/")
    if fmt in ("png", "pdf") and not args.output and sys.stdout.isatty():
        raise _error(f"{fmt} is binary: write it to a file with -o map.{fmt}")
    ws = _open(args)
    config = _check_config(args, ws.root) if not args.no_findings else None
    options = export.ExportOptions(
        focus=args.focus,
        depth=args.depth,
        max_depth=args.max_depth,
        no_findings=args.no_findings,
        title=args.title,
        today=args.today,
        link_template=args.link_template,
        engine=args.engine,
    )
    try:
        result = check(ws, config.with_overrides(today=args.today)) if config else None
        if args.split:
            files = export.export_split(ws, fmt, options, result)
        else:
            data = export.export(ws, fmt, options, result)
    except export.ExportError as exc:
        raise _error(str(exc)) from None
    if args.split:
        folder = Path(args.output)
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in sorted(files.items()):
            (folder / name).write_bytes(content)
        print(f"wrote {len(files)} files to {folder}", file=sys.stderr)
    elif not args.output or args.output == "-":
        sys.stdout.buffer.write(data)
    else:
        Path(args.output).write_bytes(data)
        print(f"wrote {args.output}", file=sys.stderr)
    return OK


def cmd_status(args: argparse.Namespace) -> int:
    from backmap import hierarchy
    from backmap.checks import CheckConfig, check
    from backmap.render import report
    from backmap.render.status import status_lines
    from backmap.term import Style, wants_color

    ws = _open(args)
    if args.root is not None:
        _require_node(ws, args.root)
    style = Style(wants_color(args.color))
    # Status needs coverage and progress only: no rules run.
    result = check(ws, CheckConfig(select=("BM0",)))
    rows = hierarchy.rows(ws, args.root)
    if args.depth is not None:
        rows = (r for r in rows if r.depth <= args.depth)
    print(style(" · ".join(f.title for f in ws.files.values()), "bold"))
    for line in status_lines(rows, result, style):
        print(line)
    cov = result.coverage
    print()
    print(
        f"coverage {report.percent(None if cov.ratio is None else cov.ratio * 100)} "
        f"({cov.covered}/{cov.goals} goals have initiatives, {cov.moving} moving) · "
        f"progress {report.percent(result.overall_progress)}"
    )
    return OK


def _require_node(ws: Workspace, node_id: str) -> None:
    from backmap.edits import EditError, require

    try:
        require(ws, node_id)
    except EditError as exc:
        raise _error(str(exc)) from None


def cmd_schema(args: argparse.Namespace) -> int:
    from backmap.schema import schema_text

    sys.stdout.write(schema_text())
    return OK


if __name__ == "__main__":
    sys.exit(main())
