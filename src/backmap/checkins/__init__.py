"""Dated check-ins on a node: read its history, find its latest, record a new one as an edit.

Storage: a node's check-ins are one text field, `checkins`, written as a YAML literal block
with one check-in a line, oldest first:

    checkins: |
      2026-10-30 progress=20 health=on-track
      2026-11-30 progress=35 current=14 health=at-risk note="Two teams not on board yet"

A line is a date (YYYY-MM-DD) and any of `progress=N` (0-100), `current=X` (the metric's
value), `health=on-track|at-risk|off-track` and `note="..."` (JSON string quoting). Lines
starting with `#` are comments and are kept. The loader keeps the block as text and this module
parses it on first use, so loading a map with a long history costs almost nothing extra.

The node's `progress` and `metric.current` mirror its latest check-in: `record` sets them, so
every view, export and older reader of the map sees the current values without knowing about
check-ins. A node without check-ins behaves as before.

Typical use:

    from backmap import checkins
    for c in checkins.history(ws, "cut-meetings"):      # oldest first
        print(c.date, c.progress, c.health)
    last = checkins.latest(ws, "cut-meetings")          # None when it has none
    then = checkins.at(ws, "cut-meetings", date(2026, 10, 31))
    edit = checkins.record(ws, "cut-meetings", CheckIn(date.today(), progress=40))
    edit.apply(ws); store.save(ws)                      # or cli.common.apply_and_save

Errors: a malformed line raises `store.LoadError` naming the file and line when the history is
read; `record` refuses with `edits.EditError`; building a `CheckIn` with a bad value raises
ValueError.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from backmap.checkins.lines import (
    VALUES,
    CheckIn,
    LineError,
    errors,
    parse,
    parse_line,
    value_from_text,
)
from backmap.checkins.past import as_of
from backmap.checkins.said import describe
from backmap.vocabulary import Health

if TYPE_CHECKING:
    from backmap.edits import Edit
    from backmap.model import Node, Workspace
    from backmap.store import LoadError

__all__ = [
    "VALUES",
    "CheckIn",
    "Health",
    "LineError",
    "as_of",
    "at",
    "check_all",
    "describe",
    "errors",
    "history",
    "latest",
    "merged",
    "of_node",
    "open_items",
    "parse",
    "parse_line",
    "record",
    "standing",
    "value_from_text",
]


def of_node(node: Node) -> tuple[CheckIn, ...]:
    """A node's check-ins, oldest first (empty without any); LineError if a line is bad."""
    return parse(node.checkins) if node.checkins else ()


def history(ws: Workspace, node_id: str) -> list[CheckIn]:
    """The check-ins of a node, oldest first; [] when it has none.

    KeyError for an unknown id; store.LoadError (file, line, what to fix) for a bad line.
    """
    node = ws.node(node_id)
    try:
        return list(of_node(node))
    except LineError:
        raise _every_error(ws, node) from None


def latest(ws: Workspace, node_id: str) -> CheckIn | None:
    """The node's most recent check-in, or None. Errors as `history`."""
    found = history(ws, node_id)
    return found[-1] if found else None


def standing(found: list[CheckIn] | tuple[CheckIn, ...]) -> CheckIn | None:
    """Where a history leaves a node: the latest check-in, with progress, current and health
    each as last given (a check-in that gave only a note keeps the health said before).
    The note is the latest check-in's own. None for an empty history.
    """
    if not found:
        return None
    values: dict[str, Any] = {}
    for checkin in found:
        for name in ("progress", "current", "health"):
            if (value := getattr(checkin, name)) is not None:
                values[name] = value
    return replace(found[-1], **values)


def at(ws: Workspace, node_id: str, when: date) -> CheckIn | None:
    """The last check-in on or before `when`, or None. Errors as `history`."""
    before = [c for c in history(ws, node_id) if c.date <= when]
    return before[-1] if before else None


def check_all(ws: Workspace, ids: Iterable[str] | None = None) -> None:
    """Read the check-ins of every node (or of the nodes `ids`); raise store.LoadError
    listing every line that does not read, of every node, with its file, line and column."""
    from backmap.store import LoadError

    nodes = ws.nodes() if ids is None else [ws.node(node_id) for node_id in ids]
    problems = []
    for node in nodes:
        if not node.checkins:
            continue
        try:
            of_node(node)
        except LineError:
            problems.extend(_every_error(ws, node).problems)
    if problems:
        raise LoadError(problems)


