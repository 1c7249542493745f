"""The command line: every subcommand, its options and an example in its help."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from backmap import __version__
from backmap.cli import checkin, reporting
from backmap.cli import diff as diff_command
from backmap.cli.analysis import cmd_check, cmd_export, cmd_fit
from backmap.cli.common import parse_date
from backmap.cli.editing import (
    cmd_add,
    cmd_edit,
    cmd_link,
    cmd_mv,
    cmd_new,
    cmd_redo,
    cmd_rename,
    cmd_rm,
    cmd_set,
    cmd_undo,
    cmd_unlink,
)
from backmap.cli.options import at_least, progress, status_or_empty
from backmap.cli.viewing import cmd_fmt, cmd_schema, cmd_status, cmd_tree
from backmap.vocabulary import KINDS, STATUSES, Kind

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

exit codes: 0 ok, 1 findings (check, fmt --check), 2 usage or input error,
  70 internal error (a bug in backmap: please report it).
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


class Commands:
    """Where a command module registers its subcommands: `register(commands)` in each module."""

    def __init__(self, subs: Any) -> None:
        self._subs = subs

    def add(self, name: str, help_: str, example: str, func: Callable[..., int]) -> Any:
        """A subcommand with the common options, `help_` as its description and `example` below."""
        cmd = self._subs.add_parser(
            name,
            help=help_,
            description=help_.capitalize() + ".",
            epilog=("examples:\n  " if "\n" in example else "example:\n  ")
            + example.replace("\n", "\n  "),
            formatter_class=_Formatter,
        )
        _common_options(cmd, suppress=True)
        cmd.set_defaults(func=func)
        return cmd


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, every subcommand with an example in its help."""
    parser = argparse.ArgumentParser(
        prog="backmap", description=DESCRIPTION, epilog=EPILOG, formatter_class=_Formatter
    )
    parser.add_argument("-V", "--version", action="version", version=f"backmap {__version__}")
    _common_options(parser, suppress=False)
    subs = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    commands = Commands(subs)
    sub = commands.add

    cmd = sub(
        "edit",
        "open the map in the keyboard-driven editor",
        "backmap edit --map maps/ideal-group.yaml",
        cmd_edit,
    )

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
    cmd.add_argument("kind", choices=KINDS)
    cmd.add_argument("title", nargs="?", help="a short statement (best given before -s)")
    cmd.add_argument(
        "-s", "--supports", nargs="+", default=[], metavar="ID", help="ids this node serves"
    )
    cmd.add_argument("--id", dest="node_id", help="id to use (default: made from the title)")
    cmd.add_argument("--owner")
    cmd.add_argument("--sub-owner", dest="sub_owner")
    cmd.add_argument("--status", choices=STATUSES, help="done also sets progress 100")
    cmd.add_argument("--description")
    cmd.add_argument("--progress", type=progress, metavar="0-100")
    cmd.add_argument("--due", type=parse_date, metavar="YYYY-MM-DD")
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
    cmd.add_argument(
        "--status",
        type=status_or_empty,
        metavar="{" + ",".join(STATUSES) + "}",
        help='"" clears it',
    )
    cmd.add_argument(
        "--kind",
        choices=KINDS,
        help="an outcome supports nothing and nothing supports an initiative: "
        "unlink what is in the way first",
    )
    cmd.add_argument(
        "--progress", metavar="0-100", help="refused when progress rolls up from items beneath"
    )
    cmd.add_argument("--due", metavar="YYYY-MM-DD")
    cmd.add_argument("--tags", metavar="A,B", help="comma-separated; replaces the list")
    metric = cmd.add_argument_group("metric", '"" clears a value; --metric-name "" the metric')
    metric.add_argument("--metric-name", metavar="TEXT", help="what is measured")
    metric.add_argument("--unit", metavar="TEXT", help='e.g. "%%" or msgs')
    metric.add_argument("--baseline", metavar="X", help="the value when the work started")
    metric.add_argument("--target", metavar="X", help="the value that means it is reached")
    metric.add_argument("--current", metavar="X", help="the latest measured value")

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
        "backmap rm async-updates\nbackmap rm less-stress --dry-run",
        cmd_rm,
    )
    cmd.add_argument("id")
    cmd.add_argument(
        "-y", "--yes", action="store_true", help="remove without asking when nodes support it"
    )
    cmd.add_argument(
        "-n", "--dry-run", action="store_true", help="say what would change and write nothing"
    )

    cmd = sub(
        "rename",
        "change an id; every reference follows",
        "backmap rename off-hours respect-off-hours",
        cmd_rename,
    )
    cmd.add_argument("old")
    cmd.add_argument("new")

    sub(
        "undo",
        "take back the last edit made on the command line (add, set, link, mv, rm, ...)",
        "backmap undo --map maps/ideal-group.yaml",
        cmd_undo,
    )
    sub(
        "redo",
        "make again the last edit undone with backmap undo",
        "backmap redo --map maps/ideal-group.yaml",
        cmd_redo,
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
        type=parse_date,
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
        'backmap fit "schedule Slack messages for the next morning" --map maps/ideal-group.yaml\n'
        'backmap fit "paid expert consulting" --json --top 3\n'
        'backmap fit "Quiet hours after six" --attach less-stress --owner dana --yes\n'
        'backmap fit "A buddy for every new joiner" --attach   # asks before it writes',
        cmd_fit,
    )
    cmd.add_argument(
        "text",
        nargs="?",
        help="the idea, in a few words (best given before --attach)",
    )
    cmd.add_argument(
        "--top", type=at_least(1), default=5, metavar="K", help="places to show (default 5)"
    )
    cmd.add_argument("--json", action="store_true", help="print the documented JSON answer")
    cmd.add_argument(
        "--attach",
        nargs="*",
        metavar="GOAL",
        help="add the idea to the map under these goals (none: the best one)",
    )
    cmd.add_argument(
        "--kind",
        choices=(Kind.INITIATIVE.value, Kind.GOAL.value),
        default=Kind.INITIATIVE.value,
        help="what to add with --attach (default: initiative)",
    )
    cmd.add_argument("--owner", help="owner of the item --attach adds")
    cmd.add_argument(
        "--sub-owner", dest="sub_owner", help="sub-owner of the item --attach adds (the backup)"
    )
    cmd.add_argument(
        "--status",
        choices=STATUSES,
        help="status of the item --attach adds",
    )
    cmd.add_argument(
        "--due", type=parse_date, metavar="YYYY-MM-DD", help="due date of the item --attach adds"
    )
    cmd.add_argument(
        "--progress",
        type=progress,
        metavar="0-100",
        help="progress of the item --attach adds",
    )
    cmd.add_argument("-y", "--yes", action="store_true", help="attach without asking")

    cmd = sub(
        "status",
        "the map with roll-up progress, coverage and owners, for check-ins",
        "backmap status --map maps/org --depth 2",
        cmd_status,
    )
    cmd.add_argument("--root", metavar="ID", help="show only this node and what is beneath it")
    cmd.add_argument(
        "--depth", type=at_least(0), metavar="N", help="show N levels below the top (0: the top)"
    )
    cmd.add_argument(
        "--since",
        metavar="DATE|REV",
        help="show what changed since a date or git revision next to each bar",
    )
    cmd.add_argument(
        "--today", type=parse_date, metavar="YYYY-MM-DD", help="the date overdue is measured at"
    )

    cmd = sub(
        "tree",
        "show the map as a tree: kinds, status, owners",
        "backmap tree --map maps/org --root grow-revenue",
        cmd_tree,
    )
    cmd.add_argument("--root", metavar="ID", help="show only this node and what is beneath it")

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
    cmd.add_argument("--depth", type=at_least(0), metavar="N", help="with --focus: levels beneath")
    cmd.add_argument("--max-depth", type=at_least(0), metavar="N", help="levels below the outcomes")
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
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="date printed on the map and used for overdue",
    )

    reporting.register(commands)

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
        "schema",
        "print the JSON Schema of map files (for editor completion)",
        "backmap schema > backmap.schema.json",
        cmd_schema,
    )

    checkin.register(commands)
    diff_command.register(commands)

    return parser
