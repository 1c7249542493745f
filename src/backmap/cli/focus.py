"""`backmap focus` and `backmap debrief`: three things to focus on before a period, what was
learned after it."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from backmap.cli.common import OK, Fail, Options, error, one_line, open_workspace

if TYPE_CHECKING:
    from backmap.cli.parser import Commands
    from backmap.model import Workspace
    from backmap.people.focus import Period


def _period(text: str) -> str:
    """An argparse type: a month (2027-01) or a quarter (2027-Q1), checked, kept as text."""
    from backmap.people.focus import parse_period

    try:
        return parse_period(text).key
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class _Intermixed(argparse.ArgumentParser):
    """Takes ids and text before and after options (`focus 2027-Q1 --owner maya ID...`):
    argparse alone takes all positionals in one go, before the first option."""

    _inside = False

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        if self._inside:
            return super().parse_known_args(args, namespace)
        self._inside = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._inside = False


def register(commands: Commands) -> None:
    cmd = commands.add(
        "focus",
        "record up to three focus items for a person or team in a period, or show them",
        "backmap focus 2027-Q1 --owner tomasz feature-store serving-autoscaling\n"
        "backmap focus 2027-Q1 --owner tomasz --drop feature-store experiment-service\n"
        "backmap focus 2027-Q1",
        cmd_focus,
        description="Before a period, pick the three things to focus on. With node ids, adds "
        "them to the focus of the person (--owner) or team (--team) for PERIOD; a fourth asks "
        "which one to drop (--drop ID says it without asking). Without ids, shows the focus "
        "items of PERIOD. Kept in focus.yaml beside the maps.",
    )
    cmd.__class__ = _Intermixed
    cmd.add_argument("period", type=_period, metavar="PERIOD", help="2027-01 or 2027-Q1")
    cmd.add_argument("ids", nargs="*", metavar="ID", help="the items to focus on")
    who = cmd.add_mutually_exclusive_group()
    who.add_argument("--owner", metavar="NAME", help="the person: id, name or handle")
    who.add_argument("--team", metavar="TEAM", help="a team of the people file")
    cmd.add_argument("--drop", metavar="ID", help="the focus item to drop to make room")

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
    cmd.__class__ = _Intermixed
    cmd.add_argument("period", type=_period, nargs="?", metavar="PERIOD", help="2027-01, 2027-Q1")
    cmd.add_argument("lesson", nargs="?", help="what was learned, in a sentence")
    who = cmd.add_mutually_exclusive_group()
    who.add_argument("--owner", metavar="NAME", help="the person: id, name or handle")
    who.add_argument("--team", metavar="TEAM", help="a team of the people file")
    cmd.add_argument(
        "--node", action="append", default=[], metavar="ID", help="a node the lesson is about"
    )


class FocusOptions(Options):
    period: str
    ids: list[str]
    owner: str | None
    team: str | None
    drop: str | None


class DebriefOptions(Options):
    period: str | None
    lesson: str | None
    owner: str | None
    team: str | None
    node: list[str]


def _holder(ws: Workspace, owner: str | None, team: str | None) -> tuple[str, str] | None:
    """("people", key) or ("teams", name) for --owner or --team; None when neither is given."""
    from datetime import date

    from backmap.people.load import loads
    from backmap.people.plan import UnknownPerson, resolve
    from backmap.suggest import did_you_mean

    if team is not None:
        if ws.people is None:
            raise error("--team needs a people file: teams are what people.yaml names them")
        teams = list(dict.fromkeys(p.team for p in ws.people.people if p.team))
        if team not in teams:
            guess = did_you_mean(team, teams)
            hint = f"did you mean {guess}?" if guess else "the teams are " + ", ".join(teams)
            raise error(f"no team {team!r} in {ws.people.path.name}: {hint}")
        return "teams", team
    if owner is None:
        return None
    try:
        return "people", resolve(ws, loads(ws, date.today()).people, owner).key
    except UnknownPerson as exc:
        hint = f"did you mean {exc.guess}?" if exc.guess else "`backmap people` lists everyone"
        raise error(f"no person {exc.name!r} in this map: {hint}") from None


def _label(group: str, who: str) -> str:
    return f"team {who}" if group == "teams" else who


def _save(ws: Workspace, text: str, summary: str) -> None:
    from backmap.store import FileProblems, SaveError
    from backmap.store.focus import focus_path, reparse, save_focus

    path = ws.focus.path if ws.focus is not None else focus_path(ws.root)
    try:
        new = reparse(ws.focus, path, text)
        save_focus(ws.focus, new)
    except (FileProblems, SaveError) as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print("nothing was saved", file=sys.stderr)
        raise Fail() from None
    ws.focus = new
    print(f"{summary} ({path})", file=sys.stderr)


def cmd_focus(args: FocusOptions) -> int:
    from backmap.cli.common import require_node
    from backmap.people.focus import LIMIT, Focus, parse_period
    from backmap.store.focus import focus_path, with_focus

    ws = open_workspace(args)
    holder = _holder(ws, args.owner, args.team)
    if not args.ids and args.drop is None:
        _show_focus(ws, parse_period(args.period), holder)
        return OK
    if holder is None:
        raise error("whose focus? pass --owner NAME or --team TEAM")
    group, who = holder
    for node_id in args.ids:  # not --drop: an id the map lost can still be dropped
        require_node(ws, node_id)
    key = args.period
    book = ws.focus or Focus(focus_path(ws.root), {}, "", "")
    old = book.entry(key, group, who).focus
    for node_id in args.ids:
        if node_id not in old:
            _vet(ws, node_id, group, who)
    ids = list(dict.fromkeys([*old, *args.ids]))
    drop = args.drop
    if drop is not None and drop not in ids:
        raise error(
            f"--drop {drop}: `{drop}` is not in the focus of {_label(group, who)} for {key}"
        )
    if drop is None and len(ids) > LIMIT:
        drop = _ask_drop(ids, f"the focus of {_label(group, who)} for {key}")
    if drop is not None:
        ids.remove(drop)
    if len(ids) > LIMIT:
        raise error(
            f"the focus of {_label(group, who)} for {key} would hold {len(ids)} items; "
            f"at most {LIMIT}: give fewer ids"
        )
    if ids == old:
        print(
            f"nothing changed: that is already the focus of {_label(group, who)} for {key}",
            file=sys.stderr,
        )
        return OK
    _save(
        ws,
        with_focus(book, key, group, who, ids),
        f"saved the focus of {_label(group, who)} for {key}",
    )
    print(f"{_label(group, who)} focuses in {key} on: {', '.join(ids) or 'nothing'}")
    return OK


def _vet(ws: Workspace, node_id: str, group: str, who: str) -> None:
    """Refuse a dropped item; say so when the item is done, or carried by someone else."""
    from backmap.model import Status

    node = ws.node(node_id)
    if node.status is Status.DROPPED:
        raise error(
            f"`{node_id}` is dropped: there is nothing left to focus on; pick an open item, "
            f"or set its status back first (`backmap set {node_id} --status active`)"
        )
    if node.status is Status.DONE:
        print(f"note: `{node_id}` is already done; added all the same", file=sys.stderr)
    names = [n for n in (node.owner, node.sub_owner) if n and n.strip()]
    if not names:
        return
    keys = [_person_key(ws, n) for n in names]
    if group == "people":
        if who in keys:
            return
    else:
        teams = [ws.people.team_of(k) if ws.people is not None else None for k in keys]
        if who in teams:
            return
    carried = " and ".join(f"`{k}`" for k in keys)
    print(
        f"note: `{node_id}` is owned by {carried}; added to the focus of {_label(group, who)} "
        "all the same",
        file=sys.stderr,
    )


def _person_key(ws: Workspace, name: str) -> str:
    """The key `plan` and the focus file know a person by: their id, else the name as written."""
    found = ws.people.resolve(name) if ws.people is not None else None
    return found or " ".join(name.split())


def _ask_drop(ids: list[str], whose: str) -> str:
    """Which item to drop to keep three: asked on the terminal; refused (2) with none."""
    question = f"{whose} would hold {len(ids)} items: {', '.join(ids)}."
    if not sys.stdin.isatty():
        raise error(f"{question} Not asked: no terminal to ask on; pass --drop ID to say which")
    print(
        f"{one_line(question)} Which one to drop? (empty: none, cancel) ", end="", file=sys.stderr
    )
    sys.stderr.flush()
    reply = sys.stdin.readline().strip()
    if not reply:
        print("nothing changed", file=sys.stderr)
        raise Fail(OK)
    if reply not in ids:
        raise error(f"`{reply}` is not one of {', '.join(ids)}; nothing changed")
    return reply


def _show_focus(ws: Workspace, period: Period, holder: tuple[str, str] | None) -> None:
    from backmap.render.focus import focus_lines

    lines = focus_lines(ws, period, holder)
    if not lines:
        whose = f" for {_label(*holder)}" if holder else ""
        lines = [
            f"no focus items{whose} in {period.key}: pick up to three with "
            f"`backmap focus {period.key} --owner NAME ID...`"
        ]
    for line in lines:
        print(line)


def cmd_debrief(args: DebriefOptions) -> int:
    from datetime import date

    from backmap.cli.common import require_node
    from backmap.people.focus import LIMIT, Focus, Lesson, parse_period
    from backmap.render.focus import lesson_lines
    from backmap.store.focus import focus_path, with_lesson

    ws = open_workspace(args)
    holder = _holder(ws, args.owner, args.team)
    if args.lesson is None:
        if args.node:
            raise error("--node ties a lesson to nodes: give the lesson's text too")
        period = parse_period(args.period) if args.period else None
        lines = lesson_lines(ws, period, holder)
        if not lines:
            when = f" in {args.period}" if args.period else ""
            whose = f" of {_label(*holder)}" if holder else ""
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
            f"{_label(group, who)} already has {LIMIT} lessons for {key}: keep the three that "
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
    _save(
        ws,
        with_lesson(book, key, group, who, lesson),
        f"saved a lesson of {_label(group, who)} for {key}",
    )
    print(f"{_label(group, who)} learned in {key}: {text}")
    return OK
