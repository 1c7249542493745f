"""The questions that guard unsaved work: quit without saving, restore work kept from a crash."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from backmap.tui.screens.dialogs import Confirm, Dialog


class QuitQuestion(Confirm):
    """Quit with unsaved changes? Says whether the work is already in the recovery file."""

    def __init__(self, kept: bool = True) -> None:
        super().__init__(
            "You have unsaved changes. Quit without saving?\n"
            + (
                "They are kept and offered back when you open this map again."
                if kept
                else "They could not be kept for later (see the message): quitting loses them."
            ),
            yes="Quit",
            no="Stay",
        )


class ReloadQuestion(Confirm, inherit_bindings=False):
    """Reload a file changed on disk and drop the unsaved changes? It appears on a timer, maybe
    mid-typing: no letter, space or Enter answers "drop"; only ctrl+r or a click does."""

    AUTO_FOCUS = "#no"
    YES_KEY = "ctrl+r"
    BINDINGS = [
        Binding("escape", "dismiss(False)", "Keep mine", id="dialog.cancel"),
        Binding("n", "dismiss(False)", "Keep mine", id="dialog.no"),
        Binding("ctrl+r", "dismiss(True)", "Reload", id="dialog.reload"),
    ]


@dataclass(frozen=True)
class Answer:
    """One way to answer: the key that picks it, its button's label, what dismiss returns."""

    key: str
    label: str
    value: str


class RestoreQuestion(Dialog[str | None]):
    """What to do with unsaved work kept from an earlier session: one key per answer.

    Escape only answers where going back is harmless; nothing is ever discarded by a reflex.
    """

    DEFAULT_CSS = """
    RestoreQuestion .dialog { width: 76; max-width: 100%; }
    RestoreQuestion .question { width: 100%; }
    RestoreQuestion .buttons { height: auto; }
    RestoreQuestion Button { margin-left: 1; }
    """

    def __init__(self, question: str, answers: list[Answer]) -> None:
        super().__init__()
        self.question, self.answers = question, answers
        self.answered = False

    @classmethod
    def first(cls, question: str) -> RestoreQuestion:
        # Discarding is for good: shift+d, so that `d` typed on by habit (the map's Delete key)
        # discards nothing.
        return cls(question, [Answer("r", "Restore", "restore"), Answer("D", "Discard", "discard")])

    @classmethod
    def over(cls, question: str) -> RestoreQuestion:
        answers = [
            Answer("o", "Restore mine over it", "over"),
            Answer("k", "Keep disk", "keep"),
            Answer("escape", "Back", "back"),
        ]
        return cls(question, answers)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            # User text (file names) is shown as text, never read as markup.
            yield Label(self.question, classes="question", markup=False)
            with Horizontal(classes="buttons"):
                for answer in self.answers:
                    key = {"escape": "esc", "D": "shift+d"}.get(answer.key, answer.key)
                    yield Button(f"{answer.label} ({key})", id=answer.value)

    def on_key(self, event: events.Key) -> None:
        if self.answered:
            # Keys typed on while the question closes still reach it: they answer nothing.
            event.stop()
            return
        for answer in self.answers:
            if event.key == answer.key or (len(answer.key) == 1 and event.character == answer.key):
                event.stop()
                self._answer(answer.value)
                return

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if not self.answered:
            self._answer(event.button.id)

    def _answer(self, value: str | None) -> None:
        self.answered = True
        self.dismiss(value)
