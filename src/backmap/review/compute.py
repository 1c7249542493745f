"""The check-in report as data: burn-up, metric trends, health, slipping, overdue, stale,
biggest moves.

Pure: takes the map's graph and each node's check-ins, returns a `Report`; charts and
Markdown are drawn from it elsewhere.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta

from backmap.checks.ownership import person_key as person  # the rules' one notion of a person
from backmap.checks.pace import (
    CheckInLike,
    drift,
    health_label,
    metric_readings,
    pace,
    stale_since,
    until,
)
from backmap.checks.roll_up import ideas, is_idea
from backmap.graph import OPEN_STATUSES, MapGraph, is_overdue, reach
from backmap.model import Kind, Node, Status
from backmap.review.burnup import Era, Past, Rows, rewind, rollup
from backmap.review.report import NO_REPORT, Flag, Line, MetricTrend, Move, ProgressChart, Report
from backmap.vocabulary import HEALTHS

MAX_DATES = 36
"""More check-in dates than this are drawn at month ends: a chart keeps readable ticks."""
MAX_LINES = 6
"""Lines besides the subject's own on one progress chart; the rest are in its table."""
MAX_MOVES = 10
SINCE_DAYS = 30
"""Without --since, moves are measured over the last month."""


def chart_dates(histories: Mapping[str, Sequence[CheckInLike]], today: date) -> list[date]:
    """The check-in dates, or month ends when there are too many for one chart."""
    seen = sorted({e.date for h in histories.values() for e in h if e.date <= today})
    if len(seen) <= MAX_DATES:
        return seen
    ends: list[date] = []
    year, month = seen[0].year, seen[0].month
    while date(year, month, 1) <= seen[-1]:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        ends.append(min(date(year, month, 1) - timedelta(days=1), seen[-1]))
    return ends[-MAX_DATES:]


def scope(graph: MapGraph, owner: str | None) -> tuple[list[str], list[str]]:
    """(subjects, every node in scope): the outcomes and the whole map, or with an owner their
    topmost items and everything beneath those (names compared as the ownership rules do)."""
    ws = graph.ws
    if owner is None:
        return [n.id for n in ws.nodes() if n.kind is Kind.OUTCOME], ws.ids()
    who = person(owner)
    owned = {n.id for n in ws.nodes() if who is not None and person(n.owner) == who}
    subjects = [i for i in ws.ids() if i in owned and not graph.ancestors(i) & owned]
    inside = owned | reach(subjects, graph.children)
    return subjects, [i for i in ws.ids() if i in inside]


def past_days(
    histories: Mapping[str, Sequence[CheckInLike]], today: date, since: date | None
) -> list[date]:
    """The days `compute` asks its `past` about, newest first: each date of the charts and of
    the moves but today, and the eve of `since` (where the moves start)."""
    since = since or today - timedelta(days=SINCE_DAYS)
    dates = chart_dates({k: until(h, today) for k, h in histories.items()}, today)
    asked = {*dates, since, since - timedelta(days=1)} - {today}
    return sorted(asked, reverse=True)


def compute(
    graph: MapGraph,
    histories: Mapping[str, Sequence[CheckInLike]],
    *,
    title: str,
    today: date,
    since: date | None = None,
    owner: str | None = None,
    stale_days: int = 35,
    past: Past | None = None,
) -> Report:
    """The report for the check-ins up to `today`, its moves measured from `since`.

    `past` gives the map as it was at a past date (from git); without it, past dates are
    today's map rolled up with the check-ins of each date, and the report says so."""
    report, finish = begin(
        graph,
        histories,
        title=title,
        today=today,
        since=since,
        owner=owner,
        stale_days=stale_days,
        past=past,
    )
    finish()
    return report


