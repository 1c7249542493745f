"""A check-in round as data: what to ask about each open item of an owner, and what the
answers record. The editor's check-in mode shows it; Enter on an empty answer keeps a value,
Enter on every one records nothing, and `c` records the values unchanged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from backmap.checkins.lines import CheckIn, value_from_text

if TYPE_CHECKING:
    from backmap.model import Node, Workspace


@dataclass(frozen=True)
class Question:
    """One value asked about an item."""

    name: str
    """progress, current, health or note."""
    label: str
    """How it is asked, e.g. "current (sign-ups, %)"."""
    kept: Any
    """What an empty answer keeps (None: nothing is recorded for it)."""


@dataclass(frozen=True)
class Item:
    """One open item of the round, with its last check-ins and the questions it gets."""

    node: Node
    last: CheckIn | None
    """Where its history leaves it (checkins.standing), None without a check-in before the day."""
    previous: CheckIn | None
    """The check-in before the last one, to show how the last one moved."""
    questions: tuple[Question, ...]


def owners(ws: Workspace) -> list[tuple[str, int]]:
    """Each owner with open items, and how many, in map order of their first item."""
    from backmap.checkins import open_items

    seen = dict.fromkeys(n.owner for n in ws.nodes() if n.owner)
    counted = [(owner, len(open_items(ws, owner))) for owner in seen if owner]
    return [(owner, count) for owner, count in counted if count]


def item(ws: Workspace, node_id: str, day: date) -> Item:
    """What to ask about `node_id` on `day`. store.LoadError when its history does not read."""
    from backmap.checkins import history, standing
    from backmap.graph import has_children

    node = ws.node(node_id)
    found = [c for c in history(ws, node_id) if c.date <= day]
    last = standing(found)

    def kept(name: str, fallback: Any) -> Any:
        value = getattr(last, name, None) if last is not None else None
        return fallback if value is None else value

    questions = []
    if not has_children(ws, node_id):  # else progress rolls up: nothing to ask
        questions.append(Question("progress", "progress", kept("progress", node.progress)))
    if node.metric is not None:
        unit = f", {node.metric.unit}" if node.metric.unit else ""
        label = f"current ({node.metric.name}{unit})"
        questions.append(Question("current", label, kept("current", node.metric.current)))
    questions.append(Question("health", "health (on/at/off-track)", kept("health", None)))
    questions.append(Question("note", "note", None))
    return Item(node, last, found[-2] if len(found) > 1 else None, tuple(questions))


CONFIRM = "c"
"""Typed as a value (not the note): the values stand as they are, and that is recorded."""


def answer(item: Item, typed: dict[str, str], day: date) -> CheckIn | None:
    """The check-in the typed answers make (an empty answer keeps its question's value), or
    None when nothing is left to record. Nothing typed at all is nothing to record: a check-in
    that only repeats the last one would say the item was looked at when it was not. CONFIRM
    in a value's answer records the values as they stand. ValueError (from the value's
    reader) for bad text."""
    texts = {q.name: typed.get(q.name, "").strip() for q in item.questions}
    if not any(texts.values()):
        return None
    values: dict[str, Any] = {}
    for question in item.questions:
        text = texts[question.name]
        if text == CONFIRM and question.name != "note":
            text = ""
        values[question.name] = value_from_text(question.name, text) if text else question.kept
    given = {name: value for name, value in values.items() if value is not None}
    return CheckIn(day, **given) if given else None
