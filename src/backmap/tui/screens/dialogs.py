"""Small modal dialogs: confirm, ask for a line of text, pick a node by words of its title."""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from backmap.model import Workspace
from backmap.tui.widgets import matching

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """A box over the editor holding a question: its container has the class `dialog`, its
    question `question`, its row of buttons `buttons`."""

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog .dialog {
        width: 70;
        max-width: 100%;
        max-height: 90%;
        height: auto;
        padding: 1 2;
        background: $panel;
        border: thick $primary;
    }
    Dialog .question { width: 1fr; margin-bottom: 1; text-style: bold; }
    Dialog .buttons { height: auto; align-horizontal: right; }
    Dialog Button { margin-left: 2; }
    """


class Confirm(Dialog[bool]):
    """Ask yes or no; Escape means no."""

    BINDINGS = [
        Binding("escape", "dismiss(False)", "Cancel", id="dialog.cancel"),
        Binding("y", "dismiss(True)", "Yes", id="dialog.yes"),
        Binding("n", "dismiss(False)", "No", id="dialog.no"),
    ]

    YES_KEY = "y"
    """The key named on the yes button (a subclass binding another key says so here)."""

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="question", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} ({self.YES_KEY})", variant="error", id="yes")
                yield Button(f"{self.no} (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class Prompt(Dialog[str | None]):
    """Ask for one line of text; Escape cancels."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="dialog.cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text, self.value, self.placeholder = title, value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="question", markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="answer")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        self.dismiss(text or None)


class Choose(Dialog[str | None]):
    """Pick one of a few answers; one that cannot be taken shows why, and cannot be picked."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="dialog.cancel")]
    DEFAULT_CSS = """
    Choose OptionList { height: auto; max-height: 45vh; }
    """

    def __init__(self, title: str, choices: list[tuple[str, str | None]]) -> None:
        super().__init__()
        self.title_text, self.choices = title, choices
        """Each answer, and why it cannot be taken (None: it can)."""

    def compose(self) -> ComposeResult:
        options = [
            Option(answer, id=answer)
            if why is None
            else Option(Content.assemble(answer, ("\n  " + why, "dim")), disabled=True)
            for answer, why in self.choices
        ]
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="question", markup=False)
            yield OptionList(*options, id="choices", markup=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


def _choice(text: str) -> Content:
    """A picker line: the title as typed, the id after it in brackets, dimmed."""
    title, _, node_id = text.rpartition("  [")
    return Content.assemble(title, (f"  [{node_id}", "dim"))


class Picker(Dialog[str | None]):
    """Choose a node by typing part of its title or id."""

    DEFAULT_CSS = """
    Picker OptionList { height: auto; max-height: 45vh; }
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="dialog.cancel")]
    LIMIT = 200

    def __init__(
        self,
        title: str,
        workspace: Workspace,
        exclude: set[str] | None = None,
        kinds: set[str] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.query_text = ""
        """What was typed to filter, for the tree to find the next match with n."""
        self.choices = [
            (n.id, f"{' '.join(n.title.split())}  [{n.id}]")
            for n in workspace.nodes()
            if n.id not in (exclude or set()) and (kinds is None or n.kind.value in kinds)
        ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="question", markup=False)
            yield Input(placeholder="type to filter", id="filter")
            yield OptionList(id="choices", markup=False)

    def on_mount(self) -> None:
        self._refill("")

    def on_input_changed(self, event: Input.Changed) -> None:
        self._refill(event.value)

    def _refill(self, query: str) -> None:
        self.query_text = query
        scored = [
            (s, node_id, text)
            for node_id, text in self.choices
            if (s := matching.score(query, text)) is not None
        ]
        scored.sort(key=lambda item: -item[0])
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            [Option(_choice(text), id=node_id) for _, node_id, text in scored[: self.LIMIT]]
        )
        if scored:
            options.highlighted = 0
        else:
            said = f"No match for “{query}”" if query.strip() else "Nothing to choose from"
            options.add_option(Option(Content.styled(said, "italic"), disabled=True))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None and options.option_count:
            option = options.get_option_at_index(options.highlighted)
            if not option.disabled:
                self.dismiss(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def key_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def key_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
