"""`backmap set`: change fields of a node, each from the text typed after its option."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from backmap.cli.common import OK, Options, apply_and_save, error, open_workspace
from backmap.cli.options import status_or_empty
from backmap.cli.person import known_owners
from backmap.vocabulary import KINDS, STATUSES

if TYPE_CHECKING:
    from backmap.cli.parser import Commands


def register(commands: Commands) -> None:
    cmd = commands.add(
        "set",
        "change fields of a node (an empty value clears the field)",
        "backmap set off-hours --status done --progress 100 --due 2027-03-31\n"
        'backmap set off-hours --owner lior --sub-owner ""',
        cmd_set,
        description='Change fields of a node; an empty value ("") clears a field.',
    )
    cmd.add_argument("id", help="the node to change")
    fields = cmd.add_argument_group("fields")
    fields.add_argument("--title", help="a short statement")
    fields.add_argument("--description", help="more than the title says")
    fields.add_argument("--owner", help="who answers for it")
    fields.add_argument("--sub-owner", dest="sub_owner", help="the owner's backup")
    fields.add_argument(
        "--status",
        type=status_or_empty,
        metavar="{" + ",".join(STATUSES) + "}",
        help="where it stands",
    )
    fields.add_argument(
        "--kind",
        choices=KINDS,
        help="an outcome supports nothing and nothing supports an initiative: "
        "unlink what is in the way first",
    )
    fields.add_argument(
        "--progress",
        metavar="0-100",
        help="how far along, in percent (refused when it rolls up from items beneath; "
        "on an item with check-ins, recorded as today's check-in)",
    )
    fields.add_argument("--due", metavar="YYYY-MM-DD", help="when it is due")
    fields.add_argument("--tags", metavar="A,B", help="comma-separated; replaces the list")
    fields.add_argument(
        "--paths", metavar="A,B", help="code or docs it covers, for CODEOWNERS; replaces the list"
    )
    fields.add_argument(
        "--personal",
        choices=("yes", "no"),
        help="yes: a goal that is its owner's own development (never counted in coverage)",
    )
    metric = cmd.add_argument_group("metric", '"" clears a value; --metric-name "" the metric')
    metric.add_argument("--metric-name", metavar="TEXT", help="what is measured")
    metric.add_argument("--unit", metavar="TEXT", help='e.g. "%%" or msgs')
    metric.add_argument("--baseline", metavar="X", help="the value when the work started")
    metric.add_argument("--target", metavar="X", help="the value that means it is reached")
    metric.add_argument(
        "--current",
        metavar="X",
        help="the latest measured value (on an item with check-ins, recorded as today's)",
    )


class SetOptions(Options):
    id: str
    title: str | None
    description: str | None
    owner: str | None
    sub_owner: str | None
    status: str | None
    kind: str | None
    progress: str | None
    due: str | None
    tags: str | None
    paths: str | None
    personal: str | None
    metric_name: str | None
    unit: str | None
    baseline: str | None
    target: str | None
    current: str | None


def cmd_set(args: SetOptions) -> int:
    from backmap import edits

    names = (
        "title",
        "description",
        "owner",
        "sub_owner",
        "status",
        "kind",
        "progress",
        "due",
        "tags",
        "paths",
    )
    given = {k: getattr(args, k) for k in names if getattr(args, k) is not None}
    metric_given = {k: getattr(args, k) for k in METRIC_OPTIONS if getattr(args, k) is not None}
    if not given and not metric_given and args.personal is None:
        raise error("name at least one field to change, e.g. --status done")
    ws = open_workspace(args)
    node = ws.get(args.id)
    metric = node.metric.model_dump() if node is not None and node.metric else None
    given.update({f"metric.{METRIC_OPTIONS[k]}": text for k, text in metric_given.items()})
    changes = known_owners(ws, read_fields(given, metric))
    if args.personal is not None:
        kind = changes.get("kind", node.kind if node is not None else None)
        if args.personal == "yes" and kind is not None and str(kind) != "goal":
            raise error("--personal is for a goal: one person's own development goal")
        changes["personal"] = True if args.personal == "yes" else None
    done = given.get("status") == "done"
    if done:
        if "progress" not in given:
            changes.update(done_progress(ws, args.id))
        elif changes.get("progress") != 100:
            from backmap.cli.refusals import DONE_MEANS_100

            raise error(DONE_MEANS_100)
    progress = changes.get("progress")
    if "status" not in given and progress is not None and progress < 100:
        _refuse_reopening(ws, args, progress)
    from backmap.cli.checkin_set import take_checkin, with_checkin

    checkin = take_checkin(ws, args.id, changes)
    if checkin is not None:
        apply_and_save(ws, lambda: with_checkin(ws, args.id, changes, checkin))
        return OK
    apply_and_save(ws, lambda: edits.change(ws, args.id, **changes))
    if done:
        _note_open_initiatives(ws, args.id)
    return OK


def _refuse_reopening(ws: Any, args: SetOptions, progress: float) -> None:
    """Progress below 100 on a done item contradicts done, as `--status done --progress 50`
    does: refused with the command that reopens it."""
    from backmap.cli.refusals import done_below_100
    from backmap.graph import has_children
    from backmap.model import Status

    node = ws.get(args.id)
    # With items beneath it, its progress rolls up: that refusal says more.
    if node is not None and node.status is Status.DONE and not has_children(ws, args.id):
        raise error(done_below_100(args.id, progress, args))


def _note_open_initiatives(ws: Any, node_id: str) -> None:
    """Done is what the user says it is; still, name the initiatives beneath that are open."""
    from backmap.hierarchy import open_initiatives
    from backmap.plural import listed, plural

    found = open_initiatives(ws, node_id)
    if found:
        shown = listed(found[:5]) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
        noun = plural(len(found), "open initiative")
        print(f"note: `{node_id}` has {noun}: {shown}", file=sys.stderr)


METRIC_OPTIONS = {
    "metric_name": "name",
    "unit": "unit",
    "baseline": "baseline",
    "target": "target",
    "current": "current",
}
"""`set` options that change the metric, and the metric's key each sets."""


def done_progress(ws: Any, node_id: str) -> dict[str, Any]:
    """What `--status done` also sets (edits.done_changes); says why when progress rolls up."""
    from backmap.cli.common import require_node
    from backmap.edits import done_changes

    require_node(ws, node_id)
    changes = done_changes(ws, node_id)
    if not changes:
        print(
            f"progress of `{node_id}` stays as its items' roll-up; mark them done to reach 100%",
            file=sys.stderr,
        )
    return changes


def read_fields(typed: dict[str, str], metric: dict[str, Any] | None = None) -> dict[str, Any]:
    """Options' typed text as node changes; a refusal names the option."""
    from backmap import fields

    try:
        return fields.changes(typed, metric)
    except fields.FieldError as exc:
        options = {f"metric.{key}": option for option, key in METRIC_OPTIONS.items()}
        option = options.get(exc.field, exc.field).replace("_", "-")
        raise error(f"--{option}: {exc.reason}") from None