def _every_error(ws: Workspace, node: Node) -> LoadError:
    """store.LoadError naming every line of the node's check-ins that does not read."""
    from backmap.store import LoadError

    found = errors(node.checkins or "")
    return LoadError([p for exc in found for p in _load_error(ws, node.id, exc).problems])


def _load_error(ws: Workspace, node_id: str, exc: LineError) -> LoadError:
    from backmap.store import LoadError, Problem, line_of

    path, first = line_of(ws, node_id)
    line, column = first, 1
    origin = ws.stored.origins.get(path) if ws.stored is not None else None
    if origin is not None and first:
        lines = origin.text.split("\n")
        for number in range(first, len(lines)):
            if lines[number].lstrip(" -").startswith("checkins:"):
                line = number + 1 + exc.index + 1
                if line <= len(lines):
                    written = lines[line - 1]
                    column = len(written) - len(written.lstrip()) + exc.column + 1
                break
    message = f"check-in of `{node_id}`: {exc}"
    return LoadError([Problem(path, line, column, message)])


def merged(old: CheckIn | None, new: CheckIn) -> CheckIn:
    """`new` with the values it leaves out taken from `old` (a second check-in the same day)."""
    if old is None:
        return new
    given: dict[str, Any] = {
        name: getattr(new, name) for name in VALUES if getattr(new, name) is not None
    }
    return replace(old, **given)


def record(ws: Workspace, node_id: str, checkin: CheckIn) -> Edit:
    """An edit that adds `checkin` to the node's history (it changes nothing until applied).

    A check-in on a day that already has one updates that day's line with the values given.
    When it is the node's latest, the node's `progress` and `metric.current` are set to the
    values it carries. Refuses (edits.EditError) an unknown id, a check-in without any value,
    a `current` on a node without a metric, progress on a node whose progress rolls up from
    its children, and a history whose lines do not read; `edits.NothingChanged` (an
    EditError) when the node already has exactly this check-in.
    """
    from backmap import edits
    from backmap.graph import has_children  # the one rule for "progress rolls up"

    node = edits.require(ws, node_id)
    if checkin.empty:
        raise edits.EditError(
            "a check-in records at least one value: progress, current, health or a note"
        )
    if checkin.current is not None and node.metric is None:
        raise edits.EditError(
            f"`{node_id}` has no metric, so a current value has nothing to measure: "
            "give it a metric first"
        )
    if checkin.progress is not None and has_children(ws, node_id):
        raise edits.EditError(
            f"`{node_id}` has items under it, so its progress rolls up from theirs: "
            "check in progress on those items instead"
        )
    lines = node.checkins.rstrip("\n").split("\n") if node.checkins else []
    try:
        parsed = [(i, parse_line(line, i)) for i, line in enumerate(lines)]
    except LineError as exc:
        raise edits.EditError(str(_load_error(ws, node_id, exc))) from None
    dated = [(i, c) for i, c in parsed if c is not None]
    same = next(((i, c) for i, c in dated if c.date == checkin.date), None)
    if same is not None:
        new = merged(same[1], checkin)
        lines[same[0]] = new.line()
    else:
        new = checkin
        after = [i for i, c in dated if c.date <= checkin.date]
        lines.insert(after[-1] + 1 if after else _first_dated(dated, len(lines)), new.line())
    lines = [line for line in lines if line.strip()]
    changes: dict[str, object] = {"checkins": "\n".join(lines) + "\n"}
    if all(c.date <= new.date for _, c in dated):  # the latest: the node's values follow it
        if new.progress is not None:
            changes["progress"] = new.progress
        if new.current is not None and node.metric is not None:
            changes["metric"] = {
                **node.metric.model_dump(exclude_none=True),
                "current": new.current,
            }
    try:
        edit = edits.change(ws, node_id, **changes)
    except edits.NothingChanged:
        raise edits.NothingChanged(f"`{node_id}` already has this check-in") from None
    edit.summary = f"checked in `{node_id}` on {new.date.isoformat()}"
    return edit


def _first_dated(dated: list[tuple[int, CheckIn]], count: int) -> int:
    """Where a check-in older than every other goes: before the first dated line."""
    return dated[0][0] if dated else count


def open_items(ws: Workspace, owner: str) -> list[Node]:
    """Items `owner` owns that are under way (not done, dropped or an idea), in map order."""
    from backmap.model import Status

    closed = (Status.DONE, Status.DROPPED, Status.IDEA)  # an idea has no progress to report
    return [node for node in ws.nodes() if node.owner == owner and node.status not in closed]
