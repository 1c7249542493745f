"""Every key of the editor, from the bindings themselves so it never goes stale."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class Help(ModalScreen[None]):
    """A list of keys and what they do; any of Escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss(None)", "Close", id="help.close"),
    ]

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self.rows = [(b.key_display or b.key, b.description) for b in bindings if b.description]

    def compose(self) -> ComposeResult:
        width = max(len(k) for k, _ in self.rows)
        text = "\n".join(f"[b]{k:<{width}}[/b]  {d}" for k, d in self.rows)
        with VerticalScroll(classes="dialog help"):
            yield Static(
                "[b]backmap edit: keys[/b]\n\n" + text + "\n\nArrows and vim keys (h j k l)"
                " move in the tree, space folds, Enter edits the line's node (Enter in a field"
                " applies it); ctrl+p opens the command palette."
            )
