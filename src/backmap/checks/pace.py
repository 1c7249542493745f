"""Check-in arithmetic shared by the rules and the report: staleness, pace, metric drift.

A check-in is anything with `date`, `progress`, `current`, `health` and `note` (the record of
backmap.checkins); a history is a sequence of them, oldest first, as `checkins.history` gives.
These functions read nothing else, so the report and the rules agree on every number.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from operator import attrgetter
from typing import Protocol

from backmap.checks.timing import reached
from backmap.graph import OPEN_STATUSES
from backmap.model import Metric, Node, Number

DONE = 100.0


class CheckInLike(Protocol):
    """What these functions read of a check-in."""

    @property
    def date(self) -> date: ...
    @property
    def progress(self) -> Number | None: ...
    @property
    def current(self) -> Number | None: ...
    @property
    def health(self) -> object: ...
    @property
    def note(self) -> str | None: ...


def until(history: Sequence[CheckInLike], today: date) -> Sequence[CheckInLike]:
    """The check-ins made on or before `today`: a report or check dated in the past ignores
    what came after."""
    if not history or history[-1].date <= today:
        return history
    # Oldest first: the ones after `today` are a tail, found by halving (a check dated in
    # the past reads every history of the map).
    return history[: bisect_right(history, today, key=_DAY)]


_DAY = attrgetter("date")


def metric_share(metric: Metric | None, value: Number | None) -> float | None:
    """How far `value` got from the metric's baseline to its target, 0..100; None if unknown."""
    if metric is None or value is None or metric.baseline is None or metric.target is None:
        return None
    span = metric.target - metric.baseline
    if not span:
        return None
    return max(0.0, min(DONE, 100.0 * (value - metric.baseline) / span))


def checkin_progress(node: Node, entry: CheckInLike) -> float | None:
    """A check-in's progress: its own number, else where its metric reading puts it."""
    if entry.progress is not None:
        return float(entry.progress)
    return metric_share(node.metric, entry.current)


def progress_points(node: Node, history: Sequence[CheckInLike]) -> list[tuple[date, float]]:
    """(date, progress) of each check-in that says how far the item got, oldest first."""
    points = []
    for entry in history:
        value = checkin_progress(node, entry)
        if value is not None:
            points.append((entry.date, value))
    return points


def _ends(
    node: Node, history: Sequence[CheckInLike]
) -> tuple[tuple[date, float], tuple[date, float]] | None:
    """The first and last of `progress_points`, when they are two on different days: read
    from each end of the history, not through all of it, for every item of a large map."""
    count = len(history)
    first = next((i for i in range(count) if _says_progress(node, history[i])), None)
    if first is None:
        return None
    last = next(i for i in range(count - 1, first - 1, -1) if _says_progress(node, history[i]))
    if last == first:
        return None
    start, end = history[first], history[last]
    if start.date == end.date:
        return None
    first_value, last_value = checkin_progress(node, start), checkin_progress(node, end)
    assert first_value is not None and last_value is not None
    return (start.date, first_value), (end.date, last_value)


def _says_progress(node: Node, entry: CheckInLike) -> bool:
    return entry.progress is not None or checkin_progress(node, entry) is not None


def health_label(value: object) -> str | None:
    """A health value as its word ('at-risk'), whether the record holds an enum or a string."""
    if value is None:
        return None
    return str(getattr(value, "value", value))


def stale_since(node: Node, history: Sequence[CheckInLike], today: date, days: int) -> date | None:
    """The last check-in's date when an open item has had none for `days` days, else None.

    Items never checked in are not stale: a map that does not use check-ins stays quiet.
    """
    if node.status not in OPEN_STATUSES or not history:
        return None
    last = history[-1].date
    return last if (today - last).days > days else None


@dataclass(frozen=True)
class Pace:
    """How fast an open item with a due date moved between its first and latest check-in."""

    start: date
    first: float
    last_date: date
    last: float
    due: date
    per_day: float
    """Progress points gained per day so far."""
    needed_per_day: float
    """Points per day it needs from its latest check-in to reach 100 on its due date."""

    @property
    def projected(self) -> date | None:
        """When it reaches 100 at the pace so far; None when it does not move forward."""
        if self.per_day <= 0:
            return None
        days = math.ceil((DONE - self.last) / self.per_day)
        return self.last_date + timedelta(days=min(days, 365 * 100))

    @property
    def slipping(self) -> bool:
        """Behind the straight line to 100 on the due date: it would finish late."""
        return self.per_day < self.needed_per_day

    def expected(self, on: date) -> float:
        """Where the straight line from the first check-in to 100 on the due date is on `on`."""
        span = (self.due - self.start).days
        if span <= 0:
            return DONE
        share = min(1.0, max(0.0, (on - self.start).days / span))
        return self.first + (DONE - self.first) * share


def pace(node: Node, history: Sequence[CheckInLike], today: date) -> Pace | None:
    """The pace of an open item due on or after `today`, from two or more check-ins.

    None when it cannot be told (no due date, fewer than two dated readings) or does not
    apply (done, dropped, already at 100, or past due, which BM401 reports).
    """
    if node.due is None or node.status not in OPEN_STATUSES or node.due < today:
        return None
    ends = _ends(node, history)
    if ends is None:
        return None
    (start, first), (last_date, last) = ends
    if last >= DONE:
        return None
    elapsed = (last_date - start).days
    left = max(1, (node.due - last_date).days)
    return Pace(
        start, first, last_date, last, node.due, (last - first) / elapsed, (DONE - last) / left
    )


@dataclass(frozen=True)
class Drift:
    """A metric's two latest readings and how far each is from the target."""

    before: Number
    after: Number
    target: Number
    on: date

    @property
    def away(self) -> bool:
        """The latest reading is further from the target than the one before."""
        return self.direction == "away"

    @property
    def direction(self) -> str:
        """'toward' the target, 'away' from it, or 'steady'."""
        before, after = abs(self.target - self.before), abs(self.target - self.after)
        return "away" if after > before else "toward" if after < before else "steady"


def metric_readings(history: Sequence[CheckInLike]) -> list[tuple[date, Number]]:
    """(date, metric reading) of each check-in that measured the metric, oldest first."""
    return [(e.date, e.current) for e in history if e.current is not None]


def drift(node: Node, history: Sequence[CheckInLike]) -> Drift | None:
    """How an open item's metric moved at its latest reading; None when it cannot be told."""
    metric = node.metric
    if metric is None or metric.target is None or node.status not in OPEN_STATUSES:
        return None
    readings = metric_readings(history)
    if len(readings) < 2:
        return None
    (_, before), (on, after) = readings[-2], readings[-1]
    latest = metric.model_copy(update={"current": after})
    if reached(latest):
        return None
    return Drift(before, after, metric.target, on)
