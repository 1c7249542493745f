"""`backmap status`: the tree with roll-up progress bars, coverage and owners, for check-ins."""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from datetime import date

from backmap.checks import Rollup
from backmap.checks.roll_up import RISKY, HealthRoll
from backmap.hierarchy import Row
from backmap.mapdiff import NodeChange
from backmap.model import Kind, Node, Status
from backmap.plural import noun, plural
from backmap.render.labels import (
    CONTEXT_MARK,
    ICONS,
    KIND_STYLES,
    OWNERS_STYLE,
    owners,
    title_styles,
)
from backmap.render.metric_line import metric_line
from backmap.render.tree import INDENT_LEVELS, METRIC_MARK
from backmap.term import Muted, Style
from backmap.vocabulary import Health

BAR_WIDTH = 10


def bar(value: float | None, style: Style) -> str:
    """A fixed-width progress bar: '███████░░░  70%'."""
    if value is None:
        return style("·" * BAR_WIDTH + "    -", "grey")
    filled = round(value / 100 * BAR_WIDTH)
    colour = (
        "green" if value >= 100 else "yellow" if value >= 50 else "red" if value < 20 else "blue"
    )
    return (
        style("█" * filled, colour) + style("░" * (BAR_WIDTH - filled), "grey") + f" {value:3.0f}%"
    )


def status_lines(
    rows: Iterable[Row],
    result: Rollup,
    style: Style,
    today: date | None = None,
    changes: Mapping[str, NodeChange] | None = None,
    dimmed: Container[str] = (),
    focused: Container[str] = (),
) -> list[str]:
    """One line per row: bar, (with `changes`) what changed, the node, and what to notice:
    done, dropped and idea marked apart, ideas not started, health, due or overdue on `today`.
    Rows of `dimmed` nodes (the context of a filtered view) are drawn dim, and marked as
    context when there is no colour to dim them with; nodes of `focused` (someone's focus items
    this period) are marked ◎.
    """
    coverage = {o.outcome: o for o in result.coverage.outcomes}
    lines = []
    normal, dim = style, Muted(style.color)
    plain = not style.color  # no colour: text goes out as it is, without a call per part
    progress, ideas_below, health = result.progress, result.ideas, result.health
    # What many rows draw alike, drawn once per style: bars by value, icons by kind, marks by
    # status, the change column by its text. Plain loops over local names: 10k rows add up.
    bars: dict[tuple[float | None, bool], str] = {}
    cells: dict[tuple[str, bool], str] = {}
    risks: dict[tuple[HealthRoll, bool], str] = {}
    icons = {
        (kind, muted): (dim if muted else normal)(ICONS[kind], *KIND_STYLES[kind])
        for kind in Kind
        for muted in (False, True)
    }
    marks = {
        (status, muted): (dim if muted else normal)(*mark)
        for status, mark in MARKS.items()
        for muted in (False, True)
    }
    outcome, closed = Kind.OUTCOME, (Status.DONE, Status.DROPPED)
    indents = ["  " * depth for depth in range(INDENT_LEVELS + 1)]
    for row in rows:
        node = row.node
        node_id = node.id
        muted = node_id in dimmed
        style = dim if muted else normal
        value = progress.get(node_id)
        drawn = bars.get((value, muted))
        if drawn is None:
            drawn = bars[(value, muted)] = bar(value, style)
        parts = [drawn]
        change = None
        if changes is not None:
            change = changes.get(node_id)
            moved = "" if change is None else _delta(change)
            cell = cells.get((moved, muted))
            if cell is None:
                cell = cells[(moved, muted)] = style(moved.ljust(DELTA_WIDTH), "cyan")
            parts.append(cell)
        depth = row.depth
        kind, status = node.kind, node.status
        title = node.title
        if "\n" in title:
            title = title.replace("\n", " ")
        if not plain:
            title = style(title, *title_styles(node))
        parts += [f"{indents[min(depth, INDENT_LEVELS)]}{icons[(kind, muted)]}", title]
        if status is not None and (mark := marks.get((status, muted))) is not None:
            parts.append(mark)
        if node.owner or node.sub_owner:
            parts.append(style(f"@{owners(node)}", *OWNERS_STYLE))
        if node_id in focused:
            parts.append(style("◎ focus", "magenta"))
        if change is not None and (said := _what_changed(change)):
            parts.append(style(said, "cyan"))
        # The node's own fields first, as `tree` has them; then, after '·', what they mean.
        if due := node.due:
            if today is not None and due < today and status not in closed:
                parts.append(style(f"overdue since {due.isoformat()}", "red", "bold"))
            else:
                parts.append(style(f"due {due.isoformat()}", "grey"))
        if node.metric is not None:
            parts.append(_metric(node, style))
        if kind is outcome and node_id in coverage:
            cov = coverage[node_id]
            parts.append(
                style(
                    f"· {cov.covered}/{cov.goals} {noun(cov.goals, 'goal')} covered, "
                    f"{cov.moving} moving",
                    "dim",
                )
            )
        if ideas := ideas_below.get(node_id):
            # "·" sets the notes about what lies beneath apart from the node's own fields.
            parts.append(style(f"· {plural(ideas, 'idea')} not started", "dim"))
        # Most items are on track: only a risk, theirs or beneath them, is told.
        roll = health.get(node_id)
        if roll is not None and (roll.below is not None or roll.own in RISKY):
            risk = risks.get((roll, muted))  # most risks are an item's own: a few values
            if risk is None:
                colour = "red" if roll.health is Health.OFF_TRACK else "yellow"
                risk = risks[(roll, muted)] = style(f"· {_health(roll)}", colour)
            parts.append(risk)
        if depth > INDENT_LEVELS:
            parts.append(style(f"level {depth}", "grey"))
        if row.repeat:
            parts.append(style("(shown above)", "grey", "italic"))
        if muted and plain:
            parts.append(CONTEXT_MARK)
        lines.append(" ".join(parts))
    return lines


