"""Commands about people: the load each person and team carries, and one person's plan."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from backmap.cli.common import OK, Options, error, open_workspace, parse_date

if TYPE_CHECKING:
    from datetime import date

    from backmap.cli.parser import Commands

PEOPLE_FORMATS = ("text", "json", "md")
PLAN_FORMATS = ("text", "md")


def register(commands: Commands) -> None:
    cmd = commands.add(
        "people",
        "who carries what: items owned and sub-owned, open load, progress, risks, per person",
        "backmap people --map maps/org\nbackmap people --format md > people.md",
        cmd_people,
        description="One row per person: items owned and sub-owned, open items owned, "
        "progress of what they own, overdue and at-risk items (at risk or off track by a "
        "check-in, its own or one beneath it, or due within 30 days and under 50%), "
        "open items with no sub_owner, bus-factor items (nobody else is named on any path "
        "up to the outcomes) and personal goals. With a people file, a row per team follows.",
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

    cmd = commands.add(
        "plan",
        "one person's plan: what they own or sub-own, each with its chain up to the outcomes",
        'backmap plan mateo --map maps/org\nbackmap plan "Mateo Rossi" --format md > 1on1.md',
        cmd_plan,
        description="One person's plan, for a one-on-one: everything they own or sub-own, "
        "each with its status, progress, due date and flags, and the chains of goals it serves "
        "up to the outcomes: how their work connects.",
    )
    cmd.add_argument("person", help="the person: an id, a name or a handle (case does not matter)")
    cmd.add_argument(
        "--format",
        choices=PLAN_FORMATS,
        default="text",
        help="text (default) or md (Markdown, for notes)",
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
    from backmap.render import focus
    from backmap.render import people as render
    from backmap.term import Style, wants_color

    ws = open_workspace(args)
    today = args.today or date.today()
    result = loads(ws, today)
    chosen = focus.current_lines(ws, today)
    if args.format == "json":
        sys.stdout.write(render.to_json(result, focus.current_json(ws, today)))
    elif args.format == "md":
        sys.stdout.write(render.markdown(result))
        sys.stdout.write(focus.current_markdown(ws, today))
    else:
        style = Style(wants_color(args.color))
        for line in render.text_lines(result, style):
            print(line)
        if not result.people:
            print(
                style(
                    "Nobody owns anything yet: set owners with backmap set ID --owner NAME", "grey"
                )
            )
        elif any(not row.known for row in result.people):
            print("\n" + style("? not in the people file: see backmap check (BM701)", "grey"))
        for line in ["", *chosen] if chosen else []:
            print(line)
    return OK


class PlanOptions(Options):
    person: str
    format: str
    today: date | None


def cmd_plan(args: PlanOptions) -> int:
    from datetime import date

    from backmap.people.plan import UnknownPerson, plan
    from backmap.render import people as render
    from backmap.term import Style, wants_color

    ws = open_workspace(args)
    try:
        result = plan(ws, args.person, args.today or date.today())
    except UnknownPerson as exc:
        hint = f"did you mean {exc.guess}?" if exc.guess else "`backmap people` lists everyone"
        where = "is not in the people file and " if ws.people is not None else ""
        raise error(f"{exc.name!r} {where}owns nothing in this map: {hint}") from None
    if args.format == "md":
        sys.stdout.write(render.plan_markdown(ws, result))
    else:
        for line in render.plan_lines(ws, result, Style(wants_color(args.color))):
            print(line)
    return OK
