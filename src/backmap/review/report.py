"""The check-in report's shape: what `compute` returns and the charts and Markdown draw."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from backmap.checks.pace import Pace
from backmap.model import Kind, Metric, Number

NO_REPORT = "not reported"
"""The health of an item with no check-in that gives one, in the report's counts."""


def moved(before: float | None, after: float | None) -> int | None:
    """A progress move as people read it: between the whole percents shown, so that
    '49% -> 54%' says +5%, never +6%."""
    if after is None:
        return None
    return round(after) - round(before or 0.0)


@dataclass(frozen=True)
class Line:
    """One node's roll-up progress at each of the report's dates (None: no value)."""

    node_id: str
    title: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class ProgressChart:
    """A subject (an outcome, or a top item of the owner) and the items right beneath it."""

    subject: Line
    lines: tuple[Line, ...]
    more: int
    """Items beneath it left off the chart."""
    ideas: int = 0
    """Ideas beneath it, not started and left out of its progress."""

    checked_in: bool = True
    """Whether it or anything beneath it has a check-in."""

    @property
    def empty(self) -> bool:
        """Nothing to draw: nothing beneath it checks in, or nothing has a value on any date."""
        lines = (self.subject, *self.lines)
        return not self.checked_in or all(v is None for line in lines for v in line.values)


@dataclass(frozen=True)
class MetricTrend:
    """A metric's readings over time against its baseline and target."""

    node_id: str
    title: str
    metric: Metric
    readings: tuple[tuple[date, Number], ...]
    change: Number | None
    """Latest reading minus the last one on or before --since."""
    share: float | None
    """How far the latest reading got from baseline to target, 0..100."""
    direction: str | None
    """At the latest reading: 'toward' the target, 'away', 'steady' or 'reached' (None: fewer
    than two readings, or a closed item)."""

    @property
    def away(self) -> bool:
        return self.direction == "away"


@dataclass(frozen=True)
class Flag:
    """An item the meeting should talk about, with what makes it so."""

    node_id: str
    title: str
    owner: str | None
    detail: str
    last: date | None = None
    pace: Pace | None = None
    health: str | None = None
    due: date | None = None
    progress: float | None = None


@dataclass(frozen=True)
class Move:
    """A change of roll-up progress between --since and today."""

    node_id: str
    title: str
    kind: Kind
    before: float | None
    after: float | None

    @property
    def delta(self) -> float:
        """The move between the whole percents shown (as `status --since` and `diff` say it)."""
        return float(moved(self.before, self.after) or 0)


@dataclass
class Report:
    """Everything the check-in report shows, in the order it shows it."""

    title: str
    today: date
    since: date
    owner: str | None
    dates: tuple[date, ...]
    items: int
    checked_in: int
    progress: list[ProgressChart] = field(default_factory=list)
    metrics: list[MetricTrend] = field(default_factory=list)
    health: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """Items of each health (and not reported) at each date."""
    at_risk: list[Flag] = field(default_factory=list)
    slipping: list[Flag] = field(default_factory=list)
    stale: list[Flag] = field(default_factory=list)
    never: list[Flag] = field(default_factory=list)
    """Open items at the bottom of the map (nothing beneath them) that never checked in."""
    overdue: list[Flag] = field(default_factory=list)
    """Open items past their due date."""
    stale_days: int = 35
    moves: list[Move] = field(default_factory=list)
    recomputed: bool = False
    """Past values are today's map rolled up with the check-ins of each date (no git history
    says what the map was then)."""
