"""What a tree line says: icon, focus mark, title, status, owners, the last search's words."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from backmap.model import Node
from backmap.render.labels import SEVERAL_PARENTS_STYLE, parts
from backmap.tui.widgets import matching

MATCH_STYLE = "reverse"
FOCUS_MARK = "◎"
"""Marks someone's focus item of a period holding today, as `backmap status` does."""


@dataclass(frozen=True)
class Line:
    """What a tree line shows: a node, under which parent."""

    node_id: str
    parent_id: str | None


def label(
    node: Node, parents: int, search: str = "", context: bool = False, focus: bool = False
) -> Text:
    """Icon, ◎ for a focus item, title, status, owners and a marker when the node appears
    under several parents; the words of the last search are highlighted in the title. A line
    shown only as the way up to a filter's matches (`context`) is dim."""
    text = Text()
    icon, title, *rest = parts(node, with_id=False)
    text.append(icon.text + " ", rich_style(icon.styles))
    if focus:  # before the title: a long line is cut at the pane's edge, the mark must show
        text.append(f"{FOCUS_MARK} ", "magenta")
    start = len(text)
    text.append(title.text, rich_style(title.styles))
    for begin, end in matching.spans(search, title.text) if search else []:
        text.stylize(MATCH_STYLE, start + begin, start + end)
    for part in rest:
        text.append(f" {part.text}", rich_style(part.styles))
    if parents > 1:
        text.append(f" ⇈{parents}", rich_style(SEVERAL_PARENTS_STYLE))
    if context:
        text.stylize("dim")
    return text


def rich_style(styles: tuple[str, ...]) -> str:
    """Named styles (render.labels) as a Rich style: Rich's grey50 is the terminal's grey."""
    return " ".join("grey50" if s == "grey" else s for s in styles)