def begin(
    graph: MapGraph,
    histories: Mapping[str, Sequence[CheckInLike]],
    *,
    title: str,
    today: date,
    since: date | None = None,
    owner: str | None = None,
    stale_days: int = 35,
    past: Past | None = None,
) -> tuple[Report, Callable[[], None]]:
    """`compute` in two steps: the report but its progress charts and biggest moves, which
    need the map's past, and what adds those (the first call of `past`). A caller can draw the
    rest while the past is read."""
    ws = graph.ws
    histories = {k: until(h, today) for k, h in histories.items()}
    since = since or today - timedelta(days=SINCE_DAYS)
    dates = chart_dates(histories, today)
    columns = sorted({*dates, since, today})
    rows = rollup(graph, histories, columns)
    at = {d: i for i, d in enumerate(columns)}
    subjects, inside = scope(graph, owner)
    empty: Sequence[CheckInLike] = ()

    def values(node_id: str, when: Sequence[date]) -> tuple[float | None, ...]:
        row = rows.get(node_id)
        if row is None:
            return tuple(None for _ in when)
        return tuple(None if math.isnan(v := float(row[at[d]])) else v for d in when)

    def line(node_id: str) -> Line:
        return Line(node_id, ws.node(node_id).title, values(node_id, dates))

    report = Report(
        ws_title(graph, title),
        today,
        since,
        owner,
        tuple(dates),
        len(inside),
        sum(1 for i in inside if histories.get(i)),
        stale_days=stale_days,
        recomputed=past is None,
    )
    cadence: list[Sequence[CheckInLike]] = []
    for node_id in inside:
        node = ws.node(node_id)
        history = histories.get(node_id, empty)
        if node.metric is not None and node.metric.target is not None:
            report.metrics.append(_trend(node, history, since))
        if node.status in OPEN_STATUSES:
            if history:  # items never checked in are not part of the cadence
                cadence.append(history)
            _flag(report, node, history, today, stale_days)
            if not history and not is_idea(node) and not graph.children.get(node_id):
                report.never.append(Flag(node_id, node.title, node.owner, "never checked in"))
        if is_overdue(node, today):  # today's column: the past never replaces it
            done = values(node_id, (today,))[0]
            flag = Flag(node_id, node.title, node.owner, "overdue", due=node.due, progress=done)
            report.overdue.append(flag)
    report.health = _health_counts(cadence, dates)
    report.slipping.sort(key=lambda f: (f.pace.due if f.pace else today, f.node_id))
    report.stale.sort(key=lambda f: (f.last or today, f.node_id))
    report.overdue.sort(key=lambda f: (f.due or today, f.node_id))

    def finish() -> None:
        if past is not None:
            for day in past_days(histories, today, since):  # newest first, as `Past` needs
                past(day)
            rewind(rows, columns, past, today)
        # With the past, the moves start where `status --since` does: on the map of the last
        # commit before `since` (its eve's), with the check-ins made by the end of `since`.
        eve = past(since - timedelta(days=1)) if past is not None else None
        base = _base(rows, at[since], eve, since)
        not_started = ideas(graph)
        for subject in subjects:
            beneath = [c for c in graph.children.get(subject, ()) if _counts(ws.node(c))]
            shown = beneath[:MAX_LINES]
            report.progress.append(
                ProgressChart(
                    line(subject),
                    tuple(line(c) for c in shown),
                    len(beneath) - len(shown),
                    not_started.get(subject, 0),
                    any(histories.get(i) for i in reach([subject], graph.children) | {subject}),
                )
            )
        for node_id in inside:
            (after,) = values(node_id, (today,))
            before = _value(base[node_id]) if node_id in base else None
            # Moves people can see: between the whole percents shown, a new item from more
            # than 0%.
            then, now = (None if v is None else round(v) for v in (before, after))
            if then != now and not (then is None and now == 0):
                node = ws.node(node_id)
                report.moves.append(Move(node_id, node.title, node.kind, before, after))
        report.moves.sort(key=lambda m: (-abs(m.delta), m.node_id))
        del report.moves[MAX_MOVES:]

    return report, finish


