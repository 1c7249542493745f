"""`backmap report`: the monthly check-in report, as Markdown with SVG and PNG charts."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from backmap.cli.common import (
    OK,
    Options,
    check_config,
    error,
    open_workspace,
    parse_date,
)
from backmap.cli.options import at_least
from backmap.plural import plural

if TYPE_CHECKING:
    from backmap.checks.aside import Helper
    from backmap.cli.parser import Commands
    from backmap.cli.report_past import Shapes
    from backmap.review.report import Report

REPORT_NAME = "report.md"


def register(commands: Commands) -> None:
    """Add `report` to the command line."""
    cmd = commands.add(
        "report",
        "write the monthly check-in report: progress over time, metrics, health, slipping, "
        "overdue, stale and the biggest moves, with charts",
        "backmap report -o check-in/\nbackmap report --owner dana --since 2026-11-01 -o dana/",
        cmd_report,
    )
    cmd.add_argument(
        "-o", "--output", required=True, type=Path, metavar="DIR", help="folder to write into"
    )
    cmd.add_argument(
        "--since",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="measure the moves from this date (default: 30 days before today)",
    )
    cmd.add_argument("--owner", metavar="NAME", help="only this person's items and what is beneath")
    cmd.add_argument(
        "--today",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="the report's date, for stale and slipping items (default: today)",
    )
    cmd.add_argument(
        "--charts",
        type=at_least(0),
        default=6,
        metavar="N",
        help="draw at most N progress and N metric charts (default 6; the tables list all)",
    )


def summary(report: Report) -> str:
    """The report's counts in one line; a map with no check-ins says how to record one."""
    parts = [f"{plural(report.items, 'item')}, {report.checked_in} checked in"]
    if not report.checked_in:
        parts = [
            plural(report.items, "item"),
            "no check-ins yet: record one with `backmap checkin ID`",
        ]
    else:
        parts += [
            f"{len(report.at_risk)} at risk or off track",
            f"{len(report.slipping)} slipping",
            f"{len(report.stale)} stale",
        ]
        if report.never:
            parts.append(f"{len(report.never)} never checked in")
    parts.append(f"{len(report.overdue)} overdue")
    return " · ".join(parts)


class ReportOptions(Options):
    output: Path
    since: date | None
    owner: str | None
    today: date | None
    charts: int


def cmd_report(args: ReportOptions) -> int:
    from backmap.checks.aside import Helper
    from backmap.cli.report_past import shapes

    # Reading the map's past (the shapes of past revisions) goes to a helper process, forked
    # while this one is small, which works while this one draws the charts that need no past.
    helper = Helper(shapes)
    try:
        return _report(args, helper)
    finally:
        helper.close()


def _report(args: ReportOptions, helper: Helper[Shapes]) -> int:
    from backmap import checkins
    from backmap.cli.checkin import readable_checkins
    from backmap.cli.report_past import past_of
    from backmap.graph import build
    from backmap.review.compute import begin, past_days, scope
    from backmap.review.markdown import CHARTS, to_markdown

    out: Path = args.output
    if out.exists() and not out.is_dir():
        raise error(f"{out} is a file; -o takes a folder to write {REPORT_NAME} and charts into")
    ws = open_workspace(args)
    config = check_config(args, ws.root)
    today = config.today or date.today()
    if args.since is not None and args.since > today:
        raise error(f"--since {args.since} is after the report's date {today}")
    readable_checkins(ws)
    graph = build(ws)
    owner = args.owner.strip() if args.owner else None
    person = ws.people.resolve(owner) if owner and ws.people is not None else None
    owner = person or owner  # the maps write people by id
    if owner is not None and not scope(graph, owner)[0]:
        owners = sorted({n.owner for n in ws.nodes() if n.owner})
        raise error(f"nobody called {owner!r} owns an item; owners: {', '.join(owners) or 'none'}")
    histories = {n.id: checkins.of_node(n) for n in ws.nodes() if n.checkins}
    past = past_of(ws, past_days(histories, today, args.since), helper)
    report, finish = begin(
        graph,
        histories,
        title=ws.name(),
        today=today,
        since=args.since,
        owner=owner,
        stale_days=config.stale_days,
        past=past,
    )
    if person is not None and ws.people is not None:
        name = ws.people.by_id[person].name
        report.owner = f"{name} ({person})" if name and name != person else person
    # matplotlib: only this command pays for it
    from backmap.review.charts import render_present, render_progress

    present = render_present(report, args.charts)  # while the helper reads the past
    finish()
    charts = render_progress(report, args.charts) + present
    from backmap.render.focus import focus_markdown

    markdown = to_markdown(report, {c.name for c in charts}) + focus_markdown(ws, today)
    folder = out / CHARTS
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_old_charts(folder, {c.name for c in charts})
        for chart in charts:
            (folder / f"{chart.name}.svg").write_bytes(chart.svg)
            (folder / f"{chart.name}.png").write_bytes(chart.png)
        (out / REPORT_NAME).write_text(markdown, encoding="utf-8")
    except OSError as exc:
        raise error(f"cannot write the report into {out}: {exc.strerror or exc}") from None
    drawn = f" and {plural(len(charts), 'chart')} in {folder} (SVG, PNG)" if charts else ""
    print(f"wrote {out / REPORT_NAME}{drawn}")
    print(summary(report))
    return OK


_CHART_FILE = re.compile(r"(?:health|(?:progress|metric)-[a-z0-9][a-z0-9-]*)\.(?:svg|png)")
"""The names the report gives its charts: only such files are its own to remove."""


def _remove_old_charts(folder: Path, drawn: set[str]) -> None:
    """Charts an earlier report drew that this one does not: its report no longer links them."""
    for path in sorted(folder.iterdir()):
        if _CHART_FILE.fullmatch(path.name) and path.stem not in drawn and path.is_file():
            path.unlink()
