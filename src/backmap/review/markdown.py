"""The check-in report as Markdown, for the monthly meeting: each section a chart and a table."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date

from backmap.plural import plural
from backmap.render.markdown import text
from backmap.review.compute import (
    NO_REPORT,
    Flag,
    Line,
    MetricTrend,
    Report,
)
from backmap.vocabulary import HEALTHS

CHARTS = "charts"
"""The folder beside report.md that holds the charts."""
MAX_ROWS = 50
"""Rows of one list; the rest are counted, and `backmap check` lists them all."""
DATE_COLUMNS = 6
BLANK = "\u2013"
"""An en dash: a cell with nothing to say."""


def _item(node_id: str, title: str) -> str:
    return f"{text(title)} (`{node_id}`)"


def _percent(value: float | None) -> str:
    return BLANK if value is None else f"{value:.0f}%"


def _signed(value: float | None, suffix: str = "", digits: int = 1) -> str:
    if value is None:
        return BLANK
    rounded = round(value, digits)
    if rounded == 0:
        return f"±0{suffix}"
    return f"{rounded:+g}{suffix}"


def _number(value: float | None, unit: str | None) -> str:
    if value is None:
        return BLANK
    shown = f"{value:g}"
    return f"{shown}{unit}" if unit == "%" else f"{shown} {text(unit)}" if unit else shown


def _day(day: date) -> str:
    return f"{day:%b} {day.day}, {day.year}"


def _table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def _capped(rows: list[list[str]], what: str, rule: str) -> list[list[str]]:
    if len(rows) <= MAX_ROWS:
        return rows
    more = len(rows) - MAX_ROWS
    note = f"… and {more} more {what} (`backmap check --select {rule}` lists them all)"
    return [*rows[:MAX_ROWS], [note, *([""] * (len(rows[0]) - 1))]]


def _progress_rows(report: Report, lines: Sequence[Line]) -> list[str]:
    shown = report.dates[-DATE_COLUMNS:]
    offset = len(report.dates) - len(shown)
    head = ["Item", *(_day(d) for d in shown), "Change"]
    rows = []
    for line in lines:
        values = line.values[offset:]
        first = next((v for v in line.values if v is not None), None)
        change = None if values[-1] is None or first is None else values[-1] - first
        rows.append(
            [
                _item(line.node_id, line.title),
                *(_percent(v) for v in values),
                _signed(change, "%", 0),
            ]
        )
    return _table(head, rows)


def _progress(report: Report, charts: Collection[str]) -> list[str]:
    out = ["## Progress over time", ""]
    if not report.dates:
        return [*out, "No check-ins yet: record some with `backmap checkin ID`.", ""]
    out += [
        "Roll-up progress at each check-in date (the change is since the first one). "
        "Dropped work is left out.",
        "",
    ]
    rest: list[Line] = []
    for chart in report.progress:
        name = f"progress-{chart.subject.node_id}"
        if name not in charts:
            rest.append(chart.subject)
            continue
        out += [f"### {text(chart.subject.title)}", ""]
        out += [f"![Progress of {text(chart.subject.title)} over time]({CHARTS}/{name}.svg)", ""]
        out += _progress_rows(report, [chart.subject, *chart.lines])
        if chart.more:
            out.append(f"\n{plural(chart.more, 'more item')} beneath it not drawn.")
        if chart.ideas:
            out.append(
                f"\n{plural(chart.ideas, 'idea')} beneath it not started yet (left out of its "
                "progress)."
            )
        out.append("")
    if rest:
        out += ["### The others", "", *_progress_rows(report, rest), ""]
    return out


TRENDS = {
    "toward": "toward target",
    "away": "**away from target**",
    "steady": "steady",
    "reached": "target reached",
}


def _trend(trend: MetricTrend) -> str:
    return TRENDS.get(trend.direction or "", BLANK)


def _metrics(report: Report, charts: Collection[str]) -> list[str]:
    out = ["## Metrics", ""]
    if not report.metrics:
        return [*out, "No item in the report has a metric with a target.", ""]
    for trend in report.metrics:
        name = f"metric-{trend.node_id}"
        if name in charts:
            alt = f"{text(trend.metric.name)} of {text(trend.title)} over time"
            out += [f"![{alt}]({CHARTS}/{name}.svg)", ""]
    single = [t for t in report.metrics if len(t.readings) == 1]
    for trend in single:
        (day, value), unit = trend.readings[0], trend.metric.unit
        out.append(
            f"- {text(trend.metric.name)} of {text(trend.title)}: one reading so far, "
            f"{_number(value, unit)} on {_day(day)}."
        )
    if single:
        out.append("")
    head = ["Item", "Metric", "Baseline", "Latest", "Target", "Of the way", "Change", "Trend"]
    rows = []
    for trend in report.metrics:
        metric, unit = trend.metric, trend.metric.unit
        latest = trend.readings[-1][1] if trend.readings else metric.current
        rows.append(
            [
                _item(trend.node_id, trend.title),
                text(metric.name),
                _number(metric.baseline, unit),
                _number(latest, unit),
                _number(metric.target, unit),
                _percent(trend.share),
                _signed(trend.change),
                _trend(trend),
            ]
        )
    out += _table(head, _capped(rows, "metrics", "BM413"))
    out += ["", f"The change is since {report.since}.", ""]
    return out


def _owner(flag: Flag) -> str:
    return text(flag.owner) if flag.owner else BLANK


def _health(report: Report, charts: Collection[str]) -> list[str]:
    out = ["## Health", ""]
    if "health" in charts:
        out += [f"![Open items by health at each check-in]({CHARTS}/health.svg)", ""]
    if report.dates:
        counts = ", ".join(
            f"{report.health[h][-1]} {h}" for h in (*HEALTHS, NO_REPORT) if report.health.get(h)
        )
        out += [f"Open items that check in, on {report.dates[-1]}: {counts}.", ""]
    if not report.at_risk:
        return [*out, "No open item is at risk or off track.", ""]
    rows = [
        [_item(f.node_id, f.title), _owner(f), f.health or BLANK, text(f.detail) or BLANK]
        for f in report.at_risk
    ]
    out += _table(["Item", "Owner", "Health", "Latest note"], _capped(rows, "items", "BM41"))
    return [*out, ""]


def _slipping(report: Report) -> list[str]:
    out = ["## Slipping", ""]
    if not report.slipping:
        return [*out, "No open item is behind the pace its due date needs.", ""]
    out += [
        "Open items that, at the pace of their check-ins so far, finish after their due date; "
        "*expected* is where a straight line from their first check-in to 100% on the due "
        "date stands today.",
        "",
    ]
    rows = []
    for flag in report.slipping:
        pace = flag.pace
        assert pace is not None
        finish = pace.projected
        rows.append(
            [
                _item(flag.node_id, flag.title),
                _owner(flag),
                str(pace.due),
                _percent(pace.last),
                _percent(pace.expected(report.today)),
                str(finish) if finish else "not moving",
            ]
        )
    head = ["Item", "Owner", "Due", "Progress", "Expected", "Finishes at this pace"]
    return [*out, *_table(head, _capped(rows, "items", "BM412")), ""]


def _overdue(report: Report) -> list[str]:
    out = ["## Overdue", ""]
    if not report.overdue:
        return [*out, "No open item is past its due date.", ""]
    out += ["Open items past their due date (neither done nor dropped).", ""]
    rows = [
        [
            _item(f.node_id, f.title),
            _owner(f),
            str(f.due),
            str((report.today - f.due).days) if f.due else BLANK,
            _percent(f.progress),
        ]
        for f in report.overdue
    ]
    head = ["Item", "Owner", "Due", "Days late", "Progress"]
    return [*out, *_table(head, _capped(rows, "items", "BM401")), ""]


def _never(report: Report) -> list[str]:
    if not report.never:
        return []
    out = [
        "",
        "Never checked in: open items with nothing beneath them that have no check-in at all.",
        "",
    ]
    rows = [[_item(f.node_id, f.title), _owner(f)] for f in report.never]
    return [*out, *_table(["Item", "Owner"], _capped(rows, "items", "BM411")), ""]


def _stale(report: Report) -> list[str]:
    out = ["## Stale", ""]
    if not report.checked_in:
        return [*out, "No item has a check-in yet: record one with `backmap checkin ID`.", ""]
    if not report.stale:
        within = f"Every open item that checks in did so within {report.stale_days} days."
        return [*out, within, *_never(report)]
    out += [f"Open items with no check-in for more than {report.stale_days} days.", ""]
    rows = [
        [
            _item(f.node_id, f.title),
            _owner(f),
            str(f.last),
            str((report.today - f.last).days if f.last else BLANK),
        ]
        for f in report.stale
    ]
    head = ["Item", "Owner", "Last check-in", "Days"]
    return [*out, *_table(head, _capped(rows, "items", "BM411")), *_never(report), ""]


def _moves(report: Report) -> list[str]:
    out = [f"## Biggest moves since {report.since}", ""]
    if not report.moves:
        return [*out, "No item's progress moved.", ""]
    rows = [
        [
            _item(m.node_id, m.title),
            m.kind.value,
            _percent(m.before),
            _percent(m.after),
            _signed(m.delta, "%", 0),
        ]
        for m in report.moves
    ]
    return [*out, *_table(["Item", "Kind", "Then", "Now", "Change"], rows), ""]


def to_markdown(report: Report, charts: Collection[str]) -> str:
    """The whole report; `charts` names the chart files (without suffix) that were drawn."""
    scope = f"items of {text(report.owner)} and beneath them" if report.owner else "whole map"
    head = [
        f"# Check-in report: {text(report.title)}",
        "",
        f"{report.today} · {scope} · {report.items} items, {report.checked_in} checked in"
        f" · moves since {report.since}",
        "",
    ]
    sections = (
        _progress(report, charts),
        _metrics(report, charts),
        _health(report, charts),
        _slipping(report),
        _overdue(report),
        _stale(report),
        _moves(report),
    )
    lines = head + [line for section in sections for line in section]
    return "\n".join(lines).rstrip("\n") + "\n"
