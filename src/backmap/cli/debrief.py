"""`backmap debrief`: up to three lessons a person or team learned in a period, or the lessons
written so far."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from backmap.cli.common import OK, Options, error, open_workspace
from backmap.cli.focus import Intermixed, holder_of, name_of, period_key, save_text

if TYPE_CHECKING:
    from backmap.cli.parser import Commands


def register(commands: Commands) -> None:
    cmd = commands.add(
        "debrief",
        "record up to three lessons a person learned in a period, or list lessons",
        'backmap debrief 2026-Q4 --owner chloe "Reconcile only after the hierarchy is clean" '
        "--node hierarchical-forecast\nbackmap debrief 2026-Q4\nbackmap debrief",
        cmd_debrief,
        description="After a period, write down what was learned: up to three short lessons "
        "per person (--owner) or team (--team), each optionally tied to nodes (--node). "
        "Without a lesson, lists the lessons of PERIOD, or of every period without one. "
        "`backmap fit` shows lessons near an idea.",
    )
    cmd.__class__ = Intermixed
    cmd.add_argument(
        "period", type=period_key, nargs="?", metavar="PERIOD", help="2027-01, 2027-Q1"
    )
    cmd.add_argument("lesson", nargs="?", help="what was learned, in a sentence")
    who = cmd.add_mutually_exclusive_group()
    who.add_argument("--owner", metavar="NAME", help="the person: id, name or handle")
    who.add_argument("--team", metavar="TEAM", help="a team of the people file")
    cmd.add_argument(
        "--node", action="append", default=[], metavar="ID", help="a node the lesson is about"
    )


class DebriefOptions(Options):
    period: str | None
    lesson: str | None
    owner: str | None
    team: str | None
    node: list[str]


def cmd_debrief(args: DebriefOptions) -> int:
    from datetime import date

    from backmap.cli.common import require_node
    from backmap.people.focus import LIMIT, Focus, Lesson, parse_period
    from backmap.render.focus import lesson_lines
    from backmap.store.focus import focus_path
    from backmap.store.focus_text import with_lesson

    ws = open_workspace(args)
    holder = holder_of(ws, args.owner, args.team)
    if args.lesson is None:
        if args.node:
            raise error("--node ties a lesson to nodes: give the lesson's text too")
        period = parse_period(args.period) if args.period else None
        lines = lesson_lines(ws, period, holder)
        if not lines:
            when = f" in {args.period}" if args.period else ""
            whose = f" of {name_of(*holder)}" if holder else ""
            lines = [
                f"no lessons{whose}{when}: write one with "
                '`backmap debrief PERIOD --owner NAME "lesson"`'
            ]
        for line in lines:
            print(line)
        return OK
    if args.period is None:
        raise error('which period? e.g. backmap debrief 2026-Q4 --owner NAME "lesson"')
    if holder is None:
        raise error("whose lesson? pass --owner NAME or --team TEAM")
    text = " ".join(args.lesson.split())
    if not text:
        raise error("the lesson is empty: write what was learned, in a sentence")
    for node_id in args.node:
        require_node(ws, node_id)
    group, who = holder
    key = args.period
    book = ws.focus or Focus(focus_path(ws.root), {}, "", "")
    if len(book.entry(key, group, who).lessons) >= LIMIT:
        raise error(
            f"{name_of(group, who)} already has {LIMIT} lessons for {key}: keep the three that "
            f"matter most (edit {book.path.name} to replace one)"
        )
    try:
        lesson = Lesson(text=text, nodes=list(dict.fromkeys(args.node)))
    except ValueError:
        raise error("a lesson is one line of at most 300 characters: shorten it") from None
    start = parse_period(key).start
    if start > date.today():
        print(
            f"note: {key} has not started yet (it starts {start}): lessons are written after "
            "a period; saved all the same",
            file=sys.stderr,
        )
    save_text(
        ws,
        with_lesson(book, key, group, who, lesson),
        f"saved a lesson of {name_of(group, who)} for {key}",
        f"add a lesson of {name_of(group, who)} for {key}",
    )
    print(f"{name_of(group, who)} learned in {key}: {text}")
    return OK