def _base(rows: Rows, column: int, era: Era | None, since: date) -> dict[str, float]:
    """Where the moves start: each node's roll-up at the end of `since` on `era`'s map (the
    last commit before it), or on the map `rows` hold for that day when today's is that
    commit's (`era` None)."""
    if era is None:
        return {k: float(row[column]) for k, row in rows.items()}
    then = rollup(era.graph, era.histories, [since])
    return {k: float(then[k][0]) if k in then else math.nan for k in rows}


def _value(v: float) -> float | None:
    return None if math.isnan(v) else float(v)


def ws_title(graph: MapGraph, fallback: str) -> str:
    titles = [f.title for f in graph.ws.files.values()]
    return titles[0] if len(titles) == 1 else fallback


def _counts(node: Node) -> bool:
    """Whether a node is a line of its parent's chart: it moves the parent's progress."""
    return node.status is not Status.DROPPED and not is_idea(node) and not node.personal


def _trend(node: Node, history: Sequence[CheckInLike], since: date) -> MetricTrend:
    from backmap.checks.pace import metric_share

    metric = node.metric
    assert metric is not None
    readings = tuple(metric_readings(history))
    latest = readings[-1][1] if readings else metric.current
    earlier = [v for d, v in readings if d <= since]
    change = latest - earlier[-1] if earlier and latest is not None else None
    moved = drift(node, history)
    direction = moved.direction if moved else None
    if moved is None and len(readings) > 1 and node.status in OPEN_STATUSES:
        direction = "reached"  # drift() only declines an open item with readings when reached
    return MetricTrend(
        node.id, node.title, metric, readings, change, metric_share(metric, latest), direction
    )


def _health_counts(
    histories: Sequence[Sequence[CheckInLike]], dates: Sequence[date]
) -> dict[str, tuple[int, ...]]:
    """Items of each health (and not reported) at each date: the health of an item's latest
    check-in on or before that date that gives one. Counted a column at a time, and the dates
    of reports looked up once for all the items that report on the same days."""
    upto: dict[tuple[date, ...], list[int]] = {}  # report dates -> how many by each date
    rows: list[tuple[object, ...]] = []
    for history in histories:
        reported = [e for e in history if e.health is not None]
        when = tuple(e.date for e in reported)
        index = upto.get(when)
        if index is None:
            index = upto[when] = [bisect_right(when, day) for day in dates]
        rows.append(tuple(reported[k - 1].health if k else None for k in index))
    counts = {h: [0] * len(dates) for h in (*HEALTHS, NO_REPORT)}
    for i, column in enumerate(zip(*rows, strict=True)):
        for health, items in Counter(column).items():
            label = health_label(health)
            counts[label if label in counts else NO_REPORT][i] += items
    return {k: tuple(v) for k, v in counts.items()}


def _flag(
    report: Report, node: Node, history: Sequence[CheckInLike], today: date, stale_days: int
) -> None:
    # Health stands until a later check-in reports another (as the health counts read it).
    last = next((e for e in reversed(history) if e.health is not None), None)
    label = health_label(last.health) if last else None
    if label in HEALTHS[1:]:
        note = " ".join((last.note or "").split()) if last else ""
        report.at_risk.append(Flag(node.id, node.title, node.owner, note, health=label))
    stale = stale_since(node, history, today, stale_days)
    if stale is not None:
        detail = f"last check-in {stale}, {(today - stale).days} days ago"
        report.stale.append(Flag(node.id, node.title, node.owner, detail, last=stale))
    moving = pace(node, history, today)
    if moving is not None and moving.slipping:
        finish = moving.projected
        detail = f"finishes {finish}" if finish else "not moving"
        report.slipping.append(Flag(node.id, node.title, node.owner, detail, pace=moving))


def health_counts(report: Report) -> Counter[str]:
    """Items of each health at the latest date."""
    return Counter({k: v[-1] for k, v in report.health.items() if v})
