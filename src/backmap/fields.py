"""Reading a node's field values from typed text, for the command line, the editor and import.

The public API:

- `read(field, text)` is one field's typed value, with empty text meaning "clear it" (None, or
  an empty list for list fields); FIELDS lists the fields it knows.
- `changes(typed, metric)` turns several fields' typed text into the keyword arguments of
  `edits.change`, joining the `owners` form and the metric parts into the node's own fields.
- `read_date(text)` is a YYYY-MM-DD date for any option or column that takes one, and
  `no_such_date(text)` says why a date of that shape does not exist (the loader uses it too).

They raise `FieldError` naming the field and saying, in words that fit beside the field or after
an option name, what is wrong. Kept free of pydantic, so the command line's parser can use it
before anything heavy is imported; what only the model knows (control characters, the metric
number range) is still checked when the edit is built.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from backmap.vocabulary import KINDS, STATUSES, Kind, Status

METRIC_PARTS = ("name", "unit", "baseline", "target", "current")
FIELDS: tuple[str, ...] = (
    "title",
    "description",
    "owner",
    "sub_owner",
    "owners",
    "status",
    "kind",
    "progress",
    "due",
    "tags",
    "links",
    "paths",
    "supports",
    "personal",
    "ignore",
    "checkins",
    *(f"metric.{part}" for part in METRIC_PARTS),
)
"""Every field `read` knows. `owners` is the `@owner/sub-owner` form that `backmap tree` shows;
`metric.<part>` is one part of the node's metric."""

YES = ("yes", "true", "y", "x", "1", "personal")
NO = ("no", "false", "n", "0")
"""How a sheet or an outline says yes or no (`personal`): a spreadsheet's TRUE, a tick `x`."""
_RULE_CODE = re.compile(r"BM\d{3}")

_DATE_EXAMPLE = "2027-03-31"
_DATE_SHAPE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_OTHER_ORDER = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})")


class FieldError(ValueError):
    """Typed text that is not a value of its field."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        """The field the text was typed for, as named in FIELDS."""
        self.reason = reason
        """What is wrong, without naming the field: "'lots' is not a number from 0 to 100"."""


def read(field: str, text: str) -> Any:
    """The value of `field` typed as `text` (surrounding spaces aside; empty text clears it).

    title, description, owner, sub_owner, metric.name, metric.unit: str or None.
    owners: (owner, sub_owner), each str or None. status: Status or None. kind: Kind.
    progress: int or float from 0 to 100 ("35" or "35%"), or None. due: date or None.
    tags, links, paths, supports: list of str (comma-separated). metric.baseline|target|current: int
    or float, or None. personal: bool or None (YES, NO). ignore: list of rule codes (BM201).
    checkins: the block's text, its lines as written and a line break ending it, or None (each
    line is checked by backmap.checkins, which reads this module).
    """
    text = text.strip()
    if field == "title":
        if not text:
            raise FieldError(
                field, "a title cannot be blank: write a few words that say what it is"
            )
        return text
    if field in ("description", "owner", "sub_owner", "metric.name", "metric.unit"):
        return text or None
    if field == "owners":
        return _owners(text)
    if field == "status":
        return _choice(field, text, STATUSES, Status, "a status") if text else None
    if field == "kind":
        if not text:
            raise FieldError(field, f"a node always has a kind: {_either(KINDS)}")
        return _choice(field, text, KINDS, Kind, "a kind")
    if field == "progress":
        return _progress(text) if text else None
    if field == "due":
        return read_date(text, field) if text else None
    if field in ("tags", "links", "paths"):
        return [part.strip() for part in text.split(",") if part.strip()]
    if field == "supports":
        return [part for part in re.split(r"[\s,]+", text) if part]
    if field == "personal":
        return _yes_or_no(field, text) if text else None
    if field == "ignore":
        return [_rule_code(field, part) for part in re.split(r"[\s,;]+", text) if part]
    if field == "checkins":
        # As `backmap checkin` writes a block: one line each, a line break after the last.
        return text.replace("\r\n", "\n") + "\n" if text else None
    if field in ("metric.baseline", "metric.target", "metric.current"):
        return _number(field, text, "a number") if text else None
    raise FieldError(field, f"no field is called {field!r}; the fields are {', '.join(FIELDS)}")


def changes(typed: Mapping[str, str], metric: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Node changes from typed text by field: keyword arguments for `edits.change`.

    `owners` sets both owner and sub_owner; the `metric.<part>` fields join `metric` (the node's
    metric as it is now, a mapping of its parts, or None) into one `metric` value, a mapping, or
    None when the metric's name is cleared. A metric is known by its name: a unit or a number
    for a node without a metric, and no name typed with it, is refused.
    """
    out: dict[str, Any] = {}
    parts: dict[str, Any] = {}
    for field, text in typed.items():
        value = read(field, text)
        if field == "owners":
            out["owner"], out["sub_owner"] = value
        elif field.startswith("metric."):
            parts[field.removeprefix("metric.")] = value
        else:
            out[field] = value
    if parts:
        out["metric"] = _metric(metric, parts)
    return out


