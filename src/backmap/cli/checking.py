"""`backmap check`: find what the map is missing, in text, JSON or GitHub annotations."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from backmap.cli.checkin import readable_checkins
from backmap.cli.common import FINDINGS, OK, check_config, open_workspace, parse_date
from backmap.cli.ending import outlive
from backmap.cli.filtering import (
    FilterOptions,
    add_filter_options,
    selection_for,
)
from backmap.plural import noun, plural
from backmap.render.formats import CHECK_FORMATS, CHECKS
from backmap.vocabulary import SEVERITIES

if TYPE_CHECKING:
    from datetime import date  # the type --today parses to; datetime loads late

    from backmap.checks.findings import Finding
    from backmap.cli.parser import Commands
    from backmap.model import Workspace


def register(commands: Commands) -> None:
    cmd = commands.add(
        "check",
        "find what the map is missing: orphans, unsupported goals, cycles, owners, dates",
        "backmap check --map maps/org\n"
        "backmap check --select BM2 --fail-on warning --format github",
        cmd_check,
        description="Find what the map is missing: orphans, goals nothing supports, cycles, "
        "missing owners, overdue dates. Exit code 1 when a finding reaches --fail-on. Rules "
        "are listed by --rules and described in docs/checks.md; backmap.toml configures them.",
    )
    rules = cmd.add_argument_group("which findings")
    rules.add_argument(
        "--select", nargs="+", metavar="CODE", help="only these rules or prefixes, e.g. BM1 BM301"
    )
    rules.add_argument("--ignore", nargs="+", metavar="CODE", help="skip these rules or prefixes")
    rules.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        help="exit 1 on a finding of this severity or worse "
        "(default: error, or fail-on in backmap.toml)",
    )
    rules.add_argument(
        "--today",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="the date to measure overdue against (default: today)",
    )
    output = cmd.add_argument_group("output")
    output.add_argument(
        "--format",
        choices=CHECK_FORMATS,
        default="text",
        help="; ".join(f"{name}: {use}" for name, use in CHECKS.items()) + " (default: text)",
    )
    output.add_argument(
        "--leverage",
        action="store_true",
        help="also rank initiatives by what they serve and goals by thin support",
    )
    output.add_argument("--rules", action="store_true", help="list every rule and exit")
    add_filter_options(cmd, "the only items findings are reported for")


class CheckOptions(FilterOptions):
    select: list[str] | None
    ignore: list[str] | None
    fail_on: str | None
    today: date | None
    format: str
    leverage: bool
    rules: bool


def cmd_check(args: CheckOptions) -> int:
    from functools import partial

    from backmap.checks import RULES, ahead, check
    from backmap.render import report
    from backmap.store import find_root
    from backmap.term import Style, wants_color

    style = Style(wants_color(args.color))
    if args.rules:
        for code, (rule, _) in sorted(RULES.items()):
            print(f"{code}  {rule.severity.label:<7}  {rule.name:<22}  {rule.summary}")
        return OK
    # The near-duplicate comparison's helper process, forked while this one is small: it reads
    # the titles and compares them while this one loads the map.
    helper = ahead.helper(partial(find_root, args.map))
    try:
        ws = open_workspace(args)
        readable_checkins(ws)
        config = check_config(args, ws.root)
        chosen = selection_for(args, ws)
        result = check(ws, config, aside=helper)
    finally:
        helper.close()
    if chosen is not None:
        from backmap.checks import only_for

        only_for(result, chosen.matches, chosen.people)
        if chosen.matches:
            print(
                f"findings for the {plural(len(chosen.matches), 'item')} the filter matches "
                "(coverage and progress are the whole map's)",
                file=sys.stderr,
            )
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
        # One write, not one per line: a big map has tens of thousands of findings.
        sys.stdout.write("".join(f"{line}\n" for line in report.text_lines(result, style)))
        if served_thin is not None:
            print()
            for line in report.leverage_lines(*served_thin, style):
                print(line)
    _note_lone_file(ws, result.active(), result.graph.irregular)
    _note_untitled(ws)
    outlive(ws, result)  # freed with the process, not node by node
    return FINDINGS if result.fails(config.fail_on) else OK


def _note_lone_file(ws: Workspace, findings: Sequence[Finding], irregular: list[str]) -> None:
    """After the findings: unknown links of one team file may be the folder's ids, not typos;
    a group file's goals with nothing beneath may be served by the team files."""
    from backmap import store
    from backmap.checks.scope import lone_file

    # BM202, BM203: a goal or an outcome with nothing beneath it in this file.
    bare = dict.fromkeys(f.node_id for f in findings if f.code in ("BM202", "BM203"))
    lone = lone_file(ws, store.neighbours(ws.root), list(bare), irregular)
    if lone is None:
        return
    folder = "this folder" if lone.folder == Path(".") else str(lone.folder)
    if lone.unknown:
        ids = plural(len(lone.unknown), "id")
        why = f"The {ids} it links to but does not define ({_some(lone.unknown)}) may live"
    else:
        ids = plural(len(lone.bare), "node")
        shown = _some(lone.bare)
        them = noun(len(lone.bare), "it", "them")
        why = f"What supports the {ids} with nothing beneath {them} here ({shown}) may live"
    print(
        f"note: {lone.path} was checked alone, and {folder} holds "
        f"{plural(len(lone.others), 'other map file')}. {why} in the rest of the "
        f"workspace: run from the workspace root, or pass the folder: "
        f"backmap check --map {lone.folder}",
        file=sys.stderr,
    )


def _note_untitled(ws: Workspace) -> None:
    """A workspace titled after its folder (views, exports and the report show that name):
    say where its own title goes."""
    from backmap.store.settings import settings_path

    if ws.named_after_folder():
        print(
            f"note: this workspace is titled {ws.name()!r} after its folder: give it a title "
            f'with title = "..." in {settings_path(ws.root)}',
            file=sys.stderr,
        )


def _some(ids: Sequence[str]) -> str:
    return ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
