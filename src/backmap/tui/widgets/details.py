"""The selected node's fields, editable in place; each accepted field posts one message."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.validation import Function, ValidationResult, Validator
from textual.widgets import Input, Label, Select

from backmap.model import Node, Status

# (field, label, placeholder); status is a Select, the rest are one-line inputs.
FIELDS = [
    ("title", "Title", "A short statement"),
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


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _is_progress(text: str) -> bool:
    return not text or (_is_number(text) and 0 <= float(text) <= 100)


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return not text
    return True


VALIDATORS: dict[str, list[Validator]] = {
    "title": [Function(bool, "A title is required")],
    "progress": [Function(_is_progress, "A number from 0 to 100")],
    "due": [Function(_is_date, "A date like 2027-03-31")],
    "metric.current": [Function(lambda t: not t or _is_number(t), "A number")],
    "metric.baseline": [Function(lambda t: not t or _is_number(t), "A number")],
    "metric.target": [Function(lambda t: not t or _is_number(t), "A number")],
}


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


class Details(VerticalScroll):
    """A form for one node; Enter in a field asks the app to apply that change."""

    DEFAULT_CSS = """
    Details { height: 1fr; padding: 0 1; }
    Details Label { margin-top: 0; color: $text-muted; }
    Details Input, Details Input:focus { height: 1; border: none; padding: 0 1; }
    Details Input { background: $boost; }
    Details Input:focus { background: $primary 30%; }
    Details Input.-invalid { background: $error 30%; }
    Details #heading { margin-top: 0; color: $text; text-style: bold; }
    """

    class FieldEdited(Message):
        """The user entered a new value for one field of a node."""

        def __init__(self, node_id: str, field: str, text: str) -> None:
            super().__init__()
            self.node_id, self.field, self.text = node_id, field, text

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.node_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Label("Nothing selected", id="heading", markup=False)
        yield Label("Status")
        yield Select([(s.value, s.value) for s in Status], id="field-status", allow_blank=True)
        for field, text, placeholder in FIELDS:
            yield Label(text)
            yield Input(
                placeholder=placeholder,
                id=_input_id(field),
                validators=VALIDATORS.get(field, []),
                validate_on=["changed", "submitted"],
            )

    def show(self, node: Node | None) -> None:
        """Fill the form from a node (or clear it)."""
        self.node_id = node.id if node else None
        heading = self.query_one("#heading", Label)
        heading.update(f"{node.kind.value} · {node.id}" if node else "Nothing selected")
        select = self.query_one("#field-status", Select)
        with select.prevent(Select.Changed):
            select.value = node.status.value if node and node.status else Select.NULL
        for field, _, _ in FIELDS:
            box = self.query_one(f"#{_input_id(field)}", Input)
            with box.prevent(Input.Changed):
                box.value = shown(node, field) if node else ""
            box.disabled = node is None
        select.disabled = node is None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.node_id is None or event.input.id is None:
            return
        if event.validation_result is not None and not event.validation_result.is_valid:
            self.notify(_first_failure(event.validation_result), severity="error", markup=False)
            return
        field = event.input.id.removeprefix("field-").replace("--", ".").replace("-", "_")
        self.post_message(self.FieldEdited(self.node_id, field, event.value))

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if self.node_id is None:
            return
        value = "" if event.value is Select.NULL else str(event.value)
        self.post_message(self.FieldEdited(self.node_id, "status", value))


def _input_id(field: str) -> str:
    return "field-" + field.replace(".", "--").replace("_", "-")


def _first_failure(result: ValidationResult) -> str:
    return result.failure_descriptions[0] if result.failure_descriptions else "Invalid value"