def read_date(text: str, field: str = "due") -> date:
    """A date written YYYY-MM-DD that exists; the refusal says which part is wrong."""
    found = _DATE_SHAPE.fullmatch(text.strip())
    if found is None:
        said = f"{_quoted(text)} is not a date like {_DATE_EXAMPLE} (YYYY-MM-DD)"
        raise FieldError(field, said + date_hint(text.strip()))
    missing = no_such_date(found.group(0))
    if missing:
        raise FieldError(field, missing)
    year, month, day = (int(part) for part in found.groups())
    try:
        return date(year, month, day)
    except ValueError as exc:  # year 0000
        raise FieldError(field, f"{found.group(0)} is not a date: {exc}") from None


def date_hint(text: str) -> str:
    """'; write 2027-03-31' for a date in another order that reads one way only (31/03/2027,
    03/31/2027, 2027/03/31); nothing when two ways read (03/04/2027: which is the month?)."""
    found = _YEAR_FIRST.fullmatch(text)
    if found is not None:
        year, month, day = (int(part) for part in found.groups())
        written = f"{year:04d}-{month:02d}-{day:02d}"
        return "" if no_such_date(written) else f"; write {written}"
    found = _OTHER_ORDER.fullmatch(text)
    if found is None:
        return ""
    first, second, year = (int(part) for part in found.groups())
    readings = {
        f"{year:04d}-{month:02d}-{day:02d}"
        for day, month in ((first, second), (second, first))
        if 1 <= month <= 12 and no_such_date(f"{year:04d}-{month:02d}-{day:02d}") is None
    }
    return f"; write {readings.pop()}" if len(readings) == 1 else ""


def no_such_date(text: str) -> str | None:
    """Why a date written YYYY-MM-DD does not exist (no such month, or day of that month),
    or None. The loader says the same of a date in a file."""
    found = _DATE_SHAPE.fullmatch(text)
    if found is None:
        return None
    year, month, day = (int(part) for part in found.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month}; write YYYY-MM-DD, like {year:04d}-03-31"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{text} does not exist, {calendar.month_name[month]} {year} has {days} days"
    return None


def _quoted(text: str) -> str:
    """Typed text as a reason quotes it: long text is cut, so the reason stays readable."""
    text = text.strip()
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _owners(text: str) -> tuple[str | None, str | None]:
    """'@dana/lee' (as `tree` shows owners), 'dana/lee' or 'dana'; '' clears both."""
    owner, _, sub_owner = text.removeprefix("@").partition("/")
    return owner.strip() or None, sub_owner.strip().removeprefix("@").strip() or None


def _choice(field: str, text: str, words: tuple[str, ...], enum: Any, what: str) -> Any:
    word = text.lower()
    if word not in words:
        raise FieldError(field, f"{_quoted(text)} is not {what}: choose from {', '.join(words)}")
    return enum(word)


def _yes_or_no(field: str, text: str) -> bool:
    word = text.lower()
    if word in YES or word in NO:
        return word in YES
    raise FieldError(field, f"{_quoted(text)} is not yes or no: write yes (or true, x) or no")


def _rule_code(field: str, text: str) -> str:
    code = text.upper()
    if _RULE_CODE.fullmatch(code) is None:
        raise FieldError(field, f"{_quoted(text)} is not a rule code like BM201")
    return code


def _either(words: tuple[str, ...]) -> str:
    return ", ".join(words[:-1]) + " or " + words[-1]


def _progress(text: str) -> int | float:
    expected = "a number from 0 to 100"
    number = _number("progress", text.removesuffix("%").rstrip(), expected, shown=text)
    if not 0 <= number <= 100:
        raise FieldError("progress", f"{_quoted(text)} is not {expected}")
    return number


def _number(field: str, text: str, expected: str, shown: str | None = None) -> int | float:
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        typed = text if shown is None else shown
        raise FieldError(field, f"{_quoted(typed)} is not {expected}")
    return int(number) if number.is_integer() else number


def _metric(metric: Mapping[str, Any] | None, parts: dict[str, Any]) -> dict[str, Any] | None:
    if "name" in parts and parts["name"] is None:
        return None  # the name is the metric: clearing it clears the metric
    data = {**(metric or {}), **parts}
    if not data.get("name"):
        field = next(f"metric.{part}" for part in parts)
        raise FieldError(field, f"name the metric first, then its {field.removeprefix('metric.')}")
    return {key: value for key, value in data.items() if value is not None}
