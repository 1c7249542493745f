"""One check-in as a value: its date and what the owner gave that day, checked as it is made."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date

from backmap.vocabulary import HEALTHS, Health

Number = int | float

VALUES: tuple[str, ...] = ("progress", "current", "health", "note")
"""The values a check-in can carry, in the order a line writes them."""

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
        if self.note is not None and not self.note.strip():
            raise ValueError("a note needs some text: leave it out to record none")
        if self.note is not None and _BAD_NOTE.search(self.note):
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
    """A check-in line that does not read: `index` is its 0-based line within the block,
    `column` the 0-based offset, within the line without its indentation, of what is wrong."""

    def __init__(self, index: int, message: str, column: int = 0) -> None:
        super().__init__(message)
        self.index = index
        self.column = column


def _number_text(value: Number) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)
