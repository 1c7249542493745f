"""`backmap fit`: where a new idea fits in the map, and adding it there with --attach."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, NamedTuple

from backmap.cli.common import (
    OK,
    Options,
    apply_and_save,
    confirm,
    error,
    open_workspace,
    parse_date,
    refusal,
    text_among_ids,
)
from backmap.cli.options import at_least, progress
from backmap.cli.person import known_owners
from backmap.plural import noun
from backmap.vocabulary import STATUSES, Kind

if TYPE_CHECKING:
    from datetime import date  # the type --due parses to; datetime loads late

    from backmap.cli.parser import Commands


def register(commands: Commands) -> None:
    cmd = commands.add(
        "fit",
        "where does a new idea fit: the goals it serves, look-alikes, what else could be done",
        'backmap fit "schedule Slack messages for the next morning" --map maps/ideal-group.yaml\n'
        'backmap fit "paid expert consulting" --json --top 3\n'
        'backmap fit "Quiet hours after six" --attach less-stress --owner dana --yes\n'
        'backmap fit "A buddy for every new joiner" --attach   # asks before it writes',
        cmd_fit,
        description="Where does a new idea fit? The goals it would serve and why, what already "
        "looks like it, and what else could be done there. With --attach, add it to the map. "
        "docs/fit.md explains the answer and its JSON.",
    )
    cmd.add_argument(
        "text", nargs="?", help="the idea, in a few words (best given before --attach)"
    )
    cmd.add_argument(
        "--top", type=at_least(1), default=5, metavar="K", help="places to show (default 5)"
    )
    cmd.add_argument("--json", action="store_true", help="print the documented JSON answer")
    attach = cmd.add_argument_group("adding the idea to the map")
    attach.add_argument(
        "--attach",
        nargs="*",
        metavar="GOAL",
        help="add the idea under these goals (none given: under the best place)",
    )
    attach.add_argument(
        "--kind",
        choices=(Kind.INITIATIVE.value, Kind.GOAL.value),
        help="what to add (default: initiative)",
    )
    attach.add_argument("--owner", help="who answers for it")
    attach.add_argument("--sub-owner", dest="sub_owner", help="the owner's backup")
    attach.add_argument("--status", choices=STATUSES, help="where it stands")
    attach.add_argument("--due", type=parse_date, metavar="YYYY-MM-DD", help="when it is due")
    attach.add_argument(
        "--progress", type=progress, metavar="0-100", help="how far along, in percent"
    )
    attach.add_argument("-y", "--yes", action="store_true", help="attach without asking")


class FitOptions(Options):
    text: str | None
    top: int
    json: bool
    attach: list[str] | None
    kind: str | None
    owner: str | None
    sub_owner: str | None
    status: str | None
    due: date | None
    progress: int | float | None
    yes: bool


def cmd_fit(args: FitOptions) -> int:
    from backmap import fit
    from backmap.fit.lessons import lessons_near
    from backmap.render import fit_report
    from backmap.render.focus import near_json, near_lines
    from backmap.term import Style, wants_color

    if args.text is None and not args.attach:
        raise error('give the idea as text, e.g. backmap fit "paid expert consulting"')
    if args.attach is None:
        _refuse_fields_without_attach(args)
    ws = open_workspace(args)
    if args.text is None:
        args.text, args.attach = text_among_ids(
            ws,
            args.attach or [],
            "--attach",
            "idea",
            'backmap fit "IDEA" --attach [GOAL ...] --yes',
        )
    if not args.text.strip():
        raise error('give the idea as text, e.g. backmap fit "paid expert consulting"')
    if args.attach is not None:  # before the ranking, which takes a while
        known_owners(ws, {"owner": args.owner, "sub_owner": args.sub_owner})
        if args.status == "done" and args.progress not in (None, 100):
            from backmap.cli.refusals import DONE_MEANS_100

            raise error(DONE_MEANS_100)
    encoder = fit.default_encoder(threads=fit_threads(os.environ.get("BACKMAP_FIT_THREADS")))
    index = fit.index_workspace(
        ws, encoder, notice=_first_indexing if sys.stderr.isatty() else None
    )
    answer = fit.fit(index, args.text, top=args.top)
    # What else could be done there: only where the idea plainly belongs (the best place's own
    # match: a close look-alike makes the answer strong, not the place).
    sure = bool(answer.places) and answer.places[0].strength in ("strong", "plausible")
    near = fit.nearby(index, args.text, answer.places[0].id) if sure else None
    found = lessons_near(ws, index, args.text)
    if args.json:
        # The answer is printed whatever comes of --attach: a script reads why nothing was added.
        tried = attach_idea(ws, args, args.text, answer) if args.attach is not None else None
        attached, why_not = (tried.node_id, tried.why_not) if tried else (None, None)
        sys.stdout.write(fit_report.to_json(answer, near, attached, near_json(found), why_not))
        if tried is not None and tried.refusal is not None:
            raise error(tried.refusal)
        return OK
    # The ranking comes first: a question about attaching is asked with the answer in view.
    lines = fit_report.text_lines(ws, answer, near, Style(wants_color(args.color)))
    if args.attach is None or sys.stdin.isatty() or args.yes:
        print("\n".join([*lines, *near_lines(ws, found)]), flush=True)
    if args.attach is not None:
        tried = attach_idea(ws, args, args.text, answer)
        if tried.refusal is not None:
            raise error(tried.refusal)
        if tried.node_id:
            print(tried.node_id)
    return OK


def fit_threads(raw: str | None) -> int | None:
    """BACKMAP_FIT_THREADS: at most this many threads encode a map's texts at once (unset,
    empty or not a positive whole number: no cap)."""
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else None


def _first_indexing(count: int) -> None:
    print(
        f"indexing {count} texts of the map for the first time (cached after this)…",
        file=sys.stderr,
        flush=True,
    )


ATTACH_FIELDS = {
    "--kind": "kind",
    "--owner": "owner",
    "--sub-owner": "sub_owner",
    "--status": "status",
    "--due": "due",
    "--progress": "progress",
}
"""Options describing the item `fit --attach` adds: without --attach they would do nothing."""


def _refuse_fields_without_attach(args: FitOptions) -> None:
    given = [flag for flag, dest in ATTACH_FIELDS.items() if getattr(args, dest) is not None]
    if given:
        flags = " and ".join([", ".join(given[:-1]), given[-1]] if len(given) > 1 else given)
        verb = noun(len(given), "is", "are")
        raise error(
            f"{flags} {verb} for the item --attach adds, and without --attach fit changes "
            f"nothing: add --attach [GOAL ...], or leave {flags} out"
        )


class Attached(NamedTuple):
    """What `--attach` came to: the new node's id, or why nothing was added."""

    node_id: str | None
    why_not: str | None = None
    """'declined' (at the question), 'no terminal' (to ask on) or 'already there'."""
    refusal: str | None = None
    """With 'no terminal': what to say on stopping (exit 2), once the answer is printed."""


