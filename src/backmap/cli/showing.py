"""`backmap show ID`: one item in full, its check-ins newest first and the findings about it."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING

from backmap.cli.common import OK, Options, check_config, open_workspace, parse_date, require_node

if TYPE_CHECKING:
    from backmap.cli.parser import Commands

EXAMPLE = """\
backmap show off-hours --map maps/ideal-group.yaml
backmap show less-stress --json | jq .checkins"""


def register(commands: Commands) -> None:
    """Add `show` to the command line."""
    cmd = commands.add(
        "show",
        "one item in full: fields, roll-up, metric, links, check-ins, findings",
        EXAMPLE,
        cmd_show,
        description="One item in full: title, kind, status, owners, due date, progress and "
        "its roll-up, health, metric, what it supports and what supports it, its check-ins "
        "(newest first) and the findings of `backmap check` about it.",
    )
    cmd.add_argument("id", help="the item to show")
    cmd.add_argument("--json", action="store_true", help="print it as JSON (keys in docs/cli.md)")
    cmd.add_argument(
        "--today",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="the date overdue and the findings are measured at (default: today)",
    )


class ShowOptions(Options):
    id: str
    json: bool
    today: date | None


def cmd_show(args: ShowOptions) -> int:
    from backmap import checkins
    from backmap.checks import ahead, check
    from backmap.cli.checkin import readable_checkins
    from backmap.render.item import gather, item_json, item_lines
    from backmap.term import Style, wants_color

    # The near-duplicate comparison's helper process, forked while this one is small (as `check`).
    helper = ahead.helper()
    try:
        ws = open_workspace(args)
        require_node(ws, args.id)
        readable_checkins(ws)  # every rule may read them: a bad line is named, not a traceback
        result = check(ws, check_config(args, ws.root), aside=helper)
    finally:
        helper.close()
    item = gather(ws, args.id, result, checkins.history(ws, args.id), result.findings)
    if args.json:
        sys.stdout.write(item_json(item))
        return OK
    style = Style(wants_color(args.color))
    print("\n".join(item_lines(item, style, args.today or date.today())))
    return OK
