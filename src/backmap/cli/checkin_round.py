"""`backmap checkin --owner NAME`: one question per value for each open item an owner carries."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from backmap.cli.common import INTERRUPTED, OK, apply_and_save, error
from backmap.plural import plural

if TYPE_CHECKING:
    from backmap.checkins import CheckIn
    from backmap.checkins.rounds import Item
    from backmap.edits import Edit
    from backmap.model import Node, Workspace

HELP = (
    "Enter keeps the value in [brackets] (Enter on every one records nothing), "
    "c confirms it unchanged, s skips this item, q stops (what you answered is saved)"
)
AGAIN = "Enter keeps the value in [brackets], s skips this item, q stops"
"""What a bad answer is followed by: the keys again, not the whole banner."""


class _Skip(Exception):
    """The person typed s: leave this item as it is."""


class _Stop(Exception):
    """The person typed q, or the input ended: save what was answered, ask nothing more."""

    def __init__(self) -> None:
        super().__init__()
        self.edit: Edit | None = None
        """The check-in of the values answered on the item being asked about, if any."""


def run_round(ws: Workspace, owner: str, day: date) -> int:
    """Ask about each open item of `owner`, then save every check-in given in one go."""
    from backmap import checkins
    from backmap.cli.checkin import readable_checkins

    owner = _person(ws, owner)
    items = checkins.open_items(ws, owner)
    if not items:
        raise error(_nobody(ws, owner))
    # Every bad line, before any question.
    readable_checkins(ws, [node.id for node in items], writes=True)
    print(f"Check-in of {owner}'s {plural(len(items), 'open item')} on {day}. {HELP}.")
    steps: list[Any] = []
    done: list[str] = []
    try:
        for number, node in enumerate(items, 1):
            try:
                edit = _item(ws, node, day, f"[{number}/{len(items)}]")
            except _Skip:
                print("  skipped")
                continue
            except _Stop as stop:
                if stop.edit is not None:
                    steps.extend(stop.edit.steps)
                    done.append(node.id)
                print("  stopped" + (": the values answered are recorded" if stop.edit else ""))
                break
            if edit is not None:
                steps.extend(edit.steps)
                done.append(node.id)
                print("  recorded")
    except KeyboardInterrupt:
        # Ctrl-C is no answer: the items answered in full are saved, not the one being asked.
        print()
        _save(ws, owner, day, steps, done)
        saved = plural(len(done), "item")
        print(f"interrupted: {f'saved {saved}' if done else 'nothing saved'}", file=sys.stderr)
        return INTERRUPTED
    print()
    if not done:
        print("no check-in recorded", file=sys.stderr)
        return OK
    _save(ws, owner, day, steps, done)
    return OK


def _save(ws: Workspace, owner: str, day: date, steps: list[Any], done: list[str]) -> None:
    """Save the check-ins of the items answered, as one edit (nothing when there are none)."""
    from backmap.edits import Edit

    if done:
        summary = f"checked in {plural(len(done), 'item')} of {owner} on {day}"
        apply_and_save(ws, lambda: Edit(summary, steps, done[-1]))


def _item(ws: Workspace, node: Node, day: date, number: str) -> Edit | None:
    """Show one item with its last check-in, ask about it; its check-in, or None."""
    from backmap.checkins import describe, rounds
    from backmap.render.labels import title_line

    item = rounds.item(ws, node.id, day)
    print()
    print(f"{number} {node.id}  {title_line(node)}{_facts(node)}")
    print(
        f"  last check-in: {describe(item.last, item.previous)}"
        if item.last
        else "  no check-in yet"
    )
    return _ask(ws, item, day)


def _person(ws: Workspace, name: str) -> str:
    """The owner as the maps write them: with a people file, a name or handle becomes the
    person's id, as `add --owner` and `set --owner` write it."""
    found = ws.people.resolve(name) if ws.people is not None else None
    return found or name


def _nobody(ws: Workspace, owner: str) -> str:
    """Why a round has nothing to ask, with the owner most likely meant."""
    from backmap.suggest import Suggester

    owners = sorted({n.owner for n in ws.nodes() if n.owner})
    guess = Suggester(owners)(owner)
    if guess is None and ws.people is not None:
        guess = ws.people.closest(owner)
    hint = f"; did you mean {guess}?" if guess and guess != owner else ""
    who = f"owners here: {', '.join(owners)}" if owners else "no item has an owner yet"
    return f"no open item in this map is owned by {owner!r}{hint} ({who})"


def _facts(node: Node) -> str:
    facts = [node.kind.value]
    if node.status is not None:
        facts.append(node.status.value)
    if node.due is not None:
        facts.append(f"due {node.due}")
    return f"  ({', '.join(facts)})"


def _ask(ws: Workspace, item: Item, day: date) -> Edit | None:
    """The check-in for one item from the answers, or None when there is nothing to record
    (rounds.answer decides, as in the editor: Enter on every value records nothing)."""
    from backmap.checkins.rounds import CONFIRM, answer

    typed: dict[str, str] = {}
    try:
        for question in item.questions:
            typed[question.name] = text = _value(question.name, question.kept, question.label)
            if text == CONFIRM:  # the values not asked yet stand as they are too
                break
    except _Stop as stop:
        # q after some answers: they count, the values not asked yet stand (as Enter keeps).
        checkin = answer(item, typed, day) if typed else None
        if checkin is not None:
            stop.edit = _recorded(ws, item, checkin)
        raise
    checkin = answer(item, typed, day)
    if checkin is None:
        print("  nothing to record")
        return None
    return _recorded(ws, item, checkin)


def _recorded(ws: Workspace, item: Item, checkin: CheckIn) -> Edit | None:
    """The edit recording `checkin`, or None (said) when the map refuses it."""
    from backmap import checkins, edits

    try:
        return checkins.record(ws, item.node.id, checkin)
    except edits.EditError as exc:
        print(f"  not recorded: {exc}")
        return None


def _value(name: str, kept: Any, label: str | None = None) -> str:
    """Ask for one value until what is typed reads (empty: Enter keeps `kept`); the text."""
    from backmap import checkins
    from backmap.checkins.rounds import CONFIRM

    shown = "" if kept is None else f" [{getattr(kept, 'value', kept)}]"
    while True:
        print(f"  {label or name}{shown}: ", end="", flush=True)
        line = sys.stdin.readline()
        if not line:
            print()
            raise _Stop()
        if not sys.stdin.isatty():
            print(line.rstrip("\n"))  # echo piped answers, so the transcript reads as typed
        text = line.strip()
        if text == "s":
            raise _Skip()
        if text == "q":
            raise _Stop()
        if not text or (text == CONFIRM and name != "note"):
            return text
        try:
            checkins.value_from_text(name, text)
            return text
        except ValueError as exc:
            print(f"  {exc}; {AGAIN}")
