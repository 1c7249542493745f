"""`backmap status`: the tree with roll-up progress bars, coverage and owners, for check-ins."""

from __future__ import annotations

from collections.abc import Container, Iterable

from backmap.checks import Rollup
from backmap.hierarchy import Row
from backmap.model import Kind
from backmap.plural import noun
from backmap.render.tree import ICONS, INDENT_LEVELS, KIND_STYLES
from backmap.term import Muted, Style

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
    rows: Iterable[Row], result: Rollup, style: Style, dimmed: Container[str] = ()
) -> list[str]:
    """Rows of `dimmed` nodes (the context of a filtered view) are drawn dim."""
    coverage = {o.outcome: o for o in result.coverage.outcomes}
    lines = []
    normal, dim = style, Muted(style.color)
    for row in rows:
        node = row.node
        style = dim if node.id in dimmed else normal
        indent = "  " * min(row.depth, INDENT_LEVELS)
        title = node.title.replace("\n", " ")
        owners = "/".join(o for o in (node.owner, node.sub_owner) if o)
        parts = [
            bar(result.progress.get(node.id), style),
            f"{indent}{style(ICONS[node.kind], *KIND_STYLES[node.kind])}",
            style(title, *KIND_STYLES[node.kind]),
        ]
        if owners:
            parts.append(style(f"@{owners}", "blue"))
        if node.kind is Kind.OUTCOME and node.id in coverage:
            cov = coverage[node.id]
            parts.append(
                style(
                    f"{cov.covered}/{cov.goals} {noun(cov.goals, 'goal')} covered, "
                    f"{cov.moving} moving",
                    "dim",
                )
            )
        if node.due:
            parts.append(style(f"due {node.due.isoformat()}", "grey"))
        if row.depth > INDENT_LEVELS:
            parts.append(style(f"level {row.depth}", "grey"))
        if row.repeat:
            parts.append(style("(shown above)", "grey", "italic"))
        lines.append(" ".join(parts))
    return lines
