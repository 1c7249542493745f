"""The map as an indented, coloured tree for the terminal (`backmap tree`)."""

from __future__ import annotations

from collections.abc import Container, Iterable

from backmap.hierarchy import Row
from backmap.render.labels import CONTEXT_MARK, SEVERAL_PARENTS_STYLE, parts
from backmap.render.metric_line import metric_line
from backmap.term import Muted, Style

INDENT_LEVELS = 32
"""Levels of indentation drawn. Deeper rows keep this indentation and say their level, so a map
thousands of levels deep prints in time and width linear in its size."""


METRIC_MARK = "·"
"""Sets a node's metric apart from its other fields, in `tree` and `status` alike."""


def tree_lines(rows: Iterable[Row], style: Style, dimmed: Container[str] = ()) -> list[str]:
    """One line per row: guides, icon, title, id, status, progress, owners, due date, metric,
    multi-parent marks. Rows of `dimmed` nodes (the context of a filtered view) are drawn dim,
    and marked as context when there is no colour to dim them with."""
    rows = list(rows)
    dim = style if not dimmed else Muted(style.color)
    lines: list[str] = []
    # Guides need to know whether a deeper row still follows at each depth.
    last_at_depth = _last_flags(rows)
    open_levels: list[bool] = []
    for row, is_last in zip(rows, last_at_depth, strict=True):
        del open_levels[row.depth :]
        drawn = open_levels[max(1, row.depth - INDENT_LEVELS + 1) :]
        prefix = "".join("│  " if still_open else "   " for still_open in drawn)
        if row.depth:
            prefix += "└─ " if is_last else "├─ "
        open_levels.append(not is_last)
        if row.node.id in dimmed:
            label = _label(row, dim) + ("" if style.color else f" {CONTEXT_MARK}")
        else:
            label = _label(row, style)
        lines.append(prefix + label)
    return lines


def _last_flags(rows: list[Row]) -> list[bool]:
    """Whether each row is the last child of its parent (no later sibling at the same depth)."""
    flags = [True] * len(rows)
    # sibling_follows[d]: a row at depth d comes later, before any shallower row.
    sibling_follows: list[bool] = []
    for i in range(len(rows) - 1, -1, -1):
        depth = rows[i].depth
        del sibling_follows[depth + 1 :]
        sibling_follows += [False] * (depth + 1 - len(sibling_follows))
        flags[i] = not sibling_follows[depth]
        sibling_follows[depth] = True
    return flags


def _label(row: Row, style: Style) -> str:
    labelled = [style(part.text, *part.styles) for part in parts(row.node)]
    if row.node.due is not None:
        labelled.append(style(f"due {row.node.due.isoformat()}", "grey"))
    if row.node.metric is not None:
        # Last of the node's own fields: its name is free text, which `import` reads back as
        # everything from this ' · ' to the marks below.
        labelled.append(style(f"{METRIC_MARK} {metric_line(row.node.metric)}", "cyan"))
    if row.parents > 1:
        labelled.append(style(f"⇈ {row.parents} parents", *SEVERAL_PARENTS_STYLE))
    if row.depth > INDENT_LEVELS:
        labelled.append(style(f"level {row.depth}", "grey"))
    if row.cycle:
        labelled.append(style("↺ cycle", "red", "bold"))
    elif row.repeat:
        labelled.append(style("(shown above)", "grey", "italic"))
    return " ".join(labelled)
