"""The text of check-ins: a line or a whole block read into CheckIn values (see record)."""

from __future__ import annotations

import json
import re
from datetime import date
from operator import attrgetter

from backmap import fields
from backmap.checkins.record import VALUES as VALUES
from backmap.checkins.record import CheckIn as CheckIn
from backmap.checkins.record import LineError as LineError
from backmap.vocabulary import HEALTHS, Health

_LINE = re.compile(r"(\S+)((?: +[^\s=]+=(?:\"(?:[^\"\\]|\\.)*\"|[^\s\"]*))*) *")
_PAIR = re.compile(r" +([^\s=]+)=(\"(?:[^\"\\]|\\.)*\"|[^\s\"]*)")
_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def parse_line(text: str, index: int = 0) -> CheckIn | None:
    """One line of a `checkins` block as a CheckIn; None for a comment; LineError if it is bad."""
    stripped = text.strip()
    if not stripped or stripped.startswith("#"):
        return None
    written = _written(stripped)
    if written is not None:
        return written
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
    columns: dict[str, int] = {}
    for pair in _PAIR.finditer(match[2]):
        key, raw = pair[1], pair[2]
        column = match.start(2) + pair.start(1)
        if key not in VALUES:
            raise LineError(
                index, f"`{key}` is not a check-in value: use {', '.join(VALUES)}", column
            )
        if key in values:
            raise LineError(index, f"`{key}` is given twice", column)
        try:
            values[key] = _value(index, key, raw)
        except LineError as exc:
            raise LineError(index, str(exc), column) from None
        columns[key] = column
    try:
        return CheckIn(day, **values)  # type: ignore[arg-type]
    except ValueError as exc:
        raise LineError(index, str(exc), _culprit(day, values, columns)) from None


def _culprit(day: date, values: dict[str, object], columns: dict[str, int]) -> int:
    """Where the value a CheckIn refuses is written on its line (0: the line as a whole)."""
    for key, value in values.items():
        try:
            CheckIn(day, **{key: value})  # type: ignore[arg-type]
        except ValueError:
            return columns[key]
    return 0


def errors(text: str) -> list[LineError]:
    """Every mistake of a `checkins` block, in order ([] when all read): each line that does
    not read, and on it each value after the first that does not read either."""
    found = []
    for index, line in enumerate(text.split("\n")):
        try:
            parse_line(line, index)
        except LineError as exc:
            found.append(exc)
            found += _later_values(line.strip(), index, exc.column)
    return found


def _later_values(stripped: str, index: int, after: int) -> list[LineError]:
    """The values written after column `after` of a bad line that are bad on their own."""
    match = _LINE.fullmatch(stripped)
    if match is None or not _DATE.fullmatch(match[1]):
        return []  # not a check-in at all: one message says so
    found = []
    seen: set[str] = set()
    for pair in _PAIR.finditer(match[2]):
        key, raw = pair[1], pair[2]
        column = match.start(2) + pair.start(1)
        repeated = key in seen
        seen.add(key)
        if column <= after:
            continue  # read before the first mistake, or that mistake itself
        if key not in VALUES:
            found.append(
                LineError(
                    index, f"`{key}` is not a check-in value: use {', '.join(VALUES)}", column
                )
            )
        elif repeated:
            found.append(LineError(index, f"`{key}` is given twice", column))
        else:
            try:
                CheckIn(date(2000, 1, 1), **{key: _value(index, key, raw)})  # type: ignore[arg-type]
            except ValueError as exc:  # LineError is one
                found.append(LineError(index, str(exc), column))
    return found


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


def value_from_text(name: str, text: str) -> object:
    """A check-in value typed by a person (`40`, `35%`, `12.5`, `at-risk`, any note); ValueError
    if bad. Numbers are read by `fields`, as `set` and the editor read them; health also takes
    its first word (`on`, `at`, `off`). CheckIn then checks the value (a number's range).
    """
    text = text.strip()
    if name == "note":
        value: object = text
    elif name == "health":
        words = {h.split("-")[0]: h for h in HEALTHS}
        value = words.get(text.lower(), text.lower())
    elif name in ("progress", "current"):
        value = fields.read("progress" if name == "progress" else "metric.current", text)
        if value is None:  # no text: nothing to record
            raise ValueError(f"{name} is a number; leave it out to keep it as it is")
    else:
        raise ValueError(f"`{name}` is not a check-in value: use {', '.join(VALUES)}")
    CheckIn(date.min, **{name: value})  # type: ignore[arg-type]
    return value


