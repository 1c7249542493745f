"""Dated check-ins on a node: read its history, find its latest, record a new one as an edit.

Storage: a node's check-ins are one text field, `checkins`, written as a YAML literal block
with one check-in a line, oldest first:

    checkins: |
      2026-10-30 progress=20 health=on-track
      2026-11-30 progress=35 current=14 health=at-risk note="Two teams not on board yet"

A line is a date (YYYY-MM-DD) and any of `progress=N` (0-100), `current=X` (the metric's
value), `health=on-track|at-risk|off-track` and `note="..."` (JSON string quoting). Lines
starting with `#` are comments and are kept. The loader keeps the block as text and this module
parses it on first use, so loading a map with a long history costs almost nothing extra.

The node's `progress` and `metric.current` mirror its latest check-in: `record` sets them, so
every view, export and older reader of the map sees the current values without knowing about
check-ins. A node without check-ins behaves as before.

Typical use:

    from backmap import checkins
    for c in checkins.history(ws, "cut-meetings"):      # oldest first
        print(c.date, c.progress, c.health)
    last = checkins.latest(ws, "cut-meetings")          # None when it has none
    then = checkins.at(ws, "cut-meetings", date(2026, 10, 31))
    edit = checkins.record(ws, "cut-meetings", CheckIn(date.today(), progress=40))
    edit.apply(ws); store.save(ws)                      # or cli.common.apply_and_save

Errors: a malformed line raises `store.LoadError` naming the file and line when the history is
read; `record` refuses with `edits.EditError`; building a `CheckIn` with a bad value raises
ValueError.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from backmap.vocabulary import HEALTHS, Health

if TYPE_CHECKING:
    from backmap.edits import Edit
    from backmap.model import Node, Workspace
    from backmap.store import LoadError

Number = int | float

VALUES: tuple[str, ...] = ("progress", "current", "health", "note")
"""The values a check-in can carry, in the order a line writes them."""

_LINE = re.compile(r"(\S+)((?: +[^\s=]+=(?:\"(?:[^\"\\]|\\.)*\"|[^\s\"]*))*) *")
_PAIR = re.compile(r" +([^\s=]+)=(\"(?:[^\"\\]|\\.)*\"|[^\s\"]*)")
_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_BAD_NOTE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_LIMIT = 10**15


@dataclass(frozen=True)
class CheckIn:
    """One dated check-in: the values the owner gave that day (None: not given).

    Construction validates: progress within 0-100, current within +-10^15 and finite,
    health one of on-track / at-risk / off-track (a `Health` or its text), note on one line.
    """

    date: date
    """The day of the check-in."""
    progress: Number | None = None
    """How far along, 0 to 100."""
    current: Number | None = None
    """The metric's measured value that day."""
    health: Health | None = None
    """The owner's judgement: on-track, at-risk or off-track."""
    note: str | None = None
    """A line of explanation."""

    def __post_init__(self) -> None:
        if not isinstance(self.date, date):
            raise ValueError(f"a check-in's date is a date, not {self.date!r}")
        for name in ("progress", "current"):
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"{name} is a number, not {value!r}")
            if not math.isfinite(value) or abs(value) > _LIMIT:
                raise ValueError(f"{name} {value} is out of range")
        if self.progress is not None and not 0 <= self.progress <= 100:
            raise ValueError(f"progress is from 0 to 100, not {_number_text(self.progress)}")
        if self.health is not None and not isinstance(self.health, Health):
            if self.health not in HEALTHS:
                raise ValueError(f"health is {', '.join(HEALTHS)}; not {self.health!r}")
            object.__setattr__(self, "health", Health(self.health))
        if self.note is not None and (not self.note.strip() or _BAD_NOTE.search(self.note)):
            raise ValueError("a note is text on one line, without control characters")

    @property
    def empty(self) -> bool:
        """Whether it carries no value at all (only a date)."""
        return all(getattr(self, name) is None for name in VALUES)

    def line(self) -> str:
        """The check-in as the one line the map file holds."""
        parts = [self.date.isoformat()]
        if self.progress is not None:
            parts.append(f"progress={_number_text(self.progress)}")
        if self.current is not None:
            parts.append(f"current={_number_text(self.current)}")
        if self.health is not None:
            parts.append(f"health={self.health.value}")
        if self.note is not None:
            parts.append(f"note={json.dumps(self.note, ensure_ascii=False)}")
        return " ".join(parts)