def _metric(node: Node, style: Style) -> str:
    """'· eNPS 32 (target 40, from 20)', a long name cut short: where a metric is set."""
    assert node.metric is not None
    return style(f"{METRIC_MARK} {metric_line(node.metric, short=True)}", "cyan")


DELTA_WIDTH = 5
TOLD_FIELDS = ("status",)
"""The node fields whose change a status line tells (see `_what_changed`): what
`mapdiff.changes` needs to compare, beside progress, renames and moves."""
MARKS = {
    Status.DONE: ("✓ done", "green"),
    Status.DROPPED: ("✗ dropped", "grey"),
    Status.IDEA: ("○ idea", "grey"),
}


def _delta(change: NodeChange | None) -> str:
    """The progress move for the column beside the bar: '+15%', '-5%', or blank."""
    if change is None or change.progress is None:
        return ""
    before, after = change.progress  # `progress_delta`, written out: one call a row
    if before is None or after is None:
        return ""
    delta = round(after) - round(before)  # the move between the percents people see
    return f"{'+' if delta > 0 else ''}{delta}%" if delta else ""


def _what_changed(change: NodeChange) -> str:
    """The other changes of a node, in a few words: new, status, rename, move."""
    if change.change == "added":
        return "new"
    if not change.fields and change.parents is None and not change.renamed:
        progress = change.progress  # most changes: progress moved, told beside the bar
        if progress is None or None not in progress:
            return ""
    said = []
    for field in change.fields:
        if field.name == "status":
            before = field.old.value if field.old is not None else "no status"
            after = field.new.value if field.new is not None else "no status"
            said.append(f"{before} → {after}")
    if change.renamed:
        said.append(f"renamed from {change.old_id}")
    if change.parents is not None:
        said.append("moved")
    if change.progress is not None and change.progress_delta is None:
        before, after = change.progress
        said.append(f"progress {_percent(before)} → {_percent(after)}")
    return ", ".join(said)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}%"


def _health(roll: HealthRoll) -> str:
    if roll.health not in (Health.AT_RISK, Health.OFF_TRACK):
        return ""
    words = roll.health.words
    if roll.source is None or roll.below is None:
        return words
    # The item beneath is named with its own health unless that is the node's in the same
    # words ("at risk: chat-bot", not "at risk: chat-bot at risk").
    below = "" if roll.below is roll.health else f" {roll.below.words}"
    more = f" and {roll.others} more" if roll.others else ""
    if roll.health is Health.AT_RISK and roll.own in (None, Health.ON_TRACK):
        return f"{words}: {roll.source}{below}{more}"
    # At risk or off track by its own check-in: still say which item beneath is too.
    return f"{words}; beneath: {roll.source} {roll.below.words}{more}"