def last_health(text: str) -> Health | None:
    """The health the latest check-in that gives one says, reading lines from the end.

    Cheap enough for every node of a large map: the text is searched from its end for the
    last line that names a health, usually the last line. Lines are kept in date order
    (`record` writes them so); it reads the health written before any note.
    """
    end = len(text)
    while (found := text.rfind(" health=", 0, end)) >= 0:
        start = text.rfind("\n", 0, found) + 1
        end = start
        at = text.find(" health=", start, found + 8)  # the line's first
        if text.find('"', start, at) >= 0:
            continue  # in a note
        word = _HEALTH_WORD.match(text, at + 8)
        if word is not None:
            return _HEALTH[word[1]]
    return None


_HEALTH_WORD = re.compile(r"(on-track|at-risk|off-track)(?:\s|\Z)")


# A line as `CheckIn.line` writes it, with values that need no further test: progress 0-100
# as digits, a plain decimal current, a health word, a note without escapes or characters a
# note may not hold. Any other line, good or bad, takes the general reading of `parse_line`.
_WRITTEN = re.compile(
    r"(\d{4}-\d\d-\d\d)"
    r"(?: progress=(\d{1,3}(?:\.\d{1,15})?))?"
    r"(?: current=(-?\d{1,15}(?:\.\d{1,15})?))?"
    r"(?: health=(on-track|at-risk|off-track))?"
    r'(?: note="([^"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]*)")?'
)
_HEALTH = {h.value: h for h in Health}
_new = object.__new__


def _written(line: str) -> CheckIn | None:
    """The check-in of a line as backmap writes it, built without a second validation; None
    when the line needs the general reading (another layout, or a value out of range)."""
    match = _WRITTEN.fullmatch(line)
    if match is None:
        return None
    text, progress, current, health, note = match.groups()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    fields: dict[str, object] = {"date": day, "progress": None, "current": None}
    if progress is not None:
        value = float(progress) if "." in progress else int(progress)
        if value > 100:
            return None
        fields["progress"] = value
    if current is not None:
        fields["current"] = float(current) if "." in current else int(current)
    fields["health"] = None if health is None else _HEALTH[health]
    if note is not None and not note.strip():
        return None
    fields["note"] = note
    checkin: CheckIn = _new(CheckIn)
    checkin.__dict__.update(fields)
    return checkin


_PARSED: dict[str, tuple[CheckIn, ...]] = {}
_PARSED_MAX = 65536


def parse(text: str) -> tuple[CheckIn, ...]:
    """Every check-in of a `checkins` block, sorted by date (stable); LineError if a line is bad.

    Remembered by text: the rules, the roll-up and the report all read the same histories. A
    block that is a remembered one plus a line (a month's check-in: the two sides of a `diff`
    or `status --since`) reads only that line.
    """
    found = _PARSED.get(text)
    if found is not None:
        return found
    cut = text.rfind("\n", 0, len(text) - 1) + 1
    earlier = _PARSED.get(text[:cut]) if cut else None
    if earlier is None:
        found = _read(text, 0)
    else:
        added = _read(text[cut:], text.count("\n", 0, cut))
        if not earlier or not added or added[0].date >= earlier[-1].date:
            found = earlier + added  # the usual month: what sorting would give
        else:
            # Stable: the earlier lines' check-ins keep their order among equal dates, as in
            # one read.
            found = tuple(sorted((*earlier, *added), key=_day))
    if len(_PARSED) >= _PARSED_MAX:
        _PARSED.clear()
    _PARSED[text] = found
    return found


_day = attrgetter("date")  # the sort key, read in C


_LINES: dict[str, CheckIn] = {}
"""Check-ins by the line that reads as them. A map's lines repeat (the same day, values and
health on many items), and a CheckIn is immutable: one read serves every copy of a line."""


def _read(text: str, first: int) -> tuple[CheckIn, ...]:
    """The check-ins of `text`, whose first line is line `first` of its block, sorted by date."""
    lines = text.split("\n")
    if not lines[-1]:
        lines.pop()  # the block's last line break: nothing after it
    found: list[CheckIn | None] = list(map(_LINES.get, lines))  # most lines were read before
    if not all(found):  # a line not read yet, a comment or a blank line (a CheckIn is true)
        for index, checkin in enumerate(found):
            if checkin is None:
                line = lines[index]
                checkin = parse_line(line, first + index)
                if checkin is not None:  # a comment or a blank line reads as None
                    if len(_LINES) >= _PARSED_MAX:
                        _LINES.clear()
                    found[index] = _LINES[line] = checkin
        found = [checkin for checkin in found if checkin is not None]
    found.sort(key=_day)  # stable, and linear on lines already in date order
    return tuple(found)  # type: ignore[arg-type]  # no None left