class LineError(ValueError):
    """A check-in line that does not read: `index` is its 0-based line within the block."""

    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index


def _number_text(value: Number) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def parse_line(text: str, index: int = 0) -> CheckIn | None:
    """One line of a `checkins` block as a CheckIn; None for a comment; LineError if it is bad."""
    stripped = text.strip()
    if not stripped or stripped.startswith("#"):
        return None
    match = _LINE.fullmatch(stripped)
    if match is None or not _DATE.fullmatch(match[1]):
        raise LineError(
            index,
            f"`{stripped[:40]}` is not a check-in: a line reads like "
            '`2026-11-30 progress=40 current=12 health=on-track note="..."`',
        )
    try:
        day = date.fromisoformat(match[1])
    except ValueError:
        raise LineError(index, f"`{match[1]}` is not a date (YYYY-MM-DD)") from None
    values: dict[str, object] = {}
    for key, raw in _PAIR.findall(match[2]):
        if key not in VALUES:
            raise LineError(index, f"`{key}` is not a check-in value: use {', '.join(VALUES)}")
        if key in values:
            raise LineError(index, f"`{key}` is given twice")
        values[key] = _value(index, key, raw)
    try:
        return CheckIn(day, **values)  # type: ignore[arg-type]
    except ValueError as exc:
        raise LineError(index, str(exc)) from None


def _value(index: int, key: str, raw: str) -> object:
    if key == "note":
        if not raw.startswith('"'):
            raise LineError(index, 'a note is quoted: note="..."')
        try:
            return json.loads(raw)
        except ValueError:
            raise LineError(index, f"the note {raw[:40]} is not a quoted string") from None
    if key == "health":
        return raw
    if not _NUMBER.fullmatch(raw):
        raise LineError(index, f"{key} is a number, not `{raw}`")
    if "." in raw or "e" in raw.lower():
        return float(raw)
    return int(raw)


@lru_cache(maxsize=65536)
def parse(text: str) -> tuple[CheckIn, ...]:
    """Every check-in of a `checkins` block, sorted by date (stable); LineError if a line is bad."""
    found = []
    for index, line in enumerate(text.split("\n")):
        checkin = parse_line(line, index)
        if checkin is not None:
            found.append(checkin)
    found.sort(key=lambda c: c.date)
    return tuple(found)


def of_node(node: Node) -> tuple[CheckIn, ...]:
    """A node's check-ins, oldest first (empty without any); LineError if a line is bad."""
    return parse(node.checkins) if node.checkins else ()


def history(ws: Workspace, node_id: str) -> list[CheckIn]:
    """The check-ins of a node, oldest first; [] when it has none.

    KeyError for an unknown id; store.LoadError (file, line, what to fix) for a bad line.
    """
    node = ws.node(node_id)
    try:
        return list(of_node(node))
    except LineError as exc:
        raise _load_error(ws, node_id, exc) from None


def latest(ws: Workspace, node_id: str) -> CheckIn | None:
    """The node's most recent check-in, or None. Errors as `history`."""
    found = history(ws, node_id)
    return found[-1] if found else None


def at(ws: Workspace, node_id: str, when: date) -> CheckIn | None:
    """The last check-in on or before `when`, or None. Errors as `history`."""
    before = [c for c in history(ws, node_id) if c.date <= when]
    return before[-1] if before else None


