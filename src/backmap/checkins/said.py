"""Check-ins told to people: a line of the CLI's and the editor's history view."""

from __future__ import annotations

from backmap.checkins.lines import CheckIn


def describe(checkin: CheckIn, previous: CheckIn | None) -> str:
    """One check-in for people (the CLI and the editor): its date, values, and how each moved
    since `previous`."""
    parts = [checkin.date.isoformat()]
    if checkin.progress is not None:
        parts.append(f"{_num(checkin.progress)}%" + _delta(checkin.progress, previous, "progress"))
    if checkin.current is not None:
        parts.append(
            f"current {_num(checkin.current)}" + _delta(checkin.current, previous, "current")
        )
    if checkin.health is not None:
        parts.append(checkin.health.value)
    if checkin.note is not None:
        parts.append(f"“{checkin.note}”")
    return "  ".join(parts)


def _delta(value: float, previous: CheckIn | None, name: str) -> str:
    before = getattr(previous, name, None) if previous is not None else None
    if before is None or before == value:
        return ""
    change = value - before
    return f" ({'+' if change > 0 else ''}{_num(change)})"


def _num(value: float) -> str:
    rounded = round(value, 2)
    return str(int(rounded)) if float(rounded).is_integer() else str(rounded)
