"""A map as its check-ins say it stood on an earlier day (`status --since DATE` without git)."""

from __future__ import annotations

import operator
from datetime import date
from itertools import chain
from typing import TYPE_CHECKING, Any

from backmap.checkins.lines import LineError, parse_line
from backmap.model import copied

if TYPE_CHECKING:
    from backmap.model import Node, Workspace


def as_of(ws: Workspace, day: date, now: Workspace | None = None) -> Workspace:
    """The workspace as its check-ins say it stood at the end of `day`: each node with
    check-ins keeps only those up to `day`; progress and metric.current, when its history
    tracks them, are as they stood then (before the first check-in giving one, that check-in's
    value, carried back: no movement is invented). Everything else,
    and nodes without check-ins, are as they are now.

    `now`: today's map, when `ws` is an earlier revision. Its histories stand in for the
    revision's (a check-in is not always committed the month it is made, and one dated before
    the revision may have been recorded after it); a node today's map lacks (renamed,
    removed) keeps its own.

    A copy (`ws` is not changed) that shares every node with no check-in after `day`; `ws`
    itself when that is every node. Lines are read from the end, so a month back on a large
    map reads about one line a node. Errors as `checkins.history`.
    """
    from backmap.checkins import _load_error
    from backmap.model import MapFile
    from backmap.model import Workspace as _Workspace

    files = {}
    cutoff = day.isoformat()
    todays = now.by_id if now is not None and now is not ws else {}
    for path, mapfile in ws.files.items():
        nodes = []
        for node in mapfile.nodes:
            today = todays.get(node.id) if todays else None
            if (
                today is not None
                and today.checkins
                and _later(node.checkins, today.checkins, cutoff)
            ):
                node = _grafted(node, today)
            if node.checkins:
                try:
                    node = _as_of(node, node.checkins, cutoff)
                except LineError as exc:
                    raise _load_error(ws, node.id, exc) from None
            nodes.append(node)
        same = all(map(operator.is_, nodes, mapfile.nodes))
        files[path] = (
            mapfile if same else MapFile.model_construct(**{**dict(mapfile), "nodes": nodes})
        )
    if all(files[path] is mapfile for path, mapfile in ws.files.items()):
        return ws  # as it stood then already: kept whole, with what the store knows of it
    return _Workspace(ws.root, files)


def _later(then: str | None, now: str, cutoff: str) -> bool:
    """Whether today's history `now` says more of the days up to `cutoff` than the revision's
    `then`: not when it is `then` and lines after the day (lines are kept in date order), as
    a month's check-ins committed that month leave it."""
    if then is None or not now.startswith(then):
        return True
    return now[len(then) :].lstrip()[:10] <= cutoff


def _grafted(node: Node, today: Node) -> Node:
    """A revision's node with today's history, and the values that history sets as today's
    map holds them: what the day's values are then read back from."""
    text = today.checkins
    update: dict[str, Any] = {"checkins": text}
    if text and " progress=" in text:
        update["progress"] = today.progress
    if text and node.metric is not None and today.metric is not None and " current=" in text:
        update["metric"] = copied(node.metric, {"current": today.metric.current})
    return copied(node, update)


def _as_of(node: Node, text: str, cutoff: str) -> Node:
    body = text.rstrip("\n")
    # Read from the end, line by line without a split: a month back on a large map drops
    # one line a node, and the line kept last gives the values.
    end = len(body)
    while True:
        start = body.rfind("\n", 0, end) + 1
        line = body[start:end].strip()
        if line and line[:10] <= cutoff:
            break
        if not start:
            end = -1  # no line kept
            break
        end = start - 1
    if end == len(body):
        return node  # nothing after the day: as it is
    if end >= 0 and (quick := _from_last(node, text, body[start:end], body[:end])) is not None:
        return quick
    return _read_back(node, text, cutoff)


def _from_last(node: Node, text: str, line: str, kept: str) -> Node | None:
    """The node as of the day when the last line kept gives every value its history tracks
    (the usual case); None when it does not, or does not read (the general path says why)."""
    try:
        checkin = parse_line(line)
    except LineError:
        return None
    if checkin is None:
        return None
    update: dict[str, Any] = {"checkins": kept + "\n"}
    if " progress=" in text:
        if checkin.progress is None:
            return None
        update["progress"] = checkin.progress
    if node.metric is not None and " current=" in text:
        if checkin.current is None:
            return None
        update["metric"] = copied(node.metric, {"current": checkin.current})
    return copied(node, update)


def _read_back(node: Node, text: str, cutoff: str) -> Node:
    lines = text.rstrip("\n").split("\n")
    keep = len(lines)
    while keep:  # blank lines and those after the day go
        line = lines[keep - 1].strip()
        if line and line[:10] <= cutoff:
            break
        keep -= 1
    if keep == len(lines):
        return node  # nothing after the day: as it is
    kept = lines[:keep]
    update: dict[str, Any] = {"checkins": "\n".join(kept) + "\n" if kept else None}
    wanted = []
    if " progress=" in text:
        wanted.append("progress")
    if node.metric is not None and " current=" in text:
        wanted.append("current")
    values: dict[str, Any] = dict.fromkeys(wanted)
    missing = len(wanted)
    # The latest kept line that gives each value; before the first check-in that gives one,
    # it stood at that value: carried back (read on from the day), so no movement is
    # invented for an item that was simply not reported yet.
    for index in chain(range(keep - 1, -1, -1), range(keep, len(lines))):
        if not missing:
            break
        checkin = parse_line(lines[index], index)
        if checkin is None:
            continue
        for name in wanted:
            if values[name] is None and (value := getattr(checkin, name)) is not None:
                values[name] = value
                missing -= 1
    # A value the history tracks is as it stood then; one it never gave stays.
    if "progress" in values:
        update["progress"] = values["progress"]
    if "current" in values and node.metric is not None:
        update["metric"] = copied(node.metric, {"current": values["current"]})
    return copied(node, update)
