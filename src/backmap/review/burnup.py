"""Roll-up progress of every node at a series of dates, from each node's check-ins.

The same rule as `checks.rollup.progress`, applied at each date at once (a row of numbers per
node, so a 10k-node map with a year of check-ins rolls up in one pass):
- a node's own value on a date is its latest check-in on or before that date; before its first
  check-in it stands at that check-in's value, carried back (no movement is invented: nothing
  says how far it was before it was first reported); a node never checked in keeps the value
  its fields give today at every date;
- work the roll-up leaves out today (dropped work, ideas) is left out at every date;
- a goal or outcome is the mean of its children that have a value, else its own value;
  personal goals do not count toward what they support.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from backmap.checks.pace import CheckInLike, progress_points
from backmap.checks.roll_up import initiative_progress, own_progress
from backmap.graph import MapGraph
from backmap.model import Kind, Node, Status

Rows = dict[str, npt.NDArray[np.float64]]
LEFT_OUT = (Status.DROPPED, Status.IDEA)


def own_series(
    node: Node, history: Sequence[CheckInLike], days: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """A node's own value at each day (proleptic ordinals), NaN where it has none."""
    today_value = initiative_progress(node) if node.kind is Kind.INITIATIVE else own_progress(node)
    points = progress_points(node, history)
    # A past map may hold an item as nobody's plan yet (no status, no progress) whose progress
    # check-ins, committed later, say it was under way: they count, as in `status --since`.
    if today_value is None and not (points and node.status is None):
        return np.full(len(days), np.nan)
    if not points:
        return np.full(len(days), today_value)
    when = np.array([d.toordinal() for d, _ in points], dtype=np.int64)
    # Index 0 is "before the first check-in": the first check-in's value, carried back.
    values = np.array([points[0][1]] + [v for _, v in points])
    return values[np.searchsorted(when, days, side="right")]


def rollup(
    graph: MapGraph, histories: Mapping[str, Sequence[CheckInLike]], dates: Sequence[date]
) -> Rows:
    """Roll-up progress of every node at each of `dates` (NaN: no value)."""
    days = np.array([d.toordinal() for d in dates], dtype=np.int64)
    rows: Rows = {}
    empty: Sequence[CheckInLike] = ()
    for node_id in [*graph.order, *sorted(graph.cyclic)]:
        node = graph.ws.node(node_id)
        own = own_series(node, histories.get(node_id, empty), days)
        if node.kind is Kind.INITIATIVE:
            rows[node_id] = own
            continue
        if node.status in LEFT_OUT:  # as checks.rollup.progress: a dropped goal, an idea goal
            rows[node_id] = np.full(len(days), np.nan)
            continue
        below = [
            row
            for c in graph.children[node_id]
            if (row := rows.get(c)) is not None and not graph.ws.node(c).personal
        ]
        if not below:
            rows[node_id] = own
            continue
        stack = np.vstack(below)
        counted = (~np.isnan(stack)).sum(axis=0)
        total = np.nansum(stack, axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = total / counted
        rows[node_id] = np.where(counted > 0, mean, own)
    return rows


@dataclass(frozen=True)
class Era:
    """The map as a past revision held it: its graph, and its items' check-ins (see report_past)."""

    graph: MapGraph
    histories: Mapping[str, Sequence[CheckInLike]]


Past = Callable[[date], "Era | None"]
"""The map as it stood at the end of a day (None: today's map is all there is for that day).
Asked the newest day first, so that an older revision of the same shape can stand in with a
newer one's check-ins (which hold its own)."""


def rewind(rows: Rows, dates: Sequence[date], past: Past, keep: date) -> None:
    """Replace each column of `rows` (today's map rolled up) but `keep`'s by the roll-up of the
    map as it was on that date; a node that did not exist then has no value there.

    Each era is rolled up once, for all the dates it covers."""
    groups: dict[int, tuple[Era, list[int]]] = {}
    for i in sorted(range(len(dates)), key=lambda i: dates[i], reverse=True):
        day = dates[i]
        era = past(day) if day != keep else None
        if era is not None:
            groups.setdefault(id(era), (era, []))[1].append(i)
    for era, columns in groups.values():
        columns.sort()
        then = rollup(era.graph, era.histories, [dates[i] for i in columns])
        at = np.array(columns, dtype=np.int64)
        for node_id, row in rows.items():
            old = then.get(node_id)
            row[at] = np.nan if old is None else old
