"""Every key of the editor, from the bindings themselves so it never goes stale."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from backmap.tui.screens.dialogs import Dialog

# Keys that belong to no single binding: moving between parts of the editor, and the mouse.
MOVING = [
    ("↑ ↓ j k", "move in the tree; ← → h l fold and unfold, space toggles"),
    ("g G", "first and last line of the tree"),
    ("+ -", "unfold every line, fold every line"),
    ("n N", "next and previous match of the last Find (/)"),
    ("Enter", "in the tree: edit the line's node; in a field: apply it"),
    ("Tab", "next field; leaving a field applies it"),
    ("shift+Tab", "previous field"),
    ("Escape", "back to the map from the form, the Fit box or a dialog; ends a check-in"),
    ("click", "select a tree line (or a field, to type in it)"),
    ("double-click", "edit the line's node, like Enter"),
]


class Help(Dialog[None]):
    """A list of keys and what they do; any of Escape, q or ? closes it."""

    DEFAULT_CSS = """
    Help .dialog { width: 80; height: 90%; }
    """

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss(None)", "Close", id="help.close"),
    ]

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self.rows = [(b.key_display or b.key, b.description) for b in bindings if b.description]

    def compose(self) -> ComposeResult:
        width = max(len(k) for k, _ in [*self.rows, *MOVING])
        parts: list[Content | str] = [Content.styled("backmap edit: keys", "bold"), "\n\n"]
        for title, rows in (("Moving around", MOVING), ("Commands", self.rows)):
            parts += [Content.styled(title, "underline"), "\n"]
            for key, what in rows:
                parts += [Content.styled(f"{key:<{width}}", "bold"), f"  {what}\n"]
            parts.append("\n")
        with VerticalScroll(classes="dialog"):
            yield Static(Content.assemble(*parts).rstrip(), id="help-text")
