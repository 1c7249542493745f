"""The check-in report as Markdown, for the monthly meeting: each section a chart and a table."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from backmap.plural import plural
from backmap.render.markdown import text
from backmap.review import cells
from backmap.review.report import NO_REPORT, Flag, Line, MetricTrend, Report, moved
from backmap.vocabulary import HEALTHS, in_words

CHARTS = "charts"
"""The folder beside report.md that holds the charts."""
DATE_COLUMNS = 6


def _progress_rows(report: Report, lines: Sequence[Line]) -> list[str]:
    shown = report.dates[-DATE_COLUMNS:]
    offset = len(report.dates) - len(shown)
    head = ["Item", *(cells.day(d) for d in shown), "Change"]
    rows = []
    for line in lines:
        values = line.values[offset:]
        first = next((v for v in line.values if v is not None), None)
        change = None if first is None else moved(first, values[-1])
        rows.append(
            [
                cells.item(line.node_id, line.title),
                *(cells.percent(v) for v in values),
                cells.signed(change, "%", 0),
            ]
        )
    return cells.table(head, rows)


def _progress(report: Report, charts: Collection[str]) -> list[str]:
    out = ["## Progress over time", ""]
    if not report.dates:
        return [*out, "No check-ins yet: record some with `backmap checkin ID`.", ""]
    out += [
        "Roll-up progress at each check-in date (the change is since the first one). "
        "Dropped work is left out."
        + (
            " The map is not in git, so past values are recomputed on today's map: items "
            "added since count on dates before they existed."
            if report.recomputed
            else " Each date is rolled up on the map as it was then (its last commit)."
        ),
        "",
    ]
    rest: list[Line] = []
    for chart in report.progress:
        name = f"progress-{chart.subject.node_id}"
        if chart.empty:  # an empty chart, or a row of dashes, would say less than words
            out += [f"### {text(chart.subject.title)}", ""]
            out += ["No check-ins yet beneath it: record one with `backmap checkin ID`.", ""]
            continue
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
    return TRENDS.get(trend.direction or "", cells.BLANK)


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
            f"{cells.number(value, unit)} on {cells.day(day)}."
        )
    if single:
        out.append("")
    head = ["Item", "Metric", "Baseline", "Latest", "Target", "Of the way", "Change", "Last move"]
    rows = []
    for trend in report.metrics:
        metric, unit = trend.metric, trend.metric.unit
        latest = trend.readings[-1][1] if trend.readings else metric.current
        rows.append(
            [
                cells.item(trend.node_id, trend.title),
                text(metric.name),
                cells.number(metric.baseline, unit),
                cells.number(latest, unit),
                cells.number(metric.target, unit),
                cells.percent(trend.share),
                cells.signed(trend.change, cells.unit_suffix(unit)),
                _trend(trend),
            ]
        )
    out += cells.table(head, cells.capped(rows, "metrics", "BM413"))
    out += [
        "",
        f"The change is since {report.since}; the last move is between the last two readings.",
        "",
    ]
    return out


def _owner(flag: Flag) -> str:
    return text(flag.owner) if flag.owner else cells.BLANK


def _health(report: Report, charts: Collection[str]) -> list[str]:
    out = ["## Health", ""]
    if "health" in charts:
        out += [f"![Open items by health at each check-in]({CHARTS}/health.svg)", ""]
    if report.dates:
        counts = ", ".join(
            f"{report.health[h][-1]} {in_words(h)}"
            for h in (*HEALTHS, NO_REPORT)
            if report.health.get(h)
        )
        out += [f"Open items that check in, on {report.dates[-1]}: {counts}.", ""]
    if not report.at_risk:
        return [*out, "No open item is at risk or off track.", ""]
    rows = [
        [
            cells.item(f.node_id, f.title),
            _owner(f),
            in_words(f.health) if f.health else cells.BLANK,
            text(f.detail) or cells.BLANK,
        ]
        for f in report.at_risk
    ]
    out += cells.table(
        ["Item", "Owner", "Health", "Latest note"], cells.capped(rows, "items", "BM41")
    )
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
                cells.item(flag.node_id, flag.title),
                _owner(flag),
                str(pace.due),
                cells.percent(pace.last),
                cells.percent(pace.expected(report.today)),
                str(finish) if finish else "not moving",
            ]
        )
    head = ["Item", "Owner", "Due", "Progress", "Expected", "Finishes at this pace"]
    return [*out, *cells.table(head, cells.capped(rows, "items", "BM412")), ""]


def _overdue(report: Report) -> list[str]:
    out = ["## Overdue", ""]
    if not report.overdue:
        return [*out, "No open item is past its due date.", ""]
    out += ["Open items past their due date (neither done nor dropped).", ""]
    rows = [
        [
            cells.item(f.node_id, f.title),
            _owner(f),
            str(f.due),
            str((report.today - f.due).days) if f.due else cells.BLANK,
            cells.percent(f.progress),
        ]
        for f in report.overdue
    ]
    head = ["Item", "Owner", "Due", "Days late", "Progress"]
    return [*out, *cells.table(head, cells.capped(rows, "items", "BM401")), ""]


def _never(report: Report) -> list[str]:
    if not report.never:
        return []
    out = [
        "",
        "Never checked in: open items with nothing beneath them that have no check-in at all.",
        "",
    ]
    rows = [[cells.item(f.node_id, f.title), _owner(f)] for f in report.never]
    return [*out, *cells.table(["Item", "Owner"], cells.capped(rows, "items", "BM411")), ""]


def _stale(report: Report) -> list[str]:
    out = ["## Stale", ""]
    if not report.checked_in:
        return [*out, "No item has a check-in yet: record one with `backmap checkin ID`.", ""]
    if not report.stale:
        within = f"Every open item that checks in did so within {report.stale_days} days."
        return [*out, within, *(_never(report) or [""])]
    out += [f"Open items with no check-in for more than {report.stale_days} days.", ""]
    rows = [
        [
            cells.item(f.node_id, f.title),
            _owner(f),
            str(f.last),
            str((report.today - f.last).days if f.last else cells.BLANK),
        ]
        for f in report.stale
    ]
    head = ["Item", "Owner", "Last check-in", "Days"]
    return [*out, *cells.table(head, cells.capped(rows, "items", "BM411")), *_never(report), ""]


def _moves(report: Report) -> list[str]:
    out = [f"## Biggest moves since {report.since}", ""]
    if not report.moves:
        return [*out, "No item's progress moved.", ""]
    rows = [
        [
            cells.item(m.node_id, m.title),
            m.kind.value,
            cells.percent(m.before),
            cells.percent(m.after),
            cells.signed(m.delta, "%", 0),
        ]
        for m in report.moves
    ]
    return [*out, *cells.table(["Item", "Kind", "Then", "Now", "Change"], rows), ""]


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
