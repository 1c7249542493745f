"""The map as an indented, coloured tree for the terminal (`backmap tree`)."""

from __future__ import annotations

from collections.abc import Container, Iterable

from backmap.hierarchy import Row
from backmap.model import Kind, Node, Status
from backmap.term import Muted, Style

ICONS = {Kind.OUTCOME: "◉", Kind.GOAL: "◆", Kind.INITIATIVE: "▸"}
KIND_STYLES = {Kind.OUTCOME: ("bold", "magenta"), Kind.GOAL: ("bold", "cyan"), Kind.INITIATIVE: ()}
STATUS_STYLES = {
    Status.IDEA: ("grey",),
    Status.PLANNED: ("blue",),
    Status.ACTIVE: ("yellow",),
    Status.DONE: ("green",),
    Status.DROPPED: ("grey", "strike"),
}


INDENT_LEVELS = 32
"""Levels of indentation drawn. Deeper rows keep this indentation and say their level, so a map
thousands of levels deep prints in time and width linear in its size."""


def tree_lines(rows: Iterable[Row], style: Style, dimmed: Container[str] = ()) -> list[str]:
    """One line per row: guides, icon, title, id, status, progress, owners, multi-parent marks.
    Rows of `dimmed` nodes (the context of a filtered view) are drawn dim."""
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
        lines.append(prefix + _label(row, dim if row.node.id in dimmed else style))
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
    node = row.node
    parts = [
        style(ICONS[node.kind], *KIND_STYLES[node.kind]),
        style(node.title.replace("\n", " "), *_title_style(node)),
        style(f"[{node.id}]", "grey"),
    ]
    if node.status is not None:
        parts.append(style(node.status.value, *STATUS_STYLES[node.status]))
    if node.progress is not None:
        parts.append(style(f"{node.progress:g}%", "dim"))
    owners = "/".join(o for o in (node.owner, node.sub_owner) if o)
    if owners:
        parts.append(style(f"@{owners}", "blue"))
    if row.parents > 1:
        parts.append(style(f"⇈ {row.parents} parents", "yellow"))
    if row.depth > INDENT_LEVELS:
        parts.append(style(f"level {row.depth}", "grey"))
    if row.cycle:
        parts.append(style("↺ cycle", "red", "bold"))
    elif row.repeat:
        parts.append(style("(shown above)", "grey", "italic"))
    return " ".join(parts)


def _title_style(node: Node) -> tuple[str, ...]:
    if node.status is Status.DROPPED:
        return ("grey", "strike")
    return KIND_STYLES[node.kind]
