"""The report's charts, drawn with matplotlib as SVG and PNG; the only module that imports it.

matplotlib draws both formats from one figure with its own bundled font, so the PNG looks the
same on every machine. Output is deterministic: a fixed id salt, no dates in the metadata.
Each plotted series is a group with id `series-<node id>` (or `series-<health>`), which is how
tests and other tools can count what a chart shows.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from backmap.amounts import amount
from backmap.review.report import NO_REPORT, MetricTrend, ProgressChart, Report
from backmap.vocabulary import HEALTHS

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

WIDTH, HEIGHT = 8.0, 4.2
"""Inches: at the SVG's 72 points per inch, about the width of a README column."""
PNG_DPI = 150
COMPRESSION = 3
"""zlib's level for the PNG: files the size level 6 made of RGBA, in two thirds of the time."""
EPOCH = date(1970, 1, 1)
TITLE_MAX = 60
METRIC_TITLE_MAX = 88
"""Characters of a metric chart's title (its name and its item's): what 11 pt bold fits."""
INK, GRID, SINCE = "#1f2933", "#d9dee3", "#eef4fb"
# Colour-blind-safe (Okabe-Ito), subject drawn in INK.
COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00")
HEALTH_COLOURS = {
    "on-track": "#3a9e5f",
    "at-risk": "#e8a33d",
    "off-track": "#c8423b",
    NO_REPORT: "#c9ced4",
}
STYLE: dict[str, Any] = {
    "svg.hashsalt": "backmap",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.edgecolor": "#9aa5b1",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": GRID,
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 8,
    "text.color": INK,
    "axes.labelcolor": INK,
    "xtick.color": "#52606d",
    "ytick.color": "#52606d",
}


@dataclass(frozen=True)
class Chart:
    """One rendered chart: its file stem, its alt text, and the two encodings."""

    name: str
    alt: str
    svg: bytes
    png: bytes


def short(text: str, limit: int = TITLE_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_SCALES = ((1e9, 1e9, "B"), (1e6, 1e6, "M"), (1e4, 1e3, "k"))


def ticks(values: Sequence[float]) -> list[str]:
    """Values on an axis as people write them: 250k, 1.5M, 0.25; never an exponent, nor an
    offset such as "1e6" over the axis that the reader must add or multiply by. Thousands and
    millions are used while two decimals tell the ticks apart; else the whole number."""
    ordered = sorted(set(values))
    step = min((b - a for a, b in pairwise(ordered)), default=0.0)
    top = max((abs(v) for v in ordered), default=0.0)
    scale, suffix = 1.0, ""
    for least, size, name in _SCALES:
        if top >= least and step / size >= 0.01 - 1e-9:
            scale, suffix = size, name
            break
    places = 0  # the fewest decimals that write every multiple of the step exactly
    while places < 6 and abs(round(step / scale * 10**places) - step / scale * 10**places) > 1e-6:
        places += 1
    return [amount(round(v / scale, places), None) + (suffix if v else "") for v in values]


def _figure() -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH, HEIGHT))
    return fig, fig.add_subplot()


def _place(
    fig: Figure,
    ax: Axes,
    title: str,
    columns: int = 0,
    right: float = 0.55,
    words: Callable[[Sequence[float]], list[str]] | None = None,
) -> None:
    """Margins measured in inches, with the legend in `columns` under the plot (0: no legend
    there); a third of the time of matplotlib's own layout engines, which measure every text.
    Then the ticks are fixed, the y axis's written by `words` when given, and the title set."""
    handles, labels = ax.get_legend_handles_labels()
    rows = -(-len(labels) // columns) if columns else 0
    said = words or ax.yaxis.get_major_formatter().format_ticks
    widest = max((len(t) for t in said(list(ax.get_yticks()))), default=3)
    left = 0.45 + 0.075 * widest  # the axis label, then the widest tick label
    bottom = 0.5 + (0.19 * rows + 0.05 if rows else 0)  # tick labels of two lines, the legend
    fig.subplots_adjust(
        left=left / WIDTH, right=1 - right / WIDTH, top=1 - 0.38 / HEIGHT, bottom=bottom / HEIGHT
    )
    if rows:
        fig.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 0.01), ncols=columns)
    _freeze_ticks(ax, words)
    # Right above the plot, where matplotlib would place it (no ticks on top), unless an offset
    # such as "1e6" tops the y axis: only then does it need to measure the axes to move it up.
    offset = ax.yaxis.get_major_formatter().get_offset()
    ax.set_title(title, y=None if offset else 1.0)


