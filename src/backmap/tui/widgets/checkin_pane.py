"""Check-in mode: one open item of an owner at a time, its last check-in and a field per value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label

from backmap.checkins import describe
from backmap.checkins.lines import VALUES, value_from_text
from backmap.checkins.rounds import Item

HELP = (
    "Enter: next field (empty keeps the value in brackets; empty everywhere records nothing)"
    " · c confirms a value unchanged · s skips the item · Escape ends"
)


@dataclass
class Round:
    """Whose round it is, their items, and how far it has gone."""

    owner: str
    ids: list[str]
    at: int = 0
    recorded: int = 0
    skipped: int = 0
    told_unsaved: bool = False
    """Whether the round has said its check-ins wait for ctrl+s (other edits were unsaved)."""


class CheckinPane(VerticalScroll):
    """Asks about one item; posts what was answered. The app records it and moves on."""

    DEFAULT_CSS = """
    CheckinPane { height: 1fr; padding: 0 1; display: none; }
    CheckinPane.-on { display: block; }
    CheckinPane Label { width: 1fr; }
    CheckinPane #checkin-heading { text-style: bold; }
    CheckinPane .ask { color: $text-muted; }
    CheckinPane .ask.-hidden, CheckinPane Input.-hidden { display: none; }
    CheckinPane Input, CheckinPane Input:focus, CheckinPane Input.-invalid {
        height: 1; border: none; padding: 0 1; background: $boost;
    }
    CheckinPane Input:focus { background: $primary 30%; }
    CheckinPane #checkin-reason { color: $text-error; }
    CheckinPane #checkin-help { color: $text-muted; margin-top: 1; }
    """

    BINDINGS = [Binding("escape", "end", "End the check-in round", id="checkin.end")]

    class Answered(Message):
        """The answers given for the item on screen (empty text: keep the value)."""

        def __init__(self, item: Item, typed: dict[str, str]) -> None:
            super().__init__()
            self.item, self.typed = item, typed

    class Skipped(Message):
        """The item on screen is to be left as it is."""

    class Ended(Message):
        """The round is over (Escape)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.round: Round | None = None
        self.item: Item | None = None

    def compose(self) -> ComposeResult:
        yield Label("", id="checkin-heading", markup=False)
        yield Label("", id="checkin-title", markup=False)
        yield Label("", id="checkin-last", markup=False)
        for name in VALUES:
            yield Label(name, id=f"ask-{name}", classes="ask", markup=False)
            yield Input(id=f"checkin-{name}")
        yield Label("", id="checkin-reason", markup=False)
        yield Label(HELP, id="checkin-help", markup=False)

    def ask(self, item: Item) -> None:
        """Show an item: its facts, its last check-in, and empty fields for the new one."""
        assert self.round is not None
        self.item = item
        node = item.node
        number = f"{self.round.at + 1}/{len(self.round.ids)}"
        self._put("checkin-heading", f"Check-in · {self.round.owner} · item {number}")
        facts = [node.kind.value, *([node.status.value] if node.status else [])]
        if node.due is not None:
            facts.append(f"due {node.due}")
        self._put("checkin-title", f"{node.title}  [{node.id}]  ({', '.join(facts)})")
        last = describe(item.last, item.previous) if item.last else "no check-in yet"
        self._put("checkin-last", f"last check-in: {last}")
        asked = {q.name: q for q in item.questions}
        first: Input | None = None
        for name in VALUES:
            box = self.query_one(f"#checkin-{name}", Input)
            question = asked.get(name)
            label = self.query_one(f"#ask-{name}", Label)
            for widget in (box, label):
                widget.set_class(question is None, "-hidden")
            with box.prevent(Input.Changed):
                box.value = ""
            if question is not None:
                shown = getattr(question.kept, "value", question.kept)
                label.update(question.label + ("" if shown is None else f" [{_num(shown)}]"))
                box.placeholder = "Enter keeps it" if shown is not None else ""
                first = first or box
        self._put("checkin-reason", "")
        if first is not None:
            first.focus()

    def _put(self, widget_id: str, text: str) -> None:
        self.query_one(f"#{widget_id}", Label).update(text)

    def _asked(self) -> list[Input]:
        return [box for box in self.query(Input) if not box.has_class("-hidden")]

    def on_input_changed(self, event: Input.Changed) -> None:
        # A number or a health never starts with s: there, s alone skips at once.
        if event.value == "s" and event.input.id != "checkin-note":
            event.stop()
            self.post_message(self.Skipped())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.item is None or event.input.id is None:
            return
        if event.value.strip() == "s":  # as the command line's round takes it
            self.post_message(self.Skipped())
            return
        name = event.input.id.removeprefix("checkin-")
        if event.value.strip():
            try:
                value_from_text(name, event.value)
            except ValueError as exc:
                self._put("checkin-reason", f"↑ {exc}")
                return
        self._put("checkin-reason", "")
        asked = self._asked()
        at = asked.index(event.input)
        if at + 1 < len(asked):
            asked[at + 1].focus()
            return
        typed = {box.id.removeprefix("checkin-"): box.value for box in asked if box.id}
        self.post_message(self.Answered(self.item, typed))

    def action_end(self) -> None:
        self.post_message(self.Ended())


def _num(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