def attach_idea(ws: Any, args: FitOptions, text: str, answer: Any) -> Attached:
    """`fit --attach`: add the idea under the goals named, else under the best place, after
    asking (always when the match is weak or nothing fits). Refusals of what was asked for
    stop the command (exit 2); what leaves the map as it is comes back in `Attached`."""
    from backmap import edits
    from backmap.render.labels import one_line, title_line

    best = answer.places[0] if answer.places else None
    goals = list(args.attach or []) or ([best.id] if best else [])
    if not goals or (not args.attach and not answer.fits and args.yes):
        raise error(
            "nothing here fits well enough to attach without asking; name the goals: "
            "--attach GOAL [GOAL ...]"
        )
    kind = args.kind or "initiative"
    fields: dict[str, Any] = {"owner": args.owner, "sub_owner": args.sub_owner}
    fields = known_owners(ws, fields)
    progress = args.progress
    if args.status == "done" and progress is None:
        progress = 100  # done is done, as `add --status done` says it
    fields.update(status=args.status, due=args.due, progress=progress)
    try:
        edit = edits.add(ws, kind, text, supports=goals, **fields)
    except edits.TwinError as exc:
        if exc.missing:
            raise error(refusal(exc, ws)) from None
        # Already there, under those goals: what was asked for is done (as `set`, `link`).
        said = refusal(exc, ws).removesuffix("; nothing added")
        print(f"{said}; nothing changed", file=sys.stderr)
        return Attached(None, "already there")
    except edits.EditError as exc:
        raise error(refusal(exc, ws)) from None
    names = ", ".join(f"“{title_line(ws.node(g))}”" if g in ws else g for g in goals)
    article = "an" if kind == "initiative" else "a"
    question = f"Add “{text}” as {article} {kind} under {names}?"
    weak = not args.attach and best is not None and best.strength in ("weak", "none")
    quality = "only a weak match" if best is not None and best.strength == "weak" else ""
    quality = quality or "not a real match"
    if weak:
        question = f"The best place is {quality}: attach under {names} anyway?"
    alike = ""
    if answer.similar:
        twin = answer.similar[0]
        alike = f"it looks like “{one_line(twin.title)}” [{twin.id}]"
        question += f" ({alike})"
    if not args.yes and not sys.stdin.isatty():
        # Refused as a statement with what to do: no question the user cannot answer.
        if weak:
            said = f"the best place, {names}, is {quality}"
        else:
            said = f"“{text}” would be added as {article} {kind} under {names}"
        said += f" ({alike})" if alike else ""
        todo = "pass --yes to attach it"
        if weak:
            goals_hint = "name the goals: --attach GOAL [GOAL ...]"
            todo = f"pass --yes to attach under it, or {goals_hint}" if answer.fits else goals_hint
        refused = f"{said}; with no terminal to ask on, nothing was added: {todo}"
        return Attached(None, "no terminal", refused)
    if not args.yes and not confirm(question, "attach"):
        print("nothing added", file=sys.stderr)
        return Attached(None, "declined")
    return Attached(apply_and_save(ws, lambda: edit).node_id)