def _freeze_ticks(ax: Axes, words: Callable[[Sequence[float]], list[str]] | None) -> None:
    """Fix each axis's ticks and labels where its locator and formatter put them now that the
    plot is laid out: matplotlib would work them out again several times in each of the two
    drawings (SVG, PNG), the same each time. `words`: what writes the y axis's labels."""
    from matplotlib.ticker import FixedFormatter, FixedLocator

    for axis in (ax.xaxis, ax.yaxis):
        locs = list(axis.get_majorticklocs())
        formatter = axis.get_major_formatter()
        if words is not None and axis is ax.yaxis:
            labels, offset = words(locs), ""
        else:
            labels, offset = formatter.format_ticks(locs), formatter.get_offset()
        axis.set_major_locator(FixedLocator(locs))
        fixed = FixedFormatter(labels)
        fixed.set_offset_string(offset)
        axis.set_major_formatter(fixed)


def _encode(fig: Figure) -> tuple[bytes, bytes]:
    """The SVG, and the PNG as RGB: the figure is opaque, and an alpha channel would only add
    to what zlib compresses."""
    from PIL import Image, PngImagePlugin

    svg, raw, png = io.BytesIO(), io.BytesIO(), io.BytesIO()
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": "backmap"})
    fig.savefig(raw, format="rgba", dpi=PNG_DPI)
    size = (round(WIDTH * PNG_DPI), round(HEIGHT * PNG_DPI))
    image = Image.frombuffer("RGBA", size, raw.getvalue(), "raw", "RGBA", 0, 1).convert("RGB")
    info = PngImagePlugin.PngInfo()
    info.add_text("Software", "backmap")
    image.save(png, format="png", pnginfo=info, dpi=(PNG_DPI, PNG_DPI), compress_level=COMPRESSION)
    return svg.getvalue(), png.getvalue()


def _x(day: date) -> float:
    """A date as matplotlib's date number (days since its default epoch, 1970-01-01)."""
    return float((day - EPOCH).days)


def _labels(dates: Sequence[date]) -> list[str]:
    """'Aug 31', with the year below the first date and wherever it changes."""
    labels, year = [], None
    for day in dates:
        labels.append(f"{day:%b} {day.day}" + (f"\n{day.year}" if day.year != year else ""))
        year = day.year
    return labels


LABEL_IN = 0.6
"""The room one date label ('Nov 30') takes along the axis, in inches, with a gap."""
PLOT_IN = WIDTH - 1.5
"""About the plot's width in inches, once the margins are taken off."""


def _spaced(dates: Sequence[date], labels: list[str]) -> list[str]:
    """The labels, with those too close to a later labelled date left blank (their tick
    stays): 'Nov 30' and 'Dec 4' side by side would run into each other."""
    if len(dates) < 2:
        return labels
    span = (dates[-1] - dates[0]).days * (1 + 2 * 0.08)  # the axis margins, as _date_axis
    gap = span * LABEL_IN / PLOT_IN
    shown = list(labels)
    last = dates[-1]
    for i in range(len(dates) - 2, -1, -1):
        if (last - dates[i]).days < gap:
            shown[i] = ""
        else:
            last = dates[i]
    if not shown[0] and "\n" in labels[0]:  # the year the first label carried goes to the next
        first = next(i for i, label in enumerate(shown) if label)
        if "\n" not in shown[first]:
            shown[first] += "\n" + labels[0].split("\n", 1)[1]
    return shown


def _date_axis(ax: Axes, dates: Sequence[date]) -> None:
    """Ticks on the check-in dates themselves when they are few, else on round dates."""
    import matplotlib.dates as mdates

    if len(dates) <= 8:
        ax.set_xticks([_x(d) for d in dates], _spaced(dates, _labels(dates)))
    else:
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        formatter = mdates.ConciseDateFormatter(locator, show_offset=False)  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_formatter(formatter)
    if len(dates) == 1:
        ax.set_xlim(_x(dates[0]) - 15, _x(dates[0]) + 15)
    else:
        ax.margins(x=0.08)


def _since_band(ax: Axes, report: Report) -> None:
    if report.dates and report.since < report.dates[-1]:
        start = max(report.since, report.dates[0])
        label = f"since {report.since}"
        ax.axvspan(_x(start), _x(report.dates[-1]), color=SINCE, zorder=0, lw=0, label=label)


def progress_chart(report: Report, chart: ProgressChart) -> Chart:
    """Burn-up of a subject's roll-up progress and of the items beneath it."""
    fig, ax = _figure()
    dates = list(report.dates)
    ax.axhline(100, color="#9aa5b1", lw=0.8, ls="--")
    series = [
        (chart.subject, INK, 2.4),
        *((ln, c, 1.4) for ln, c in zip(chart.lines, COLOURS, strict=False)),
    ]
    for line, colour, width in series:
        points = [(_x(d), v) for d, v in zip(dates, line.values, strict=True) if v is not None]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        (drawn,) = ax.plot(
            xs,
            ys,
            color=colour,
            lw=width,
            marker="o",
            ms=3 + width,
            label=short(line.title, 40),
            zorder=3 if line is chart.subject else 2,  # the subject on top of its items
        )
        drawn.set_gid(f"series-{line.node_id}")
        if points and line is chart.subject:
            ax.annotate(
                f"{ys[-1]:.0f}%",
                (xs[-1], ys[-1]),
                xytext=(6, 0),
                textcoords="offset points",
                va="center",
                fontweight="bold",
                color=INK,
            )
    _since_band(ax, report)
    ax.set_ylim(0, 105)
    ax.yaxis.set_major_formatter("{x:.0f}%")
    _date_axis(ax, dates)
    ax.set_ylabel("roll-up progress")
    # Below the plot: a burn-up fills the plot's corners by the end, and titles can be long.
    _place(fig, ax, f"Progress: {short(chart.subject.title)}", 2 if len(series) > 2 else 3)
    alt = f"Progress over time of {chart.subject.title} and the items beneath it"
    return Chart(f"progress-{chart.subject.node_id}", alt, *_encode(fig))


