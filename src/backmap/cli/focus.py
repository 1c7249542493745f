"""`backmap focus`: three things to focus on before a period, for a person or a team; and what
`debrief` shares with it (the period, whose entry, saving the focus file)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from backmap.cli.base import one_line
from backmap.cli.common import INTERRUPTED, OK, Fail, Options, error, open_workspace
from backmap.cli.saving import record_edit, texts_on_disk

if TYPE_CHECKING:
    from backmap.cli.parser import Commands
    from backmap.model import Workspace
    from backmap.people.focus import Period


def period_key(text: str) -> str:
    """An argparse type: a month (2027-01) or a quarter (2027-Q1), checked, kept as text."""
    from backmap.people.focus import parse_period

    try:
        return parse_period(text).key
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class Intermixed(argparse.ArgumentParser):
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
    cmd.__class__ = Intermixed
    cmd.add_argument("period", type=period_key, metavar="PERIOD", help="2027-01 or 2027-Q1")
    cmd.add_argument("ids", nargs="*", metavar="ID", help="the items to focus on")
    who = cmd.add_mutually_exclusive_group()
    who.add_argument("--owner", metavar="NAME", help="the person: id, name or handle")
    who.add_argument("--team", metavar="TEAM", help="a team of the people file")
    cmd.add_argument("--drop", metavar="ID", help="the focus item to drop to make room")


class FocusOptions(Options):
    period: str
    ids: list[str]
    owner: str | None
    team: str | None
    drop: str | None


def holder_of(ws: Workspace, owner: str | None, team: str | None) -> tuple[str, str] | None:
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


def name_of(group: str, who: str) -> str:
    """A holder as messages name it: the person, or "team NAME"."""
    return f"team {who}" if group == "teams" else who


def save_text(ws: Workspace, text: str, summary: str, undo: str) -> None:
    """Check and save the focus file's new text, then say `summary` (`backmap undo` says
    `undo`); its problems and exit 2."""
    from backmap.store import FileProblems, SaveError
    from backmap.store.focus import focus_path, reparse, save_focus

    path = ws.focus.path if ws.focus is not None else focus_path(ws.root)
    before = texts_on_disk(ws)
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
    record_edit(ws, undo, [path], before)


def cmd_focus(args: FocusOptions) -> int:
    from backmap.cli.common import require_node
    from backmap.people.focus import LIMIT, Focus, parse_period
    from backmap.store.focus import focus_path
    from backmap.store.focus_text import with_focus

    ws = open_workspace(args)
    holder = holder_of(ws, args.owner, args.team)
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
    notes = {n: _vet(ws, n, group, who) for n in args.ids if n not in old}
    ids = list(dict.fromkeys([*old, *args.ids]))
    drop = args.drop
    if drop is not None and drop not in ids:
        raise error(
            f"--drop {drop}: `{drop}` is not in the focus of {name_of(group, who)} for {key}"
        )
    if drop is None and len(ids) > LIMIT:
        drop = _ask_drop(ids, f"the focus of {name_of(group, who)} for {key}")
    if drop is not None:
        ids.remove(drop)
    if len(ids) > LIMIT:
        raise error(
            f"the focus of {name_of(group, who)} for {key} would hold {len(ids)} items; "
            f"at most {LIMIT}: give fewer ids"
        )
    for node_id, note in notes.items():
        if note and node_id in ids:  # said once the item is kept, not before the question
            print(f"note: {note}", file=sys.stderr)
    if ids == old:
        print(
            f"nothing changed: that is already the focus of {name_of(group, who)} for {key}",
            file=sys.stderr,
        )
        return OK
    save_text(
        ws,
        with_focus(book, key, group, who, ids),
        f"saved the focus of {name_of(group, who)} for {key}",
        f"change the focus of {name_of(group, who)} for {key}",
    )
    print(f"{name_of(group, who)} focuses in {key} on: {', '.join(ids) or 'nothing'}")
    return OK


def _vet(ws: Workspace, node_id: str, group: str, who: str) -> str | None:
    """Refuse a dropped item; what to note when the item is done, or carried by someone else."""
    from backmap.model import Status

    node = ws.node(node_id)
    if node.status is Status.DROPPED:
        raise error(
            f"`{node_id}` is dropped: there is nothing left to focus on; pick an open item, "
            f"or set its status back first (`backmap set {node_id} --status active`)"
        )
    if node.status is Status.DONE:
        return f"`{node_id}` is already done; added all the same"
    names = [n for n in (node.owner, node.sub_owner) if n and n.strip()]
    if not names:
        return None
    keys = [_person_key(ws, n) for n in names]
    if group == "people":
        if who in keys:
            return None
    else:
        teams = [ws.people.team_of(k) if ws.people is not None else None for k in keys]
        if who in teams:
            return None
    carried = " and ".join(f"`{k}`" for k in keys)
    return (
        f"`{node_id}` is owned by {carried}; added to the focus of {name_of(group, who)} "
        "all the same"
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
    try:
        print(
            f"{one_line(question)} Which one to drop? (type its id, or press Enter to change "
            "nothing) ",
            end="",
            file=sys.stderr,
            flush=True,
        )
        reply = sys.stdin.readline().strip()
    except KeyboardInterrupt:
        # As at a yes/no question: a no that ends the command, said on its own line.
        print("\ncancelled; nothing changed", file=sys.stderr)
        raise Fail(INTERRUPTED) from None
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
        whose = f" for {name_of(*holder)}" if holder else ""
        lines = [
            f"no focus items{whose} in {period.key}: pick up to three with "
            f"`backmap focus {period.key} --owner NAME ID...`"
        ]
    for line in lines:
        print(line)
