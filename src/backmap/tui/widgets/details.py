"""The selected node's fields, editable in place; a field applies on Enter or when you leave it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.events import DescendantBlur
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, TextArea

from backmap.model import Kind, Node
from backmap.people.focus import Holder
from backmap.tui.widgets.form_fields import (
    CHECKED_IN,
    FIELDS,
    LABELS,
    OUTCOME_SUPPORTS,
    PLACEHOLDERS,
    ROLLED_UP,
    ROLLS_UP,
    FieldInput,
    Reads,
    field_of,
    field_widgets,
    focus_note,
    input_id,
    put,
    reason_id,
    refusal,
    same,
    shown,
    text_of,
)


class Details(VerticalScroll):
    """A form for one node: Enter or leaving a field applies it; a bad value stays, with why."""

    DEFAULT_CSS = """
    /* Room for the scrollbar from the start: the fields come in two steps, and the text area
       would keep lines wrapped to a width the scrollbar then takes. */
    Details { height: 1fr; padding: 0 1; scrollbar-gutter: stable; }
    Details Label { margin-top: 0; color: $text-muted; }
    Details Input, Details Input:focus, Details Input.-invalid, Details Input.-invalid:focus {
        height: 1; width: 1fr; border: none; padding: 0 1;
    }
    Details Input { background: $boost; }
    Details Input:focus { background: $primary 30%; }
    Details Input.-invalid, Details Input.-invalid:focus { background: $error 30%; }
    Details TextArea, Details TextArea:focus {
        height: auto; max-height: 6; border: none; padding: 0 1; background: $boost;
    }
    Details TextArea:focus { background: $primary 30%; }
    Details .reason { width: 1fr; color: $text-error; display: none; }
    Details .reason.-shown { display: block; }
    Details #heading {
        margin-top: 0; color: $text; text-style: bold; width: 1fr; height: 1;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    """

    BINDINGS = [Binding("escape", "leave", "Back to the map", id="form.leave")]

    class Built(Message):
        """Every field of the form is mounted and filled: the first screen is complete."""

    class FieldEdited(Message):
        """The user entered a new value for one field of a node."""

        def __init__(self, node_id: str, field: str, text: str) -> None:
            super().__init__()
            self.node_id, self.field, self.text = node_id, field, text

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.node_id: str | None = None
        self._values: dict[str, str] = {}  # what each field showed when filled from the node
        self._held: dict[str, str] = {}  # fields holding typed text that was not applied
        self._reasons: dict[str, str] = {}  # why a field was refused, as shown beside it
        self._node: Node | None = None
        self._boxes: dict[str, Widget] = {}  # each field's widget, once mounted
        self._wanted: str | None = None  # the field to focus once they are
        self._pending: list[Widget] = []  # the fields not mounted yet
        self._rolled: float | bool | None = False  # the node's roll-up, False: its own

    def compose(self) -> ComposeResult:
        yield Label("Nothing selected", id="heading", markup=False)

    IN_SIGHT = 14
    """Widgets of the form mounted first (Status down to Progress: what the pane shows at
    120x36); the rest follow once those are drawn."""

    def on_mount(self) -> None:
        # The fields come after the first screen is drawn, those in sight first: styling all
        # of them took a third of its time, and the map is what a person looks at first.
        self._pending = field_widgets()
        self.call_after_refresh(self._build)

    async def _build(self) -> None:
        batch, self._pending = self._pending[: self.IN_SIGHT], self._pending[self.IN_SIGHT :]
        await self.mount_all(batch)
        # Kept at hand: every cursor move fills them, and a query per field is a DOM walk.
        self._boxes.update({field_of(w.id): w for w in batch if w.id and w.id.startswith("field-")})
        self._fill(self._node)
        if self._wanted in self._boxes:
            self._boxes[self._wanted].focus()
            self._wanted = None
        if self._pending:
            self.call_after_refresh(self._build)
        else:
            self.post_message(self.Built())

    def edit(self, field: str = "title") -> None:
        """Put the cursor in a field (as soon as the form is built, if it is not yet)."""
        if field in self._boxes:
            self._boxes[field].focus()
        else:
            self._wanted = field

    def show(
        self,
        node: Node | None,
        focus: Sequence[Holder] = (),
        rolled: float | bool | None = False,
    ) -> None:
        """Fill the form from a node (or clear it); typed text not yet applied stays for the
        same node and is named in a notice when the form moves to another one. Whose focus
        item the node is (`focus`) goes on the pane's border: no new layout either. A node
        whose progress rolls up from items under it gets that roll-up (`rolled`: a number,
        or None when nothing says yet; False: the node's own progress) shown read-only."""
        self._rolled = rolled
        same = node is not None and node.id == self.node_id
        if not same and self._held:
            self._not_applied(self._held)
        if not same:
            self._held.clear()
        self.node_id = node.id if node else None
        self._node = node
        heading = self.query_one("#heading", Label)
        said = f"{node.kind.value} · {node.id}" if node else _nothing(self.app)
        if heading.content != said:
            heading.update(said, layout=False)  # one line, whatever it says: no new layout
        note = focus_note(focus) if node else ""
        if (self.border_title or "") != note:
            self.border_title = note or None
        self._fill(node)

    def _fill(self, node: Node | None) -> None:
        """Show the node in the fields (once they are built: they are filled then)."""
        select = self._boxes.get("status")
        if isinstance(select, Select):
            with select.prevent(Select.Changed):
                select.value = node.status.value if node and node.status else Select.NULL
        # Fields stay enabled with nothing selected (typing there applies nothing): switching
        # sixteen widgets on and off restyles them all, which a cursor move cannot afford.
        supports = self._boxes.get("supports")
        if isinstance(supports, Input):
            outcome = node is not None and node.kind is Kind.OUTCOME
            supports.placeholder = OUTCOME_SUPPORTS if outcome else PLACEHOLDERS["supports"]
        self._show_rolled()
        for field, _, _ in FIELDS:
            value = shown(node, field) if node else ""
            if field == "progress" and self._rolled is not False:
                value = self._rolled_text()
            self._values[field] = value
            box = self._boxes.get(field)
            if box is None or field in self._held:
                continue
            self._say(field, "")
            if text_of(box) != value:
                put(box, value)

    def _rolled_text(self) -> str:
        rolled = self._rolled
        return "" if rolled is None or isinstance(rolled, bool) else f"{rolled:.0f}"

    def rolled_up(self, rolled: float | bool | None) -> None:
        """A new roll-up for the node shown (a check finished): only its progress changes."""
        if self._rolled is False or rolled is False:
            return
        self._rolled = rolled
        value = self._values["progress"] = self._rolled_text()
        box = self._boxes.get("progress")
        if box is not None and text_of(box) != value:
            put(box, value)

    def _show_rolled(self) -> None:
        """The progress field read-only, and labelled so, for a node whose progress rolls up;
        on an item with check-ins, the fields that record one say so."""
        rolls = self._rolled is not False
        checked_in = self._node is not None and bool(self._node.checkins)
        for field, label in CHECKED_IN.items():
            box = self._boxes.get(field)
            if not isinstance(box, FieldInput):
                continue
            said = LABELS[field]
            if field == "progress" and rolls:
                said = ROLLED_UP
            elif checked_in:
                said = label
            found = self.query(f"#label-{input_id(field)}")
            if found and found.first(Label).content != said:
                found.first(Label).update(said, layout=False)
            if field == "progress" and box.read_only != rolls:
                box.read_only = rolls
                box.placeholder = "nothing to roll up yet" if rolls else PLACEHOLDERS[field]

    def on_field_input_locked(self, message: FieldInput.Locked) -> None:
        message.stop()
        if message.box.id:
            self._say(field_of(message.box.id), ROLLS_UP)

    async def action_leave(self) -> None:
        """Escape: the field being typed in goes back to its saved value, then back to the map;
        a refused value it held is said to be dropped, as moving on to another node says it."""
        widget = self.screen.focused
        if isinstance(widget, Input | TextArea) and widget.parent is self and widget.id:
            field = field_of(widget.id)
            if field in self._values:
                held = self._held.pop(field, None)
                if held is not None and self._reasons.get(field):
                    self._not_applied({field: held})
                self._say(field, "")
                put(widget, self._values[field])
        await self.app.action_focus("tree")

    def _not_applied(self, held: dict[str, str]) -> None:
        """Say which typed values the node shown did not take, as they are dropped."""
        if self.node_id is not None:
            dropped = "; ".join(f"{field} “{text}”" for field, text in held.items())
            self.app.notify(f"Not applied to `{self.node_id}`: {dropped}", severity="warning")

    def refused(self, field: str, reason: str) -> None:
        """The app would not apply a field: keep what was typed and say why beside it."""
        self._held[field] = text_of(self._boxes[field])
        self._say(field, reason)

    def refused_texts(self) -> dict[str, str]:
        """Field -> the text typed there and refused, still shown beside its reason."""
        return {field: text for field, text in self._held.items() if self._reasons.get(field)}

    def typed(self) -> FieldEdited | None:
        """The change typed in the focused field and not yet applied, if it is valid (a save
        applies it first, so what is on screen is what is written)."""
        widget = self.screen.focused
        if not isinstance(widget, Input | TextArea) or widget.parent is not self or not widget.id:
            return None
        return self._check(field_of(widget.id), text_of(widget))

    def _commit(self, field: str, text: str) -> None:
        change = self._check(field, text)
        if change is not None:
            self.post_message(change)

    def _check(self, field: str, text: str) -> FieldEdited | None:
        if self.node_id is None or field not in self._values:
            return None
        box = self._boxes.get(field)
        if isinstance(box, FieldInput) and box.read_only:  # nothing typed: nothing to apply
            return None
        failure = refusal([Reads(field)], text)
        if failure:
            self.refused(field, failure)
            return None
        self._held.pop(field, None)
        self._say(field, "")
        if same(field, text, self._values[field]):
            return None
        return self.FieldEdited(self.node_id, field, text)

    def _say(self, field: str, reason: str) -> None:
        # The line saying why is made on the first refusal: fewer widgets, a faster first screen.
        if self._reasons.get(field, "") == reason:
            return
        self._reasons[field] = reason
        found = self.query(f"#{reason_id(field)}")
        if found:
            label = found.first(Label)
        else:
            label = Label("", id=reason_id(field), classes="reason", markup=False)
            self.mount(label, after=self._boxes[field])
        label.update(f"↑ {reason}" if reason else "")
        label.set_class(bool(reason), "-shown")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id is not None:
            self._commit(field_of(event.input.id), event.value)

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        widget = event.widget
        if isinstance(widget, Input | TextArea) and widget.id and not widget.disabled:
            self._commit(field_of(widget.id), text_of(widget))
            if isinstance(widget, Input):
                widget.cursor_position = 0  # a field left behind reads from its start

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if self.node_id is None:
            return
        value = "" if event.value is Select.NULL else str(event.value)
        self.post_message(self.FieldEdited(self.node_id, "status", value))


def _nothing(app: object) -> str:
    """The heading with no node selected: on an empty map, how to start it."""
    workspace = getattr(app, "workspace", None)
    if workspace is not None and not len(workspace):
        return "Empty map: press a to add an outcome"
    return "Nothing selected"