def metric_chart(report: Report, trend: MetricTrend) -> Chart:
    """A metric's readings against its baseline and target lines."""
    fig, ax = _figure()
    metric = trend.metric
    if metric.target is not None:
        ax.axhline(
            metric.target,
            color="#3a9e5f",
            lw=1.4,
            ls="--",
            label=f"target {amount(metric.target, metric.unit)}",
        )
    if metric.baseline is not None:
        ax.axhline(
            metric.baseline,
            color="#7b8794",
            lw=1.2,
            ls=":",
            label=f"baseline {amount(metric.baseline, metric.unit)}",
        )
    xs = [_x(d) for d, _ in trend.readings]
    ys = [float(v) for _, v in trend.readings]
    colour = "#c8423b" if trend.away else COLOURS[0]
    (drawn,) = ax.plot(xs, ys, color=colour, lw=2, marker="o", ms=5, label="measured")
    drawn.set_gid(f"series-{trend.node_id}")
    if xs:
        ax.annotate(
            amount(ys[-1], metric.unit),
            (xs[-1], ys[-1]),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontweight="bold",
        )
        _date_axis(ax, [d for d, _ in trend.readings])
    _since_band(ax, report)
    # The whole title when it fits the chart's width; else the item's title gives way first.
    name = short(metric.name, 48)
    title = f"{name}: {short(trend.title, max(32, METRIC_TITLE_MAX - len(name) - 2))}"
    if metric.unit:
        ax.set_ylabel(metric.unit)
    ax.margins(y=0.15)
    _place(fig, ax, title, columns=4, words=ticks)
    return Chart(
        f"metric-{trend.node_id}",
        f"{metric.name} of {trend.title} over time, against its baseline and target",
        *_encode(fig),
    )


def health_chart(report: Report) -> Chart:
    """Open items by reported health at each check-in date, stacked."""
    fig, ax = _figure()
    labels = _labels(report.dates)
    positions = list(range(len(labels)))
    bottom = [0] * len(labels)
    for health in (*HEALTHS, NO_REPORT):
        counts = list(report.health.get(health, ()))
        if not any(counts):
            continue
        bars = ax.bar(
            positions, counts, bottom=bottom, color=HEALTH_COLOURS[health], label=health, width=0.7
        )
        for i, bar in enumerate(bars):  # one group per bar: ids must stay unique
            bar.set_gid(f"series-{health}.{i}")
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    if len(labels) > 8:  # every other label: bars stay readable over a year of check-ins
        labels = [label if i % 2 == 0 else "" for i, label in enumerate(labels)]
    ax.set_xticks(positions, labels)
    ax.grid(axis="x", visible=False)
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # items are counted whole
    ax.set_ylabel("items")
    _place(fig, ax, "Health of open items at each check-in", right=1.45)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return Chart("health", "Open items by reported health at each check-in date", *_encode(fig))


def render(report: Report, max_charts: int = 6) -> list[Chart]:
    """Every chart of the report: progress per subject and metric (at most `max_charts` of
    each, the first in map order), then health."""
    return render_progress(report, max_charts) + render_present(report, max_charts)


def render_progress(report: Report, max_charts: int = 6) -> list[Chart]:
    """The progress charts (at most `max_charts`, the first in map order): the only ones
    that need the map's past."""
    import matplotlib

    with matplotlib.rc_context(STYLE):  # type: ignore[arg-type]
        if not report.dates:
            return []
        drawable = [c for c in report.progress if not c.empty][:max_charts]
        return [progress_chart(report, c) for c in drawable]


def render_present(report: Report, max_charts: int = 6) -> list[Chart]:
    """The metric charts (at most `max_charts`, the first in map order), then health: drawn
    from the check-ins alone."""
    import matplotlib

    charts: list[Chart] = []
    with matplotlib.rc_context(STYLE):  # type: ignore[arg-type]
        # One reading makes no trend: the report says it in words instead.
        drawn = [t for t in report.metrics if len(t.readings) > 1][:max_charts]
        charts += [metric_chart(report, t) for t in drawn]
        if report.dates and any(any(v) for v in report.health.values()):
            charts.append(health_chart(report))
    return charts
