"""`backmap checkin`: record a dated check-in on one item, or walk through an owner's items."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from backmap.cli.common import (
    OK,
    Options,
    apply_and_save,
    error,
    open_workspace,
    parse_date,
    refusal,
)
from backmap.plural import plural
from backmap.vocabulary import HEALTHS

if TYPE_CHECKING:
    from backmap.checkins import CheckIn
    from backmap.cli.parser import Commands
    from backmap.model import Workspace

EXAMPLE = """\
backmap checkin off-hours --progress 45 --health on-track --note "Quiet hours live"
backmap checkin off-hours                # show its check-ins
backmap checkin --owner dana             # one question per value; Enter keeps, s skips"""


def register(commands: Commands) -> None:
    """Add `checkin` to the command line."""
    cmd = commands.add(
        "checkin", "record a dated check-in: progress, metric, health, a note", EXAMPLE, cmd_checkin
    )
    cmd.add_argument("id", nargs="?", help="the item to check in (without: --owner's round)")
    cmd.add_argument("--progress", metavar="0-100", help="how far along, in percent")
    cmd.add_argument("--current", metavar="X", help="the metric's measured value")
    cmd.add_argument("--health", choices=HEALTHS, help="how it is going")
    cmd.add_argument("--note", metavar="TEXT", help="one line: why it moved or stalled")
    cmd.add_argument(
        "--date", type=parse_date, metavar="YYYY-MM-DD", help="day of the check-in (default: today)"
    )
    cmd.add_argument(
        "--owner",
        metavar="NAME",
        help="ask about each open item NAME owns, in turn (id, name or handle)",
    )


class CheckinOptions(Options):
    id: str | None
    progress: str | None
    current: str | None
    health: str | None
    note: str | None
    date: date | None
    owner: str | None


def cmd_checkin(args: CheckinOptions) -> int:
    from backmap import checkins

    day = args.date or date.today()
    if day > date.today():
        raise error(f"--date {day} is in the future: a check-in records what is true today")
    given = {k: getattr(args, k) for k in checkins.VALUES if getattr(args, k) is not None}
    if args.owner is not None:
        if args.id is not None or given:
            raise error("--owner asks about each item in turn: give it without an id or values")
        from backmap.cli.checkin_round import run_round

        return run_round(open_workspace(args), args.owner, day)
    if args.id is None:
        raise error("name the item to check in (backmap checkin ID --progress 40), or --owner NAME")
    node_id: str = args.id
    values: dict[str, Any] = {}
    for name, text in given.items():
        try:
            values[name] = checkins.value_from_text(name, text)
        except ValueError as exc:
            raise error(f"--{name}: {exc}") from None
    ws = open_workspace(args)
    if not values:
        return _show(ws, args.id)
    new = checkins.CheckIn(day, **values)
    before = history_or_stop(ws, args.id)
    _refuse_uncounted(ws, node_id, values)
    _refuse_contradictions(ws, args, values, latest=all(c.date <= day for c in before))
    apply_and_save(ws, lambda: checkins.record(ws, node_id, new))
    latest = history_or_stop(ws, args.id)
    after = next(c for c in latest if c.date == day)
    previous = [c for c in before if c.date < day]
    print(f"{args.id}  {checkins.describe(after, previous[-1] if previous else None)}")
    return OK


def _refuse_uncounted(ws: Workspace, node_id: str, values: dict[str, Any]) -> None:
    """Progress, a metric or health on dropped work or an idea would count nowhere (the
    roll-up leaves both out) yet read as news: refused. A note is welcome."""
    from backmap.model import Status

    status = ws.node(node_id).status
    if not set(values) - {"note"}:
        return
    if status is Status.DROPPED:
        raise error(
            f"`{node_id}` is dropped, so its progress no longer counts: "
            f"set --status first (backmap set {node_id} --status active), or give only --note"
        )
    if status is Status.IDEA:
        raise error(
            f"`{node_id}` is an idea, so its progress does not count yet: start it first "
            f"(backmap set {node_id} --status active), or give only --note"
        )


def _refuse_contradictions(
    ws: Workspace, args: CheckinOptions, values: dict[str, Any], latest: bool
) -> None:
    """A value for a metric the item does not have, and progress below 100 that would become
    a done item's progress: refused with the `set` command to run instead. An earlier check-in
    (not the latest) may say where a done item stood then."""
    from backmap.cli.refusals import done_below_100, no_metric
    from backmap.graph import has_children
    from backmap.model import Status

    node = ws.node(args.id or "")
    if "current" in values and node.metric is None:
        raise error(no_metric(node.id, args))
    progress = values.get("progress")
    done = node.status is Status.DONE and not has_children(ws, node.id)  # else: rolls up
    if latest and done and progress is not None and progress < 100:
        raise error(done_below_100(node.id, progress, args))


def history_or_stop(ws: Workspace, node_id: str) -> list[CheckIn]:
    """The node's check-ins; a bad line or an unknown id stops the command with its reason."""
    from backmap import checkins, edits, store
    from backmap.cli.common import Fail, print_problems

    try:
        edits.require(ws, node_id)
        return checkins.history(ws, node_id)
    except edits.EditError as exc:
        raise error(refusal(exc)) from None
    except store.LoadError as exc:
        print_problems(exc)
        raise Fail() from None


def _show(ws: Workspace, node_id: str) -> int:
    from backmap.checkins import describe
    from backmap.render.labels import title_line

    found = history_or_stop(ws, node_id)
    node = ws.node(node_id)
    print(f"{node_id}  {title_line(node)}")
    if not found:
        print("  no check-ins yet")
    previous = None
    for checkin in found:
        print(f"  {describe(checkin, previous)}")
        previous = checkin
    print(
        f"record one: backmap checkin {node_id} --progress N --health on-track --note TEXT",
        file=sys.stderr,
    )
    return OK


def readable_checkins(
    ws: Workspace, ids: Iterable[str] | None = None, writes: bool = False
) -> None:
    """Stop with 2, naming every check-in line (of every node, or of `ids`) that does not
    read, each with its file, line and column: all at once, not one per run. `writes`: the
    command would have changed the map, so the summary says it did not."""
    from backmap import checkins, store
    from backmap.cli.common import Fail

    try:
        checkins.check_all(ws, ids)
    except store.LoadError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        # Worded as every load error's summary: scripts and people read one form.
        problems = plural(len(exc.problems), "problem")
        print(
            f"{problems} in the map" + ("; nothing was changed" if writes else ""), file=sys.stderr
        )
        raise Fail() from None