def check_all(ws: Workspace) -> None:
    """Read every node's check-ins; raise store.LoadError listing every bad line."""
    from backmap.store import LoadError

    problems = []
    for node in ws.nodes():
        try:
            of_node(node)
        except LineError as exc:
            problems.extend(_load_error(ws, node.id, exc).problems)
    if problems:
        raise LoadError(problems)


def _load_error(ws: Workspace, node_id: str, exc: LineError) -> LoadError:
    from backmap.store import LoadError, Problem, line_of

    path, first = line_of(ws, node_id)
    line = first
    origin = ws.origins.get(path)
    if origin is not None and first:
        lines = origin.text.split("\n")
        for number in range(first, len(lines)):
            if lines[number].lstrip(" -").startswith("checkins:"):
                line = number + 1 + exc.index + 1
                break
    message = f"check-in of `{node_id}`: {exc}"
    return LoadError([Problem(path, line, 1, message)])


def merged(old: CheckIn | None, new: CheckIn) -> CheckIn:
    """`new` with the values it leaves out taken from `old` (a second check-in the same day)."""
    if old is None:
        return new
    given = {name: getattr(new, name) for name in VALUES if getattr(new, name) is not None}
    return replace(old, **given)


def record(ws: Workspace, node_id: str, checkin: CheckIn) -> Edit:
    """An edit that adds `checkin` to the node's history (it changes nothing until applied).

    A check-in on a day that already has one updates that day's line with the values given.
    When it is the node's latest, the node's `progress` and `metric.current` are set to the
    values it carries. Refuses (edits.EditError) an unknown id, a check-in without any value,
    a `current` on a node without a metric, progress on a node whose progress rolls up from
    its children, and a history whose lines do not read.
    """
    from backmap import edits
    from backmap.checks.rollup import has_children  # the one rule for "progress rolls up"

    node = edits.require(ws, node_id)
    if checkin.empty:
        raise edits.EditError(
            "a check-in records at least one value: progress, current, health or a note"
        )
    if checkin.current is not None and node.metric is None:
        raise edits.EditError(
            f"`{node_id}` has no metric, so a current value has nothing to measure: "
            "give it a metric first"
        )
    if checkin.progress is not None and has_children(ws, node_id):
        raise edits.EditError(
            f"`{node_id}` has items under it, so its progress rolls up from theirs: "
            "check in progress on those items instead"
        )
    lines = node.checkins.rstrip("\n").split("\n") if node.checkins else []
    try:
        parsed = [(i, parse_line(line, i)) for i, line in enumerate(lines)]
    except LineError as exc:
        raise edits.EditError(str(_load_error(ws, node_id, exc))) from None
    dated = [(i, c) for i, c in parsed if c is not None]
    same = next(((i, c) for i, c in dated if c.date == checkin.date), None)
    if same is not None:
        new = merged(same[1], checkin)
        lines[same[0]] = new.line()
    else:
        new = checkin
        after = [i for i, c in dated if c.date <= checkin.date]
        lines.insert(after[-1] + 1 if after else _first_dated(dated, len(lines)), new.line())
    lines = [line for line in lines if line.strip()]
    changes: dict[str, object] = {"checkins": "\n".join(lines) + "\n"}
    if all(c.date <= new.date for _, c in dated):  # the latest: the node's values follow it
        if new.progress is not None:
            changes["progress"] = new.progress
        if new.current is not None and node.metric is not None:
            changes["metric"] = {
                **node.metric.model_dump(exclude_none=True),
                "current": new.current,
            }
    try:
        edit = edits.change(ws, node_id, **changes)
    except edits.EditError:
        raise edits.EditError(f"`{node_id}` already has this check-in") from None
    edit.summary = f"checked in `{node_id}` on {new.date.isoformat()}"
    return edit


def _first_dated(dated: list[tuple[int, CheckIn]], count: int) -> int:
    """Where a check-in older than every other goes: before the first dated line."""
    return dated[0][0] if dated else count
