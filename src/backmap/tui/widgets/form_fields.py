"""The form's fields: their names and hints, how a value shows in one, how typed text is checked."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import Input, Label, Select, TextArea

from backmap import fields
from backmap.model import Node, Status
from backmap.people.focus import Holder

# (field, label, placeholder); status is a Select, description a TextArea, the rest Inputs.
FIELDS = [
    ("title", "Title", "A short statement"),
    ("supports", "Supports", "ids of the parents it serves, comma-separated"),
    ("description", "Description", "Why, how, what done looks like"),
    ("owner", "Owner", "who carries it"),
    ("sub_owner", "Sub-owner", "who carries it when the owner is away"),
    ("progress", "Progress %", "0-100"),
    ("due", "Due", "YYYY-MM-DD"),
    ("metric.name", "Metric", "what is measured"),
    ("metric.unit", "Metric unit", "e.g. % or msgs"),
    ("metric.baseline", "Metric baseline", "number where it started"),
    ("metric.current", "Metric now", "number"),
    ("metric.target", "Metric target", "number"),
    ("tags", "Tags", "comma-separated"),
    ("links", "Links", "comma-separated URLs"),
]
LISTS = {"supports", "tags", "links"}
PLACEHOLDERS = {field: placeholder for field, _, placeholder in FIELDS}
LABELS = {field: label for field, label, _ in FIELDS}
ROLLED_UP = "Progress % (roll-up of its items)"
CHECKED_IN = {
    "progress": "Progress % (today's check-in)",
    "metric.current": "Metric now (today's check-in)",
}
"""The labels of the fields that record a check-in on an item with check-ins."""
ROLLS_UP = "its progress rolls up from the items under it: set progress on those items"
OUTCOME_SUPPORTS = "none: an outcome serves no other node"


class Reads(Validator):
    """Text the field's own reader takes (backmap.fields); the failure says why, as it would
    if the text were applied."""

    def __init__(self, field: str) -> None:
        super().__init__()
        self.field = field

    def validate(self, value: str) -> ValidationResult:
        try:
            fields.read(self.field, value)
        except fields.FieldError as exc:
            return self.failure(exc.reason)
        return self.success()


class FieldInput(Input):
    """An Input whose text never lays the screen out again. Input asks for a layout of the
    whole screen whenever its text changes length (and again when that shows or hides its
    zero-high scrollbar), which made every cursor move lay the screen out twice; here the
    form's CSS fixes the size, and only the Input's own scrolling needs the text's width."""

    DEFAULT_CSS = "FieldInput { overflow: hidden hidden; }"
    virtual_size = Reactive(Size(0, 0), layout=False)

    class Locked(Message):
        """Typing met a field that is read-only for the node shown."""

        def __init__(self, box: FieldInput) -> None:
            super().__init__()
            self.box = box

    read_only = False
    """Shown, not typed in (a roll-up): a plain attribute, as switching it restyles nothing."""

    def replace(self, text: str, start: int, end: int) -> None:
        # Every change of the text comes this way: typing, deleting, cutting, pasting.
        if self.read_only:
            self.post_message(self.Locked(self))
            return
        super().replace(text, start, end)

    @property
    def allow_horizontal_scroll(self) -> bool:
        # Without scrollbars, scrolling is still what keeps the cursor in sight.
        return self.max_scroll_x > 0 and not self.disabled


def shown(node: Node, field: str) -> str:
    """A field's value as the form shows it."""
    if field.startswith("metric."):
        value: Any = getattr(node.metric, field.split(".")[1]) if node.metric else None
    else:
        value = getattr(node, field)
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def focus_note(holders: Sequence[Holder]) -> str:
    """Whose focus item a node is and for which period: "◎ focus of mateo, 2026-Q4"; ""
    when nobody's (periods in time order, each with its people and teams)."""
    periods: dict[str, list[str]] = {}
    for holder in holders:
        periods.setdefault(holder.period.key, []).append(holder.label)
    said = "; ".join(f"{', '.join(who)}, {key}" for key, who in periods.items())
    return f"◎ focus of {said}" if said else ""


def same(field: str, typed: str, current: str) -> bool:
    """Whether typed text means the value the node already has (spacing aside)."""
    if field in LISTS:
        return bool(fields.read(field, typed) == fields.read(field, current))
    if field == "description":
        return typed.strip() == current.strip()
    return " ".join(typed.split()) == " ".join(current.split())


def input_id(field: str) -> str:
    return "field-" + field.replace(".", "--").replace("_", "-")


def reason_id(field: str) -> str:
    return "reason-" + field.replace(".", "--").replace("_", "-")


def field_of(widget_id: str) -> str:
    return widget_id.removeprefix("field-").replace("--", ".").replace("-", "_")


def text_of(box: Any) -> str:
    return str(box.text if isinstance(box, TextArea) else box.value)


def put(box: Any, value: str) -> None:
    if isinstance(box, TextArea):
        with box.prevent(TextArea.Changed):
            box.text = value
    else:
        with box.prevent(Input.Changed):
            box.value = value
        box.cursor_position = 0  # show a long value from its start, not its tail


def refusal(validators: list[Validator], text: str) -> str | None:
    for validator in validators:
        result = validator.validate(text)
        if not result.is_valid:
            return result.failure_descriptions[0] if result.failure_descriptions else "invalid"
    return None


def field_widgets() -> list[Widget]:
    """The form's widgets in order: each field's label, then its box."""
    widgets: list[Widget] = [
        Label("Status"),
        Select([(s.value, s.value) for s in Status], id="field-status", allow_blank=True),
    ]
    for field, text, placeholder in FIELDS:
        widgets.append(Label(text, id=f"label-{input_id(field)}", markup=False))
        if field == "description":
            area = TextArea(id=input_id(field), soft_wrap=True, show_line_numbers=False)
            area.placeholder = placeholder
            widgets.append(area)
        else:
            widgets.append(
                FieldInput(
                    placeholder=placeholder,
                    id=input_id(field),
                    validators=[Reads(field)],
                    validate_on=["changed", "submitted"],
                )
            )
    return widgets
