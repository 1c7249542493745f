"""Commands about people: the load each person and team carries, and one person's plan."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from backmap.cli.common import OK, Options, open_workspace, parse_date

if TYPE_CHECKING:
    from datetime import date

    from backmap.cli.parser import Commands

PEOPLE_FORMATS = ("text", "json", "md")


def register(commands: Commands) -> None:
    cmd = commands.add(
        "people",
        "who carries what: items owned and sub-owned, open load, progress, risks, per person",
        "backmap people --map maps/org\nbackmap people --format md > people.md",
        cmd_people,
        description="One row per person: items owned and sub-owned, open items owned, "
        "progress of what they own, overdue and at-risk items (due within 30 days, under 50%), "
        "open items with no sub_owner, and bus-factor items (nobody else is named on any path "
        "up to the outcomes). With a people file, a row per team follows.",
    )
    cmd.add_argument(
        "--format",
        choices=PEOPLE_FORMATS,
        default="text",
        help="text (default), json (node ids in each list) or md (Markdown tables)",
    )
    cmd.add_argument(
        "--today",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="the date overdue and at risk are measured against (default: today)",
    )


class PeopleOptions(Options):
    format: str
    today: date | None


def cmd_people(args: PeopleOptions) -> int:
    from datetime import date

    from backmap.people.load import loads
    from backmap.render import people as render
    from backmap.term import Style, wants_color

    ws = open_workspace(args)
    result = loads(ws, args.today or date.today())
    if args.format == "json":
        sys.stdout.write(render.to_json(result))
    elif args.format == "md":
        sys.stdout.write(render.markdown(result))
    else:
        for line in render.text_lines(result, Style(wants_color(args.color))):
            print(line)
    return OK
