"""Type an idea, see where it fits as you type; Enter adds it under the highlighted goal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:  # the fit package imports numpy: only when a question is asked
    from backmap.fit import Fit


_WORDS = {"strong": "strong", "plausible": "plausible", "weak": "weak", "none": "no match"}
"""How each match strength (fit.STRENGTHS) reads in the list."""


class FitPanel(Vertical):
    """An input for the idea and the ranked goals it may serve."""

    DEFAULT_CSS = """
    FitPanel { height: 1fr; }
    FitPanel Input, FitPanel Input:focus { height: 1; border: none; padding: 0 1; }
    FitPanel Input { background: $boost; }
    FitPanel Input:focus { background: $primary 30%; }
    FitPanel OptionList { height: 1fr; border: none; }
    """

    BINDINGS = [
        Binding("escape", "app.focus('tree')", "Back to the map", id="fit.leave"),
        Binding("down", "move(1)", "Next goal", show=False, id="fit.next"),
        Binding("up", "move(-1)", "Previous goal", show=False, id="fit.previous"),
    ]

    class Asked(Message):
        """The idea text changed: rank again."""

        ALLOW_SELECTOR_MATCH = {"text"}

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class AttachRequested(Message):
        """Add the idea as an initiative under a place."""

        def __init__(self, text: str, place_id: str) -> None:
            super().__init__()
            self.text, self.place_id = text, place_id

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="a new idea, e.g. schedule late messages for the morning", id="fit-input"
        )
        yield OptionList(id="fit-results")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Asked(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        results = self.query_one(OptionList)
        if results.highlighted is not None and results.option_count:
            option = results.get_option_at_index(results.highlighted)
            if option.id and event.value.strip():
                self.post_message(self.AttachRequested(event.value.strip(), option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        text = self.query_one(Input).value.strip()
        if event.option.id and text:
            self.post_message(self.AttachRequested(text, event.option.id))

    def action_move(self, step: int) -> None:
        """Up and Down in the idea box move the highlight among the goals."""
        results = self.query_one(OptionList)
        if step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    def added(self) -> None:
        """The idea is in the map now: clear the box (and so the list) for the next one."""
        box = self.query_one(Input)
        box.value = ""
        self.show(None)

    def reading(self) -> None:
        """Say the map is being read (the first question on a big map encodes every text)."""
        results = self.query_one(OptionList)
        results.clear_options()
        results.add_option(Option(Text("Reading the map…", "grey50"), disabled=True))

    def show(self, answer: Fit | None) -> None:
        results = self.query_one(OptionList)
        results.clear_options()
        if answer is None:
            return
        options: list[Option] = []
        if not answer.fits or answer.strength == "weak":
            warning = (
                "Only weak matches; if none is right, is a goal missing?"
                if answer.fits
                else "No goal here seems served by this; is a goal missing?"
            )
            options.append(Option(Text(warning, "yellow"), disabled=True))
        for place in answer.places:
            line = Text()
            # Words a reader can act on; the score itself is in `backmap fit --json`.
            line.append(f"{_WORDS.get(place.strength, ''):<9} ", "grey50")
            good = place.strength in ("strong", "plausible")
            line.append(place.title, "bold cyan" if good else "")
            if place.matched:
                line.append(f"  ({', '.join(place.matched[:4])})", "grey50")
            options.append(Option(line, id=place.id))
        for item in answer.similar:
            owner = f", owner {item.owner}" if item.owner else ""
            options.append(Option(Text(f"already: {item.title}{owner}", "yellow"), disabled=True))
        results.add_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        if first is not None:
            results.highlighted = first
